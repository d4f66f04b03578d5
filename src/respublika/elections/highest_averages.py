"""Divisor (highest-averages) methods: each seat goes to the highest quotient votes / divisor.

* ``dhondt``: divisors 1, 2, 3, ...
* ``sainte-lague``: divisors 1, 3, 5, ...

The count is sequential with exact fractions: ``seats`` times, the list with the highest
quotient ``votes / divisor(seats it holds)`` takes a seat. The quotient of the last seat
(the smallest winning quotient) is reported as ``last_quotient``; these methods have no
quota. A tie is equal quotients at that last quotient competing for fewer seats than there
are contenders; it is settled by the tie rule.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from respublika.elections.base import Family, MethodOutcome
from respublika.elections.explain import show
from respublika.elections.ties import TieBreaker


@dataclass(frozen=True)
class HighestAverages:
    """A divisor method defined by ``divisor(k)``, the divisor for a list holding ``k`` seats."""

    name: str
    title: str
    divisor: Callable[[int], int]
    divisors_text: str

    @property
    def family(self) -> Family:
        return "divisor"

    def quotient(self, votes: int, held: int) -> Fraction:
        """The quotient a list with ``votes`` competes with for its next seat."""
        return Fraction(votes, self.divisor(held))

    def apportion(
        self, parties: Sequence[str], votes: Sequence[int], seats: int, ties: TieBreaker
    ) -> MethodOutcome:
        n = len(parties)
        heap = [(-self.quotient(v, 0), i) for i, v in enumerate(votes)]
        heapq.heapify(heap)
        held = [0] * n
        last = Fraction(0)
        for _ in range(seats):
            negative, i = heapq.heappop(heap)
            last = -negative
            held[i] += 1
            heapq.heappush(heap, (-self.quotient(votes[i], held[i]), i))
        # Quotients strictly above the last one win whatever the tie rule; those equal to it
        # (at most one per list) compete for the seats still open.
        above = [
            h - 1 if h and self.quotient(v, h - 1) == last else h
            for h, v in zip(held, votes, strict=True)
        ]
        at = [i for i in range(n) if self.quotient(votes[i], above[i]) == last]
        chosen = ties.choose("quotient", last, [parties[i] for i in at], seats - sum(above))
        result = [a + (1 if parties[i] in chosen and i in at else 0) for i, a in enumerate(above)]
        lines = []
        for p, v, s in zip(parties, votes, result, strict=True):
            won = (
                f"last winning quotient {v:,}/{self.divisor(s - 1)} = {show(self.quotient(v, s - 1))}"
                if s
                else "no seat"
            )
            lines.append(
                f"{p}: {s} seat{'s' if s != 1 else ''}, {won}; next {v:,}/{self.divisor(s)} = {show(self.quotient(v, s))}"
            )
        steps = (
            (
                "quotients",
                f"{self.title}: divisors {self.divisors_text}; each of the {seats} seats goes to "
                f"the highest remaining quotient votes / divisor. The last seat was won at "
                f"quotient {show(last)}.",
            ),
            ("last quotients", "; ".join(lines) + "."),
        )
        return MethodOutcome(tuple(result), None, last, steps)


DHONDT = HighestAverages("dhondt", "D'Hondt", lambda k: k + 1, "1, 2, 3, ...")
SAINTE_LAGUE = HighestAverages("sainte-lague", "Sainte-Laguë", lambda k: 2 * k + 1, "1, 3, 5, ...")
