"""Kronecker packing: a polynomial with non-negative integer coefficients as one big integer.

A polynomial ``c0 + c1*z + c2*z**2 + ...`` whose coefficients are all below ``2**bits`` is the
integer ``c0 + c1*2**bits + c2*2**(2*bits) + ...``. Evaluation at ``z = 2**bits`` is a ring
homomorphism, so sums, differences, shifts (multiplication by ``z**k``) and products of packed
polynomials are the packed results, whatever the intermediate values, as long as the final
polynomial's coefficients are in ``[0, 2**bits)``. Python's big integers then do, in one
C-level operation, what would be a loop over coefficients. Slot widths here are whole bytes,
so packing and unpacking go through ``bytes`` slices.

A count of coalitions among ``n`` players is at most ``2**n``, so ``n + 1`` bits always hold
one: that is what ``slot_bits`` gives, rounded up to bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence


def slot_bits(players: int) -> int:
    """Bits per slot, a multiple of 8, enough for any count of coalitions of ``players``."""
    return 8 * (players // 8 + 1)


def pack(coefficients: Sequence[int], bits: int) -> int:
    """``sum(c << (i * bits))`` for coefficients in ``[0, 2**bits)``."""
    width = bits // 8
    return int.from_bytes(b"".join(c.to_bytes(width, "little") for c in coefficients), "little")


def unpack(value: int, bits: int, count: int) -> list[int]:
    """The ``count`` lowest slots of a packed polynomial (``value`` must be non-negative)."""
    width = bits // 8
    data = (value & ((1 << (bits * count)) - 1)).to_bytes(width * count, "little")
    return [int.from_bytes(data[i : i + width], "little") for i in range(0, width * count, width)]


def binomials(n: int) -> list[int]:
    """``[C(n, 0), ..., C(n, n)]`` exactly."""
    row = [1] * (n + 1)
    for k in range(1, n + 1):
        row[k] = row[k - 1] * (n - k + 1) // k
    return row


def shapley_numerators(by_size: Sequence[Sequence[int]], players: int) -> list[int]:
    """For each histogram, ``sum of by_size[s] * s! * (n - 1 - s)!``: a member's
    Shapley-Shubik index times ``n!``, from its swings counted by the size ``s`` of the
    coalition of the others. The factorials are built once, as a table when many sizes occur,
    else one by one with ``math.factorial``."""
    n = players
    needed = {s for hist in by_size for s, count in enumerate(hist) if count}
    factorial: Callable[[int], int] = math.factorial
    if len(needed) > 64:
        table = [1] * (n + 1)
        for i in range(1, n + 1):
            table[i] = table[i - 1] * i
        factorial = table.__getitem__
    weight = {s: factorial(s) * factorial(n - 1 - s) for s in needed}
    return [sum(count * weight[s] for s, count in enumerate(hist) if count) for hist in by_size]
