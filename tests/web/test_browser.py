"""Browser tests: Playwright drives Debian's Chromium through the pages, as a person would."""

from __future__ import annotations

import pytest

from .conftest import shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "name"),
    [("/", "overview"), ("/parliament", "parliament"), ("/elections", "elections"), ("/bills", "bills"),
     ("/power", "power"), ("/profiles", "profiles"), ("/simulations", "simulations")],
)
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
    page.click("#compare-form button")
    page.wait_for_load_state()
    assert "elections.mazhilis.method" in page.locator("table.diff").inner_text()


def test_walk_a_bill_from_introduction_to_law_by_clicking(page):
    page.goto("/bills?lang=en")
    shot(page, "bills-en")
    form = page.locator('form.act[data-act="introduce"]')
    form.locator('input[name="matter"]').fill("B77")
    form.locator('input[name="date"]').fill("2012-06-01")
    form.locator('select[name="p.initiator"]').select_option("government")
    form.locator('input[name="p.title"]').fill("On museums")
    form.locator("button").click()
    page.wait_for_url("**/bills/B77?lang=en")
    assert page.locator(".status").first.get_attribute("data-state") == "in_mazhilis"
    for chamber, votes, day in (("mazhilis", ("80", "27"), "2012-06-05"), ("senate", ("40", "7"), "2012-06-20")):
        form = page.locator('form.act[data-act="vote"]')
        form.locator('input[name="date"]').fill(day)
        form.locator(f'input[name="v.{chamber}.for"]').fill(votes[0])
        form.locator(f'input[name="v.{chamber}.against"]').fill(votes[1])
        form.locator("button").click()
        page.wait_for_load_state()
    assert page.locator(".status").first.get_attribute("data-state") == "with_president"
    form = page.locator('form.act[data-act="sign"]')
    form.locator('input[name="date"]').fill("2012-06-25")
    form.locator("button").click()
    page.wait_for_load_state()
    assert page.locator(".status").first.get_attribute("data-state") == "law"
    trail = page.locator("ol.trail").inner_text()
    assert "80 of 107 in favour, 72 required" in trail and "40 of 47 in favour, 32 required" in trail
    shot(page, "bill-law-en")
    page.click('header .lang a[data-lang="de"]')
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"
    shot(page, "bill-law-de")


def test_an_illegal_act_shows_the_rule(page):
    page.goto("/bills?lang=en")
    form = page.locator('form.act[data-act="introduce"]')
    form.locator('input[name="matter"]').fill("B78")
    form.locator('input[name="date"]').fill("1999-01-01")
    form.locator("button").click()
    page.wait_for_load_state()
    assert "before the previous step" in page.locator("[role=alert]").inner_text()


def test_power_page_compares_profiles(page):
    page.goto("/power?lang=en")
    assert page.locator('tr[data-label="president"] td').first.inner_text() == "0.0000"
    page.select_option('select[name="profile"]', "majority")
    page.click("form.inline button")
    page.wait_for_load_state()
    assert page.locator('tr[data-label="president"] td').first.inner_text() == "0.1647"
    shot(page, "power-majority")


def test_run_an_election_and_a_forecast(page):
    page.goto("/elections?lang=en")
    page.click("form.election button")
    page.wait_for_load_state()
    assert page.locator('#seats-result tr[data-party="Nur Otan"] td.won').inner_text() == "76"
    assert page.locator("#seats-result circle.seat").count() == 107
    shot(page, "elections-seats")
    page.fill('#forecast-form input[name="draws"]', "20000")
    page.click("#forecast-form button")
    page.wait_for_selector("#forecast-result svg.distribution", timeout=60_000)
    assert "✓" in page.locator("#forecast-status").inner_text()
    assert page.locator("#forecast-result table.forecast tbody tr").count() == 4
    shot(page, "elections-forecast")


def test_the_constitution_as_of_a_date(page):
    page.goto("/profiles?lang=en")
    page.fill('#as-of-form input[name="as_of"]', "2000-01-01")
    page.click("#as-of-form button")
    page.wait_for_load_state()
    assert page.locator("#version-in-force").inner_text() == "1999"  # kz: the Mazhilis of 10 Oct 1999
    assert page.locator("table.timeline tr.current").count() == 1
    shot(page, "profiles-as-of-2000")
