"""Largest-remainder methods: a quota, integer parts first, remaining seats by remainder.

* ``hare``: quota = votes of the admitted lists / seats (an exact fraction). The integer
  parts never exceed the seats, and fewer seats remain than there are lists.
* ``droop``: quota = floor(votes / (seats + 1)) + 1 (the classic whole-number Droop quota,
  so the integer parts can never exceed the seats).
* ``hagenbach-bischoff``: quota = votes / (seats + 1) (exact). The integer parts may exceed
  the seats by one (only when every list's votes are a whole multiple of the quota).
* ``imperiali-quota``: quota = votes / (seats + 2) (exact; not the Imperiali divisor
  method). The integer parts may exceed the seats by up to two.

``rounding`` (``--quota-rounding``) rounds the quota before it is used: ``exact`` (the
default, no rounding), ``floor``, ``round`` (to the nearest whole number, halves up, as the
Slovak law and votelib's ``hare_rounded`` do) or ``ceil`` (Denmark's rounded-up Hare quota).
A rounded quota can leave more seats than lists, or award more seats than there are.

Over-award. When the integer parts add up to more than the seats (Imperiali and
Hagenbach-Bischoff quotas, or a quota rounded down), seats are taken back one each from the
lists with the *smallest* remainders (the Czech rule, votelib's ``on_overaward="subtract"``);
equal remainders there are a tie, and the tie rule decides who keeps the seat.

Each list first gets the integer part of votes / quota. The seats left go one each to the
largest remainders (the fractional parts of votes / quota, all exact fractions). Equal
remainders competing for the last seat(s) are a tie, settled by the tie rule. If more seats
remain than there are lists (possible only with the Droop quota and very few votes), every
list first gets the same whole number of them and the rest go by largest remainder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from respublika.elections.base import Family, MethodOutcome
from respublika.elections.explain import Said, decimal, show
from respublika.elections.ties import TieBreaker
from respublika.errors import InputError

ROUNDINGS = ("exact", "floor", "round", "ceil")
"""The ways a quota may be rounded (``--quota-rounding``)."""


def hare_quota(total: int, seats: int) -> Fraction:
    """The Hare quota ``total / seats``, exact."""
    return Fraction(total, seats)


def droop_quota(total: int, seats: int) -> Fraction:
    """The whole-number Droop quota ``floor(total / (seats + 1)) + 1``."""
    return Fraction(total // (seats + 1) + 1)


def hagenbach_bischoff_quota(total: int, seats: int) -> Fraction:
    """The Hagenbach-Bischoff quota ``total / (seats + 1)``, exact."""
    return Fraction(total, seats + 1)


def imperiali_quota(total: int, seats: int) -> Fraction:
    """The Imperiali quota ``total / (seats + 2)``, exact."""
    return Fraction(total, seats + 2)


def round_quota(quota: Fraction, rounding: str) -> Fraction:
    """``quota`` rounded by ``rounding`` (one of :data:`ROUNDINGS`); never below 1 vote."""
    if rounding == "exact":
        return quota
    if rounding == "floor":
        value = quota.numerator // quota.denominator
    elif rounding == "ceil":
        value = -(-quota.numerator // quota.denominator)
    elif rounding == "round":
        value = (2 * quota.numerator + quota.denominator) // (2 * quota.denominator)
    else:
        raise InputError(f"quota rounding: expected one of {', '.join(ROUNDINGS)}, got {rounding!r}")
    return Fraction(max(value, 1))


@dataclass(frozen=True)
class LargestRemainder:
    """A largest-remainder method defined by its quota rule."""

    name: str
    title: str
    quota_rule: Callable[[int, int], Fraction]
    quota_formula: Callable[[int, int], str]
    rounding: str = "exact"

    @property
    def family(self) -> Family:
        return "quota"

    def with_rounding(self, rounding: str) -> LargestRemainder:
        """The same method with its quota rounded (one of :data:`ROUNDINGS`)."""
        if rounding not in ROUNDINGS:
            raise InputError(f"quota rounding: expected one of {', '.join(ROUNDINGS)}, got {rounding!r}")
        if rounding != "exact" and self.name == "droop":
            raise InputError("the Droop quota is already a whole number; it takes no quota rounding")
        return replace(self, rounding=rounding)

    def apportion(
        self, parties: Sequence[str], votes: Sequence[int], seats: int, ties: TieBreaker
    ) -> MethodOutcome:
        total = sum(votes)
        unrounded = self.quota_rule(total, seats)
        quota = round_quota(unrounded, self.rounding)
        exact = [Fraction(v) / quota for v in votes]
        floors = [e.numerator // e.denominator for e in exact]
        remainders = [e - f for e, f in zip(exact, floors, strict=True)]
        left = seats - sum(floors)
        formula = self.quota_formula(total, seats)
        quota_step = (
            Said("{method}: quota = {formula} = {unrounded}, rounded ({rounding}) to {quota} votes per seat",
                 method=self.title, formula=formula, unrounded=show(unrounded), rounding=self.rounding,
                 quota=show(quota))
            if self.rounding != "exact"
            else Said("{method}: quota = {formula} = {quota} votes per seat", method=self.title, formula=formula,
                      quota=show(quota))
        )
        steps: list[tuple[str, str]] = [
            ("quota", quota_step),
            (
                "floors",
                Said("Integer parts of votes / quota: {lists}. {allocated} seats allocated, {left} left.",
                     lists=[Said("{party} {votes} / quota = {exact} -> {floor}", party=p, votes=v,
                                 exact=decimal(e, 4), floor=f)
                            for p, v, e, f in zip(parties, votes, exact, floors, strict=True)],
                     allocated=sum(floors), left=left),
            ),
        ]
        n = len(parties)
        if left < 0:
            result = _take_back(parties, floors, remainders, -left, ties)
            steps.append(
                (
                    "remainders",
                    f"The integer parts exceed the {seats:,} seats by {-left}: seats are taken "
                    "back one each from the lists with the smallest remainders: "
                    + ", ".join(f"{p} {f} -> {r}" for p, f, r in zip(parties, floors, result, strict=True) if f != r)
                    + ".",
                )
            )
            return MethodOutcome(tuple(result), quota, None, tuple(steps))
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
            ranking = [Said("{party} {remainder}", party=parties[i], remainder=decimal(remainders[i], 4))
                       for i in ranked]
            names = ", ".join(parties[i] for i in winners)
            steps.append(
                (
                    "remainders",
                    Said("Remainders ranked: {ranking}. The {extra} remaining seats go to: {winners}.",
                         ranking=ranking, extra=extra, winners=names)
                    if extra > 1
                    else Said("Remainders ranked: {ranking}. The remaining seat goes to: {winners}.",
                              ranking=ranking, winners=names),
                )
            )
        elif left == 0:
            steps.append(("remainders", Said("No seat left for the remainders.")))
        return MethodOutcome(tuple(result), quota, None, tuple(steps))


def _take_back(
    parties: Sequence[str], floors: list[int], remainders: list[Fraction], over: int, ties: TieBreaker
) -> list[int]:
    """Take ``over`` seats back, one each from the holders with the smallest remainders
    (several rounds if there are more seats to take back than holders)."""
    result = list(floors)
    while over:
        holders = [i for i, s in enumerate(result) if s]
        if over >= len(holders):
            for i in holders:
                result[i] -= 1
            over -= len(holders)
            continue
        ranked = sorted(holders, key=lambda i: (remainders[i], -i))
        cutoff = remainders[ranked[over - 1]]
        below = [i for i in holders if remainders[i] < cutoff]
        at = [i for i in holders if remainders[i] == cutoff]
        places = len(at) - (over - len(below))
        names = [parties[i] for i in at]
        keep = ties.choose("remainder (seat taken back)", cutoff, names, places) if places else []
        for i in below + [i for i in at if parties[i] not in keep]:
            result[i] -= 1
        over = 0
    return result


HARE = LargestRemainder(
    "hare",
    "Largest remainder, Hare quota",
    hare_quota,
    lambda total, seats: Said("{total} votes of the admitted lists / {seats} seats", total=total, seats=seats),
)
DROOP = LargestRemainder(
    "droop",
    "Largest remainder, Droop quota",
    droop_quota,
    lambda total, seats: Said("floor({total} votes of the admitted lists / {divisor}) + 1", total=total,
                              divisor=seats + 1),
)
HAGENBACH_BISCHOFF = LargestRemainder(
    "hagenbach-bischoff",
    "Largest remainder, Hagenbach-Bischoff quota",
    hagenbach_bischoff_quota,
    lambda total, seats: Said("{total} votes of the admitted lists / ({seats} seats + 1)", total=total, seats=seats),
)
IMPERIALI_QUOTA = LargestRemainder(
    "imperiali-quota",
    "Largest remainder, Imperiali quota",
    imperiali_quota,
    lambda total, seats: Said("{total} votes of the admitted lists / ({seats} seats + 2)", total=total, seats=seats),
)
