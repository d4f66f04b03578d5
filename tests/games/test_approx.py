"""Monte Carlo estimates: marked as such, reproducible, and their 95 % intervals cover the
exact values on games small enough to compute both ways."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest

from respublika.errors import InputError
from respublika.games import Game, analyze, weighted_game
from respublika.games.approx import approximate, wilson


def _games() -> list[dict]:
    """Twelve seeded games: weighted games of single players and composite rules of groups."""
    rng = random.Random(2024)
    specs = []
    for i in range(12):
        if i % 2 == 0:
            weights = {f"p{j}": rng.randint(1, 20) for j in range(rng.randint(4, 12))}
            quota = rng.randint(sum(weights.values()) // 3, sum(weights.values()))
            specs.append({"groups": dict.fromkeys(weights, 1), "wins": {"quota": quota, "weights": weights}})
        else:
            sizes = {"a": rng.randint(1, 30), "b": rng.randint(1, 20), "c": rng.randint(1, 3)}

            def leaf(sizes=sizes):
                chosen = rng.sample(sorted(sizes), rng.randint(1, 3))
                w = {g: rng.randint(1, 3) for g in chosen}
                return {"quota": rng.randint(1, sum(w[g] * sizes[g] for g in chosen)), "weights": w}

            specs.append({"groups": sizes, "wins": {"any": [{"all": [leaf(), leaf()]}, leaf()]}})
    return specs


def test_intervals_cover_the_exact_values():
    # Fixed seeds, so the outcome is the same on every run: it cannot flake. At 95 % a few
    # misses among the ~160 intervals are expected; at least 88 % must cover.
    covered = total = 0
    for k, spec in enumerate(_games()):
        exact = analyze(spec)
        estimate = approximate(Game.from_dict(spec), samples=4000, seed=k)
        assert estimate["exact"] is False
        for name, entry in estimate["groups"].items():
            truth = exact["groups"][name]
            for key in ("banzhaf", "banzhaf_absolute", "shapley_shubik"):
                low, high = entry[f"{key}_interval"]
                value = float(Fraction(truth[key]))
                assert low - 1e-12 <= entry[key] <= high + 1e-12
                covered += low - 1e-12 <= value <= high + 1e-12
                total += 1
    assert total >= 150
    assert covered >= 0.88 * total, (covered, total)


def test_the_same_seed_gives_the_same_numbers():
    game = weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6)
    first = approximate(game, samples=500, seed=7)
    assert approximate(game, samples=500, seed=7) == first
    assert approximate(game, samples=500, seed=8) != first


def test_a_game_beyond_exact_reach():
    # 500 weighted players: Shapley-Shubik exactly is refused (it would take far too long);
    # the estimate is there, marked as one.
    rng = random.Random(5)
    weights = {f"p{i}": rng.randint(1, 1000) for i in range(500)}
    game = weighted_game(weights, sum(weights.values()) // 2 + 1)
    with pytest.raises(InputError, match="--approx"):
        analyze(game, "shapley-shubik")
    result = approximate(game, samples=2000, seed=1, index="shapley-shubik")
    assert result["exact"] is False and result["samples"] == 2000
    total = sum(g["shapley_shubik"] * g["size"] for g in result["groups"].values())
    assert total == pytest.approx(1.0)
    assert "banzhaf" not in result["groups"]["p0"]


def test_wilson_interval():
    low, high = wilson(0, 100)
    assert low == 0.0 and 0.03 < high < 0.04
    low, high = wilson(50, 100)
    assert low < 0.5 < high and high - low == pytest.approx(2 * 0.0962, abs=2e-3)


def test_bad_arguments():
    game = weighted_game({"A": 1}, 1)
    for kwargs in ({"samples": 0, "seed": 0}, {"samples": 10, "seed": -1}):
        with pytest.raises(InputError):
            approximate(game, **kwargs)
    with pytest.raises(InputError, match="estimates banzhaf"):
        approximate(game, samples=10, seed=0, index="johnston")


def test_the_command(respublika, tmp_path):
    path = tmp_path / "game.json"
    path.write_text(json.dumps({"groups": {"A": 1, "B": 1}, "wins": {"quota": 2, "weights": {"A": 1, "B": 1}}}))
    result = respublika("power", str(path), "--approx", "--samples", "300", "--seed", "4", "--json")
    data = json.loads(result.out)
    assert data["exact"] is False and data["seed"] == 4 and data["samples"] == 300
    low, high = data["groups"]["A"]["shapley_shubik_interval"]
    assert low < 0.5 < high
    table = respublika("power", str(path), "--approx", "--samples", "300")
    assert "ESTIMATED" in table.out
