"""Counting winning, minimal winning and vulnerable coalitions by count vectors, exactly.

The indices of Coleman, Deegan-Packel, Holler (public good) and Johnston need more than the
swings: the number of winning coalitions, the minimal winning coalitions with their sizes, and,
for each winning coalition, how many of its members are critical (leaving it makes it lose).
None of this lists the ``2**n`` coalitions of players. A coalition is described by its *count
vector* ``k`` (members of each group; groups of interchangeable members merged first), held by
``prod C(n_g, k_g)`` coalitions of players. All count vectors are evaluated at once with NumPy:

* ``k`` wins when the rule holds for its weight sums;
* group ``h`` is critical in ``k`` when ``k`` wins, ``k_h > 0`` and ``k - e_h`` loses (every
  member of ``h`` in the coalition is then critical: they are interchangeable);
* ``k`` is minimal winning when every group present is critical; it has ``c(k) = sum of
  k_h`` over the critical groups critical members.

A given member of ``h`` belongs to ``k_h / n_h`` of the coalitions of a count vector, so its
counts are the sums of ``prod C(n_g, k_g) * k_h / n_h``, exact (Python integers in NumPy object
arrays, ``Fraction`` for the sums of ``1/|S|`` and ``1/c(S)``).

The work is the number of count vectors, ``prod (n_g + 1)`` over the merged groups: tens of
thousands for a legislature of chambers, 2,160 for the EU Council under the Treaty of Nice (27
states, 10 distinct vote weights). :func:`vector_count` gives it; the planner refuses what is
beyond :data:`MAX_VECTORS`. The number of winning coalitions alone (Coleman's indices) is also
counted without count vectors when there are too many (``winning_count``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from respublika.games.packing import binomials, slot_bits, unpack
from respublika.games.rules import Compiled, Node

MAX_VECTORS = 1_000_000
"""The most count vectors the counting of minimal winning coalitions may evaluate."""

Array = Any  # numpy arrays (numpy's stubs do not type object arrays usefully)


@dataclass(frozen=True)
class CoalitionCounts:
    """What the count vectors give, per member of each group (groups in the game's order).

    ``winning``: winning coalitions of players; ``minimal``: minimal winning ones;
    ``in_minimal[g]``: minimal winning coalitions containing one given member of ``g``;
    ``minimal_by_size[g]``: the sum of ``1/|S|`` over those; ``johnston[g]``: the sum, over the
    winning coalitions in which the member is critical, of ``1 / (critical members)``.
    """

    winning: int
    minimal: int
    in_minimal: Sequence[int]
    minimal_by_size: Sequence[Fraction]
    johnston: Sequence[Fraction]


def vector_count(compiled: Compiled) -> int:
    """``prod (n_g + 1)`` over the groups of ``compiled`` (merge them first)."""
    return math.prod(n + 1 for n in compiled.sizes)


def holds(node: Node, sums: Array) -> Array:
    """The rule evaluated on the columns of ``sums`` (one row per dimension)."""
    kind = node[0]
    if kind == "leaf":
        d, q = node[1], node[2]
        assert isinstance(d, int) and isinstance(q, int)
        return np.asarray(sums[d] >= q, dtype=bool)
    kids = node[1]
    assert isinstance(kids, tuple)
    parts = [holds(kid, sums) for kid in kids]
    reduce = np.logical_and if kind == "all" else np.logical_or
    out = parts[0]
    for part in parts[1:]:
        out = reduce(out, part)
    return out


def _int_dtype(compiled: Compiled) -> Any:
    """int64 when every weight sum fits, else Python integers."""
    biggest = max((max(s, 1) for s in compiled.full_sums), default=1)
    return np.int64 if biggest < 2**62 else object


def _sum(values: Array) -> int:
    return int(sum(values.tolist()))


def coalition_counts(compiled: Compiled) -> CoalitionCounts:
    """Every count vector at once (``compiled`` merged, with a rule that is not constant)."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    sizes = compiled.sizes
    groups = len(sizes)
    shape = tuple(n + 1 for n in sizes)
    k = np.indices(shape, dtype=np.int64).reshape(groups, -1)
    dtype = _int_dtype(compiled)
    dims = np.array(compiled.dims, dtype=dtype).reshape(len(compiled.dims), groups)
    kk = k.astype(dtype)
    sums = dims @ kk if dtype is np.int64 else np.array(
        [sum(int(w) * kk[g] for g, w in enumerate(row)) for row in compiled.dims], dtype=object
    ).reshape(len(compiled.dims), -1)
    win = holds(rule, sums)
    mult: Array = np.array([1], dtype=object)
    for n in sizes:
        mult = np.multiply.outer(mult, np.array(binomials(n), dtype=object)).ravel()
    critical = []
    for h in range(groups):
        less = sums - dims[:, h : h + 1]
        critical.append(win & (k[h] > 0) & ~holds(rule, less))
    present_critical = np.ones_like(win)
    c = np.zeros(k.shape[1], dtype=np.int64)
    for h in range(groups):
        present_critical &= critical[h] | (k[h] == 0)
        c += np.where(critical[h], k[h], 0)
    minimal = win & present_critical
    size = k.sum(axis=0)
    winning = _sum(mult[win])
    m_mult = mult[minimal]
    m_size = size[minimal]
    in_minimal: list[int] = []
    by_size: list[Fraction] = []
    johnston: list[Fraction] = []
    for h, n in enumerate(sizes):
        weighted = m_mult * k[h][minimal]
        total = _sum(weighted)
        assert total % n == 0
        in_minimal.append(total // n)
        by_size.append(_grouped(weighted, m_size) / n)
        crit = critical[h]
        johnston.append(_grouped(mult[crit] * k[h][crit], c[crit]) / n)
    return CoalitionCounts(winning, _sum(m_mult), in_minimal, by_size, johnston)


def _grouped(values: Array, divisors: Array) -> Fraction:
    """``sum(values[i] / divisors[i])`` exactly, adding the values of one divisor first."""
    total = Fraction(0)
    if len(values) == 0:
        return total
    order = np.argsort(divisors, kind="stable")
    values, divisors = values[order], divisors[order]
    cuts = np.flatnonzero(np.diff(divisors)) + 1
    for part, d in zip(np.split(values, cuts), divisors[np.r_[0, cuts]], strict=True):
        total += Fraction(_sum(part), int(d))
    return total


def winning_count(compiled: Compiled) -> int:
    """The number of winning coalitions of players (``compiled`` merged, rule not constant):
    by count vectors when there are few, else by the generating function of a rule over one
    weight sum, else by the numpy table (at most 62 players), else by dynamic programming
    over groups of the capped weight sums."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    n = compiled.players
    if vector_count(compiled) <= MAX_VECTORS:
        dtype = _int_dtype(compiled)
        if dtype is np.int64:
            shape = tuple(s + 1 for s in compiled.sizes)
            k = np.indices(shape, dtype=np.int64).reshape(len(shape), -1)
            sums = np.array(compiled.dims, dtype=np.int64).reshape(len(compiled.dims), -1) @ k
            win = holds(rule, sums)
            mult: Array = np.array([1], dtype=object)
            for size in compiled.sizes:
                mult = np.multiply.outer(mult, np.array(binomials(size), dtype=object)).ravel()
            return _sum(mult[win])
    theta = compiled.threshold()
    if theta is not None:
        bits = slot_bits(n)
        mask = (1 << (bits * theta)) - 1
        poly = 1
        for w, count in zip(compiled.dims[0], compiled.sizes, strict=True):
            shift = min(w, theta) * bits
            for _ in range(count):
                poly = (poly + (poly << shift)) & mask
        return int(2**n - sum(unpack(poly, bits, theta)))
    from respublika.games.ndp import MAX_CELLS, MAX_PLAYERS, numpy_winning, table_cells

    if n <= MAX_PLAYERS and table_cells(compiled) <= MAX_CELLS:
        return numpy_winning(compiled)
    table: dict[tuple[int, ...], int] = {tuple(0 for _ in compiled.dims): 1}
    for g, count in enumerate(compiled.sizes):
        weights = [dim[g] for dim in compiled.dims]
        for _ in range(count):
            new = dict(table)
            for key, value in table.items():
                target = tuple(min(s + w, c) for s, w, c in zip(key, weights, compiled.caps, strict=True))
                new[target] = new.get(target, 0) + value
            table = new
    predicate = compiled.predicate
    return sum(value for key, value in table.items() if predicate(key))
