"""Swings in any game: dynamic programming over groups, the state a tuple of weight sums.

The state of a partial coalition is its weight sum in each dimension of the rule (see
``rules``), capped at the largest quota of that dimension: beyond it, more weight changes
nothing. Adding the members of the groups one at a time maps a table ``state -> number of
coalitions`` (a packed polynomial in ``z``, the coalition size, when Shapley-Shubik is wanted)
to the next, so the table counts coalitions by state without listing any of them.

A member of group ``h`` swings for the coalitions ``S`` of the *others* whose state loses
but wins with its weight added. The table of all players but that member is built for every
group by divide and conquer: the groups outside a range are added once and shared by both
halves of it, so ``G`` groups cost about ``G log G`` group additions rather than ``G**2``.
"""

from __future__ import annotations

from collections.abc import Sequence

from respublika.games.packing import slot_bits, unpack
from respublika.games.rules import Compiled, dims_per_group

Table = dict[tuple[int, ...], int]


def state_count(compiled: Compiled) -> int:
    """An upper bound on the number of states: the product of (cap + 1) over dimensions."""
    total = 1
    for cap in compiled.caps:
        total *= cap + 1
    return total


def dp_swings(compiled: Compiled, *, by_size: bool) -> list[list[int]]:
    """Per group, one member's swings, by size of the coalition of others or as ``[total]``."""
    sizes = compiled.sizes
    n = sum(sizes)
    caps = compiled.caps
    weights = dims_per_group(compiled)
    bits = slot_bits(n)
    step = bits if by_size else 0
    wins = compiled.predicate

    def add(table: Table, group: int, count: int) -> Table:
        w = weights[group]
        for _ in range(count):
            new = dict(table)
            for state, value in table.items():
                moved = tuple(min(s + d, c) for s, d, c in zip(state, w, caps, strict=True))
                new[moved] = new.get(moved, 0) + (value << step)
            table = new
        return table

    def add_all(table: Table, groups: Sequence[int]) -> Table:
        for g in groups:
            table = add(table, g, sizes[g])
        return table

    result: list[list[int]] = [[] for _ in sizes]

    def swings(table: Table, h: int) -> list[int]:
        w = weights[h]
        acc = 0
        for state, value in table.items():
            if wins(state):
                continue
            moved = tuple(min(s + d, c) for s, d, c in zip(state, w, caps, strict=True))
            if wins(moved):
                acc += value
        return unpack(acc, bits, n) if by_size else [acc]

    def solve(lo: int, hi: int, table: Table) -> None:
        if hi - lo == 1:
            result[lo] = swings(add(table, lo, sizes[lo] - 1), lo)
            return
        mid = (lo + hi) // 2
        solve(lo, mid, add_all(table, range(mid, hi)))
        solve(mid, hi, add_all(table, range(lo, mid)))

    solve(0, len(sizes), {tuple(0 for _ in caps): 1})
    return result
