"""The overview, a bill's page, parliament and power in Kazakh and Russian, in a real browser
(issue 19): screenshots into ``artifacts/screenshots/`` (``overview-kk.png``), and no missing
glyph ("tofu") in the page's text or its SVG diagrams.

A character is missing when the browser draws it exactly as it draws a private-use character
that no font has (the .notdef box); the check runs on the page's own fonts (the body's CSS
font and the SVG's ``sans-serif``), and a private-use character proves it can fail."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PAGES = [("overview", "/"), ("bill", "/bills/B2"), ("parliament", "/parliament"), ("power", "/power")]
DIAGRAMS = {"overview", "bill"}
"""Pages whose SVG diagrams carry words (the structure and the procedure diagram); the
hemicycles' words are party names."""
LANGS = ("kk", "ru")
KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"

# The characters a page shows (text and SVG), and those drawn as the .notdef glyph.
TOFU_JS = """
(extra) => {
  const chars = new Set();
  const add = (s) => { for (const c of s || '') if (c.codePointAt(0) > 127 && c.trim()) chars.add(c); };
  add(document.body.innerText);
  document.querySelectorAll('svg text, svg tspan, svg title').forEach((n) => add(n.textContent));
  const shown = Array.from(chars).join('');
  add(extra);
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const families = [getComputedStyle(document.body).fontFamily, 'sans-serif'];
  const draw = (c, family) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = '40px ' + family;
    ctx.fillStyle = '#000';
    ctx.fillText(c, 8, 48);
    return ctx.measureText(c).width.toFixed(2) + ':' + Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
  };
  const missing = new Set();
  for (const family of families) {
    const tofu = new Set(['\\uE000', '\\uE001', '\\uF8FF'].map((c) => draw(c, family)));
    for (const c of chars) if (tofu.has(draw(c, family))) missing.add(c);
  }
  return { chars: shown, missing: Array.from(missing).join('') };
}
"""


@pytest.fixture(scope="module")
def tab(browser: Any, live_server: str) -> Any:
    context = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_the_glyph_check_can_fail(tab: Any) -> None:
    tab.goto("/?lang=kk")
    found = tab.evaluate(TOFU_JS, "\ue002")
    assert "\ue002" in found["missing"]


@pytest.mark.parametrize("lang", LANGS)
def test_pages_in_kazakh_and_russian_show_every_glyph(tab: Any, lang: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, path in PAGES:
        answer = tab.goto(f"{path}?lang={lang}")
        assert answer is not None and answer.status == 200, (path, lang)
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{lang}.png"), full_page=True)
        found = tab.evaluate(TOFU_JS, KAZAKH)
        if found["missing"]:
            problems.append(f"{name} ({lang}): no glyph for {found['missing']!r}")
        if lang == "kk" and not set(found["chars"]) & set(KAZAKH[:9]):
            problems.append(f"{name} (kk): no Kazakh letter on the page")
        if name in DIAGRAMS and not tab.evaluate(
                "() => Array.from(document.querySelectorAll('svg text')).some(t => /[А-Яа-яЁё]/.test(t.textContent))"):
            problems.append(f"{name} ({lang}): the diagrams have no Cyrillic text")
    assert problems == []
