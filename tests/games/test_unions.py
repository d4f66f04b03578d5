"""A-priori unions: the Owen and Banzhaf-Owen values against their definition (every set of
other unions, every set of union-mates), known identities, and published examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from respublika.errors import InputError
from respublika.games import Game, analyze

from .test_games_indices import _load, games

oracle = _load(Path(__file__).with_name("games_oracle.py"), "games_oracle")


def _text(value) -> str:
    return f"{value.numerator}/{value.denominator}"


@st.composite
def games_with_unions(draw):
    spec = draw(games(max_players=8))
    names = list(spec["groups"])
    labels = draw(st.lists(st.integers(-1, 2), min_size=len(names), max_size=len(names)))
    unions: dict[int, list[str]] = {}
    for name, label in zip(names, labels, strict=True):
        if label >= 0:
            unions.setdefault(label, []).append(name)
    return spec | {"unions": list(unions.values())}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games_with_unions())
def test_owen_values_agree_with_their_definition(spec):
    expected = oracle.brute_force_owen(spec)
    data = analyze(spec)
    if not spec["unions"]:  # no unions declared: no Owen keys
        assert all("owen" not in g for g in data["groups"].values())
        return
    for name, values in expected.items():
        assert data["groups"][name]["owen"] == _text(values["owen"]), name
        assert data["groups"][name]["banzhaf_owen"] == _text(values["banzhaf_owen"]), name


def test_singleton_unions_give_shapley_and_banzhaf():
    spec = {"groups": {"A": 1, "B": 1, "C": 1, "D": 1},
            "wins": {"quota": 6, "weights": {"A": 4, "B": 3, "C": 2, "D": 1}}}
    plain = analyze(spec)
    with_unions = analyze(spec | {"unions": [["A"], ["B"]]})
    for g in "ABCD":
        assert with_unions["groups"][g]["owen"] == plain["groups"][g]["shapley_shubik"]
        assert with_unions["groups"][g]["banzhaf_owen"] == plain["groups"][g]["banzhaf_absolute"]
    assert "owen" not in plain["groups"]["A"]  # no unions: no keys, the output as before


def test_union_totals_are_the_quotient_games_shapley_value():
    # [6; 4, 3, 2, 1] with B and C in one union: the quotient game of A (4), BC (5), D (1)
    # gives BC 2/3 and A, D 1/6 each; B and C share 2/3 equally (Owen 1977's quotient property).
    spec = {"groups": {"A": 1, "B": 1, "C": 1, "D": 1},
            "wins": {"quota": 6, "weights": {"A": 4, "B": 3, "C": 2, "D": 1}},
            "unions": [["B", "C"]]}
    g = analyze(spec)["groups"]
    assert [g[p]["owen"] for p in "ABCD"] == ["1/6", "1/3", "1/3", "1/6"]
    assert [g[p]["banzhaf_owen"] for p in "ABCD"] == ["1/4", "3/8", "3/8", "1/4"]


def test_unions_are_checked():
    base = {"groups": {"A": 1, "B": 2}, "wins": {"quota": 2, "weights": {"A": 1, "B": 1}}}
    for unions, message in (([["A"], ["A", "B"]], "already in union"), ([["C"]], "unknown group"),
                            ([[]], "non-empty"), ("A", "list of lists")):
        with pytest.raises(InputError, match=message):
            Game.from_dict(base | {"unions": unions})
    with pytest.raises(InputError, match="declares no unions"):
        analyze(base, "owen")
    assert Game.from_dict(base | {"unions": [["B"]]}).to_dict()["unions"] == [["B"]]
    assert "unions" not in Game.from_dict(base).to_dict()
