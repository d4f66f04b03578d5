"""Indirect election of one class of senators: one seat per unit, a majority of electors.

In each unit (region or city) the electors, e.g. the deputies of the local assemblies,
vote over candidates; each unit fills one seat by :func:`~respublika.elections.majority.
majority_runoff`: more than half of the base wins, otherwise a runoff of the two leading
candidates. The base per unit is the number of electors who took part when given
(``electors[unit]``), else the votes cast for candidates. Lots are drawn per unit from the
shared seed (salted with the unit name) so units never share draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from respublika.elections.explain import Cites
from respublika.elections.inputs import VoteTable
from respublika.elections.majority import MajorityResult, RunoffResult, majority_runoff
from respublika.elections.ties import TieRuleName
from respublika.errors import InputError


@dataclass(frozen=True)
class SenateClassResult:
    """First-round results per unit (in input order), the seat class and what is decided."""

    seat_class: str | None
    results: dict[str, MajorityResult]
    runoffs: dict[str, RunoffResult] = field(default_factory=dict)

    @property
    def elected(self) -> dict[str, str]:
        """Unit -> senator, for every unit decided so far (first round or runoff)."""
        out = {u: r.winner for u, r in self.results.items() if r.winner is not None}
        out.update({u: r.winner for u, r in self.runoffs.items() if r.winner is not None})
        return dict(sorted(out.items(), key=lambda kv: list(self.results).index(kv[0])))

    @property
    def pending(self) -> dict[str, tuple[str, ...]]:
        """Unit -> the two runoff candidates, for units whose runoff is still to be held."""
        return {
            u: r.runoff_candidates
            for u, r in self.results.items()
            if r.status == "runoff" and u not in self.runoffs
        }

    def with_runoffs(
        self,
        second_rounds: Mapping[str, VoteTable],
        *,
        electors: Mapping[str, int] | None = None,
        ties: TieRuleName | None = None,
    ) -> SenateClassResult:
        """Decide the runoffs given (unit -> votes); a tie stays undecided unless ``ties`` is set."""
        done = dict(self.runoffs)
        for unit, votes in second_rounds.items():
            if unit not in self.results:
                raise InputError(f"runoff for unknown unit {unit!r}")
            first = self.results[unit]
            done[unit] = first.runoff(
                votes,
                electors=(electors or {}).get(unit),
                ties=ties if ties is not None else "none",
            )
        return SenateClassResult(self.seat_class, self.results, done)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "seat_class": self.seat_class,
            "elected": self.elected,
            "pending": {u: list(p) for u, p in self.pending.items()},
            "results": {u: r.to_dict() for u, r in self.results.items()},
            "runoffs": {u: r.to_dict() for u, r in self.runoffs.items()},
        }


def senate_class_election(
    units: Mapping[str, VoteTable],
    *,
    electors: Mapping[str, int] | None = None,
    seat_class: str | None = None,
    ties: TieRuleName = "order",
    seed: int | None = None,
    cites: Cites = None,
) -> SenateClassResult:
    """Run the first round in every unit: ``units`` maps unit -> elector votes per candidate."""
    if not isinstance(units, Mapping) or not units:
        raise InputError("senate class election: give at least one unit with its votes")
    electors = dict(electors or {})
    unknown = [u for u in electors if u not in units]
    if unknown:
        raise InputError(f"electors given for unknown unit(s): {', '.join(map(repr, unknown))}")
    results: dict[str, MajorityResult] = {}
    for unit, votes in units.items():
        if not isinstance(unit, str) or not unit.strip():
            raise InputError(f"unit names must be non-empty text, got {unit!r}")
        try:
            results[unit] = majority_runoff(
                votes, electors=electors.get(unit), ties=ties, seed=seed, salt=unit, cites=cites
            )
        except InputError as exc:
            raise InputError(f"unit {unit!r}: {exc}") from None
    return SenateClassResult(seat_class, results)
