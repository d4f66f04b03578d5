"""Local assemblies (maslikhats): a party-list tier, a single-member tier, or both.

Everything comes as parameters: the number of list seats, the seat method and threshold of
the list tier (the same machinery as any party-list election,
:func:`~respublika.elections.party_list.allocate_seats`), and the single-member districts,
each filled by plurality (:func:`~respublika.elections.plurality.plurality_election`, the
candidate with the most votes; a tie by seeded lot, reported). Either tier may be absent,
which covers a purely proportional, purely majoritarian or mixed assembly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from respublika.elections.explain import Cites
from respublika.elections.inputs import VoteTable
from respublika.elections.party_list import SeatAllocation, allocate_seats
from respublika.elections.plurality import PluralityResult, plurality_election
from respublika.elections.ties import TieRuleName
from respublika.errors import InputError


@dataclass(frozen=True)
class MaslikhatResult:
    """The list tier (if any) and each district's result (if any)."""

    name: str
    party_list: SeatAllocation | None
    districts: dict[str, PluralityResult] = field(default_factory=dict)

    def seats_by_party(self, parties: Mapping[str, str] | None = None) -> dict[str, int]:
        """Seats per party over both tiers; district winners map to parties via ``parties``
        (a winner not in it counts under their own name)."""
        counts: dict[str, int] = {}
        if self.party_list is not None:
            for party, n in self.party_list.seats.items():
                if n:
                    counts[party] = counts.get(party, 0) + n
        for result in self.districts.values():
            for winner in result.elected:
                key = (parties or {}).get(winner, winner)
                counts[key] = counts.get(key, 0) + 1
        return counts


def maslikhat_election(
    *,
    name: str = "maslikhat",
    list_votes: VoteTable | None = None,
    list_seats: int = 0,
    method: str = "hare",
    threshold: Fraction | str | int = 0,
    base_extra: int = 0,
    districts: Mapping[str, VoteTable] | None = None,
    ties: TieRuleName = "order",
    district_ties: TieRuleName = "lot",
    seed: int | None = None,
    cites: Cites = None,
) -> MaslikhatResult:
    """Elect one maslikhat: ``list_seats`` by party list and/or one seat per district."""
    if list_votes is None and not districts:
        raise InputError(f"{name}: give list votes, districts, or both")
    tier: SeatAllocation | None = None
    if list_votes is not None:
        tier = allocate_seats(
            list_votes,
            list_seats,
            method,
            threshold=threshold,
            base_extra=base_extra,
            ties=ties,
            seed=seed,
            cites=cites,
        )
    elif list_seats:
        raise InputError(f"{name}: {list_seats} list seats but no list votes")
    seats: dict[str, PluralityResult] = {}
    for district, votes in (districts or {}).items():
        try:
            seats[district] = plurality_election(
                votes, 1, ties=district_ties, seed=seed, salt=f"{name}/{district}", cites=cites
            )
        except InputError as exc:
            raise InputError(f"{name}, district {district!r}: {exc}") from None
    return MaslikhatResult(name, tier, seats)
