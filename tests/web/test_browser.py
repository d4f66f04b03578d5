"""Browser tests: Playwright drives Debian's Chromium through the pages, as a person would."""

from __future__ import annotations

import pytest

from .conftest import shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "name"), [("/", "overview"), ("/parliament", "parliament"), ("/profiles", "profiles")])
def test_each_page_in_both_languages(page, path, name):
    page.goto(path + "?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, f"{name}-en")
    page.click('header .lang a[data-lang="de"]')
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("header nav").inner_text().startswith("Überblick")
    shot(page, f"{name}-de")
    page.click('header .lang a[data-lang="en"]')


def test_hemicycles_have_107_and_47_seats(page):
    page.goto("/parliament?lang=en")
    assert page.locator('[data-chamber="mazhilis"] circle.seat').count() == 107
    assert page.locator('[data-chamber="senate"] circle.seat').count() == 47
    assert page.locator('[data-chamber="mazhilis"] g.threshold').count() == 3
    page.select_option('select[name="colour"]', "party")
    page.click("form.inline button")
    page.wait_for_load_state()
    assert page.locator('[data-chamber="mazhilis"] g.group').count() == 4
    shot(page, "parliament-party")


def test_profile_diff_by_form(page):
    page.goto("/profiles?lang=en")
    page.fill('input[name="b"]', "seed+elections.mazhilis.method=dhondt")
    page.click("form.inline button")
    page.wait_for_load_state()
    assert "elections.mazhilis.method" in page.locator("table.diff").inner_text()
