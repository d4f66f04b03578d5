"""Largest-remainder methods: a quota, integer parts first, remaining seats by remainder.

* ``hare``: quota = votes of the admitted lists / seats (an exact fraction). The integer
  parts never exceed the seats, and fewer seats remain than there are lists.
* ``droop``: quota = floor(votes / (seats + 1)) + 1 (the classic whole-number Droop quota,
  so the integer parts can never exceed the seats).

Each list first gets the integer part of votes / quota. The seats left go one each to the
largest remainders (the fractional parts of votes / quota, all exact fractions). Equal
remainders competing for the last seat(s) are a tie, settled by the tie rule. If more seats
remain than there are lists (possible only with the Droop quota and very few votes), every
list first gets the same whole number of them and the rest go by largest remainder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from respublika.elections.base import Family, MethodOutcome
from respublika.elections.explain import decimal, show
from respublika.elections.ties import TieBreaker


def hare_quota(total: int, seats: int) -> Fraction:
    """The Hare quota ``total / seats``, exact."""
    return Fraction(total, seats)


def droop_quota(total: int, seats: int) -> Fraction:
    """The whole-number Droop quota ``floor(total / (seats + 1)) + 1``."""
    return Fraction(total // (seats + 1) + 1)


@dataclass(frozen=True)
class LargestRemainder:
    """A largest-remainder method defined by its quota rule."""

    name: str
    title: str
    quota_rule: Callable[[int, int], Fraction]
    quota_formula: Callable[[int, int], str]

    @property
    def family(self) -> Family:
        return "quota"

    def apportion(
        self, parties: Sequence[str], votes: Sequence[int], seats: int, ties: TieBreaker
    ) -> MethodOutcome:
        total = sum(votes)
        quota = self.quota_rule(total, seats)
        exact = [Fraction(v) / quota for v in votes]
        floors = [e.numerator // e.denominator for e in exact]
        remainders = [e - f for e, f in zip(exact, floors, strict=True)]
        left = seats - sum(floors)
        steps: list[tuple[str, str]] = [
            (
                "quota",
                f"{self.title}: quota = {self.quota_formula(total, seats)} "
                f"= {show(quota)} votes per seat",
            ),
            (
                "floors",
                "Integer parts of votes / quota: "
                + "; ".join(
                    f"{p} {v:,} / quota = {decimal(e, 4)} -> {f}"
                    for p, v, e, f in zip(parties, votes, exact, floors, strict=True)
                )
                + f". {sum(floors)} seats allocated, {left} left.",
            ),
        ]
        n = len(parties)
        each, extra = divmod(left, n)
        result = [f + each for f in floors]
        if each:
            steps.append(
                (
                    "floors",
                    f"{left} seats left for {n} lists: each list first gets {each} of them, "
                    f"{extra} remain for the largest remainders.",
                )
            )
        if extra:
            ranked = sorted(range(n), key=lambda i: (-remainders[i], i))
            cutoff = remainders[ranked[extra - 1]]
            above = [i for i in range(n) if remainders[i] > cutoff]
            at = [i for i in range(n) if remainders[i] == cutoff]
            chosen = ties.choose("remainder", cutoff, [parties[i] for i in at], extra - len(above))
            winners = sorted(above + [i for i in at if parties[i] in chosen])
            for i in winners:
                result[i] += 1
            steps.append(
                (
                    "remainders",
                    "Remainders ranked: "
                    + "; ".join(f"{parties[i]} {decimal(remainders[i], 4)}" for i in ranked)
                    + (
                        f". The {extra} remaining seats go to: "
                        if extra > 1
                        else ". The remaining seat goes to: "
                    )
                    + ", ".join(parties[i] for i in winners)
                    + ".",
                )
            )
        elif left == 0:
            steps.append(("remainders", "No seat left for the remainders."))
        return MethodOutcome(tuple(result), quota, None, tuple(steps))


HARE = LargestRemainder(
    "hare",
    "Largest remainder, Hare quota",
    hare_quota,
    lambda total, seats: f"{total:,} votes of the admitted lists / {seats} seats",
)
DROOP = LargestRemainder(
    "droop",
    "Largest remainder, Droop quota",
    droop_quota,
    lambda total, seats: f"floor({total:,} votes of the admitted lists / {seats + 1}) + 1",
)
