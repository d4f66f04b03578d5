"""The hemicycle wrapper: seat counts, marks, escaping, refusals, a golden file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from respublika.errors import InputError
from respublika.render.hemicycle import Mark, SeatGroup, hemicycle_svg

GOLDEN = Path(__file__).parent / "golden" / "hemicycle_small.svg"


def small() -> str:
    return hemicycle_svg(
        [SeatGroup("a", "A <party>", "#123456", 4), SeatGroup("b", "B & co", "#abc", 3)],
        [Mark("majority", 4)],
        title="Small chamber",
    )


def test_golden_file():
    assert small() == GOLDEN.read_text("utf-8").rstrip("\n")


@pytest.mark.parametrize("n", [1, 9, 47, 107, 435])
def test_every_seat_is_drawn(n):
    svg = hemicycle_svg([SeatGroup("x", "X", "#000", n)])
    assert len(re.findall(r'class="seat"', svg)) == n


def test_labels_are_escaped():
    svg = small()
    assert "A &lt;party&gt;" in svg and "B &amp; co" in svg and "<party>" not in svg


@pytest.mark.parametrize(
    ("groups", "marks", "message"),
    [
        ([SeatGroup("x", "X", "red; fill: url(evil)", 3)], [], "is not #rgb"),
        ([SeatGroup("x", "X", "#000", -1)], [], "has -1 seats"),
        ([SeatGroup("x", "X", "#000", 0)], [], "no seats"),
        ([SeatGroup("x", "X", "#000", 5)], [Mark("m", 6)], "outside 1..5"),
    ],
)
def test_refusals(groups, marks, message):
    with pytest.raises(InputError, match=message):
        hemicycle_svg(groups, marks)
