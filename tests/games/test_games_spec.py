"""Game specifications: the JSON form, the Python constructors, and every kind of bad input."""

from __future__ import annotations

from fractions import Fraction

import pytest

from respublika.errors import InputError
from respublika.games import All, Any, Game, Leaf, analyze, power, weighted_game
from respublika.games.engine import swing_counts
from respublika.games.rules import compile_game

GOOD = {"groups": {"A": 1, "B": 1}, "wins": {"quota": 6, "weights": {"A": 4, "B": 3}}}


def spec_with(**changes: object) -> dict:
    return {**GOOD, **changes}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (spec_with(wins={"quota": 1, "weights": {"C": 1}}), "unknown group 'C'"),
        (
            spec_with(wins={"any": [GOOD["wins"], {"quota": 1, "weights": {"X": 1}}]}),
            "wins.any[1].weights: unknown group 'X'",
        ),
        (spec_with(wins={"quota": 6, "weights": {"A": -4}}), "must be non-negative"),
        (spec_with(wins={"quota": 6, "weights": {"A": "-4"}}), "must be non-negative"),
        (spec_with(wins={"quota": -1, "weights": {"A": 1}}), "wins.quota: must be non-negative"),
        (spec_with(wins={"quota": "-1/2", "weights": {"A": 1}}), "must be non-negative"),
        (spec_with(wins={"quota": "50%", "weights": {"A": 1}}), "percentage"),
        (spec_with(wins={"quota": 0.5, "weights": {"A": 1}}), "float"),
        (spec_with(wins={"quota": "abc", "weights": {"A": 1}}), "cannot read"),
        (spec_with(wins={"quota": True, "weights": {"A": 1}}), "expected a number"),
        (spec_with(wins={"quota": 1, "weights": {}}), "at least one group"),
        (spec_with(wins={"quota": 1, "weights": [1, 2]}), "expected an object"),
        (spec_with(groups={}), "the game is empty"),
        (spec_with(groups=[]), "groups: expected an object"),
        (spec_with(groups={"A": 1.5, "B": 1}), "whole number"),
        (spec_with(groups={"A": 2.0, "B": 1}), "whole number"),
        (spec_with(groups={"A": "3", "B": 1}), "whole number"),
        (spec_with(groups={"A": True, "B": 1}), "whole number"),
        (spec_with(groups={"A": 0, "B": 1}), "at least 1"),
        (spec_with(groups={"A": -2, "B": 1}), "at least 1"),
        (spec_with(groups={"A": 6000, "B": 6000}), "at most 10000"),
        (spec_with(wins={"all": []}), "wins.all: an empty list"),
        (spec_with(wins={"any": []}), "wins.any: an empty list"),
        (spec_with(wins={"all": {"quota": 1}}), "expected a list"),
        (spec_with(wins={"all": [GOOD["wins"]], "any": [GOOD["wins"]]}), "unexpected key"),
        (spec_with(wins={"quota": 1}), "needs both 'quota' and 'weights'"),
        (spec_with(wins={"weights": {"A": 1}}), "needs both 'quota' and 'weights'"),
        (spec_with(wins={"quota": 1, "weights": {"A": 1}, "extra": 2}), "unexpected key"),
        (spec_with(wins={"none": []}), "unexpected key"),
        (spec_with(wins=[1, 2]), "expected an object"),
        (spec_with(wins="A and B"), "expected an object"),
        ({**GOOD, "players": 3}, "unknown key(s) 'players'"),
        ({**GOOD, "name": 3}, "name: expected text"),
        ({"groups": {"A": 1}}, "no 'wins'"),
        ({"wins": GOOD["wins"]}, "no 'groups'"),
        ([GOOD], "must be a JSON object"),
        (None, "must be a JSON object"),
    ],
)
def test_bad_input_is_an_input_error_naming_the_problem(spec, message):
    with pytest.raises(InputError) as info:
        analyze(spec)
    assert message in str(info.value)


def test_deep_nesting_is_refused():
    node: dict = {"quota": 1, "weights": {"A": 1}}
    for _ in range(100):
        node = {"all": [node]}
    with pytest.raises(InputError, match="nest deeper"):
        Game.from_dict(spec_with(wins=node))


