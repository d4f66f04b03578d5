"""docs/ stays true: the generated pages match the profile, the examples are documented."""

from __future__ import annotations

from pathlib import Path

from respublika.profile import load_profile
from respublika.profile.report import assumptions_page, spec_page

ROOT = Path(__file__).resolve().parent.parent


def test_assumptions_page_agrees_with_profile():
    expected = assumptions_page(load_profile("seed"))
    actual = (ROOT / "docs" / "assumptions.md").read_text("utf-8")
    assert actual == expected, "docs/assumptions.md is stale: run `respublika profile docs`"


def test_spec_page_agrees_with_profile():
    expected = spec_page(load_profile("seed"))
    actual = (ROOT / "docs" / "spec.md").read_text("utf-8")
    assert actual == expected, "docs/spec.md is stale: run `respublika profile docs`"


def test_every_assumption_is_documented():
    text = (ROOT / "docs" / "assumptions.md").read_text("utf-8")
    for aid in load_profile("seed").assumptions:
        assert f"## {aid}:" in text
