"""A chamber's single-member district tier, and the whole chamber with its list tier.

A district tier is given either district by district (``{district: {candidate: votes}}``
with each candidate's affiliation, a party or none) or, where only the winners are
published, as the winners' affiliations (``{district: party-or-None}``) or their totals
(``{party-or-None: seats}``). Each district's seat goes to its plurality winner (ties: the
candidate listed first, or by seeded lot). :func:`whole_chamber` adds the list tier's
seats and any other seats (elected by another body) into the chamber's membership.

Nothing here knows a country: the number of districts and what counts as a party come from
the caller (the profile, through :mod:`respublika.app.elections`). No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from respublika.elections.ties import TieBreaker, TieRuleName
from respublika.errors import InputError

INDEPENDENT = "independent"
"""The key under which winners without a party are counted."""


@dataclass(frozen=True)
class DistrictWinner:
    district: str
    winner: str | None
    party: str | None
    votes: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"district": self.district, "winner": self.winner, "party": self.party,
                "votes": dict(self.votes)}


@dataclass(frozen=True)
class DistrictTier:
    """The district tier's outcome: seats per affiliation, and the districts where known."""

    seats: dict[str, int]
    districts: tuple[DistrictWinner, ...]
    total: int
    explain: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"seats": dict(self.seats), "total": self.total,
                "districts": [d.to_dict() for d in self.districts], "explain": list(self.explain)}


def _count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"{what}: a whole number of votes or seats at least 0, got {value!r}")
    return value


def plurality(district: str, votes: Mapping[str, int], affiliation: Mapping[str, str | None],
              breaker: TieBreaker) -> DistrictWinner:
    """The district's plurality winner (a tie broken by ``breaker``)."""
    if not votes:
        raise InputError(f"district {district!r}: no candidates")
    counted = {c: _count(v, f"district {district!r}, {c!r}") for c, v in votes.items()}
    best = max(counted.values())
    if best == 0:
        raise InputError(f"district {district!r}: no candidate has any votes")
    tied = [c for c, v in counted.items() if v == best]
    winner = tied[0] if len(tied) == 1 else breaker.choose(f"district {district}", best, tied, 1)[0]
    return DistrictWinner(district, winner, affiliation.get(winner), counted)


def district_tier(
    results: Mapping[str, Any],
    seats: int,
    *,
    affiliation: Mapping[str, str | None] | None = None,
    ties: TieRuleName = "order",
    seed: int | None = None,
) -> DistrictTier:
    """The tier of ``seats`` single-member districts from ``results``.

    ``results`` is one of: ``{district: {candidate: votes}}`` (with ``affiliation``:
    candidate -> party or ``None``); ``{district: party-or-None}`` (the winners'
    affiliations); or ``{"totals": {party-or-"independent": seats}}``. Every form must fill
    exactly ``seats`` districts.
    """
    affiliation = dict(affiliation or {})
    breaker = TieBreaker(ties, seed, "districts")
    won: dict[str, int] = {}
    districts: list[DistrictWinner] = []
    explain: list[str] = []
    if set(results) == {"totals"}:
        totals = results["totals"]
        if not isinstance(totals, Mapping):
            raise InputError("districts: 'totals' must map each party (or 'independent') to its seats")
        for party, n in totals.items():
            won[str(party)] = _count(n, f"districts, {party!r}")
        explain.append("District winners by affiliation (the districts themselves are not given): "
                       + ", ".join(f"{p} {n}" for p, n in won.items()) + ".")
    else:
        for district, outcome in results.items():
            if isinstance(outcome, Mapping):
                winner = plurality(str(district), outcome, affiliation, breaker)
            elif outcome is None or isinstance(outcome, str):
                winner = DistrictWinner(str(district), None, outcome)
            else:
                raise InputError(f"district {district!r}: give the candidates' votes or the winner's party, "
                                 f"got {outcome!r}")
            districts.append(winner)
            key = winner.party or INDEPENDENT
            won[key] = won.get(key, 0) + 1
        explain.append(f"{len(districts)} districts, each to its plurality winner: "
                       + ", ".join(f"{p} {n}" for p, n in won.items()) + ".")
        explain += [f"Tie: {t.describe()}" for t in breaker.ties]
    total = sum(won.values())
    if total != seats:
        raise InputError(f"districts: {total} district seats given, but the chamber has {seats} districts")
    return DistrictTier(won, tuple(districts), total, tuple(explain))


def whole_chamber(list_seats: Mapping[str, int], tier: DistrictTier, other: Mapping[str, int] | None = None,
                  size: int | None = None) -> dict[str, Any]:
    """The chamber's membership by affiliation: list seats + district seats (+ ``other``
    seat kinds, by their id, not by party). ``size``: checked against the sum."""
    parties: dict[str, dict[str, int]] = {}
    for party, n in list_seats.items():
        if n:
            parties.setdefault(party, {"lists": 0, "districts": 0})["lists"] += n
    for party, n in tier.seats.items():
        if n:
            parties.setdefault(party, {"lists": 0, "districts": 0})["districts"] += n
    rows = {p: {**v, "total": v["lists"] + v["districts"]} for p, v in parties.items()}
    rows = dict(sorted(rows.items(), key=lambda kv: (-kv[1]["total"], kv[0] == INDEPENDENT)))
    others = {k: v for k, v in (other or {}).items() if v}
    total = sum(r["total"] for r in rows.values()) + sum(others.values())
    if size is not None and total != size:
        raise InputError(f"the chamber has {size} seats, but the tiers give {total}")
    return {"parties": rows, "other_seats": others, "total": total,
            "seats": {p: r["total"] for p, r in rows.items()}}
