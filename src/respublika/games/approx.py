"""Monte Carlo estimates of Banzhaf and Shapley-Shubik for games beyond exact reach.

Clearly not exact: the result says ``"exact": false`` and gives each estimate with a 95 %
interval. Sampling is vectorized with NumPy and seeded (``numpy.random.default_rng(seed)``),
so the same ``samples`` and ``seed`` give the same numbers.

* **Shapley-Shubik.** Each sample is a random order of the players; the prefix weight sums
  (per dimension of the compiled rule) are cumulated along the order, the rule is evaluated on
  every prefix at once, and the pivot is the player whose arrival makes the prefix win. The
  share of samples whose pivot is in group ``g`` estimates the group's total; per member it is
  divided by the group's size. The interval is Wilson's score interval for that share.
* **Banzhaf.** Each sample is a random coalition, every player in it with probability 1/2,
  drawn as a count vector (members of each group: binomial). A member in it swings when the
  coalition wins and loses without it; a member outside when the coalition loses and wins
  with it; both have the probability of the member's absolute Banzhaf index. The group's
  share of swinging members per sample has that mean and a variance at most ``p (1 - p)``, so
  Wilson's interval for ``samples`` trials is conservative. The normalized index is the ratio
  of the estimates; its interval combines the groups' bounds (the extreme ratios).

The other indices are not estimated.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from respublika.errors import InputError
from respublika.games.counting import holds
from respublika.games.rules import Compiled, compile_game
from respublika.games.spec import Game

Z95 = 1.959963984540054
"""The 97.5 % quantile of the standard normal: 95 % two-sided intervals."""

MAX_SAMPLES = 10_000_000
CHUNK_CELLS = 2_000_000
"""Prefix sums held at once (rows x players) when sampling orders."""


def wilson(successes: float, trials: int) -> tuple[float, float]:
    """Wilson's score interval (95 %) for a proportion."""
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = Z95 * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= trials else min(1.0, centre + half)
    return low, high


def _dims(compiled: Compiled) -> Any:
    if max(compiled.full_sums, default=0) >= 2**62:
        raise InputError("--approx: the weight sums do not fit in 64-bit integers")
    return np.array(compiled.dims, dtype=np.int64).reshape(len(compiled.dims), len(compiled.sizes))


def _shapley(compiled: Compiled, samples: int, rng: Any) -> list[int]:
    """Per group, the samples whose pivot is in the group."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    owner = np.repeat(np.arange(len(compiled.sizes)), compiled.sizes)
    n = len(owner)
    weights = _dims(compiled)[:, owner]  # per dimension, each player's weight
    hits = np.zeros(len(compiled.sizes), dtype=np.int64)
    rows = max(1, CHUNK_CELLS // max(n, 1))
    done = 0
    while done < samples:
        take = min(rows, samples - done)
        order = rng.permuted(np.broadcast_to(np.arange(n), (take, n)), axis=1)
        prefix = [np.cumsum(w[order], axis=1) for w in weights]
        wins = holds(rule, prefix)
        wins = np.broadcast_to(wins, (take, n))
        pivot = np.argmax(wins, axis=1)
        ok = wins[np.arange(take), pivot]
        hits += np.bincount(owner[order[np.arange(take), pivot]][ok], minlength=len(hits))
        done += take
    return [int(h) for h in hits]


def _banzhaf(compiled: Compiled, samples: int, rng: Any) -> list[float]:
    """Per group, the sum over samples of the share of its members who swing."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    dims = _dims(compiled)
    sizes = np.array(compiled.sizes, dtype=np.int64)
    totals = np.zeros(len(sizes))
    rows = max(1, CHUNK_CELLS // max(len(sizes), 1))
    done = 0
    while done < samples:
        take = min(rows, samples - done)
        k = rng.binomial(sizes, 0.5, size=(take, len(sizes)))
        sums = dims @ k.T  # (dimensions, rows)
        wins = np.broadcast_to(holds(rule, sums), (take,))
        for g in range(len(sizes)):
            w = dims[:, g : g + 1]
            inside = wins & ~np.broadcast_to(holds(rule, sums - w), (take,))
            outside = ~wins & np.broadcast_to(holds(rule, sums + w), (take,))
            swinging = np.where(inside, k[:, g], 0) + np.where(outside, sizes[g] - k[:, g], 0)
            totals[g] += float(swinging.sum()) / int(sizes[g])
        done += take
    return [float(t) for t in totals]


def approximate(game: Game, *, samples: int, seed: int, index: str = "all") -> dict[str, object]:
    """Monte Carlo estimates with 95 % intervals (see the module docstring); ``index`` is
    ``"all"``, ``"banzhaf"`` or ``"shapley-shubik"``."""
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"--samples: a whole number from 1 to {MAX_SAMPLES:,}, got {samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"--seed: a whole number of at least 0, got {seed!r}")
    if index not in ("all", "banzhaf", "shapley-shubik"):
        raise InputError(f"--approx estimates banzhaf and shapley-shubik, not {index!r}")
    compiled = compile_game(game)
    rng = np.random.default_rng(seed)
    names = compiled.names
    sizes = compiled.sizes
    groups: dict[str, dict[str, object]] = {name: {"size": sizes[g]} for g, name in enumerate(names)}
    notes = [
        "Monte Carlo estimates, not exact values: each with a 95 % interval "
        f"({samples:,} samples, seed {seed}); the same samples and seed give the same numbers"
    ]
    trivial = isinstance(compiled.rule, bool)
    if trivial:
        notes.append("every coalition wins, or none does: every index is exactly 0")
    if index in ("all", "banzhaf"):
        shares = [0.0] * len(sizes) if trivial else _banzhaf(compiled, samples, rng)
        estimate = [s / samples for s in shares]
        bounds = [wilson(s, samples) for s in shares]
        total = sum(e * n for e, n in zip(estimate, sizes, strict=True))
        for g, name in enumerate(names):
            low, high = bounds[g]
            rest_low = sum(bounds[h][0] * sizes[h] for h in range(len(sizes)) if h != g)
            rest_high = sum(bounds[h][1] * sizes[h] for h in range(len(sizes)) if h != g)
            groups[name] |= {
                "banzhaf_absolute": estimate[g],
                "banzhaf_absolute_interval": [low, high],
                "banzhaf": estimate[g] / total if total else 0.0,
                "banzhaf_interval": [
                    low / (low * sizes[g] + rest_high) if low else 0.0,
                    min(1.0 / sizes[g], high / (high * sizes[g] + rest_low)) if high else 0.0,
                ],
            }
    if index in ("all", "shapley-shubik"):
        hits = [0] * len(sizes) if trivial else _shapley(compiled, samples, rng)
        for g, name in enumerate(names):
            low, high = wilson(hits[g], samples)
            groups[name] |= {
                "shapley_shubik": hits[g] / samples / sizes[g],
                "shapley_shubik_interval": [low / sizes[g], high / sizes[g]],
            }
    return {
        "players": compiled.players,
        "index": index,
        "exact": False,
        "method": "monte-carlo",
        "samples": samples,
        "seed": seed,
        "confidence": 0.95,
        "groups": groups,
        "notes": notes,
    }
