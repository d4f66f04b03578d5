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

from collections.abc import Sequence


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


def ss_weights(players: int) -> list[int]:
    """``s! * (n - 1 - s)!`` for ``s = 0 .. n - 1``: the Shapley-Shubik weight of a swing by a
    coalition of ``s`` others, times ``n!``."""
    n = players
    fact = [1] * (n + 1)
    for i in range(1, n + 1):
        fact[i] = fact[i - 1] * i
    return [fact[s] * fact[n - 1 - s] for s in range(n)]
