"""The composition of a chamber: who holds each seat, for which party, and how it was filled.

A :class:`Seat` records its ``holder`` (``None`` for an unnamed list seat), ``party``
(``None`` for a non-party member), ``filled_by`` (how it was filled: ``"pr"``,
``"assembly"``, ``"unit_election"``, ``"district"``, ``"appointed"``, ...), the ``unit`` it
represents, its ``seat_class`` (e.g. the rotation class of a senator) and ``term_end``.
:class:`Composition` is a chamber's seats plus its statutory size; it counts seats by party
and by how they were filled. This is the input the procedure and power analyses use.

The builders turn election results into seats: :func:`pr_seats`, :func:`plurality_seats`,
:func:`unit_seats` (one winner per unit, e.g. a senate class) and :func:`appointed_seats`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from respublika.elections.party_list import SeatAllocation
from respublika.elections.plurality import PluralityResult
from respublika.errors import InputError

FILLED_BY = (
    "pr",
    "assembly",
    "unit_election",
    "district",
    "appointed",
    "ex_officio",
    "by_election",
)
"""The usual values of ``Seat.filled_by``; others are accepted (any non-empty text)."""


UNAFFILIATED = "unaffiliated"
"""The JSON key of the seats no party holds (as in the games' compositions)."""

@dataclass(frozen=True)
class Seat:
    """One seat of a chamber."""

    holder: str | None
    party: str | None
    filled_by: str
    unit: str | None = None
    seat_class: str | None = None
    term_end: date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.filled_by, str) or not self.filled_by.strip():
            raise InputError(f"a seat needs a 'filled_by' (e.g. {', '.join(FILLED_BY[:4])})")
        if self.term_end is not None and not isinstance(self.term_end, date):
            raise InputError(f"term_end must be a date, got {self.term_end!r}")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (dates as ISO text)."""
        return {
            "holder": self.holder,
            "party": self.party,
            "filled_by": self.filled_by,
            "unit": self.unit,
            "seat_class": self.seat_class,
            "term_end": self.term_end.isoformat() if self.term_end else None,
        }


@dataclass(frozen=True)
class Composition:
    """A chamber: its seats and statutory ``size`` (``None``: as many as there are seats)."""

    chamber: str
    seats: tuple[Seat, ...]
    size: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "seats", tuple(self.seats))
        if self.size is not None and len(self.seats) > self.size:
            raise InputError(
                f"{self.chamber}: {len(self.seats)} seats filled but the chamber has {self.size}"
            )

    @classmethod
    def build(cls, chamber: str, *groups: Iterable[Seat], size: int | None = None) -> Composition:
        """A composition from groups of seats (e.g. a PR tier and appointed members)."""
        return cls(chamber, tuple(seat for group in groups for seat in group), size)

    def add(self, seats: Iterable[Seat]) -> Composition:
        """A new composition with ``seats`` added."""
        return Composition(self.chamber, self.seats + tuple(seats), self.size)

    @property
    def filled(self) -> int:
        """The number of seats held."""
        return len(self.seats)

    @property
    def vacancies(self) -> int:
        """Statutory size minus seats held (0 when no size was given)."""
        return (self.size - len(self.seats)) if self.size is not None else 0

    def by_party(self) -> dict[str | None, int]:
        """Seats per party (``None``: members without a party, ``"unaffiliated"`` in JSON), largest first."""
        return dict(Counter(s.party for s in self.seats).most_common())

    def by_filled_by(self) -> dict[str, int]:
        """Seats per way of filling, largest first."""
        return dict(Counter(s.filled_by for s in self.seats).most_common())

    def by_class(self) -> dict[str | None, int]:
        """Seats per seat class."""
        return dict(Counter(s.seat_class for s in self.seats).most_common())

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form with the counts."""
        return {
            "chamber": self.chamber,
            "size": self.size,
            "filled": self.filled,
            "vacancies": self.vacancies,
            "by_party": {str(k) if k is not None else UNAFFILIATED: v for k, v in self.by_party().items()},
            "by_filled_by": self.by_filled_by(),
            "seats": [s.to_dict() for s in self.seats],
        }


def pr_seats(
    allocation: SeatAllocation,
    *,
    holders: Mapping[str, Sequence[str]] | None = None,
    filled_by: str = "pr",
    unit: str | None = None,
    seat_class: str | None = None,
    term_end: date | None = None,
) -> list[Seat]:
    """One seat per list seat won; ``holders[party]`` names them in list order, if given."""
    seats: list[Seat] = []
    for party, won in allocation.seats.items():
        names = list((holders or {}).get(party, ()))
        if names and len(names) < won:
            raise InputError(f"{party} won {won} seats but its list names only {len(names)}")
        for k in range(won):
            holder = names[k] if names else None
            seats.append(Seat(holder, party, filled_by, unit, seat_class, term_end))
    return seats


def plurality_seats(
    result: PluralityResult,
    *,
    parties: Mapping[str, str] | None = None,
    filled_by: str = "assembly",
    unit: str | None = None,
    seat_class: str | None = None,
    term_end: date | None = None,
) -> list[Seat]:
    """One seat per candidate elected by plurality (e.g. by an assembly)."""
    return [
        Seat(name, (parties or {}).get(name), filled_by, unit, seat_class, term_end)
        for name in result.elected
    ]


def unit_seats(
    winners: Mapping[str, str | None],
    *,
    parties: Mapping[str, str] | None = None,
    filled_by: str = "unit_election",
    seat_class: str | None = None,
    term_end: date | None = None,
) -> list[Seat]:
    """One seat per unit with a winner (e.g. ``SenateClassResult.elected``); undecided skipped."""
    return [
        Seat(name, (parties or {}).get(name), filled_by, unit, seat_class, term_end)
        for unit, name in winners.items()
        if name is not None
    ]


def appointed_seats(
    holders: Sequence[str] | int,
    *,
    parties: Mapping[str, str] | None = None,
    filled_by: str = "appointed",
    seat_class: str | None = None,
    term_end: date | None = None,
) -> list[Seat]:
    """Appointed members: their names, or a count of unnamed seats."""
    if isinstance(holders, int) and not isinstance(holders, bool):
        if holders < 0:
            raise InputError(f"the number of appointed seats must not be negative, got {holders}")
        return [Seat(None, None, filled_by, None, seat_class, term_end) for _ in range(holders)]
    if isinstance(holders, str) or not isinstance(holders, Sequence):
        raise InputError(f"appointed: expected a list of names or a count, got {holders!r}")
    return [
        Seat(name, (parties or {}).get(name), filled_by, None, seat_class, term_end)
        for name in holders
    ]
