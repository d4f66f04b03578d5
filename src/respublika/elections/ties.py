"""Tie rules: a parameter of every election, and the record of each tie they break.

A tie is a decision the counting rule cannot make by itself: equal remainders or quotients
competing for the last seat(s), equal votes for the last elected place or for a place in a
runoff. Two rules are provided:

* ``"order"`` (the default for party lists): the earlier registered list or candidate wins;
  the contenders are always passed in registration (input) order.
* ``"lot"``: a seeded draw. The same seed and the same tie give the same result on every
  machine (``random.Random`` seeded with a string is stable across Python versions).
  Drawing a lot without a seed is refused, so a result is always reproducible.

Every tie broken is returned as a :class:`Tie` so that results can say what was decided and
how. Ties that decide nothing (all contenders get a seat) are not reported.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from respublika.errors import InputError
from respublika.exact import format_fraction

TieRuleName = Literal["order", "lot"]
TIE_RULES: tuple[TieRuleName, ...] = ("order", "lot")


@dataclass(frozen=True)
class Tie:
    """One tie and how it was broken.

    ``kind`` says what was tied (``"remainder"``, ``"quotient"``, ``"runner-up"``,
    ``"last seat"``, ``"runoff place"``, ...); ``value`` is the tied remainder, quotient or
    vote count; ``places`` of the ``contenders`` were available and went to ``winners``.
    """

    kind: str
    value: Fraction
    contenders: tuple[str, ...]
    winners: tuple[str, ...]
    places: int
    rule: TieRuleName
    seed: int | None = None

    @property
    def losers(self) -> tuple[str, ...]:
        """The contenders who did not get a place."""
        return tuple(c for c in self.contenders if c not in self.winners)

    def describe(self) -> str:
        """One sentence, e.g. ``tie on remainder 1/2 between A, B for 1 place: A (registration order)``."""
        how = "registration order" if self.rule == "order" else f"lot, seed {self.seed}"
        plural = "place" if self.places == 1 else "places"
        return (
            f"tie on {self.kind} {_show(self.value)} between {', '.join(self.contenders)} "
            f"for {self.places} {plural}: {', '.join(self.winners)} ({how})"
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form; the value is ``"p/q"``."""
        return {
            "kind": self.kind,
            "value": format_fraction(self.value),
            "contenders": list(self.contenders),
            "winners": list(self.winners),
            "places": self.places,
            "rule": self.rule,
            "seed": self.seed,
            "text": self.describe(),
        }


def _show(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else format_fraction(value)


@dataclass
class TieBreaker:
    """Breaks ties under one rule and keeps the record. One instance per election.

    With ``rule="lot"`` each tie draws from a generator seeded with ``f"{seed}/{salt}"``,
    where ``salt`` names the election (e.g. the unit), so independent elections sharing a
    seed do not share draws.
    """

    rule: TieRuleName = "order"
    seed: int | None = None
    salt: str = ""
    ties: list[Tie] = field(default_factory=list)
    _rng: random.Random | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.rule not in TIE_RULES:
            raise InputError(f"unknown tie rule {self.rule!r}; use one of: {', '.join(TIE_RULES)}")
        if self.seed is not None and (
            isinstance(self.seed, bool) or not isinstance(self.seed, int)
        ):
            raise InputError(f"seed must be a whole number, got {self.seed!r}")

    def choose(
        self, kind: str, value: Fraction | int, contenders: Sequence[str], places: int
    ) -> list[str]:
        """Pick ``places`` of ``contenders`` (given in registration order) and record the tie.

        Winners are returned in registration order. When every contender gets a place
        there is no tie to break and nothing is recorded.
        """
        pool = list(contenders)
        if places >= len(pool):
            return pool
        if places <= 0:
            raise InputError(f"internal: no place to give among tied {', '.join(pool)}")
        if self.rule == "order":
            picked = set(pool[:places])
        else:
            if self.seed is None:
                raise InputError(
                    f"a tie on {kind} between {', '.join(pool)} must be broken by lot, "
                    "but no seed was given"
                )
            if self._rng is None:
                self._rng = random.Random(f"{self.seed}/{self.salt}")
            picked = set(self._rng.sample(pool, places))
        winners = [c for c in pool if c in picked]
        self.ties.append(
            Tie(
                kind=kind,
                value=Fraction(value),
                contenders=tuple(pool),
                winners=tuple(winners),
                places=places,
                rule=self.rule,
                seed=self.seed if self.rule == "lot" else None,
            )
        )
        return winners
