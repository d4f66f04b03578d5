"""Exact arithmetic shared by every engine: fractions from text, thresholds as counts.

A threshold such as "two thirds of the total membership" is never computed with floats:
``required_count(107, Fraction(2, 3))`` is 72 and ``required_count(47, Fraction(2, 3))`` is 32.
"""

from __future__ import annotations

import re
from fractions import Fraction

from respublika.errors import InputError

MAX_DIGITS = 60
"""The most digits a number written as text may have (each side of ``p/q``), checked before
it is converted: a longer one is refused, not computed with."""

_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_DECIMAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")


def parse_fraction(value: object, *, what: str = "value", percent: bool = True) -> Fraction:
    """Read ``"2/3"``, ``"7%"``, ``"0.07"``, ``7`` (an int) or a ``Fraction`` exactly.

    ``percent=False``: a percentage is not accepted (a weight or a quota in weight units),
    and the message for unreadable text names only the forms that are.

    Decimal strings are read digit by digit (``"0.07"`` is exactly 7/100), never via float.
    Floats are refused unless they are whole numbers, because 0.07 as a float is not 7/100.
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise InputError(f"{what}: expected a number or 'p/q', got {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if value.is_integer():
            return Fraction(int(value))
        raise InputError(
            f"{what}: {value!r} is a float; write it as a fraction 'p/q' or a decimal string"
        )
    if isinstance(value, str):
        digits = sum(c.isdigit() for c in value)
        if len(value) > 3 * MAX_DIGITS or digits > 2 * MAX_DIGITS or any(
                len(run) > MAX_DIGITS for run in re.findall(r"\d+", value)):
            raise InputError(f"{what}: {value[:40]!r}... is too long (at most {MAX_DIGITS} digits a number)")
        m = _FRACTION.match(value)
        if m:
            den = int(m.group(2))
            if den == 0:
                raise InputError(f"{what}: {value!r} has a zero denominator")
            return Fraction(int(m.group(1)), den)
        m = _DECIMAL.match(value)
        if m and m.group(2) and not percent:
            raise InputError(f"{what}: {value!r} is a percentage; give a number such as '2/3' or '0.5'")
        if m:
            number = Fraction(m.group(1))  # Fraction parses decimal strings exactly
            return number / 100 if m.group(2) else number
    forms = "'p/q', '7%' or '0.07'" if percent else "'p/q' such as '2/3', or a decimal such as '0.5'"
    raise InputError(f"{what}: cannot read {value!r} as a fraction (use {forms})")


def format_fraction(value: Fraction) -> str:
    """``Fraction(2, 3)`` -> ``"2/3"``; whole numbers keep the ``/1`` so the form is uniform."""
    return f"{value.numerator}/{value.denominator}"


def required_count(base: int, share: Fraction, *, strict: bool = False) -> int:
    """The least whole count that meets ``share`` of ``base``.

    ``strict=False`` means "at least share" (ceil(base * share)); ``strict=True`` means
    "more than share" (floor(base * share) + 1). Both are exact integer arithmetic.
    """
    if base < 0:
        raise InputError(f"base must be non-negative, got {base}")
    product = share * base
    if strict:
        return product.numerator // product.denominator + 1
    return -((-product.numerator) // product.denominator)