def test_optional_name_and_description_are_accepted():
    result = analyze({**GOOD, "name": "two players", "description": "the issue's example"})
    assert result["groups"]["A"]["shapley_shubik"] == "1/2"


def test_quota_above_total_is_a_warning_not_an_error():
    result = analyze(spec_with(wins={"quota": 8, "weights": {"A": 4, "B": 3}}))
    assert any("quota 8 exceeds the total weight 7" in w for w in result["warnings"])
    assert result["groups"]["A"]["banzhaf"] == "0/1"
    assert result["shapley_shubik_sum"] == "0/1"
    assert result["minimal_winning_coalitions"] is None


def test_a_never_met_branch_warns_but_the_game_still_works():
    result = analyze(
        spec_with(
            wins={
                "any": [
                    {"quota": 99, "weights": {"A": 1}},
                    {"quota": 4, "weights": {"A": 4, "B": 3}},
                ]
            }
        )
    )
    assert any("wins.any[0]" in w for w in result["warnings"])
    assert result["groups"]["A"]["shapley_shubik"] == "1/1"


def test_unknown_index_is_refused():
    with pytest.raises(InputError, match="unknown index"):
        analyze(GOOD, "gini")


def test_python_constructors_validate_too():
    with pytest.raises(InputError, match="unknown group 'C'"):
        Game({"A": 1}, Leaf(1, {"C": 1}))
    with pytest.raises(InputError, match="empty list"):
        All()
    with pytest.raises(InputError, match="expected Leaf, All or Any"):
        Any(Leaf(1, {"A": 1}), "B")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="must be non-negative"):
        weighted_game({"A": -1}, 1)
    with pytest.raises(InputError, match="at least one player"):
        weighted_game({}, 1)


def test_game_round_trips_through_the_json_form():
    game = Game(
        {"A": 2, "B": 3},
        Any(All(Leaf("3/2", {"A": 1}), Leaf(1, {"B": "1/2"})), Leaf(Fraction(5), {"A": 1, "B": 1})),
    )
    data = game.to_dict()
    assert data["wins"]["any"][0]["all"][0]["quota"] == "3/2"
    assert data["wins"]["any"][1]["quota"] == 5
    assert Game.from_dict(data) == game


def test_wins_with_counts_members():
    game = Game({"A": 3, "B": 2}, All(Leaf(2, {"A": 1}), Leaf(1, {"B": 1})))
    assert game.wins_with({"A": 2, "B": 1})
    assert not game.wins_with({"A": 3})
    with pytest.raises(InputError, match="unknown group"):
        game.wins_with({"C": 1})
    with pytest.raises(InputError, match="4 members of 3"):
        game.wins_with({"A": 4})


def test_rule_simplification_keeps_the_meaning():
    # Duplicate and nested conditions, constant branches, leaves on one weight vector.
    game = Game.from_dict(
        {
            "groups": {"A": 2, "B": 2},
            "wins": {
                "all": [
                    {"all": [{"quota": 1, "weights": {"A": 1}}, {"quota": 2, "weights": {"A": 2}}]},
                    {"any": [{"quota": 0, "weights": {"B": 1}}, {"quota": 9, "weights": {"B": 1}}]},
                    {"quota": 1, "weights": {"A": 1}},
                ]
            },
        }
    )
    compiled = compile_game(game)
    assert compiled.rule == ("leaf", 0, 1)  # A >= 1: the rest is always met or repeated
    assert compiled.threshold() == 1


def test_too_large_games_are_refused_quickly():
    weights = {f"p{i}": 10**12 + 7 * i for i in range(60)}
    game = Game(
        dict.fromkeys(weights, 1),
        All(Leaf(sum(weights.values()) // 2, weights), Leaf(30, dict.fromkeys(weights, 1))),
    )
    with pytest.raises(InputError, match="too large"):
        swing_counts(compile_game(game), by_size=True)


def test_forcing_an_inapplicable_method_is_an_error():
    game = Game({"A": 1, "B": 1}, All(Leaf(1, {"A": 1}), Leaf(1, {"B": 1})))
    with pytest.raises(InputError, match="single weight sum"):
        power(game, method="weighted")
    with pytest.raises(InputError, match="unknown method"):
        power(game, method="magic")
