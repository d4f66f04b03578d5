"""Swings in games of a few groups: count vectors of the small groups, an interval of the big.

A coalition is a count vector ``k`` (members of each group), held by ``prod C(n_g, k_g)``
coalitions of players. Take the largest group ``I`` aside and run through the count vectors
``k_O`` of the other groups (for the Kazakh legislature: senators x President, 48 x 2). The
rule is monotone, so for each ``k_O`` the winning values of ``k_I`` are an interval
``[tau(k_O), n_I]``, found from the leaves' quotas in constant time (``make_threshold``).

* A member of ``I`` swings exactly when the others of ``I`` number ``tau - 1``.
* A member of another group ``h`` swings for ``k_I`` in ``[tau(k_O + e_h), tau(k_O))``: an
  interval, summed through prefix sums of ``C(n_I, .)``, or, counted by coalition size, as a
  slice of the packed polynomial ``(1 + z)**n_I`` (see ``packing``).

The work is the number of count vectors of the groups other than the largest, which the
engine checks is small before choosing this method.
"""

from __future__ import annotations

from collections import defaultdict

from respublika.games.packing import binomials, pack, slot_bits, unpack
from respublika.games.rules import Compiled, dims_per_group, make_threshold


def outer_vectors(compiled: Compiled, inner: int) -> int:
    """How many count vectors the groups other than ``inner`` have."""
    total = 1
    for g, n in enumerate(compiled.sizes):
        if g != inner:
            total *= n + 1
    return total


def largest_group(compiled: Compiled) -> int:
    return max(range(len(compiled.sizes)), key=lambda g: compiled.sizes[g])


def vector_swings(compiled: Compiled, *, by_size: bool) -> list[list[int]]:
    """Per group, one member's swings, by size of the coalition of others or as ``[total]``."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    sizes = compiled.sizes
    n = sum(sizes)
    weights = dims_per_group(compiled)
    inner = largest_group(compiled)
    n_inner = sizes[inner]
    outer = [g for g in range(len(sizes)) if g != inner]

    # All count vectors of the outer groups, the last outer group varying fastest.
    sums: list[tuple[int, ...]] = [tuple(0 for _ in compiled.dims)]
    mult = [1]
    size = [0]
    strides = {}
    for g in outer:
        row = binomials(sizes[g])
        w = weights[g]
        sums = [
            tuple(s + k * wd for s, wd in zip(vec, w, strict=True))
            for vec in sums
            for k in range(sizes[g] + 1)
        ]
        mult = [m * c for m in mult for c in row]
        size = [s + k for s in size for k in range(sizes[g] + 1)]
    stride = 1
    for g in reversed(outer):
        strides[g] = stride
        stride *= sizes[g] + 1
    tau = make_threshold(rule, weights[inner], n_inner)
    thresholds = [tau(vec) for vec in sums]

    bits = slot_bits(n)
    inner_row = binomials(n_inner)
    inner_minus = binomials(n_inner - 1)
    result: list[list[int]] = [[] for _ in sizes]

    # Members of the largest group: one swing point per outer vector.
    hist = [0] * n if by_size else [0]
    for t, m, s in zip(thresholds, mult, size, strict=True):
        if 1 <= t <= n_inner:
            count = inner_minus[t - 1] * m
            hist[t - 1 + s if by_size else 0] += count
    result[inner] = hist

    # Members of the other groups: an interval of the largest group's counts.
    prefix = [0]
    for c in inner_row:
        prefix.append(prefix[-1] + c)
    inner_packed = pack(inner_row, bits) if by_size else 0
    for h in outer:
        st, nh = strides[h], sizes[h]
        windows: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        total = 0
        for idx, (t0, m) in enumerate(zip(thresholds, mult, strict=True)):
            kh = (idx // st) % (nh + 1)
            if kh == nh:
                continue
            t1 = thresholds[idx + st]
            if t1 >= t0:
                continue
            m_without = m * (nh - kh) // nh  # C(nh - 1, kh) instead of C(nh, kh)
            if by_size:
                windows[(t1, t0)][size[idx]] += m_without
            else:
                total += m_without * (prefix[t0] - prefix[t1])
        if not by_size:
            result[h] = [total]
            continue
        acc = 0
        for (lo, hi), by_outer_size in windows.items():
            window = (inner_packed >> (lo * bits)) & ((1 << ((hi - lo) * bits)) - 1)
            factor = pack([by_outer_size.get(s, 0) for s in range(max(by_outer_size) + 1)], bits)
            acc += (window * factor) << (lo * bits)
        result[h] = unpack(acc, bits, n)
    return result
