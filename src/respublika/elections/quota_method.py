"""Balinski and Young's quota method: house-monotone, and always within the quota.

M. L. Balinski and H. P. Young, "The Quota Method of Apportionment", *The American
Mathematical Monthly* 82(7), 1975, 701-730. The seats are given one at a time. When the
house grows from ``h`` to ``h + 1`` seats, the seat goes to the list with the highest
D'Hondt quotient ``votes / (seats held + 1)`` among the lists that may take it without
exceeding their upper quota at the new size: ``seats held < votes * (h + 1) / total``.
Every list therefore ends between its lower and its upper quota ("satisfies quota"), and no
list loses a seat when the house grows.

The method is sequential by nature, so its time grows with the seat count: it is refused
above :data:`MAX_SEATS` seats. A tie at any step (equal quotients among the eligible lists)
is settled by the tie rule and reported, because which list takes the seat then can change
which lists are eligible later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from respublika.elections.base import Family, MethodOutcome
from respublika.elections.explain import show
from respublika.elections.ties import TieBreaker
from respublika.errors import InputError

MAX_SEATS = 1_000_000
"""The most seats the quota method counts (it counts seat by seat)."""


@dataclass(frozen=True)
class QuotaMethod:
    """Balinski–Young's quota method (a :class:`~respublika.elections.base.SeatMethod`)."""

    name: str = "quota"
    title: str = "Quota method (Balinski–Young)"

    @property
    def family(self) -> Family:
        return "divisor"

    def apportion(
        self, parties: Sequence[str], votes: Sequence[int], seats: int, ties: TieBreaker
    ) -> MethodOutcome:
        if seats > MAX_SEATS:
            raise InputError(
                f"the quota method gives seats one at a time; at most {MAX_SEATS:,} seats, got {seats:,}"
            )
        n = len(parties)
        total = sum(votes)
        held = [0] * n
        last = Fraction(0)
        for h in range(1, seats + 1):
            # eligible: below the upper quota at house size h, i.e. held * total < votes * h
            eligible = [j for j in range(n) if held[j] * total < votes[j] * h]
            best = max(Fraction(votes[j], held[j] + 1) for j in eligible)
            tied = [j for j in eligible if Fraction(votes[j], held[j] + 1) == best]
            i = tied[0]
            if len(tied) > 1:
                i = list(parties).index(ties.choose("quotient", best, [parties[j] for j in tied], 1)[0])
            held[i] += 1
            last = best
        lines = "; ".join(
            f"{p}: {s} seat{'s' if s != 1 else ''} (quota {show(Fraction(v * seats, total))})"
            for p, v, s in zip(parties, votes, held, strict=True)
        )
        steps = (
            (
                "quotients",
                f"{self.title}: the seats are given one at a time, each to the highest quotient "
                f"votes / (seats held + 1) among the lists below their upper quota at the new "
                f"house size. The last seat was won at quotient {show(last)}.",
            ),
            ("last quotients", lines + "."),
        )
        return MethodOutcome(tuple(held), None, last, steps)


QUOTA = QuotaMethod()
