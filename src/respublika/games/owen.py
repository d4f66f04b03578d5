"""The Owen and Banzhaf-Owen values of a game with a-priori unions, exactly.

A game may declare *unions* (``Game.unions``): disjoint sets of groups whose members are
expected to act together, parties of deputies for instance. Every member of a group in no
union is a union of its own. With ``M`` unions in all, a member ``i`` of union ``U_k`` (of
``u`` members) gets

* **Owen** (1977): ``sum over R (sets of the other unions) and T (sets of the other members
  of U_k) of r!(M-1-r)!/M! * t!(u-1-t)!/u! * [v(R u T u i) - v(R u T)]``: the Shapley value of
  orders in which unions arrive one after the other and members within their union;
* **Banzhaf-Owen** (Owen 1982): the same sum with the weights ``1/2**(M-1) * 1/2**(u-1)``.

Nothing lists the coalitions of players. ``R`` is described by the declared unions it holds
(a subset: ``2**m`` of them for ``m`` declared unions) and by how many singleton members of
each free group it holds (multiplicity ``prod C(n_f, c_f)``); ``T`` by its count vector inside
``U_k``. The rule is evaluated on every pair at once with NumPy and the swinging pairs are
summed by ``(r, t)``, exactly, before the weights are applied. The work is the number of
pairs, refused beyond :data:`MAX_PAIRS` (and more than :data:`MAX_UNIONS` declared unions).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from respublika.errors import InputError
from respublika.games.counting import holds
from respublika.games.packing import binomials
from respublika.games.rules import Compiled

MAX_UNIONS = 20
MAX_PAIRS = 4_000_000
"""The most (R, T) pairs evaluated for one group."""

Array = Any


def _configs(sizes: Sequence[int], free: Sequence[int], reduced: int | None, groups: int,
             unions: Sequence[Sequence[int]]) -> tuple[Array, Array, Array]:
    """Count vectors (groups x configs), sizes (number of unions or members) and
    multiplicities of: each subset of ``unions`` joined with each count vector of the free
    groups ``free`` (singletons; ``reduced`` has one member fewer)."""
    vectors = np.zeros((groups, 1), dtype=np.int64)
    count = np.zeros(1, dtype=np.int64)
    mult: Array = np.array([1], dtype=object)
    for union in unions:
        full = np.zeros(groups, dtype=np.int64)
        for g in union:
            full[g] = sizes[g]
        vectors = np.concatenate([vectors, vectors + full[:, None]], axis=1)
        count = np.concatenate([count, count + 1])
        mult = np.concatenate([mult, mult])
    for f in free:
        top = sizes[f] - (1 if f == reduced else 0)
        row = np.array(binomials(top), dtype=object)
        k = np.arange(top + 1, dtype=np.int64)
        step = np.zeros((groups, 1), dtype=np.int64)
        step[f, 0] = 1
        vectors = (vectors[:, :, None] + step[:, :, None] * k[None, None, :]).reshape(groups, -1)
        count = (count[:, None] + k[None, :]).ravel()
        mult = np.multiply.outer(mult, row).ravel()
    return vectors, count, mult


def owen_values(compiled: Compiled, unions: Sequence[Sequence[int]]) -> tuple[list[Fraction], list[Fraction]]:
    """Per group, one member's Owen and Banzhaf-Owen values (``unions`` as group indices)."""
    rule = compiled.rule
    sizes = compiled.sizes
    groups = len(sizes)
    if isinstance(rule, bool):
        return [Fraction(0)] * groups, [Fraction(0)] * groups
    if len(unions) > MAX_UNIONS:
        raise InputError(f"unions: at most {MAX_UNIONS} are computed exactly here, got {len(unions)}")
    if max(compiled.full_sums, default=0) >= 2**62:
        raise InputError("unions: the weight sums do not fit in 64-bit integers")
    of_union = {g: k for k, union in enumerate(unions) for g in union}
    free = [g for g in range(groups) if g not in of_union]
    total_unions = len(unions) + sum(sizes[f] for f in free)
    dims = np.array(compiled.dims, dtype=np.int64).reshape(len(compiled.dims), groups)
    factorial = [math.factorial(i) for i in range(max(total_unions, compiled.players, 1) + 1)]
    owen: list[Fraction] = []
    banzhaf_owen: list[Fraction] = []
    for g in range(groups):
        k = of_union.get(g)
        if k is None:
            r_vec, r_len, r_mult = _configs(sizes, free, g, groups, unions)
            t_vec, t_len, t_mult = _configs(sizes, [], None, groups, [])
            members = 1
        else:
            others = [u for j, u in enumerate(unions) if j != k]
            r_vec, r_len, r_mult = _configs(sizes, free, None, groups, others)
            t_vec, t_len, t_mult = _configs(sizes, list(unions[k]), g, groups, [])
            members = sum(sizes[h] for h in unions[k])
        pairs = r_vec.shape[1] * t_vec.shape[1]
        if pairs > MAX_PAIRS:
            raise InputError(
                f"unions: the Owen values of {compiled.names[g]!r} take {pairs:,} combinations "
                f"of unions and members (at most {MAX_PAIRS:,}); fewer unions make it smaller"
            )
        r_sums = dims @ r_vec
        t_sums = dims @ t_vec
        total = r_sums[:, :, None] + t_sums[:, None, :]
        weight = dims[:, g][:, None, None]
        swing = np.broadcast_to(holds(rule, total + weight) & ~holds(rule, total), total.shape[1:])
        value = Fraction(0)
        plain = 0
        for t in np.unique(t_len):
            chosen = t_len == t
            rows = swing[:, chosen].astype(object).dot(t_mult[chosen])  # per R config
            for r in np.unique(r_len):
                part = int(sum((r_mult[r_len == r] * rows[r_len == r]).tolist()))
                if part:
                    ri, ti = int(r), int(t)
                    value += Fraction(
                        part * factorial[ri] * factorial[total_unions - 1 - ri]
                        * factorial[ti] * factorial[members - 1 - ti],
                        factorial[total_unions] * factorial[members],
                    )
                    plain += part
        owen.append(value)
        banzhaf_owen.append(Fraction(plain, 2 ** (total_unions - 1) * 2 ** (members - 1)))
    return owen, banzhaf_owen
