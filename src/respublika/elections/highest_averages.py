"""Divisor (highest-averages) methods: each seat goes to the highest quotient votes / divisor.

A list holding ``k`` seats competes for its next one with the quotient ``votes / d(k)``;
the ``seats`` highest quotients of all lists win. The methods differ only in ``d``:

* ``dhondt``: 1, 2, 3, ... (``k + 1``; Jefferson);
* ``sainte-lague``: 1, 3, 5, ... (``2k + 1``; Webster);
* ``danish``: 1, 4, 7, ... (``3k + 1``);
* ``imperiali``: 2, 3, 4, ... (``k + 2``; not the Imperiali quota);
* ``adams``: 0, 1, 2, ... (``k``; smallest divisors);
* ``dean``: the harmonic mean ``2k(k+1) / (2k+1)`` (0, 4/3, 12/5, ...);
* ``huntington-hill``: the geometric mean ``sqrt(k(k+1))`` (0, sqrt 2, sqrt 6, ...), compared
  exactly through the squares ``votes**2 / (k(k+1))`` (no square root is ever taken).

``first_divisor`` replaces ``d(0)`` (the "modified" forms: 1.4 for Sainte-Laguë in Norway,
1.2 in Sweden since 2018), read exactly as a ``Fraction``.

A divisor of 0 makes the quotient infinite: every list gets a first seat before any list a
second (Adams, Dean, Huntington–Hill). With fewer seats than lists the first seats go by
votes, the limit of ``votes / d`` as ``d`` goes to 0 (as the ``apportionment`` package does).

Time independent of the seat count. The allocation is not built seat by seat: each list
starts at its lower quota ``floor(votes * seats / total)`` (within a few seats per list of
the result for every method here, whatever the seat count), then seats are added to the
highest next quotient or taken from the lowest last one until the count is right, and
exchanged while some list's next quotient beats another's last one. Every comparison is
exact. The number of such moves is bounded by the number of lists, not of seats, so
``--seats 100000000`` takes the same time as ``--seats 100``.

The quotient of the last seat (the smallest winning quotient) is reported as
``last_quotient`` (``None`` for Huntington–Hill, whose quotients are irrational, and when the
last seat was a first seat at divisor 0). A tie is equal quotients at that last quotient
competing for fewer seats than there are contenders; it is settled by the tie rule.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from respublika.elections.base import Family, MethodOutcome
from respublika.elections.explain import decimal, show
from respublika.elections.ties import TieBreaker
from respublika.errors import InputError

Key = tuple[int, Fraction]
"""An exact rank of a quotient: ``(1, votes)`` for an infinite one (divisor 0), ranked by
votes; ``(0, q)`` for a finite one, ``q`` the quotient (or, for Huntington–Hill, its square)."""


@dataclass(frozen=True)
class HighestAverages:
    """A divisor method defined by ``divisor(k)``, the divisor for a list holding ``k`` seats.

    ``squared``: ``divisor`` gives the *square* of the divisor (Huntington–Hill), and the
    quotients are compared as squares. ``first_divisor`` overrides ``divisor(0)``.
    """

    name: str
    title: str
    divisor: Callable[[int], Fraction | int]
    divisors_text: str
    squared: bool = False
    first_divisor: Fraction | None = None

    @property
    def family(self) -> Family:
        return "divisor"

    def with_first_divisor(self, first: Fraction | str | int) -> HighestAverages:
        """The modified form: ``d(0) = first`` (a positive number, read exactly)."""
        from respublika.exact import parse_fraction

        value = parse_fraction(first, what="first divisor")
        if value <= 0:
            raise InputError(f"first divisor must be positive, got {value}")
        if self.squared:
            raise InputError(f"{self.title}: a first divisor cannot be set (its divisors are square roots)")
        second = Fraction(self.divisor(1))
        if value >= second:
            raise InputError(
                f"{self.title}: the first divisor must be below the second ({_plain(second)}), got {_plain(value)}"
            )
        return replace(self, first_divisor=value, title=f"{self.title} (first divisor {_plain(value)})")

    def d(self, k: int) -> Fraction:
        """The divisor for a list holding ``k`` seats (its square for Huntington–Hill)."""
        if k == 0 and self.first_divisor is not None:
            return self.first_divisor
        return Fraction(self.divisor(k))

    def quotient(self, votes: int, held: int) -> Fraction:
        """The quotient a list with ``votes`` competes with for its next seat (finite only;
        for Huntington–Hill the square of the quotient)."""
        d = self.d(held)
        if d == 0:
            raise InputError("internal: the quotient at divisor 0 is infinite")
        return Fraction(votes * votes if self.squared else votes) / d

    def key(self, votes: int, held: int) -> Key:
        """The exact rank of the quotient for the next seat of a list holding ``held``."""
        d = self.d(held)
        if d == 0:
            return (1, Fraction(votes))
        return (0, Fraction(votes * votes if self.squared else votes) / d)

    def _show_key(self, votes: int, held: int) -> str:
        d = self.d(held)
        if d == 0:
            return f"{votes:,}/0 = infinite"
        if self.squared:
            return f"{votes:,}/sqrt({_plain(d)}) ≈ {decimal(_sqrt_approx(self.quotient(votes, held)), 4)}"
        return f"{votes:,}/{_plain(d)} = {show(self.quotient(votes, held))}"

    def apportion(
        self, parties: Sequence[str], votes: Sequence[int], seats: int, ties: TieBreaker
    ) -> MethodOutcome:
        n = len(parties)
        total = sum(votes)
        held, moves = self._settle(votes, seats, [v * seats // total for v in votes])
        # Quotients strictly above the last one win whatever the tie rule; those equal to it
        # (at most one per list) compete for the seats still open.
        last = min(self.key(v, h - 1) for v, h in zip(votes, held, strict=True) if h)
        above = [
            h - 1 if h and self.key(v, h - 1) == last else h
            for h, v in zip(held, votes, strict=True)
        ]
        at = [i for i in range(n) if self.key(votes[i], above[i]) == last]
        kind = "first seat (divisor 0), votes" if last[0] else "squared quotient" if self.squared else "quotient"
        chosen = ties.choose(kind, last[1], [parties[i] for i in at], seats - sum(above))
        result = [a + (1 if i in at and parties[i] in chosen else 0) for i, a in enumerate(above)]
        lines = []
        for p, v, s in zip(parties, votes, result, strict=True):
            won = f"last winning quotient {self._show_key(v, s - 1)}" if s else "no seat"
            lines.append(f"{p}: {s:,} seat{'s' if s != 1 else ''}, {won}; next {self._show_key(v, s)}")
        if last[0]:
            at_last = "a first seat at divisor 0 (every list gets one before any gets a second; by votes)"
        elif self.squared:
            at_last = f"quotient ≈ {decimal(_sqrt_approx(last[1]), 4)} (its square {show(last[1])})"
        else:
            at_last = f"quotient {show(last[1])}"
        steps = (
            (
                "quotients",
                f"{self.title}: divisors {self._divisors_text()}; each of the {seats:,} seats goes "
                f"to the highest remaining quotient votes / divisor. Counted from the lower "
                f"quotas votes × seats / total, then {moves:,} seat move(s) by exact comparison "
                f"of quotients. The last seat was won at {at_last}.",
            ),
            ("last quotients", "; ".join(lines) + "."),
        )
        last_quotient = None if last[0] or self.squared else last[1]
        return MethodOutcome(tuple(result), None, last_quotient, steps)

    def _divisors_text(self) -> str:
        if self.first_divisor is None:
            return self.divisors_text
        rest = ", ".join(_plain(self.d(k)) for k in (1, 2, 3))
        return f"{_plain(self.first_divisor)}, {rest}, ..."

    def _settle(self, votes: Sequence[int], seats: int, start: list[int]) -> tuple[list[int], int]:
        """From ``start``, the allocation where no list's next quotient beats another's last
        one and the seats add up; returns it and the number of single-seat moves made."""
        held = list(start)
        moves = 0
        nexts: list[tuple[int, Fraction, int, int]] = []  # max-heap of next quotients
        lasts: list[tuple[int, Fraction, int, int]] = []  # min-heap of last quotients

        def push(i: int) -> None:
            t, q = self.key(votes[i], held[i])
            heapq.heappush(nexts, (-t, -q, i, held[i]))
            if held[i]:
                t, q = self.key(votes[i], held[i] - 1)
                heapq.heappush(lasts, (t, q, i, held[i]))

        def top(heap: list[tuple[int, Fraction, int, int]]) -> tuple[int, Fraction, int, int] | None:
            while heap and held[heap[0][2]] != heap[0][3]:
                heapq.heappop(heap)
            return heap[0] if heap else None

        for i in range(len(votes)):
            push(i)
        count = sum(held)
        while True:
            best, worst = top(nexts), top(lasts)
            if count < seats and best is not None:
                i = best[2]
                held[i] += 1
                count += 1
            elif count > seats and worst is not None:
                i = worst[2]
                held[i] -= 1
                count -= 1
            elif best is not None and worst is not None and (-best[0], -best[1]) > worst[:2]:
                held[best[2]] += 1
                held[worst[2]] -= 1
                moves += 1
                push(worst[2])
                i = best[2]
            else:
                return held, moves
            moves += 1
            push(i)


def _plain(value: Fraction) -> str:
    """A divisor for display: ``2``, ``7/5`` as ``1.4`` when it is a short decimal."""
    if value.denominator == 1:
        return str(value.numerator)
    for places in range(1, 7):
        if (value * 10**places).denominator == 1:
            return decimal(value, places)
    return f"{value.numerator}/{value.denominator}"


def _sqrt_approx(square: Fraction) -> Fraction:
    """The square root of ``square`` to 6 decimals, by integer square root (display only)."""
    from math import isqrt

    scale = 10**6
    return Fraction(isqrt(square.numerator * scale * scale // square.denominator), scale)


DHONDT = HighestAverages("dhondt", "D'Hondt", lambda k: k + 1, "1, 2, 3, ...")
SAINTE_LAGUE = HighestAverages("sainte-lague", "Sainte-Laguë", lambda k: 2 * k + 1, "1, 3, 5, ...")
DANISH = HighestAverages("danish", "Danish", lambda k: 3 * k + 1, "1, 4, 7, ...")
IMPERIALI = HighestAverages("imperiali", "Imperiali (divisor method)", lambda k: k + 2, "2, 3, 4, ...")
ADAMS = HighestAverages("adams", "Adams", lambda k: k, "0, 1, 2, ...")
DEAN = HighestAverages(
    "dean", "Dean", lambda k: Fraction(2 * k * (k + 1), 2 * k + 1), "2k(k+1)/(2k+1): 0, 4/3, 12/5, ..."
)
HUNTINGTON_HILL = HighestAverages(
    "huntington-hill", "Huntington–Hill", lambda k: k * (k + 1), "sqrt(k(k+1)): 0, sqrt 2, sqrt 6, ...",
    squared=True,
)
