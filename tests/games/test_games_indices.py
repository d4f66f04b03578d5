"""Exact power indices: hand-checked games, a brute-force oracle, and the ``powerindex`` package."""

from __future__ import annotations

import importlib.util
import math
import random
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from respublika.games import (
    All,
    Any,
    Game,
    Leaf,
    analyze,
    banzhaf,
    power,
    shapley_shubik,
    swings,
    weighted_game,
)
from respublika.games.coalitions import MAX_LISTED
from respublika.games.engine import METHODS
from respublika.games.rules import compile_game

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path, name: str):
    """Import a helper module by path (pytest runs with --import-mode=importlib)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


oracle = _load(Path(__file__).with_name("games_oracle.py"), "games_oracle")
brute_force = oracle.brute_force


def _bench_module():
    return _load(ROOT / "benchmarks" / "bench_games.py", "bench_games")


def legislature(passage: tuple[int, int], override: tuple[int, int], sizes=(107, 47)) -> dict:
    m, s = sizes
    return {
        "groups": {"mazhilis": m, "senate": s, "president": 1},
        "wins": {
            "any": [
                {
                    "all": [
                        {"quota": passage[0], "weights": {"mazhilis": 1}},
                        {"quota": passage[1], "weights": {"senate": 1}},
                        {"quota": 1, "weights": {"president": 1}},
                    ]
                },
                {
                    "all": [
                        {"quota": override[0], "weights": {"mazhilis": 1}},
                        {"quota": override[1], "weights": {"senate": 1}},
                    ]
                },
            ]
        },
    }


def methods_for(game: Game) -> list[str]:
    compiled = compile_game(game)
    if isinstance(compiled.rule, bool):
        return [None]  # type: ignore[list-item]
    from respublika.games.ndp import MAX_CELLS, table_cells

    usable = {"weighted": compiled.threshold() is not None, "numpy": table_cells(compiled) <= MAX_CELLS}
    return [m for m in METHODS if usable.get(m, True)]


def check_against_oracle(spec: dict) -> None:
    game = Game.from_dict(spec)
    expected = brute_force(spec)
    for method in methods_for(game):
        report = power(game, method=method)
        for name, p in report.groups.items():
            assert p.swings == expected["groups"][name]["swings"], (method, name)
            assert p.shapley_shubik == expected["groups"][name]["shapley_shubik"], (method, name)
        assert report.veto_players == expected["veto_players"], method
        assert report.dummies == expected["dummies"], method
        banzhaf_only = power(game, "banzhaf", method=method, coalitions=False)
        assert [p.swings for p in banzhaf_only.groups.values()] == [
            expected["groups"][g]["swings"] for g in spec["groups"]
        ], method
    some_win = bool(expected["minimal_winning"]) and brute_force_empty_loses(spec)
    if not some_win:  # every coalition wins, or none does: nothing is listed
        assert report.minimal_winning_coalitions is None
        assert report.blocking_coalitions is None
        return
    for listed, key in (
        (report.minimal_winning_coalitions, "minimal_winning"),
        (report.blocking_coalitions, "minimal_blocking"),
    ):
        if len(expected[key]) > MAX_LISTED:
            assert listed is None and any("more than" in note for note in report.notes)
        else:
            assert listed is not None, report.notes
            assert sorted(map(sorted_items, listed)) == sorted(map(sorted_items, expected[key]))


def brute_force_empty_loses(spec: dict) -> bool:
    return not oracle.holds(spec["wins"], dict.fromkeys(spec["groups"], 0))


def sorted_items(coalition: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(coalition.items())


# --- hand-checkable games ---------------------------------------------------------------


def test_four_three_two_one_quota_six():
    game = weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6)
    assert swings(game) == {"A": 5, "B": 3, "C": 3, "D": 1}
    assert banzhaf(game) == {
        "A": Fraction(5, 12),
        "B": Fraction(1, 4),
        "C": Fraction(1, 4),
        "D": Fraction(1, 12),
    }
    assert shapley_shubik(game) == {
        "A": Fraction(5, 12),
        "B": Fraction(1, 4),
        "C": Fraction(1, 4),
        "D": Fraction(1, 12),
    }
    result = analyze(
        {
            "groups": {"A": 1, "B": 1, "C": 1, "D": 1},
            "wins": {"quota": 6, "weights": {"A": 4, "B": 3, "C": 2, "D": 1}},
        }
    )
    assert result["groups"]["A"]["banzhaf_absolute"] == "5/8"
    assert result["groups"]["D"]["banzhaf"] == "1/12"
    assert result["groups"]["D"]["banzhaf_float"] == pytest.approx(1 / 12)
    assert result["shapley_shubik_sum"] == "1/1"
    assert result["banzhaf_swings_total"] == 12
    assert result["minimal_winning_coalitions"] == [
        {"A": 1, "B": 1},
        {"A": 1, "C": 1},
        {"B": 1, "C": 1, "D": 1},
    ]
    assert result["blocking_coalitions"] == [
        {"A": 1, "B": 1},
        {"A": 1, "C": 1},
        {"A": 1, "D": 1},
        {"B": 1, "C": 1},
    ]


def test_plain_weighted_game_of_the_issue():
    result = analyze(
        {"groups": {"A": 1, "B": 1}, "wins": {"quota": 6, "weights": {"A": 4, "B": 3}}}
    )
    assert result["groups"]["A"]["shapley_shubik"] == "1/2"
    assert result["groups"]["A"]["banzhaf"] == "1/2"
    assert result["veto_players"] == ["A", "B"]
    assert result["minimal_winning_coalitions"] == [{"A": 1, "B": 1}]


@pytest.mark.parametrize("method", [None, *METHODS])
def test_dictator_does_not_crash(method):
    game = weighted_game({"A": 10, "B": 3, "C": 2}, 10)
    report = power(game, method=method)
    assert report.groups["A"].shapley_shubik == 1
    assert report.groups["A"].banzhaf == 1
    assert report.groups["A"].swings == 4
    assert report.veto_players == ["A"]
    assert report.dummies == ["B", "C"]
    assert report.minimal_winning_coalitions == [{"A": 1}]


def test_player_above_the_quota_is_a_dictator_too():
    report = power(weighted_game({"A": 50, "B": 3, "C": 2}, 10))
    assert report.groups["A"].shapley_shubik == 1 and report.dummies == ["B", "C"]


def test_unanimity():
    report = power(weighted_game({"A": 1, "B": 1, "C": 1}, 3))
    assert all(p.shapley_shubik == Fraction(1, 3) and p.swings == 1 for p in report.groups.values())
    assert report.veto_players == ["A", "B", "C"]
    assert report.blocking_coalitions == [{"A": 1}, {"B": 1}, {"C": 1}]


def test_un_security_council():
    spec = {
        "groups": {"permanent": 5, "elected": 10},
        "wins": {
            "all": [
                {"quota": 5, "weights": {"permanent": 1}},
                {"quota": 9, "weights": {"permanent": 1, "elected": 1}},
            ]
        },
    }
    oracle = brute_force(spec)
    result = analyze(spec)
    for group in ("permanent", "elected"):
        expected = oracle["groups"][group]["shapley_shubik"]
        assert Fraction(result["groups"][group]["shapley_shubik"]) == expected
    assert Fraction(result["groups"]["permanent"]["shapley_shubik"]) == Fraction(421, 2145)
    assert Fraction(result["groups"]["elected"]["shapley_shubik"]) == Fraction(4, 2145)
    assert result["veto_players"] == ["permanent"]
    assert result["minimal_winning_coalitions"] == [{"permanent": 5, "elected": 4}]
    # The classic weighted form (7 per permanent member, 1 per elected one, quota 39).
    weighted = Game({"permanent": 5, "elected": 10}, Leaf(39, {"permanent": 7, "elected": 1}))
    assert shapley_shubik(weighted) == shapley_shubik(Game.from_dict(spec))
    assert swings(weighted) == {g: oracle["groups"][g]["swings"] for g in ("permanent", "elected")}


def test_107_equal_members_quota_72():
    game = Game({"mazhilis": 107}, Leaf(72, {"mazhilis": 1}))
    for method in METHODS:
        report = power(game, method=method, coalitions=False)
        member = report.groups["mazhilis"]
        assert member.shapley_shubik == Fraction(1, 107)
        assert member.banzhaf == Fraction(1, 107)
        assert member.swings == math.comb(106, 71)
        assert member.banzhaf_absolute == Fraction(math.comb(106, 71), 2**106)
    assert analyze(game.to_dict())["groups"]["mazhilis"]["shapley_shubik_total"] == "1/1"


def test_seed_legislature_makes_the_president_a_dummy():
    result = analyze(legislature((72, 32), (72, 32)))
    assert result["dummies"] == ["president"]
    assert result["groups"]["president"]["shapley_shubik"] == "0/1"
    assert result["groups"]["president"]["swings"] == 0
    assert result["shapley_shubik_sum"] == "1/1"
    assert result["minimal_winning_coalitions"] == [{"mazhilis": 72, "senate": 32}]
    assert result["blocking_coalitions"] == [{"senate": 16}, {"mazhilis": 36}]
    assert result["groups"]["mazhilis"]["blocking_minority"] == 36


def test_majority_passage_gives_the_president_about_a_sixth():
    result = analyze(legislature((54, 24), (72, 32)))
    president = Fraction(result["groups"]["president"]["shapley_shubik"])
    assert abs(float(president) - 0.165) < 0.001
    assert result["shapley_shubik_sum"] == "1/1"
    assert result["dummies"] == []
    assert result["minimal_winning_coalitions"] == [
        {"mazhilis": 54, "senate": 24, "president": 1},
        {"mazhilis": 72, "senate": 32},
    ]


def test_methods_agree_on_a_small_legislature():
    spec = legislature((5, 3), (7, 4), sizes=(10, 5))
    check_against_oracle(spec)


def test_us_congress_shapley_shubik_sums_to_one():
    spec = legislature((218, 51), (290, 67), sizes=(435, 100))
    result = analyze(spec)
    assert result["shapley_shubik_sum"] == "1/1"
    assert 0.15 < result["groups"]["president"]["shapley_shubik_float"] < 0.17


# --- edge cases -------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, *METHODS])
def test_quota_above_total_weight_warns_and_gives_zero(method):
    game = weighted_game({"A": 2, "B": 1}, 4)
    report = power(game, method=method)
    assert any("exceeds the total weight" in w for w in report.warnings)
    assert any("no coalition wins" in w for w in report.warnings)
    assert all(
        p.swings == 0 and p.banzhaf == 0 and p.shapley_shubik == 0 for p in report.groups.values()
    )
    assert report.veto_players == [] and report.dummies == ["A", "B"]
    assert analyze(game.to_dict())["shapley_shubik_sum"] == "0/1"


def test_empty_coalition_wins():
    report = power(weighted_game({"A": 2, "B": 1}, 0))
    assert any("empty coalition wins" in w for w in report.warnings)
    assert all(p.shapley_shubik == 0 and p.banzhaf == 0 for p in report.groups.values())


def test_fractional_weights_and_quotas_are_exact():
    exact = weighted_game({"A": "1/3", "B": "1/3", "C": "1/3"}, "2/3")
    assert shapley_shubik(exact) == {g: Fraction(1, 3) for g in "ABC"}
    # Just above 2/3: three thirds are needed, a float 0.6667 would have said two.
    strict = weighted_game({"A": "1/3", "B": "1/3", "C": "1/3"}, "6667/10000")
    assert power(strict).veto_players == ["A", "B", "C"]
    assert power(weighted_game({"A": 1, "B": 1, "C": 1}, "0.5")).groups[
        "A"
    ].shapley_shubik == Fraction(1, 3)


def test_zero_weight_groups_are_dummies():
    game = Game({"A": 2, "B": 3}, Leaf(2, {"A": 1, "B": 0}))
    report = power(game)
    assert report.dummies == ["B"]
    assert report.groups["A"].shapley_shubik == Fraction(1, 2)


def test_index_selection():
    game = weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6)
    only_banzhaf = analyze(game, "banzhaf")["groups"]["A"]
    assert "banzhaf" in only_banzhaf and "shapley_shubik" not in only_banzhaf
    only_ss = analyze(game, "shapley-shubik")["groups"]["A"]
    assert "shapley_shubik" in only_ss and "banzhaf" not in only_ss
    assert analyze(game, "shapley_shubik")["groups"]["A"]["shapley_shubik"] == "5/12"


def test_many_players_need_big_integers():
    # 70 players: counts exceed 2**63, where int64 implementations overflow.
    rng = random.Random(7)
    weights = {f"p{i}": rng.randint(1, 9) for i in range(70)}
    quota = sum(weights.values()) // 2 + 1
    report = power(weighted_game(weights, quota), coalitions=False)
    assert sum(p.shapley_shubik for p in report.groups.values()) == 1
    assert max(p.swings for p in report.groups.values()) > 2**63
    pi = pytest.importorskip("powerindex")
    reference = pi.Game(quota, weights=list(weights.values()))
    reference.calc_banzhaf()
    for p, expected in zip(report.groups.values(), reference.banzhaf, strict=True):
        assert float(p.banzhaf) == pytest.approx(expected, rel=1e-9)


# --- the brute-force oracle -------------------------------------------------------------


@st.composite
def games(draw, max_players: int = 10):
    count = draw(st.integers(1, 5))
    names = [f"g{i}" for i in range(count)]
    sizes = {}
    budget = max_players
    for name in names:
        size = draw(st.integers(1, max(1, min(4, budget - (count - len(sizes) - 1)))))
        sizes[name] = size
        budget -= size
    total = sum(sizes.values())

    number = st.one_of(st.integers(0, 5), st.sampled_from(["1/2", "3/2", "5/3", "0.25"]))

    def leaf():
        chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=count, unique=True))
        weights = {g: draw(number) for g in chosen}
        top = sum(Fraction(str(w)) * sizes[g] for g, w in weights.items())
        quota = draw(
            st.one_of(st.integers(0, int(top) + 2), st.sampled_from(["7/2", "1/3", "2.5"]))
        )
        return {"quota": quota, "weights": weights}

    def formula(depth: int):
        if depth == 0 or draw(st.booleans()):
            return leaf()
        kind = draw(st.sampled_from(["all", "any"]))
        return {kind: [formula(depth - 1) for _ in range(draw(st.integers(1, 3)))]}

    assert total <= max_players
    return {"groups": sizes, "wins": formula(3)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_random_games_agree_with_brute_force(spec):
    check_against_oracle(spec)


@pytest.mark.parametrize("seed", range(6))
def test_seeded_random_games_up_to_16_players(seed):
    rng = random.Random(seed)
    if seed % 2 == 0:  # a weighted game of single players
        n = 16 - seed // 2
        weights = {f"p{i}": rng.randint(0, 12) for i in range(n)}
        spec = {
            "groups": dict.fromkeys(weights, 1),
            "wins": {"quota": rng.randint(1, sum(weights.values())), "weights": weights},
        }
    else:  # a composite rule over groups
        sizes = {"a": 6, "b": 4, "c": 3, "d": 2, "e": 1}

        def leaf():
            chosen = rng.sample(sorted(sizes), rng.randint(1, 3))
            weights = {g: rng.randint(1, 4) for g in chosen}
            return {
                "quota": rng.randint(1, sum(w * sizes[g] for g, w in weights.items())),
                "weights": weights,
            }

        spec = {
            "groups": sizes,
            "wins": {"any": [{"all": [leaf(), leaf()]}, {"all": [leaf(), leaf()]}, leaf()]},
        }
    check_against_oracle(spec)


@settings(max_examples=60, deadline=None)
@given(games())
def test_shapley_shubik_sums_to_one_when_some_coalition_wins(spec):
    report = power(Game.from_dict(spec), coalitions=False)
    total = sum(p.shapley_shubik * p.size for p in report.groups.values())
    if report.warnings and any("coalition wins" in w for w in report.warnings):
        assert total == 0
    else:
        assert total == 1


# --- the powerindex package -------------------------------------------------------------


def test_agrees_with_powerindex_on_random_weighted_games():
    pi = pytest.importorskip("powerindex")
    rng = random.Random(2024)
    compared = 0
    for _ in range(60):
        n = rng.randint(2, 25)
        weights = [rng.randint(1, 30) for _ in range(n)]
        quota = rng.randint(max(weights) + 1, sum(weights))  # no player alone meets it
        try:
            reference = pi.Game(quota, weights=list(weights))
            reference.calc_banzhaf()
            reference.calc_shapley_shubik()
        except (ZeroDivisionError, IndexError):
            continue
        report = power(
            weighted_game({f"p{i}": w for i, w in enumerate(weights)}, quota), coalitions=False
        )
        ours = list(report.groups.values())
        assert [float(p.banzhaf) for p in ours] == pytest.approx(
            reference.banzhaf, rel=1e-9, abs=1e-15
        )
        assert [float(p.shapley_shubik) for p in ours] == pytest.approx(
            reference.shapley_shubik, rel=1e-9, abs=1e-15
        )
        compared += 1
    assert compared >= 50


def test_electoral_college_agrees_with_powerindex():
    pi = pytest.importorskip("powerindex")
    bench = _bench_module()
    votes = bench.ELECTORAL_VOTES_2020
    assert len(votes) == 51 and sum(votes.values()) == 538
    report = power(bench.electoral_college(), coalitions=False)
    reference = pi.Game(270, weights=list(votes.values()))
    reference.calc_banzhaf()
    reference.calc_shapley_shubik()
    assert [float(p.banzhaf) for p in report.groups.values()] == pytest.approx(
        reference.banzhaf, rel=1e-9
    )
    assert [float(p.shapley_shubik) for p in report.groups.values()] == pytest.approx(
        reference.shapley_shubik, rel=1e-9
    )
    assert sum(p.shapley_shubik for p in report.groups.values()) == 1


# --- the Python API ---------------------------------------------------------------------


def test_building_a_game_in_python():
    house = Leaf(72, {"mazhilis": 1})
    senate = Leaf(32, {"senate": 1})
    game = Game(
        {"mazhilis": 107, "senate": 47, "president": 1},
        Any(All(house, senate, Leaf(1, {"president": 1})), All(house, senate)),
    )
    assert game.players == 155
    assert game.wins_with({"mazhilis": 72, "senate": 32})
    assert not game.wins_with({"mazhilis": 71, "senate": 47, "president": 1})
    assert Game.from_dict(game.to_dict()) == game
    assert analyze(game) == analyze(legislature((72, 32), (72, 32)))


def test_parties_as_blocs():
    seats = {"A": 62, "B": 8, "C": 6, "D": 6, "E": 5, "F": 4, "G": 16}  # 107 seats, made up
    game = Game(
        {**dict.fromkeys(seats, 1), "president": 1},
        Any(
            All(Leaf(54, seats), Leaf(1, {"president": 1})),
            Leaf(72, seats),
        ),
    )
    spec = game.to_dict()
    check_against_oracle(spec)


def test_electoral_college_by_the_general_dp_matches_the_weighted_method():
    college = _bench_module().electoral_college()
    fast = power(college, coalitions=False)
    general = power(college, method="dp", coalitions=False)
    assert fast.method == "weighted" and general.method == "dp"
    assert fast.groups == general.groups


def test_planner_picks_the_expected_methods():
    bench = _bench_module()
    assert power(bench.electoral_college(), coalitions=False).method == "weighted"
    assert power(Game.from_dict(bench.us_congress()), coalitions=False).method == "vectors"
    assert power(Game.from_dict(bench.kazakh_legislature()), coalitions=False).method == "vectors"


def test_huge_weights_with_few_players():
    # Weights of 10**15 and a +1 that defeats any gcd: the weight table is out of the
    # question, the planner counts coalitions of the four players by count vectors instead.
    unit = 10**15
    big = weighted_game({"A": 4 * unit + 1, "B": 3 * unit, "C": 2 * unit, "D": unit}, 6 * unit)
    small = weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6)
    report = power(big)
    assert report.method == "vectors"
    assert report.groups == power(small).groups


def test_double_majority_of_blocs_agrees_with_brute_force():
    rng = random.Random(11)
    votes = {f"s{i}": rng.randint(1, 20) for i in range(13)}
    spec = {
        "groups": dict.fromkeys(votes, 1),
        "wins": {
            "all": [
                {"quota": sum(votes.values()) // 2 + 1, "weights": votes},
                {"quota": 7, "weights": dict.fromkeys(votes, 1)},
            ]
        },
    }
    check_against_oracle(spec)


def test_thousands_of_players():
    # 5000 distinct players and a small quota: the rule compiles (no deep expression) and
    # veto players and blocking minorities cost the rule's size per group, not the game's.
    weights = {f"p{i}": 1 + i for i in range(5000)}
    report = power(weighted_game(weights, 5), "banzhaf")
    assert report.groups["p0"].swings == 1  # only {p3} (weight 4) needs it
    # p4 and above meet the quota alone: they swing with every coalition of p0..p3 below 5.
    assert report.groups["p4"].swings == report.groups["p4999"].swings == 7
    assert report.veto_players == [] and report.groups["p0"].blocking_minority is None
