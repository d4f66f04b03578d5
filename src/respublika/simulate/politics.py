"""Who sits where: the voters' shares, the head of state, the chambers' and local bodies'
compositions, and the elections and appointments that change them.

The state is plain JSON-ready data (:attr:`Politics.data`) so it is saved with the
simulation. A chamber's composition is kept per seat group (a seat rule, or one class of
it): ``{"parties": {label: seats}, "position": float | None, "since", "term_end"}``. The
labels are party names, ``"appointed"`` (seats the head of state appoints; they take his
position when appointed) and ``"assembly"`` (seats a body elects as a bloc; likewise).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from respublika.calendar import Duration, add
from respublika.profile.schema import Profile
from respublika.simulate import elect
from respublika.simulate.behaviour import Bloc
from respublika.simulate.params import SimParams, normalized_shares
from respublika.simulate.schedule import Cycle, SeatGroup, Structure

APPOINTED = "appointed"
ASSEMBLY = "assembly"
BLOCS = (APPOINTED, ASSEMBLY)


class Politics:
    """Compositions and elections; ``data`` is the saved state."""

    def __init__(self, profile: Profile, structure: Structure, params: SimParams,
                 data: Mapping[str, Any] | None = None) -> None:
        self.profile = profile
        self.structure = structure
        self.params = params
        self.names = [p.name for p in params.parties]
        self.party_positions = {p.name: p.position for p in params.parties}
        self.discipline = {p.name: p.discipline for p in params.parties}
        self.data: dict[str, Any] = dict(data) if data is not None else {
            "shares": normalized_shares(params),
            "president": {"party": None, "position": 0.0, "since": None},
            "seats": {c: {} for c in structure.chambers},
            "local": {},
        }
        self.electors = self._electors_of_units()
        self._blocs: dict[str, list[Bloc]] = {}

    # ------------------------------------------------------------------ reads

    @property
    def shares(self) -> NDArray[np.float64]:
        return np.array(self.data["shares"], dtype=np.float64)

    @property
    def president(self) -> float:
        return float(self.data["president"]["position"])

    def blocs(self, chamber: str) -> list[Bloc]:
        """The chamber's members grouped by line (party, or a bloc of one seat group)."""
        if chamber not in self._blocs:
            self._blocs[chamber] = self._make_blocs(chamber)
        return self._blocs[chamber]

    def _make_blocs(self, chamber: str) -> list[Bloc]:
        out: list[Bloc] = []
        for holding in self.data["seats"].get(chamber, {}).values():
            for label, seats in holding["parties"].items():
                if label in self.party_positions:
                    out.append(Bloc(label, seats, self.party_positions[label], self.discipline[label]))
                else:
                    position = holding.get("position")
                    out.append(Bloc(label, seats, self.president if position is None else float(position),
                                    self.params.bloc_discipline))
        return out

    def by_party(self, chamber: str) -> dict[str, int]:
        """Seats per label, parties in the parameters' order, then the blocs."""
        counts: dict[str, int] = {}
        for holding in self.data["seats"].get(chamber, {}).values():
            for label, seats in holding["parties"].items():
                counts[label] = counts.get(label, 0) + int(seats)
        order = [*self.names, *BLOCS]
        return {k: counts[k] for k in sorted(counts, key=lambda k: (order.index(k) if k in order else len(order), k))
                if counts[k]}

    # ---------------------------------------------------------------- changes

    def drift(self, shares: NDArray[np.float64]) -> None:
        self.data["shares"] = [float(x) for x in shares]

    def elect_head(self, cycle: Cycle, rng: np.random.Generator, on: date) -> dict[str, Any]:
        inst = self.profile.institutions[cycle.institution]
        rule = elect.profile_election(self.profile, inst.election)
        if rule is None:
            return {}
        winner, summary = elect.head_of_state(rule, self.names, self.shares, self.party_positions,
                                              self.params, rng)
        self._blocs.clear()
        if winner is not None:
            self.data["president"] = {"party": winner, "position": self.party_positions[winner],
                                      "since": on.isoformat()}
        return summary

    def elect_local(self, cycle: Cycle, rng: np.random.Generator) -> dict[str, dict[str, int]]:
        inst = self.profile.institutions[cycle.institution]
        rule = elect.profile_election(self.profile, inst.election)
        units = self.structure.local_bodies.get(cycle.institution, ())
        if rule is None:
            return {}
        every = sum(len(u) for u in self.structure.local_bodies.values())
        result = elect.local_bodies(rule, units, self.shares, self.params, rng, every, self.names)
        self.data["local"][cycle.institution] = result
        return result

    def fill(self, group: SeatGroup, rng: np.random.Generator, on: date) -> dict[str, int]:
        """Elect or appoint one seat group; returns its seats per label."""
        rule = elect.profile_election(self.profile, group.election)
        position: float | None = None
        parties: dict[str, int]
        if group.filled_by == "appointment" or rule is None:
            parties, position = {APPOINTED: group.seats}, self.president
        elif group.filled_by == "assembly":
            size = self.profile.institutions.get(rule.electors or group.by)
            won = elect.body_vote(rule, group.seats, (size.size if size and size.size else group.seats), self.params, rng)
            parties, position = {ASSEMBLY: won}, self.president
        elif group.filled_by == "direct_pr":
            votes = elect.national_votes(rng, self.shares, self.params)
            parties = elect.party_list(rule, group.seats, self.names, votes, rng)
        else:
            parties = self._units(group, rule, rng)
        term = group.term_years or self.profile.institutions[group.chamber].term_years
        self._blocs.clear()
        self.data["seats"].setdefault(group.chamber, {})[group.key] = {
            "parties": parties, "position": position, "since": on.isoformat(),
            "term_end": add(on, Duration(years=term)).isoformat() if term else None,
        }
        return parties

    def _units(self, group: SeatGroup, rule: Any, rng: np.random.Generator) -> dict[str, int]:
        per_unit = max(1, group.seats // max(len(group.units), 1))
        by_electors = group.filled_by == "indirect_unit"
        tables: dict[str, dict[str, int]] = {}
        for unit in group.units:
            body = self.electors.get(unit) if by_electors else None
            seats = self.data["local"].get(body, {}).get(unit) if body else None
            if seats:
                tables[unit] = dict(seats)
            else:
                scale = 1 / max(len(group.units), 1)
                tables[unit] = dict(zip(self.names, elect.national_votes(rng, self.shares, self.params, scale),
                                        strict=True))
        won = elect.unit_seats(rule, group.units, per_unit, tables, self.party_positions, rng, by_electors)
        total: dict[str, int] = {}
        for seats in won.values():
            for party, n in seats.items():
                total[party] = total.get(party, 0) + n
        return {p: total[p] for p in self.names if p in total}

    def _electors_of_units(self) -> dict[str, str]:
        """Unit -> the local body whose deputies elect its seats (A11)."""
        wanted = {g.electors for groups in self.structure.chambers.values() for g in groups if g.electors}
        elections = {self.profile.institutions[e].election for e in wanted if e in self.profile.institutions}
        out: dict[str, str] = {}
        for body, units in self.structure.local_bodies.items():
            inst = self.profile.institutions[body]
            if body in wanted or (inst.election is not None and inst.election in elections):
                for unit in units:
                    out.setdefault(unit, body)
        return out
