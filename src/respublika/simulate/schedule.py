"""Schedules from the profile: which elections and appointments recur, and how often.

Nothing here names a number: every period is read from the profile.

* The head of state (an institution of kind ``head_of_state`` elected by the people) is
  elected every ``elections.<its election>.cycle_years`` (else its ``term_years``).
* Local bodies elected by the people (kind ``local_body``, one per unit) are elected every
  ``cycle_years`` of their election (else ``term_years``).
* A chamber's *general election* fills every seat rule that is neither staggered nor
  appointed (the Mazhilis: party lists and the Assembly's seats) every
  ``cycle_years`` of the first such rule's election (else the chamber's ``term_years``).
* A staggered seat rule (``classes = c``, ``renewal_years = r``) forms all classes at the
  start; class ``k`` (1..c) is then renewed ``k * r`` years after that and every ``c * r``
  years from there (the Senate: class 1 after 3 years, class 2 after 6, each then every 6).
* An appointed seat rule (``filled_by = "appointment"``) is filled at the start and again
  every ``term_years`` of the rule.
* Offices appointed by the head of state (kind ``local_executive``, e.g. akims) are
  appointed after each election of the head of state.

Every cycle is anchored at the simulation's start; a dissolution re-anchors the cycles of
the dissolved chambers at their early election (see :mod:`respublika.simulate.core`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from respublika.calendar import Duration, add
from respublika.profile.schema import Institution, Profile, SeatRule
from respublika.profile.validate import seat_count, units_of

# Priorities of election-like entries on one day: the head of state first (appointees take
# his position), then local bodies (the electors of staggered chambers), then chambers.
PRIORITY = {"president": 0, "local": 1, "general": 2, "class": 3, "appoint": 4}


@dataclass(frozen=True)
class SeatGroup:
    """One seat rule of a chamber (one class of it, when staggered)."""

    chamber: str
    rule: str
    seat_class: int | None
    filled_by: str
    seats: int
    units: tuple[str, ...]
    election: str | None
    electors: str | None
    by: str
    term_years: int | None

    @property
    def key(self) -> str:
        return self.rule if self.seat_class is None else f"{self.rule}.{self.seat_class}"


@dataclass(frozen=True)
class Cycle:
    """A recurring election or appointment; ``first`` and ``every`` in whole years."""

    id: str
    kind: str
    institution: str
    groups: tuple[SeatGroup, ...] = ()
    first: int = 0
    every: int = 0
    cites: tuple[str, ...] = ()

    @property
    def priority(self) -> int:
        return PRIORITY[self.kind]

    def next_after(self, anchor: date, after: date) -> date:
        """The first renewal strictly after ``after`` in ``anchor + first + j * every``."""
        years = self.first
        behind = after.year - anchor.year - years
        if self.every > 0 and behind > 0:  # renewals in years before ``after``'s come before it: skip them
            years += -(-behind // self.every) * self.every
        while add(anchor, Duration(years=years)) <= after:
            years += self.every
        return add(anchor, Duration(years=years))


@dataclass(frozen=True)
class Structure:
    """What the simulation reads from a profile (see the module docstring)."""

    head: str | None
    cycles: tuple[Cycle, ...]
    chambers: dict[str, tuple[SeatGroup, ...]]
    local_bodies: dict[str, tuple[str, ...]]
    appointed_offices: dict[str, int] = field(default_factory=dict)
    popular_chambers: tuple[str, ...] = ()

    def cycle(self, cycle_id: str) -> Cycle:
        return next(c for c in self.cycles if c.id == cycle_id)

    def chamber_cycles(self, chamber: str) -> list[Cycle]:
        return [c for c in self.cycles if c.groups and c.groups[0].chamber == chamber]


def _period(profile: Profile, inst: Institution, election: str | None) -> int | None:
    rule = profile.elections.get(election or "")
    if rule is not None and rule.cycle_years:
        return rule.cycle_years
    return inst.term_years


def _groups(profile: Profile, chamber: str, rid: str, rule: SeatRule) -> list[SeatGroup]:
    units = tuple(units_of(profile, rule.units)) if rule.per_unit is not None else ()
    total = seat_count(profile, rule)
    classes = [None] if rule.classes <= 1 else list(range(1, rule.classes + 1))
    per = total // len(classes)
    return [
        SeatGroup(chamber=chamber, rule=rid, seat_class=k, filled_by=rule.filled_by, seats=per,
                  units=units, election=rule.election, electors=rule.electors, by=rule.by,
                  term_years=rule.term_years)
        for k in classes
    ]


def structure(profile: Profile) -> Structure:
    """The cycles, chambers and local bodies of ``profile``."""
    head = next((iid for iid, inst in profile.institutions.items()
                 if inst.kind == "head_of_state" and inst.elected_by == "people"), None)
    cycles: list[Cycle] = []
    if head is not None:
        inst = profile.institutions[head]
        every = _period(profile, inst, inst.election)
        if every:
            cycles.append(Cycle(f"president:{head}", "president", head, (), every, every, tuple(inst.cites)))
    local: dict[str, tuple[str, ...]] = {}
    for iid, inst in profile.institutions.items():
        if inst.kind == "local_body" and inst.per_unit is not None and inst.elected_by == "people":
            local[iid] = tuple(units_of(profile, inst.per_unit))
            every = _period(profile, inst, inst.election)
            if every:
                cycles.append(Cycle(f"local:{iid}", "local", iid, (), every, every, tuple(inst.cites)))
    chambers: dict[str, tuple[SeatGroup, ...]] = {}
    popular: list[str] = []
    for iid, inst in profile.institutions.items():
        if inst.kind != "chamber" or not inst.seats:
            continue
        groups: list[SeatGroup] = []
        general: list[SeatGroup] = []
        for rid, rule in inst.seats.items():
            made = _groups(profile, iid, rid, rule)
            groups += made
            if rule.filled_by == "appointment":
                every = rule.term_years or inst.term_years
                if every:
                    cycles.append(Cycle(f"appoint:{iid}.{rid}", "appoint", iid, tuple(made), every, every,
                                        tuple(rule.cites)))
            elif rule.classes > 1 and rule.renewal_years:
                for group in made:
                    k = group.seat_class or 1
                    cycles.append(Cycle(f"class:{iid}.{rid}.{k}", "class", iid, (group,),
                                        k * rule.renewal_years, rule.classes * rule.renewal_years,
                                        tuple(rule.cites)))
            elif rule.filled_by != "membership":
                general += made
        if general:
            first = next((g for g in general if _period(profile, inst, g.election)), None)
            every = _period(profile, inst, first.election if first else None)
            if every:
                cycles.append(Cycle(f"general:{iid}", "general", iid, tuple(general), every, every,
                                    tuple(inst.cites)))
            if any(g.filled_by == "direct_pr" for g in general):
                popular.append(iid)
        chambers[iid] = tuple(groups)
    offices = {
        iid: len(units_of(profile, inst.per_unit)) * (inst.size or 1) if inst.per_unit else (inst.size or 1)
        for iid, inst in profile.institutions.items()
        if inst.kind == "local_executive" and head is not None and inst.appointed_by == head
    }
    return Structure(head, tuple(cycles), chambers, local, offices, tuple(popular))
