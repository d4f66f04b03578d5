"""The state machine as SVG and DOT (:mod:`respublika.render.diagram`)."""

from __future__ import annotations

import pytest

from respublika.errors import InputError
from respublika.profile import load_profile
from respublika.render.diagram import arrows, layers, to_dot, to_svg

SEED = load_profile("seed")


def test_every_state_is_placed_once_and_new_comes_first():
    placed = [s for row in layers(SEED, "bill") for s in row]
    assert placed[0] == "new" and sorted(placed[1:]) == sorted(SEED.procedure.matters["bill"].states)


def test_arrows_carry_citations_and_deadlines_are_marked():
    edges = arrows(SEED, "bill")
    assert all(a.cites for a in edges)
    assert any(a.deadline and a.label.startswith("senate_silence") for a in edges)


def test_svg_highlights_the_current_state_and_is_deterministic():
    svg = to_svg(SEED, "bill", current="in_senate")
    assert svg.startswith("<svg") and svg.count('class="state current"') == 1
    assert 'data-state="in_senate"' in svg and "[S22, S24, A1]" in svg
    assert to_svg(SEED, "bill", current="in_senate") == svg


def test_dot_in_the_profile_s_language():
    dot = to_dot(SEED, "bill", "de")
    assert dot.startswith('digraph "bill"') and "style=dashed" in dot
    assert f'label="{SEED.procedure.matters["bill"].name["de"]}"' in dot


def test_an_unknown_kind_is_an_input_error():
    with pytest.raises(InputError, match="unknown matter kind"):
        to_svg(SEED, "treaty")
