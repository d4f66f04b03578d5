"""Validation of the inputs every election function takes: vote tables, seat numbers, shares.

Every check raises :class:`~respublika.errors.InputError` with a message that names the
problem (which party, which value). Nothing here knows any country's numbers.

A vote table is given either as a mapping ``{name: votes}`` or as a sequence of
``(name, votes)`` pairs. The order is the *registration order* of the lists or candidates,
which decides ties by default. Pairs are accepted so that duplicates (two rows for the same
party in a CSV file) can be detected instead of silently overwriting each other.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from fractions import Fraction

from respublika.errors import InputError
from respublika.exact import parse_fraction

VoteTable = Mapping[str, int] | Sequence[tuple[str, int]]
"""Votes per list or candidate, in registration order."""


def whole_number(value: object, *, what: str, minimum: int = 0) -> int:
    """``value`` as an ``int`` at least ``minimum``; bools, floats and text are refused."""
    if value is None:
        raise InputError(f"{what} is missing")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputError(f"{what} must be a whole number, got {value!r}")
    number = int(value)
    if number < minimum:
        if minimum == 0:
            raise InputError(f"{what} must not be negative, got {number}")
        raise InputError(f"{what} must be at least {minimum}, got {number}")
    return number


MAX_SEATS = 10**9
"""The most seats any election fills, checked before any work (divisor methods answer in
time independent of the seat count up to here)."""


def seat_count(value: object, *, what: str = "seats") -> int:
    """A number of seats to fill: a whole number from 1 to :data:`MAX_SEATS`."""
    number = whole_number(value, what=what, minimum=1)
    if number > MAX_SEATS:
        raise InputError(f"{what}: at most {MAX_SEATS:,} seats, got {number:,}")
    return number


def vote_table(
    votes: object, *, what: str = "votes", allow_empty: bool = False
) -> list[tuple[str, int]]:
    """Check a vote table and return it as ``[(name, votes), ...]`` in the given order.

    Refused: a table that is not a mapping or a sequence of pairs, an empty table (unless
    ``allow_empty``), a name that is not a non-empty string, the same name twice, and a
    vote count that is missing, negative or not a whole number.
    """
    if isinstance(votes, Mapping):
        items: list[object] = list(votes.items())
    elif isinstance(votes, Sequence) and not isinstance(votes, str | bytes):
        items = list(votes)
    else:
        raise InputError(
            f"{what}: expected a mapping name -> votes or a list of (name, votes) pairs, "
            f"got {type(votes).__name__}"
        )
    if not items and not allow_empty:
        raise InputError(f"{what}: the list is empty; give at least one list or candidate")
    table: list[tuple[str, int]] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise InputError(f"{what}: entry {position} is not a (name, votes) pair: {item!r}")
        name, count = item
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{what}: entry {position} has no name (got {name!r})")
        if name in seen:
            raise InputError(f"{what}: {name!r} appears more than once")
        seen.add(name)
        table.append((name, whole_number(count, what=f"{what} for {name!r}")))
    return table


def share(value: object, *, what: str = "threshold") -> Fraction:
    """A share in ``[0, 1)`` read exactly (``Fraction``, ``"7/100"``, ``"7%"``, ``"0.07"``, ``0``)."""
    fraction = parse_fraction(value, what=what)
    if not 0 <= fraction < 1:
        raise InputError(f"{what} must be at least 0 and below 1, got {fraction}")
    return fraction
