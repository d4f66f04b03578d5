"""A brute-force oracle for voting games: every one of the 2**n coalitions, for tests only.

It reads the JSON form of a game itself (its own little interpreter with ``Fraction``s), so
it shares no code with ``respublika.games`` beyond the format. Coalitions are bit masks over
the players; numpy evaluates the rule for all of them at once.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np


def _fraction(value: object) -> Fraction:
    return Fraction(value) if isinstance(value, int) else Fraction(str(value))


def holds(node: dict, counts: dict[str, int]) -> bool:
    """Evaluate a rule of the JSON form for a count vector, exactly."""
    if "all" in node:
        return all(holds(child, counts) for child in node["all"])
    if "any" in node:
        return any(holds(child, counts) for child in node["any"])
    total = sum(_fraction(w) * counts[g] for g, w in node["weights"].items())
    return total >= _fraction(node["quota"])


def _holds_vectorized(node: dict, counts: dict[str, np.ndarray]) -> np.ndarray:
    if "all" in node:
        return np.logical_and.reduce([_holds_vectorized(c, counts) for c in node["all"]])
    if "any" in node:
        return np.logical_or.reduce([_holds_vectorized(c, counts) for c in node["any"]])
    weights = {g: _fraction(w) for g, w in node["weights"].items()}
    quota = _fraction(node["quota"])
    scale = math.lcm(quota.denominator, *(w.denominator for w in weights.values()))
    total = sum((counts[g] * int(w * scale) for g, w in weights.items()), np.int64(0))
    return total >= int(quota * scale)


def brute_force(spec: dict) -> dict:
    """Per group: one member's swings and Shapley-Shubik index (checking that all members
    of a group agree), and the veto players, dummies and minimal coalitions."""
    groups: dict[str, int] = spec["groups"]
    owner = [g for g, size in groups.items() for _ in range(size)]
    n = len(owner)
    masks = np.arange(1 << n, dtype=np.int64)
    counts = {}
    for g in groups:
        group_mask = sum(1 << i for i, o in enumerate(owner) if o == g)
        counts[g] = np.bitwise_count(masks & group_mask).astype(np.int64)
    win = np.asarray(_holds_vectorized(spec["wins"], counts), dtype=bool)
    if win.shape == ():
        win = np.full(1 << n, bool(win))
    size = np.bitwise_count(masks).astype(np.int64)
    weight = [
        Fraction(math.factorial(s) * math.factorial(n - s - 1), math.factorial(n)) for s in range(n)
    ]
    per_player = []
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        swing = win[without | (1 << i)] & ~win[without]
        hist = np.bincount(size[without][swing], minlength=n)
        per_player.append(
            (
                int(swing.sum()),
                sum((int(c) * w for c, w in zip(hist, weight, strict=True)), Fraction(0)),
            )
        )
    result: dict = {"groups": {}}
    for g in groups:
        values = {per_player[i] for i, o in enumerate(owner) if o == g}
        assert len(values) == 1, f"members of {g} differ: {values}"
        ((swings, ss),) = values
        result["groups"][g] = {"swings": swings, "shapley_shubik": ss}
    full = {g: groups[g] for g in groups}
    nobody = not holds(spec["wins"], full)
    result["veto_players"] = (
        [] if nobody else [g for g in groups if not holds(spec["wins"], full | {g: groups[g] - 1})]
    )
    result["dummies"] = [g for g in groups if result["groups"][g]["swings"] == 0]
    result["minimal_winning"] = _minimal(spec, groups, blocking=False)
    result["minimal_blocking"] = _minimal(spec, groups, blocking=True)
    return result


def _minimal(spec: dict, groups: dict[str, int], *, blocking: bool) -> list[dict[str, int]]:
    """Minimal count vectors with the property, by checking every count vector."""
    names = list(groups)
    ranges = [np.arange(groups[g] + 1) for g in names]
    grid = np.meshgrid(*ranges, indexing="ij")
    vectors = {g: axis.ravel().astype(np.int64) for g, axis in zip(names, grid, strict=True)}
    if blocking:
        prop = ~_holds_vectorized(spec["wins"], {g: groups[g] - vectors[g] for g in names})
    else:
        prop = _holds_vectorized(spec["wins"], vectors)
    prop = np.broadcast_to(prop, vectors[names[0]].shape)
    minimal = prop.copy()
    stride = 1
    strides = {}
    for g in reversed(names):
        strides[g] = stride
        stride *= groups[g] + 1
    for g in names:
        has = vectors[g] > 0
        below = np.zeros_like(prop)
        below[has] = prop[np.nonzero(has)[0] - strides[g]]
        minimal &= ~below
    return [{g: int(vectors[g][i]) for g in names if vectors[g][i]} for i in np.nonzero(minimal)[0]]


def brute_force_more(spec: dict) -> dict:
    """Coleman's, Deegan-Packel's, Holler's and Johnston's indices and the number of winning
    coalitions, straight from their definitions over all ``2**n`` coalitions (per group,
    checking that all members of a group agree)."""
    groups: dict[str, int] = spec["groups"]
    owner = [g for g, size in groups.items() for _ in range(size)]
    n = len(owner)
    masks = np.arange(1 << n, dtype=np.int64)
    counts = {}
    for g in groups:
        group_mask = sum(1 << i for i, o in enumerate(owner) if o == g)
        counts[g] = np.bitwise_count(masks & group_mask).astype(np.int64)
    win = np.broadcast_to(np.asarray(_holds_vectorized(spec["wins"], counts), dtype=bool), masks.shape)
    size = np.bitwise_count(masks).astype(np.int64)
    member = [((masks >> i) & 1).astype(bool) for i in range(n)]
    critical = [member[i] & win & ~win[masks & ~(1 << i)] for i in range(n)]
    n_critical = np.sum(critical, axis=0)
    minimal = win & (n_critical == size)
    winning = int(win.sum())
    losing = (1 << n) - winning
    n_minimal = int(minimal.sum())
    swings = [int(c.sum()) for c in critical]
    holler = [int((minimal & member[i]).sum()) for i in range(n)]
    deegan = [
        sum((Fraction(1, int(s)) for s in size[minimal & member[i]]), Fraction(0)) for i in range(n)
    ]
    johnston = [
        sum((Fraction(1, int(c)) for c in n_critical[critical[i]]), Fraction(0)) for i in range(n)
    ]
    holler_total, johnston_total = sum(holler), sum(johnston)
    per_player = [
        (
            Fraction(swings[i], winning or 1),
            Fraction(swings[i], losing or 1),
            deegan[i] / (n_minimal or 1),
            Fraction(holler[i], holler_total or 1),
            johnston[i] / (johnston_total or 1),
        )
        for i in range(n)
    ]
    result: dict = {"winning_coalitions": winning, "power_to_act": Fraction(winning, 1 << n),
                    "groups": {}}
    keys = ("coleman_prevent", "coleman_initiate", "deegan_packel", "public_good", "johnston")
    for g in groups:
        values = {per_player[i] for i, o in enumerate(owner) if o == g}
        assert len(values) == 1, f"members of {g} differ: {values}"
        result["groups"][g] = dict(zip(keys, values.pop(), strict=True))
    return result


def brute_force_owen(spec: dict) -> dict:
    """Owen and Banzhaf-Owen values of each group's members from the definition, over all
    sets of other unions and all sets of the member's union-mates (players, not counts)."""
    from itertools import combinations

    groups: dict[str, int] = spec["groups"]
    owner = [g for g, size in groups.items() for _ in range(size)]
    union_of = {g: k for k, union in enumerate(spec.get("unions", [])) for g in union}
    blocks: dict[object, list[int]] = {}
    for i, g in enumerate(owner):
        blocks.setdefault(("u", union_of[g]) if g in union_of else ("p", i), []).append(i)
    unions = list(blocks.values())
    m = len(unions)

    def wins(players: set[int]) -> bool:
        counts = dict.fromkeys(groups, 0)
        for p in players:
            counts[owner[p]] += 1
        return holds(spec["wins"], counts)

    result = {}
    for g in groups:
        values = set()
        for i in (p for p, o in enumerate(owner) if o == g):
            mine = next(u for u in unions if i in u)
            others = [u for u in unions if u is not mine]
            mates = [p for p in mine if p != i]
            owen = bo = Fraction(0)
            for r in range(len(others) + 1):
                for chosen in combinations(others, r):
                    base = {p for u in chosen for p in u}
                    for t in range(len(mates) + 1):
                        for inner in combinations(mates, t):
                            s = base | set(inner)
                            if wins(s | {i}) and not wins(s):
                                owen += Fraction(
                                    math.factorial(r) * math.factorial(m - 1 - r), math.factorial(m)
                                ) * Fraction(
                                    math.factorial(t) * math.factorial(len(mine) - 1 - t),
                                    math.factorial(len(mine)),
                                )
                                bo += Fraction(1, 2 ** (m - 1) * 2 ** (len(mine) - 1))
            values.add((owen, bo))
        assert len(values) == 1, f"members of {g} differ: {values}"
        ((owen, bo),) = values
        result[g] = {"owen": owen, "banzhaf_owen": bo}
    return result
