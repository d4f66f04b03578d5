"""Coleman, Deegan-Packel, Holler (public good) and Johnston: the brute-force oracle over all
``2**n`` coalitions on random games up to 14 players (composite rules included), and the
textbook and package examples, with their sources."""

from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from respublika.errors import InputError
from respublika.games import Game, analyze, power, weighted_game
from respublika.games.counting import coalition_counts, winning_count
from respublika.games.engine import merge_interchangeable
from respublika.games.rules import compile_game

from .test_games_indices import _load, games

oracle = _load(Path(__file__).with_name("games_oracle.py"), "games_oracle")

KEYS = ("coleman_prevent", "coleman_initiate", "deegan_packel", "public_good", "johnston")


def check(spec: dict) -> None:
    expected = oracle.brute_force_more(spec)
    data = analyze(spec)
    assert data["game"]["winning_coalitions"] == str(expected["winning_coalitions"])
    assert data["game"]["power_to_act"] == _text(expected["power_to_act"])
    for name, values in expected["groups"].items():
        entry = data["groups"][name]
        for key in KEYS:
            assert entry[key] == _text(values[key]), (name, key)
            assert entry[f"{key}_float"] == float(values[key])
    compiled, _ = merge_interchangeable(compile_game(Game.from_dict(spec)))
    if not isinstance(compiled.rule, bool):  # the three ways of counting winners agree
        assert winning_count(compiled) == expected["winning_coalitions"]
        assert coalition_counts(compiled).winning == expected["winning_coalitions"]


def _text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games(max_players=14))
def test_random_composite_games_agree_with_brute_force(spec):
    check(spec)


@pytest.mark.parametrize("seed", range(8))
def test_seeded_random_games_of_14_players(seed):
    rng = random.Random(100 + seed)
    if seed % 2 == 0:
        weights = {f"p{i}": rng.randint(0, 9) for i in range(14)}
        spec = {"groups": dict.fromkeys(weights, 1),
                "wins": {"quota": rng.randint(1, sum(weights.values())), "weights": weights}}
    else:
        sizes = {"a": 5, "b": 4, "c": 3, "d": 1, "e": 1}

        def leaf():
            chosen = rng.sample(sorted(sizes), rng.randint(1, 3))
            weights = {g: rng.randint(1, 4) for g in chosen}
            top = sum(w * sizes[g] for g, w in weights.items())
            return {"quota": rng.randint(1, top), "weights": weights}

        spec = {"groups": sizes,
                "wins": {"any": [{"all": [leaf(), leaf()]}, leaf(), {"all": [leaf(), leaf()]}]}}
    check(spec)


def test_the_winning_count_without_count_vectors():
    # 40 distinct weights: too many count vectors, so the generating function counts, and the
    # general DP (two dimensions) agrees with the sum over the weighted count of members.
    weights = {f"p{i}": i + 1 for i in range(40)}
    game = weighted_game(weights, 411)
    compiled, _ = merge_interchangeable(compile_game(game))
    by_weight = winning_count(compiled)
    # Coalitions of weight >= 411 of weights 1..40 (total 820): by symmetry t <-> 820 - t,
    # winning + losing = 2**40 and #(t >= 411) = #(t <= 409) = (2**40 - #(t = 410)) / 2.
    ways = [1] + [0] * 820
    for w in range(1, 41):
        for t in range(820, w - 1, -1):
            ways[t] += ways[t - w]
    assert by_weight == (2**40 - ways[410]) // 2


# --- published examples -------------------------------------------------------------------


