"""The power-history plot and table (:mod:`respublika.render.power_history`) over the dated
``kz`` profile's rows (:func:`respublika.games.history.power_history`)."""

from __future__ import annotations

import re

import pytest

from respublika.errors import InputError
from respublika.games.history import power_history
from respublika.render.power_history import history_svg, history_table


@pytest.fixture(scope="module")
def rows():
    return power_history("kz")


def test_table_and_svg(rows):
    table = history_table(rows)
    assert table[0] == ["profile", "version", "in force from", "president", "mazhilis", "senate", "kurultai"]
    assert len(table) == len(rows) + 1
    assert table[-2][-1] == "0.8356" and table[-2][4] == "-"
    assert history_table(rows, "banzhaf")[1][3] == f"{rows[0]['bodies']['president']['banzhaf_float']:.4f}"
    with pytest.raises(InputError):
        history_table(rows, "johnston")
    svg = history_svg(rows)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    for text in ("Kurultai", "Shapley", "Banzhaf", "seed: Senate", "2022a-2023"):
        assert text in svg
    assert history_svg(rows) == svg  # the same rows draw the same picture
    with pytest.raises(InputError):
        history_svg([])


def test_in_german(rows):
    assert history_table(rows, lang="de")[0][:3] == ["Profil", "Fassung", "in Kraft ab"]
    svg = history_svg(rows, lang="de")
    assert "Abstimmungsmacht" in svg and "Banzhaf (normiert)" in svg and "by version" not in svg


def test_colours_follow_kind_and_order_not_names(rows):
    """The same bodies under other ids get the same colours."""
    renamed = [{**r, "bodies": {f"x_{b}": e for b, e in r["bodies"].items()}} for r in rows]
    colours = re.compile(r"stroke: ?(#[0-9a-f]{6})")
    assert colours.findall(history_svg(renamed)) == colours.findall(history_svg(rows))
