"""Every page in a real browser, EN and DE, on a desktop (1366 px) and a phone (390 px):
no sideways scrolling on the phone, and axe-core finds no serious or critical violation, error
pages included; with ``RESPUBLIKA_SCREENSHOTS=1``, a full-page screenshot of each into
``artifacts/screenshots/`` (``bill-de-mobile.png``).

One browser and one page for all of it (one and a half minutes here; the screenshots add
about 70 s)."""

from __future__ import annotations

import os
from typing import Any

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PAGES = [
    ("overview", "/"),
    ("parliament", "/parliament"),
    ("elections", "/elections"),
    ("bills", "/bills"),
    ("bill", "/bills/B2"),
    ("power", "/power"),
    ("profiles", "/profiles"),
    ("profiles-diff", "/profiles?a=seed&b=kz%402012-01-01"),
    ("simulations", "/simulations"),
    ("cite-sentence", "/cite/S22"),
    ("cite-assumption", "/cite/A1"),
    ("cite-article", "/cite/Law%20254-III%20(2007)?profile=kz"),
    ("error-404", "/no-such-page"),
    ("error-404-bill", "/bills/NO-SUCH-BILL"),
    ("error-422", "/parliament?start=abc"),
]
SIZES = {"desktop": {"width": 1366, "height": 900}, "mobile": {"width": 390, "height": 844}}
SERIOUS = ("serious", "critical")
SCREENSHOTS = os.environ.get("RESPUBLIKA_SCREENSHOTS", "") not in ("", "0")
"""Full-page screenshots of every page (108 of them): ``RESPUBLIKA_SCREENSHOTS=1``."""


def _axe(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v.get("impact") in SERIOUS]


def _url(path: str, lang: str) -> str:
    return path + ("&" if "?" in path else "?") + f"lang={lang}"


@pytest.fixture(scope="module")
def tab(browser: Any, live_server: str) -> Any:
    context = browser.new_context(base_url=live_server, viewport=SIZES["desktop"], bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def test_every_page_reads_on_a_desktop_and_a_phone_without_serious_violations(tab: Any) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.set_default_timeout(90_000)
    tab.goto("/profiles")  # its plot of every version is computed once, on first request: warm it
    for src in tab.locator("img").evaluate_all("els => els.map(e => e.getAttribute('src'))"):
        tab.request.get(src, timeout=180_000)
    problems: list[str] = []
    for size, viewport in SIZES.items():
        tab.set_viewport_size(viewport)
        for lang in ("en", "de"):
            for name, path in PAGES:
                response = tab.goto(_url(path, lang))
                assert response is not None
                expected = 404 if name.startswith("error-404") else 422 if name == "error-422" else 200
                if response.status != expected:
                    problems.append(f"{name} {lang}: HTTP {response.status}, expected {expected}")
                if tab.locator("html").get_attribute("lang") != lang:
                    problems.append(f"{name} {lang}: html lang is not {lang}")
                if tab.locator("header nav a").count() < 5:
                    problems.append(f"{name} {lang}: no navigation (not a page in the layout)")
                if SCREENSHOTS:  # for a person to look at; nothing reads them (about 70 s of the run)
                    tab.screenshot(path=str(ARTIFACTS / f"{name}-{lang}-{size}.png"), full_page=True)
                if size == "mobile":
                    width = tab.evaluate("document.documentElement.scrollWidth")
                    if width > viewport["width"]:
                        problems.append(f"{name} {lang}: {width} px wide at {viewport['width']} px")
                elif lang == "en" or name.startswith("error"):  # axe: every page once, the errors in both
                    problems.extend(f"{name} {lang}: {v}" for v in _axe(tab))
    assert not problems, "\n".join(problems)


def test_a_refused_act_stays_on_the_bill_page_with_the_form_filled_in(tab: Any) -> None:
    tab.set_viewport_size(SIZES["desktop"])
    tab.goto("/bills?lang=en")
    form = tab.locator('form.act[data-act="introduce"]')
    form.locator('input[name="matter"]').fill("B90")  # on the world's date (the form's default)
    clock = form.locator('input[name="date"]').input_value()
    earlier = f"{int(clock[:4]) - 1}{clock[4:]}"
    form.locator('select[name="p.initiator"]').select_option("government")
    form.locator('input[name="p.title"]').fill("On parks")
    form.locator("button").click()
    tab.wait_for_url("**/bills/B90?lang=en")
    vote = tab.locator('form.act[data-act="vote"]')
    chamber = vote.locator("fieldset.votes").first.get_attribute("data-chamber")
    vote.locator('input[name="date"]').fill(earlier)  # before the previous step: refused
    vote.locator(f'input[name="v.{chamber}.for"]').fill("80")
    vote.locator(f'input[name="v.{chamber}.against"]').fill("20")
    vote.locator("button").click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text().startswith("B90")
    assert "before the previous step" in tab.locator("#refusal").inner_text()
    refused = tab.locator("form.act.refused")
    assert refused.locator(f'input[name="v.{chamber}.for"]').input_value() == "80"
    assert refused.locator('input[name="date"]').input_value() == earlier
    tab.screenshot(path=str(ARTIFACTS / "bill-refused-en-desktop.png"), full_page=True)
    problems = _axe(tab)
    tab.set_viewport_size(SIZES["mobile"])
    tab.screenshot(path=str(ARTIFACTS / "bill-refused-en-mobile.png"), full_page=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= SIZES["mobile"]["width"]
    tab.click('header .lang a[data-lang="de"]')  # the switch after a form post: the bill's page
    tab.wait_for_load_state()
    assert tab.locator("html").get_attribute("lang") == "de"
    assert tab.locator("h1").inner_text().startswith("B90")
    tab.screenshot(path=str(ARTIFACTS / "bill-after-post-de-mobile.png"), full_page=True)
    assert not problems, "\n".join(problems)


def test_the_api_docs_load_only_from_this_server(tab: Any, live_server: str) -> None:
    tab.set_viewport_size(SIZES["desktop"])
    outside: list[str] = []
    tab.on("request", lambda r: None if r.url.startswith(live_server) or r.url.startswith(("data:", "blob:"))
           else outside.append(r.url))
    tab.goto("/docs")
    tab.wait_for_selector(".swagger-ui .info", timeout=20_000)
    tab.screenshot(path=str(ARTIFACTS / "docs-en-desktop.png"))
    assert not outside, outside