def test_four_three_two_one_quota_six():
    # [6; 4, 3, 2, 1], checked by hand: minimal winning coalitions {A,B}, {A,C}, {B,C,D};
    # Deegan-Packel 1/3, 5/18, 5/18, 1/9; public good 2/7 each but D's 1/7; the 7 vulnerable
    # coalitions give Johnston scores 3, 4/3, 4/3, 1/3 (of 6).
    data = analyze(weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6))
    g = data["groups"]
    assert [g[p]["deegan_packel"] for p in "ABCD"] == ["1/3", "5/18", "5/18", "1/9"]
    assert [g[p]["public_good"] for p in "ABCD"] == ["2/7", "2/7", "2/7", "1/7"]
    assert [g[p]["johnston"] for p in "ABCD"] == ["1/2", "2/9", "2/9", "1/18"]
    assert [g[p]["coleman_prevent"] for p in "ABCD"] == ["5/7", "3/7", "3/7", "1/7"]
    assert [g[p]["coleman_initiate"] for p in "ABCD"] == ["5/9", "1/3", "1/3", "1/9"]
    assert data["game"] == {"winning_coalitions": "7", "power_to_act": "7/16",
                            "power_to_act_float": 0.4375}


def test_holler_paradox_35_20_15_15_15():
    # Holler (1982), "Forming coalitions and measuring voting power", Political Studies 30:
    # 262-271: [51; 35, 20, 15, 15, 15]. The public good index gives the 20-vote party less
    # than the 15-vote parties: 4/15 (35), 2/15 (20), 3/15 (each 15), i.e. (16, 8, 12, 12, 12)/60
    # as published; its violation of local monotonicity is the example's point.
    data = analyze(weighted_game({"A": 35, "B": 20, "C": 15, "D": 15, "E": 15}, 51))
    g = data["groups"]
    assert [g[p]["public_good"] for p in "ABCDE"] == ["4/15", "2/15", "1/5", "1/5", "1/5"]


def test_deegan_packel_non_monotonic_example():
    # The R package CoopGame 0.2.2, deeganPackelIndex's example, "from HOLLER & ILLING
    # (2006), chapter 6.3.3" (Einfuehrung in die Spieltheorie, 6th ed., pp. 323-324):
    # [51; 35, 20, 15, 15, 15], "Expected result: dpv=(18/60,9/60,11/60,11/60,11/60)";
    # rdocumentation.org/packages/CoopGame/versions/0.2.2/topics/deeganPackelIndex.
    data = analyze(weighted_game({"A": 35, "B": 20, "C": 15, "D": 15, "E": 15}, 51))
    g = data["groups"]
    assert [g[p]["deegan_packel"] for p in "ABCDE"] == ["3/10", "3/20", "11/60", "11/60", "11/60"]


def test_un_security_council_coleman():
    # 15 members, 9 votes with all 5 permanent members: 848 winning coalitions of 2**15
    # (sum over k of C(10, k) for k >= 4).
    spec = {"groups": {"permanent": 5, "elected": 10},
            "wins": {"all": [{"quota": 5, "weights": {"permanent": 1}},
                             {"quota": 9, "weights": {"permanent": 1, "elected": 1}}]}}
    data = analyze(spec)
    assert data["game"]["winning_coalitions"] == "848"
    assert data["game"]["power_to_act"] == "53/2048"
    check(spec)


def test_a_dictator():
    data = analyze(weighted_game({"A": 10, "B": 1, "C": 1}, 6))
    g = data["groups"]
    for key in KEYS:
        assert g["A"][key] == "1/1" and g["B"][key] == "0/1", key


def test_trivial_games_give_zeros():
    nobody = analyze(weighted_game({"A": 1, "B": 1}, 5))
    everyone = analyze(weighted_game({"A": 1, "B": 1}, 0))
    assert nobody["game"]["winning_coalitions"] == "0"
    assert everyone["game"]["winning_coalitions"] == "4"
    for data in (nobody, everyone):
        for key in KEYS:
            assert data["groups"]["A"][key] == "0/1"


def test_legislature_is_counted_without_listing_coalitions():
    bench = _load(Path(__file__).resolve().parents[2] / "benchmarks" / "bench_games.py", "bench_games")
    data = analyze(bench.kazakh_legislature((54, 24)))
    assert set(data["game"]) == {"winning_coalitions", "power_to_act", "power_to_act_float"}
    assert sum(Fraction(g["public_good_total"]) for g in data["groups"].values()) == 1
    assert sum(Fraction(g["deegan_packel_total"]) for g in data["groups"].values()) == 1


