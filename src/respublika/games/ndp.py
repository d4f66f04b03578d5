"""Swings in any game of at most 62 players: a NumPy table over (size, capped weight sums).

The table ``T[s, x_1, ..., x_D]`` counts the coalitions of ``s`` players whose weight sum in
each dimension ``d`` is ``x_d`` (capped at the dimension's largest quota: beyond it more weight
changes nothing). A dimension in which every member weighs 1 (a count of members, as in the
EU Council's "55 % of the member states") *is* the size and takes no axis. Adding a member
of weights ``w`` is ``T'[s] = T[s] + shift_w(T[s - 1])``, one vectorized shift per member.

The table of all players but one member of ``h`` is not rebuilt: the addition is undone,
``T_h[0] = T[0]`` and ``T_h[s] = T[s] - shift_w(T_h[s - 1])``, exact because the size axis is
never capped. A member swings for the coalitions of the others that lose but win with its
weights added: the rule is evaluated once on the whole grid of states, and the swings by
size are ``sum over x of T_h[s, x]`` where ``(s, x)`` loses and ``(s + 1, x + w)`` wins.

Counts of coalitions of at most 62 players fit in int64, so the table is exact; the planner
offers this method only for such games (``MAX_PLAYERS``) and tables that fit in memory
(forced on a larger game, it counts in Python integers, exactly but slowly).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from respublika.errors import InputError
from respublika.games.counting import holds
from respublika.games.rules import Compiled, dims_per_group

MAX_PLAYERS = 62
MAX_CELLS = 50_000_000
"""The largest table built (about 400 MB of int64); the planner and the counting keep below it."""
"""The most players whose coalition counts int64 holds exactly (``2**62 < 2**63``)."""

Array = Any


def layout(compiled: Compiled) -> tuple[list[int], list[int]]:
    """The dimensions that are a count of members (every group weighs 1: the size axis
    stands for them) and the others, which are axes of the table."""
    size_like = [d for d, dim in enumerate(compiled.dims) if all(w == 1 for w in dim)]
    axes = [d for d in range(len(compiled.dims)) if d not in size_like]
    return size_like, axes


def table_cells(compiled: Compiled) -> int:
    """Cells of one table: ``(n + 1) * prod (cap_d + 1)`` over the dimensions with an axis."""
    _, axes = layout(compiled)
    return (compiled.players + 1) * math.prod(compiled.caps[d] + 1 for d in axes)


def _shift(layer: Array, weights: Sequence[int], caps: Sequence[int]) -> Array:
    """``layer`` moved by ``weights`` along each axis, what passes the cap piling up on it."""
    out = layer
    for axis, (w, cap) in enumerate(zip(weights, caps, strict=True)):
        if w == 0:
            continue
        moved = np.zeros_like(out)
        index: list[slice | int] = [slice(None)] * out.ndim
        if w <= cap:
            index[axis] = slice(w, cap + 1)
            source: list[slice | int] = [slice(None)] * out.ndim
            source[axis] = slice(0, cap + 1 - w)
            moved[tuple(index)] = out[tuple(source)]
            source[axis] = slice(cap + 1 - w, cap + 1)
            index[axis] = cap
            moved[tuple(index)] += out[tuple(source)].sum(axis=axis)
        else:
            index[axis] = cap
            moved[tuple(index)] = out.sum(axis=axis)
        out = moved
    return out


def _table(compiled: Compiled) -> tuple[Array, Array, list[list[int]], list[int]]:
    """The table of all players, the rule on its grid, each group's moves and the caps."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    cells = table_cells(compiled)
    if cells > MAX_CELLS:
        raise InputError(f"the numpy table would have {cells:,} cells (at most {MAX_CELLS:,})")
    n = compiled.players
    dtype: Any = np.int64 if n <= MAX_PLAYERS else object  # object: Python ints, slow
    size_like, axes = layout(compiled)
    caps = [compiled.caps[d] for d in axes]
    per_group = dims_per_group(compiled)
    moves = [[per_group[g][d] for d in axes] for g in range(len(compiled.sizes))]
    table = np.zeros((n + 1, *(c + 1 for c in caps)), dtype=dtype)
    table[(0,) * table.ndim] = 1
    filled = 0
    for g, count in enumerate(compiled.sizes):
        for _ in range(count):
            # Only layers 0..filled hold coalitions yet; go down so each adds once.
            for s in range(filled + 1, 0, -1):
                table[s] += _shift(table[s - 1], moves[g], caps)
            filled += 1
    # The rule on the whole grid: sums per dimension, the size standing for the counts.
    grid: Any = np.indices(table.shape, sparse=True)
    sums: list[Array] = [None] * len(compiled.dims)
    for d in size_like:
        sums[d] = grid[0]
    for axis, d in enumerate(axes, start=1):
        sums[d] = grid[axis]
    wins = np.broadcast_to(holds(rule, _Sums(sums)), table.shape)
    return table, wins, moves, caps


def numpy_winning(compiled: Compiled) -> int:
    """The number of winning coalitions: the table's cells where the rule holds."""
    table, wins, _, _ = _table(compiled)
    return int(sum(table[wins].tolist()))


def numpy_swings(compiled: Compiled, *, by_size: bool) -> list[list[int]]:
    """Per group, one member's swings, by size of the coalition of others or as ``[total]``."""
    n = compiled.players
    table, wins, moves, caps = _table(compiled)
    result: list[list[int]] = []
    for g in range(len(compiled.sizes)):
        without = np.empty_like(table)
        without[0] = table[0]
        for s in range(1, n + 1):
            without[s] = table[s] - _shift(without[s - 1], moves[g], caps)
        index = np.ix_(*(np.minimum(np.arange(c + 1) + w, c) for w, c in zip(moves[g], caps, strict=True)))
        with_member = wins[1:][(slice(None), *index)] if caps else wins[1:]
        swing = with_member & ~wins[:-1]
        counts = np.where(swing, without[:-1], 0).reshape(n, -1).sum(axis=1)
        hist = [int(c) for c in counts]
        result.append(hist if by_size else [sum(hist)])
    return result


class _Sums:
    """Index ``d`` -> the (broadcastable) weight sums of dimension ``d`` on the grid."""

    def __init__(self, sums: Sequence[Array]) -> None:
        self._sums = sums

    def __getitem__(self, d: int) -> Array:
        return self._sums[d]
