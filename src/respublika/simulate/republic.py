"""The Republic's calendar: yearly arrivals, elections and appointments, crises.

A mixin of :class:`~respublika.simulate.core.Simulation` (which owns the state, the queue,
the generator and the backend): the handlers of the entries that are not acts on a
matter. See ``core.py`` for the order of entries on one day (the ``P_*`` priorities).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

import numpy as np

from respublika.calendar import Duration, add
from respublika.procedure import Event, Step
from respublika.procedure.model import step_of
from respublika.profile.schema import Profile
from respublika.simulate.acts import ActNames
from respublika.simulate.behaviour import Behaviour, days_of, delay
from respublika.simulate.params import SimParams
from respublika.simulate.politics import Politics
from respublika.simulate.queue import Entry, EventQueue
from respublika.simulate.schedule import Cycle, Structure

P_YEAR: Final = 0
P_WAKE: Final = 6
P_CRISIS: Final = 7
P_NOMINATE: Final = 8
P_BILL: Final = 9
P_ACT: Final = 10
"""Priorities on one day; elections and appointments use 1-5 (``Cycle.priority + 1``)."""


class RepublicEvents:
    """Handlers of ``year``, ``bill``, ``nominate``, crisis and election entries."""

    profile: Profile
    structure: Structure
    params: SimParams
    names: ActNames
    politics: Politics
    models: Behaviour
    queue: EventQueue
    rng: np.random.Generator
    s: dict[str, Any]
    start: date
    end: date
    pm_kind: str | None

    @property
    def today(self) -> date:
        raise NotImplementedError

    def _today_iso(self) -> str:
        raise NotImplementedError

    def _record(self, kind: str, **data: Any) -> None:
        raise NotImplementedError

    def _try(self, step: Step, focus: list[str] | None = None) -> tuple[Event, ...] | None:
        raise NotImplementedError

    def _count(self, name: str) -> int:
        raise NotImplementedError

    def _push_cycle(self, cycle: Cycle, on: date, anchor: str) -> None:
        raise NotImplementedError

    # ---------------------------------------------------------------- arrivals

    def _year(self, entry: Entry) -> None:
        k = int(entry.data["index"])
        if k > 0:
            self.politics.drift(self.models.voters.drift(self.politics.shares, self.rng))
        begin = add(self.start, Duration(years=k))
        nxt = add(self.start, Duration(years=k + 1))
        days = (min(nxt, self.end) - begin).days
        for offset in self.models.bills.arrivals(days, self.rng):
            self.queue.push(begin + days_of(offset), P_BILL, "bill")
        for offset in self.models.crises.arrivals(days, self.rng):
            self.queue.push(begin + timedelta(days=offset), P_CRISIS, "crisis")
        if nxt < self.end:
            self.queue.push(nxt, P_YEAR, "year", {"index": k + 1})
        self._record("year", index=k, shares=dict(zip(self.politics.names, self.politics.data["shares"], strict=True)))

    def _bill(self, entry: Entry) -> None:
        spec = self.profile.procedure.acts.get(self.names.introduce)
        if spec is None:
            return
        choices = list(spec.params[self.names.initiator].choices) if self.names.initiator in spec.params else []
        popular = self.structure.popular_chambers
        blocs = self.politics.blocs(popular[0]) if len(popular) == 1 else \
            [b for c in popular for b in self.politics.blocs(c)]
        # without initiator choices in the profile, bills come from the first party initiator
        draft = self.models.bills.draft(choices or list(self.params.party_initiators[:1]), self.politics.president,
                                        blocs, self.rng)
        mid = f"B{self._count('bill')}"
        params: dict[str, Any] = {}
        if choices:
            params[self.names.initiator] = draft.initiator
        if self.names.budget in spec.params:
            params[self.names.budget] = draft.budget
        self.s["matters"][mid] = {"position": round(draft.position, 6)}
        if self._try(step_of(self.today, self.names.introduce, mid, params), [mid]) is None:
            self.s["matters"].pop(mid, None)

    def _nominate(self, entry: Entry) -> None:
        if self.names.nominate not in self.profile.procedure.acts:
            return
        n = self._count("pm")
        mid = f"PM{n}"
        position = float(np.clip(self.rng.normal(self.politics.president, 0.1), -1.0, 1.0))
        self.s["matters"][mid] = {"position": round(position, 6), "attempt": int(entry.data.get("attempt", 1))}
        step = Step(self.today, self.names.nominate, mid, {self.names.candidate: f"Candidate {n}"})
        if self._try(step, [mid]) is None:
            self.s["matters"].pop(mid, None)

    # ------------------------------------------------------------------ crises

    def _crisis(self, entry: Entry) -> None:
        if self.names.declare not in self.profile.procedure.acts:
            return  # the profile has no such act (see ActNames): no crises
        if self._try(Step(self.today, self.names.declare)) is None:
            return
        lasts = self.models.crises.duration(self.rng)
        self.queue.push(self.today + timedelta(days=lasts), P_CRISIS, "end_crisis", {}, "crisis")
        attempt = self.models.crises.dissolution(self.rng)
        if attempt is not None and attempt < lasts:
            self.queue.push(self.today + timedelta(days=attempt), P_CRISIS, "dissolve", {}, "crisis")

    def _end_crisis(self, entry: Entry) -> None:
        self._try(Step(self.today, self.names.end))

    def _dissolve(self, entry: Entry) -> None:
        self._try(Step(self.today, self.names.dissolve))

    def _dissolved(self, chambers: list[str], schedule: Any) -> None:
        cancelled: list[str] = []
        for chamber in chambers:
            cancelled += [str(e.data["cycle"]) for e in self.queue.cancel_key(f"chamber:{chamber}")]
        when = date.fromisoformat(schedule["due"]) if isinstance(schedule, dict) else self.today
        known = [c for c in chambers if c in self.structure.chambers]
        if known and when < self.end:
            self.queue.push(when, 1, "early", {"chambers": known}, "early")
        self._record("dissolution", chambers=chambers, cancelled=cancelled, early=when.isoformat())

    # --------------------------------------------------------------- elections

    def _cycle(self, entry: Entry) -> None:
        cycle = self.structure.cycle(str(entry.data["cycle"]))
        self._hold(cycle, early=False)
        anchor = date.fromisoformat(entry.data["anchor"])
        self._push_cycle(cycle, cycle.next_after(anchor, self.today), entry.data["anchor"])

    def _early(self, entry: Entry) -> None:
        for chamber in entry.data["chambers"]:
            for cycle in self.structure.chamber_cycles(chamber):
                self._hold(cycle, early=True)
                self._push_cycle(cycle, cycle.next_after(self.today, self.today), self._today_iso())

    def _hold(self, cycle: Cycle, early: bool) -> None:
        today = self.today
        if cycle.kind == "president":
            summary = self.politics.elect_head(cycle, self.rng, today)
            self._record("election", cycle=cycle.id, institution=cycle.institution, early=early, result=summary)
            president = self.politics.data["president"]
            self._record("president", party=president["party"], position=president["position"])
            for office, count in self.structure.appointed_offices.items():
                self._record("appointment", office=office, count=count, party=president["party"])
            return
        if cycle.kind == "local":
            result = self.politics.elect_local(cycle, self.rng)
            totals: dict[str, int] = {}
            for seats in result.values():
                for party, n in seats.items():
                    totals[party] = totals.get(party, 0) + n
            self._record("election", cycle=cycle.id, institution=cycle.institution, early=early, result=totals)
            return
        for group in cycle.groups:
            won = self.politics.fill(group, self.rng, today)
            self._record("election" if cycle.kind != "appoint" else "appointment", cycle=cycle.id,
                         institution=group.chamber, group=group.key, early=early, result=won)
        chamber = cycle.institution
        self._record("seats", chamber=chamber, seats=self.politics.by_party(chamber))
        if cycle.kind == "general" and chamber in self.structure.popular_chambers and self.pm_kind:
            self.queue.cancel_key("pm")
            on = today + days_of(delay(self.params.pm_days, self.rng))
            if on < self.end:
                self.queue.push(on, P_NOMINATE, "nominate", {"attempt": 1}, "pm")
