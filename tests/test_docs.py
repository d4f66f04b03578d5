"""docs/ stays true: the generated pages match the profile, the examples are documented."""

from __future__ import annotations

import re
from pathlib import Path

from respublika.profile import load_profile
from respublika.render.profile_pages import anchor, assumptions_page, spec_page

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


def test_spec_page_reads_every_sentence_and_links_what_shows_it():
    seed = load_profile("seed")
    text = (ROOT / "docs" / "spec.md").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| S")]
    assert len(rows) == 2 * len(seed.sources) == 54  # both tables list S01-S27
    reading = {line.split(" | ")[0][2:]: line.split(" | ")[2] for line in rows[:27]}
    for sid in ("S03", "S09", "S10", "S11", "S15", "S26"):
        assert reading[sid].startswith("interpreted: "), sid
    assert reading["S22"] == "faithful"
    for target in re.findall(r"\]\(\.\./([^)]+)\)", text):  # every linked file exists
        assert (ROOT / target).is_file(), target
    headings = {anchor(h) for h in re.findall(r"^## (.+)$", (ROOT / "docs" / "assumptions.md").read_text("utf-8"), re.M)}
    for target in re.findall(r"\]\(assumptions\.md#([^)]+)\)", text):  # every anchor resolves
        assert target in headings, target
