"""Benchmarks of the voting-power engine, against the ``powerindex`` package where it applies.

Run: ``python benchmarks/bench_games.py`` (a table) or ``python benchmarks/bench_games.py
--json``. Every timing is the best of several runs, all taken in this one run, of
``respublika.games.analyze`` (the whole report: indices, veto players, dummies, minimal
coalitions) and of ``powerindex``'s ``calc_banzhaf`` / ``calc_shapley_shubik``. The ratio is
powerindex's time over ours. Timings vary by machine; the targets are those of issue 5.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from fractions import Fraction

from respublika.games import Game, analyze, weighted_game

# Electoral votes by the 2020 apportionment (the 2024 and 2028 elections): 50 states and DC,
# 538 in all. Maine and Nebraska split theirs by district; here each state is one bloc.
ELECTORAL_VOTES_2020: dict[str, int] = {
    "AL": 9, "AK": 3, "AZ": 11, "AR": 6, "CA": 54, "CO": 10, "CT": 7, "DE": 3, "DC": 3,
    "FL": 30, "GA": 16, "HI": 4, "ID": 4, "IL": 19, "IN": 11, "IA": 6, "KS": 6, "KY": 8,
    "LA": 8, "ME": 4, "MD": 10, "MA": 11, "MI": 15, "MN": 10, "MS": 6, "MO": 10, "MT": 4,
    "NE": 5, "NV": 6, "NH": 4, "NJ": 14, "NM": 5, "NY": 28, "NC": 16, "ND": 3, "OH": 17,
    "OK": 7, "OR": 8, "PA": 19, "RI": 4, "SC": 9, "SD": 3, "TN": 11, "TX": 40, "UT": 6,
    "VT": 3, "VA": 13, "WA": 12, "WV": 4, "WI": 10, "WY": 3,
}  # fmt: skip


def electoral_college() -> Game:
    """51 blocs, 270 of 538 electoral votes to win."""
    return weighted_game(ELECTORAL_VOTES_2020, 270)


def legislature(
    lower: tuple[str, int],
    upper: tuple[str, int],
    passage: tuple[int, int],
    override: tuple[int, int],
) -> dict[str, object]:
    """Two chambers of individual members and a President: a bill passes with the passage
    majorities of both chambers and the President's assent, or over a veto with the
    override majorities of both chambers."""
    (low, n_low), (up, n_up) = lower, upper

    def chambers(quotas: tuple[int, int]) -> list[dict[str, object]]:
        return [
            {"quota": quotas[0], "weights": {low: 1}},
            {"quota": quotas[1], "weights": {up: 1}},
        ]

    return {
        "groups": {low: n_low, up: n_up, "president": 1},
        "wins": {
            "any": [
                {"all": [*chambers(passage), {"quota": 1, "weights": {"president": 1}}]},
                {"all": chambers(override)},
            ]
        },
    }


def kazakh_legislature(passage: tuple[int, int] = (72, 32)) -> dict[str, object]:
    """107 deputies of the Mazhilis, 47 senators, the President; two thirds to override."""
    return legislature(("mazhilis", 107), ("senate", 47), passage, (72, 32))


def us_congress() -> dict[str, object]:
    """435 representatives, 100 senators (the Vice President's tie-break left out), the
    President: 218 + 51 with the President, or 290 + 67 over a veto."""
    return legislature(("house", 435), ("senate", 100), (218, 51), (290, 67))


def random_weighted(players: int = 200, top: int = 100, seed: int = 2024) -> tuple[list[int], int]:
    """``players`` weights drawn from 1..``top`` (seeded), quota a simple majority of weight."""
    rng = random.Random(seed)
    weights = [rng.randint(1, top) for _ in range(players)]
    return weights, sum(weights) // 2 + 1


def best_time(action: Callable[[], object], *, budget: float = 0.5, most: int = 30) -> float:
    """The best of several runs (at least 3, at most ``most``, about ``budget`` seconds)."""
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < 3 or (len(times) < most and time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return min(times)


def _powerindex(quota: int, weights: list[int], index: str) -> Callable[[], object] | None:
    try:
        import powerindex
    except ImportError:
        return None

    def run() -> object:
        game = powerindex.Game(quota, weights=list(weights))
        return game.calc_banzhaf() if index == "banzhaf" else game.calc_shapley_shubik()

    return run


def _agrees(ours: dict[str, object], quota: int, weights: list[int], index: str) -> bool:
    import powerindex

    game = powerindex.Game(quota, weights=list(weights))
    key = "banzhaf" if index == "banzhaf" else "shapley_shubik"
    if index == "banzhaf":
        game.calc_banzhaf()
        reference = game.banzhaf
    else:
        game.calc_shapley_shubik()
        reference = game.shapley_shubik
    groups = ours["groups"]
    assert isinstance(groups, dict)
    mine = [float(Fraction(g[key])) for g in groups.values()]
    return all(
        abs(a - b) <= 1e-9 * max(abs(b), 1e-300) for a, b in zip(mine, reference, strict=True)
    )


def run() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []

    def row(case: str, index: str, ours: float, theirs: float | None, target: str, ok: bool,
            agree: bool | None = None) -> None:  # fmt: skip
        rows.append(
            {
                "case": case,
                "index": index,
                "ours_ms": round(ours * 1000, 3),
                "powerindex_ms": None if theirs is None else round(theirs * 1000, 3),
                "speedup": None if theirs is None else round(theirs / ours, 1),
                "target": target,
                "met": ok,
                "agrees_with_powerindex": agree,
            }
        )

    college = electoral_college()
    votes = list(ELECTORAL_VOTES_2020.values())
    for index in ("banzhaf", "shapley-shubik"):
        ours = best_time(lambda index=index: analyze(college, index))
        reference = _powerindex(270, votes, index)
        theirs = best_time(reference, budget=2.0, most=10) if reference else None
        agree = _agrees(analyze(college, index), 270, votes, index) if reference else None
        row("US Electoral College, 51 blocs, quota 270", index, ours, theirs,
            "faster than powerindex", theirs is not None and ours < theirs, agree)  # fmt: skip

    for name, spec, limit in (
        ("Kazakh legislature, 107+47+1 members (2/3, 2/3)", kazakh_legislature(), 0.010),
        ("Kazakh legislature, 107+47+1 members (54+24, 2/3)", kazakh_legislature((54, 24)), 0.010),
        ("US Congress, 435+100+1 members", us_congress(), 0.100),
    ):
        ours = best_time(lambda spec=spec: analyze(spec, "all"))
        row(name, "all", ours, None, f"< {limit * 1000:.0f} ms", ours < limit)

    weights, quota = random_weighted()
    spec = weighted_game({f"p{i}": w for i, w in enumerate(weights)}, quota)
    ours = best_time(lambda: analyze(spec, "banzhaf"), budget=2.0, most=5)
    reference = _powerindex(quota, weights, "banzhaf")
    theirs = best_time(reference, budget=0, most=1) if reference else None
    agree = _agrees(analyze(spec, "banzhaf"), quota, weights, "banzhaf") if reference else None
    row("Weighted game, 200 players, weights 1..100", "banzhaf", ours, theirs, "< 1000 ms",
        ours < 1.0, agree)  # fmt: skip
    return rows


def table(rows: list[dict[str, object]]) -> str:
    head = ["case", "index", "ours ms", "powerindex ms", "speed-up", "target", "met", "agree"]
    body = [
        [
            str(r["case"]),
            str(r["index"]),
            f"{r['ours_ms']:.2f}",
            "-" if r["powerindex_ms"] is None else f"{r['powerindex_ms']:.2f}",
            "-" if r["speedup"] is None else f"{r['speedup']}x",
            str(r["target"]),
            "yes" if r["met"] else "NO",
            {None: "-", True: "yes", False: "NO"}[r["agrees_with_powerindex"]],  # type: ignore[index]
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [head, *body]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = run()
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 0 if all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
