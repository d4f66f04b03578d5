"""Swings in any game: dynamic programming over groups, the state a tuple of weight sums.

The state of a partial coalition is its weight sum in each dimension of the rule (see
``rules``), capped at the largest quota of that dimension: beyond it, more weight changes
nothing. Adding the members of the groups one at a time maps a table ``state -> number of
coalitions`` to the next, so the table counts coalitions by state without listing any.

One dimension, the one with the largest cap, is not a key of the table but packed into its
values (Kronecker packing, see ``packing``): for each state of the *other* dimensions, one big
integer holds the counts for weight sums ``0 .. cap-1`` of the packed dimension (each a packed
polynomial in ``z``, the coalition size, when Shapley-Shubik is wanted), and a second one
their total over all sums. Adding a member is then a shift and an addition per key.

A member of group ``h`` swings for the coalitions ``S`` of the *others* that lose but win
with its weight added. For a key, the rule is monotone in the packed sum ``t``: it holds from
a threshold on (``make_threshold``), so the swinging ``t`` form an interval, summed from the
packed counts (or from the total, for an interval open above). The table of all players but
one member of ``h`` is built for every group by divide and conquer: the groups outside a
range are added once and shared by both halves of it (about ``G log G`` group additions).
"""

from __future__ import annotations

from collections.abc import Sequence

from respublika.games.packing import slot_bits, unpack
from respublika.games.rules import Compiled, dims_per_group, make_threshold

# front state (capped sums of the unpacked dimensions) -> (counts for packed sums below the
# cap, packed; total count over all packed sums)
Table = dict[tuple[int, ...], tuple[int, int]]


def packed_dimension(compiled: Compiled) -> int:
    """The dimension packed into the values: the one with the largest cap."""
    return max(range(len(compiled.caps)), key=lambda d: compiled.caps[d])


def front_states(compiled: Compiled) -> int:
    """An upper bound on the keys of the table: the product of (cap + 1) over the dimensions
    other than the packed one."""
    packed = packed_dimension(compiled)
    total = 1
    for d, cap in enumerate(compiled.caps):
        if d != packed:
            total *= cap + 1
    return total


def dp_swings(compiled: Compiled, *, by_size: bool) -> list[list[int]]:
    """Per group, one member's swings, by size of the coalition of others or as ``[total]``."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    sizes = compiled.sizes
    n = sum(sizes)
    packed = packed_dimension(compiled)
    front = [d for d in range(len(compiled.caps)) if d != packed]
    front_caps = [compiled.caps[d] for d in front]
    cap = compiled.caps[packed]
    per_group = dims_per_group(compiled)
    moves = [tuple(per_group[g][d] for d in front) for g in range(len(sizes))]
    packed_weight = [per_group[g][packed] for g in range(len(sizes))]
    z_bits = slot_bits(n)
    x_bits = z_bits * (n + 1) if by_size else z_bits
    step = z_bits if by_size else 0
    mask = (1 << (cap * x_bits)) - 1
    unit = [1 if d == packed else 0 for d in range(len(compiled.caps))]
    threshold = make_threshold(rule, unit, cap)  # least packed sum that wins, or cap + 1

    def move(key: tuple[int, ...], g: int) -> tuple[int, ...]:
        return tuple(min(s + w, c) for s, w, c in zip(key, moves[g], front_caps, strict=True))

    def add(table: Table, g: int, count: int) -> Table:
        shift = packed_weight[g] * x_bits + step
        for _ in range(count):
            new = dict(table)
            for key, (low, total) in table.items():
                target = move(key, g)
                old_low, old_total = new.get(target, (0, 0))
                new[target] = (
                    old_low + ((low << shift) & mask),
                    old_total + (total << step),
                )
            table = new
        return table

    def add_all(table: Table, groups: Sequence[int]) -> Table:
        for g in groups:
            table = add(table, g, sizes[g])
        return table

    def sums(key: tuple[int, ...]) -> list[int]:
        full = [0] * len(compiled.caps)
        for d, s in zip(front, key, strict=True):
            full[d] = s
        return full

    def swings(table: Table, h: int) -> list[int]:
        acc = 0
        w = packed_weight[h]
        for key, (low, total) in table.items():
            with_h = threshold(sums(move(key, h)))
            if with_h > cap:  # cannot win even with the member
                continue
            lo = max(0, with_h - w)  # wins with the member from packed sum lo on
            hi = threshold(sums(key))  # wins without it from hi on
            if lo >= hi:
                continue
            if hi > cap:  # never wins without it: every packed sum from lo on swings
                acc += total - sum(unpack(low, x_bits, lo))
            else:
                acc += sum(unpack(low, x_bits, hi)[lo:])
        return unpack(acc, z_bits, n) if by_size else [acc]

    result: list[list[int]] = [[] for _ in sizes]

    def solve(lo: int, hi: int, table: Table) -> None:
        if hi - lo == 1:
            result[lo] = swings(add(table, lo, sizes[lo] - 1), lo)
            return
        mid = (lo + hi) // 2
        solve(lo, mid, add_all(table, range(mid, hi)))
        solve(mid, hi, add_all(table, range(lo, mid)))

    solve(0, len(sizes), {tuple(0 for _ in front): (1, 1)})
    return result