def test_too_many_count_vectors():
    weights = {f"p{i}": i + 1 for i in range(40)}
    game = weighted_game(weights, 411)
    report = power(game, coalitions=False)
    assert "deegan_packel" not in report.groups["p0"].values
    assert any("deegan-packel" in note for note in report.notes)
    assert report.groups["p0"].coleman_prevent is not None
    with pytest.raises(InputError, match="count vectors"):
        power(game, "johnston")


@given(st.integers(1, 6))
@settings(max_examples=10, deadline=None)
def test_unanimity_of_n(n):
    spec = {"groups": {"a": n}, "wins": {"quota": n, "weights": {"a": 1}}}
    data = analyze(spec)
    assert data["groups"]["a"]["deegan_packel"] == f"1/{n}"
    assert data["groups"]["a"]["coleman_prevent"] == "1/1"


def test_powerindex_readme_eec_1958():
    # powerindex's README (libraries.io/pypi/powerindex/0.2.0): the EEC (1958-1982), Germany,
    # France, Italy, Netherlands, Belgium, Luxembourg, "px -i b -q 12 -w 4 4 4 2 2 1", expected
    # [0.238..., 0.238..., 0.238..., 0.142..., 0.142..., 0.0]: Luxembourg a dummy, so every
    # index here gives it 0 and Coleman's indices are proportional to the Banzhaf swings.
    data = analyze(weighted_game({"DE": 4, "FR": 4, "IT": 4, "NL": 2, "BE": 2, "LU": 1}, 12))
    g = data["groups"]
    assert [g[c]["banzhaf"] for c in ("DE", "NL", "LU")] == ["5/21", "1/7", "0/1"]
    for key in KEYS:
        assert g["LU"][key] == "0/1"
    assert data["game"]["winning_coalitions"] == "14"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games(max_players=12))
def test_the_numpy_table_counts_the_winning_coalitions(spec):
    from respublika.games.ndp import numpy_winning, table_cells

    compiled, _ = merge_interchangeable(compile_game(Game.from_dict(spec)))
    assume(not isinstance(compiled.rule, bool))
    # Games whose weights make the table huge are the planner's to send elsewhere; building
    # one here took gigabytes (a composite game of 12 players can span millions of cells).
    assume(table_cells(compiled) <= 200_000)
    assert numpy_winning(compiled) == oracle.brute_force_more(spec)["winning_coalitions"]


def test_the_planner_takes_the_eu_council_games():
    # Estimated, not run: Lisbon's double majority (27 distinct populations in thousands) goes
    # to the numpy table, within the planner's limit; it was refused before issue 17.
    from respublika.games.engine import estimates, plan

    bench = _load(Path(__file__).resolve().parents[2] / "benchmarks" / "bench_games.py", "bench_games")
    lisbon = compile_game(Game.from_dict(bench.eu_lisbon()))
    assert plan(lisbon, by_size=True) == "numpy"
    merged, _ = merge_interchangeable(lisbon)
    assert estimates(merged, by_size=True)["numpy"] < 10e6  # microseconds
    assert plan(compile_game(Game.from_dict(bench.eu_nice())), by_size=True) == "numpy"
    assert sum(bench.IMF_VOTES.values()) == 5_039_930 and len(bench.IMF_VOTES) == 190
    assert sum(bench.NICE_VOTES.values()) == 345


def test_the_command_shows_one_new_index(respublika, tmp_path):
    import json

    path = tmp_path / "game.json"
    path.write_text(json.dumps({"groups": {"A": 1, "B": 1, "C": 1, "D": 1},
                                "wins": {"quota": 6, "weights": {"A": 4, "B": 3, "C": 2, "D": 1}}}))
    ran = respublika("power", str(path), "--index", "johnston")
    assert ran.code == 0 and "Johnston" in ran.out and "0.5000" in ran.out
    data = json.loads(respublika("power", str(path), "--index", "public-good", "--json").out)
    assert data["groups"]["D"]["public_good"] == "1/7" and "game" not in data
    profile = respublika("power", "--index", "deegan-packel")
    assert profile.code == 0 and "Deegan-Packel" in profile.out
    assert respublika("power", str(path), "--index", "owen").code == 2
