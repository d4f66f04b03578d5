"""Swings in a rule over one weight sum: the generating function, packed into one integer.

The coalitions of all players, counted by weight ``t`` (and size ``s`` when Shapley-Shubik is
wanted), are the coefficients of ``P = prod over groups of (1 + z*x**w_g)**n_g``. A coalition
wins when its weight reaches the threshold ``theta``, so only ``x**0 .. x**(theta-1)`` are
kept. ``P`` is one big integer: ``x`` slots of ``n + 1`` ``z`` slots (Kronecker packing, see
``packing``), and multiplying by one member's factor is one shift and one addition.

A member of weight ``w`` swings for the coalitions ``S`` of the *other* players whose weight
is in ``[theta - w, theta)``. Their generating function is ``C = P / (1 + z*x**w)``, i.e.
``c_t = p_t - z*c_(t-w)``, so with ``Pcum(m) = sum of p_t for t < m`` and ``S(m)`` the same
sum over ``c``, ``S(m) = Pcum(m) - z*S(m - w)``: ``theta / w`` steps per distinct weight give
the window ``S(theta) - S(theta - w)``, counted by size. No coalition is ever enumerated.
"""

from __future__ import annotations

from collections.abc import Sequence

from respublika.games.packing import slot_bits, unpack


def weighted_swings(
    sizes: Sequence[int], weights: Sequence[int], theta: int, *, by_size: bool
) -> list[list[int]]:
    """Per group, the swings of one member of it: by coalition size ``s = 0 .. n-1`` (the
    size of ``S``, the coalition of others) when ``by_size``, else ``[total]``.

    The rule: a coalition wins when the sum of its members' ``weights`` reaches ``theta``.
    """
    n = sum(sizes)
    empty = [0] * n if by_size else [0]
    total_weight = sum(w * k for w, k in zip(weights, sizes, strict=True))
    if theta <= 0 or theta > total_weight:
        return [list(empty) for _ in sizes]  # every coalition wins, or none does
    capped = [min(w, theta) for w in weights]  # a weight beyond theta counts as theta
    z_bits = slot_bits(n)
    x_bits = z_bits * (n + 1) if by_size else z_bits
    step = z_bits if by_size else 0
    mask = (1 << (x_bits * theta)) - 1
    poly = 1
    for w, count in sorted(zip(capped, sizes, strict=True)):  # light first: P grows slowly
        shift = w * x_bits + step
        for _ in range(count):
            poly = (poly + (poly << shift)) & mask
    coefficients = unpack(poly, x_bits, theta)
    prefix = [0] * (theta + 1)  # prefix[m]: coalitions of weight < m
    running = 0
    for t, c in enumerate(coefficients):
        running += c
        prefix[t + 1] = running
    windows: dict[int, list[int]] = {0: empty}
    for w in set(capped) - {0}:
        below = 0  # S(m) for the previous m = theta - j*w, from the bottom up
        window_low = 0
        for m in range(theta - ((theta - 1) // w) * w, theta + 1, w):
            window_low = below
            below = prefix[m] - (below << step if by_size else below)
        window = below - window_low  # S(theta) - S(theta - w)
        windows[w] = unpack(window, z_bits, n) if by_size else [window]
    return [list(windows[w]) for w in capped]
