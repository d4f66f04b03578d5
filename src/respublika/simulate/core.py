"""The simulation: a calendar of events driving the procedure engine over years.

(The handlers of yearly arrivals, elections, appointments and crises are in
:mod:`respublika.simulate.republic`; the act names in :mod:`respublika.simulate.acts`.)

One :class:`Simulation` owns an :class:`~respublika.simulate.queue.EventQueue`, a seeded
``numpy.random.Generator``, the politics (:mod:`respublika.simulate.politics`), the
behaviour models and a world holder (:class:`~respublika.procedure.holder.WorldHolder`,
``backend``) that applies every act through the procedure engine: in memory, or on a
stored world (see :mod:`respublika.store.simulations`). Entry kinds and their order on one day:

====  ==========  ==================================================================
prio  kind        what happens
====  ==========  ==================================================================
0     year        voters drift; the year's bills and crises are drawn (Poisson)
1-5   cycle       elections and appointments (:mod:`respublika.simulate.schedule`)
1-5   early       early elections of dissolved chambers (re-anchor their cycles)
6     wake        deadlines and timers due today fire (``advance`` through the engine)
7     crisis      declare a crisis / end it / try to dissolve (refusals are recorded)
8     nominate    the President nominates a Prime Minister after a new chamber
9     bill        a bill is introduced
10    act         a planned act on a matter: a vote, sign or veto, the Government's opinion
====  ==========  ==================================================================

After every step the matters it touched are *re-planned*: their pending entries are
cancelled, a wake-up is scheduled for the new state's deadline (so deadlines fire on
their day) and the next act is chosen from the engine's legal acts by who acts: a vote
(chamber or joint session), the President's decision, the Government's opinion. A
dissolution cancels the dissolved chambers' pending elections and schedules early
elections when the profile's convening timer falls due; a convening re-plans every matter.
"""

from __future__ import annotations

import gc
import json
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Final, cast

import numpy as np

from respublika.calendar import Duration, add
from respublika.errors import InputError, ProcedureError
from respublika.procedure import Engine, Event, Matter, Step, WorldHolder
from respublika.procedure.compiled import reads_only_sitting
from respublika.procedure.deadlines import last_day
from respublika.procedure.model import ADVANCE, step_of
from respublika.procedure.rules import from_matches
from respublika.simulate.acts import ActNames
from respublika.simulate.behaviour import Behaviour, days_of, delay
from respublika.simulate.params import SimParams
from respublika.simulate.politics import Politics
from respublika.simulate.queue import Entry, EventQueue
from respublika.simulate.recorder import Recorder
from respublika.simulate.republic import P_ACT, P_NOMINATE, P_WAKE, P_YEAR, RepublicEvents
from respublika.simulate.schedule import Cycle, structure

Plan = tuple[str, str, tuple[tuple[str, Any], ...], tuple[str, ...]]



_ONE_DAY: Final = timedelta(days=1)

_UNPLANNED: Final[Any] = object()
"""A plan not computed yet (``None`` is a plan: nothing to do)."""


def _freeze_old_heap() -> bool:
    """Keep the collector off the heap that was there before the run, for the run's length.

    A run allocates many short-lived containers, so the cyclic collector runs; now and then a
    full collection walks every tracked object of the process (NumPy's, the profile's, the
    interpreter's own: some 40,000 before the first step), which took about 26 ms of a 10-year
    run's 250 ms. ``gc.freeze()`` moves those objects to the permanent generation, so
    collections during the run walk only what the run made; the caller puts them back
    (``gc.unfreeze()``) when the run ends, so nothing is kept from a later collection. Nothing
    is done when the collector is off or something else froze objects already (that caller
    owns the permanent generation). Returns whether it froze."""
    if not gc.isenabled() or gc.get_freeze_count():
        return False
    gc.freeze()
    return True

class Simulation(RepublicEvents):
    """A run of ``years`` years from ``params.start`` (see the module docstring)."""

    def __init__(
        self, engine: Engine, backend: WorldHolder, params: SimParams, seed: Any, years: Any,
        behaviour: Behaviour | None = None, names: ActNames | None = None, keep_log: bool = True,
        state: dict[str, Any] | None = None, on_checkpoint: Callable[[Simulation], None] | None = None,
        journal: list[tuple[Step, tuple[Event, ...]]] | None = None,
    ) -> None:
        if isinstance(years, bool) or not isinstance(years, int) or years < 1:
            raise InputError(f"years: expected a whole number of at least 1, got {years!r}")
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
            raise InputError(f"seed: expected a whole number in [0, 2**63), got {seed!r}")
        self.engine = engine
        self.backend = backend
        self.params = params
        self.seed: int = seed
        self.years: int = years
        self.behaviour = behaviour
        self.names = ActNames() if names is None else names
        self.keep_log = keep_log
        self.state = state
        self.on_checkpoint = on_checkpoint
        self.journal = journal
        self.profile = self.engine.profile
        if self.names == ActNames():  # none given: the roles the profile declares
            self.names = ActNames.declared(self.profile)
        introduce = self.profile.procedure.acts.get(self.names.introduce)
        if introduce is not None and self.names.initiator in introduce.params:
            self.params.check_initiators(list(introduce.params[self.names.initiator].choices or ()))
        self.structure = structure(self.profile)
        self.models = self.behaviour or Behaviour.default(self.params)
        self.start = self.params.start
        self.end = add(self.start, Duration(years=self.years))
        self.recorder = Recorder(self.profile, self.names)
        self.events: list[Event] = []
        self.steps: list[Step] = []
        self.records: list[dict[str, Any]] = []
        self.bill_kind, self.pm_kind = self._created_by(self.names.introduce), self._created_by(self.names.nominate)
        self.veto_state = self._target(self.names.veto)
        proc = self.profile.procedure
        self.final = {(k, st) for k, kind in proc.matters.items() for st, spec in kind.states.items() if spec.final}
        # states whose plan depends only on the matter's variables, the chambers that sit and
        # how many first sittings have passed (their guards read nothing else)
        self.cacheable = {
            (k, st) for k, kind in proc.matters.items() for st, spec in kind.states.items()
            if not spec.final and all(reads_only_sitting(q) for r in kind.rules if from_matches(r, st, final=False)
                                      for q in r.require)
        }
        self.first_sittings = sorted({i.first_sitting for i in self.profile.institutions.values() if i.first_sitting})
        self.plans: dict[tuple[Any, ...], Plan | None] = {}
        if self.state is None:
            self.rng = np.random.default_rng(self.seed)
            self.queue = EventQueue()
            self.politics = Politics(self.profile, self.structure, self.params)
            self.s: dict[str, Any] = {"today": self.start.isoformat(), "counters": {}, "matters": {},
                                      "due": {}, "records": 0}
            self._schedule_start()
        else:
            self._restore(self.state)
        self._today = date.fromisoformat(self.s["today"])
        self._today_text: str | None = self.s["today"]

    # ------------------------------------------------------------------ setup

    def _created_by(self, act: str) -> str | None:
        for kid, kind in self.profile.procedure.matters.items():
            if any(r.act == act and "new" in r.from_ for r in kind.rules):
                return kid
        return None

    def _target(self, act: str) -> str | None:
        for kind in self.profile.procedure.matters.values():
            for rule in kind.rules:
                if rule.act == act and rule.to:
                    return rule.to
        return None

    def _schedule_start(self) -> None:
        self.queue.push(self.start, P_YEAR, "year", {"index": 0})
        for cycle in self.structure.cycles:
            self._push_cycle(cycle, self.start, self.start.isoformat())

    def _push_cycle(self, cycle: Cycle, on: date, anchor: str) -> None:
        if on < self.end:
            chamber = cycle.institution if cycle.groups else None
            key = f"chamber:{chamber}" if chamber else f"cycle:{cycle.id}"
            self.queue.push(on, 1 + cycle.priority, "cycle", {"cycle": cycle.id, "anchor": anchor}, key)

    @property
    def today(self) -> date:
        return self._today

    def _set_today(self, on: date) -> None:
        self._today = on
        self._today_text = None  # ``s["today"]`` is written when read (most days make no record)

    def _today_iso(self) -> str:
        """Today as ISO text, kept in ``s["today"]`` (written on first use each day)."""
        text = self._today_text
        if text is None:
            text = self._today_text = self._today.isoformat()
            self.s["today"] = text
        return text

    def _count(self, name: str) -> int:
        self.s["counters"][name] = self.s["counters"].get(name, 0) + 1
        return int(self.s["counters"][name])

    # ------------------------------------------------------------------- loop

    def run(self, until: date | None = None, progress: Callable[[date], None] | None = None) -> None:
        """Process every entry dated before ``until`` (default: the end of the run)."""
        stop = min(until or self.end, self.end)
        handlers: dict[str, Callable[[Entry], None]] = {"year": self._year, "cycle": self._cycle, "early": self._early, "wake": self._wake,
                    "crisis": self._crisis, "end_crisis": self._end_crisis, "dissolve": self._dissolve,
                    "nominate": self._nominate, "bill": self._bill, "act": self._act}
        frozen = _freeze_old_heap()
        try:
            self._loop(stop, handlers, progress)
        finally:
            if frozen:
                gc.unfreeze()
        if progress is not None:
            progress(stop)

    def _loop(self, stop: date, handlers: dict[str, Callable[[Entry], None]],
              progress: Callable[[date], None] | None) -> None:
        queue = self.queue
        while True:
            entry = queue.peek() if self.on_checkpoint is not None or progress is not None else None
            if entry is not None and entry.kind == "year" and entry.date < stop:
                if progress is not None:
                    progress(entry.date)
                if entry.data["index"] > 0 and self.on_checkpoint is not None:
                    self.on_checkpoint(self)  # the state between two years, the year's entry still queued
            entry = queue.pop_before(stop)
            if entry is None:
                break
            if entry.date != self._today:
                self._set_today(entry.date)
            handlers[entry.kind](entry)

    @property
    def finished(self) -> bool:
        entry = self.queue.peek()
        return entry is None or entry.date >= self.end

    def _record(self, kind: str, **data: Any) -> None:
        self.s["records"] += 1
        record = {"seq": self.s["records"], "date": self._today_iso(), "kind": kind, **data}
        self.records.append(record)
        self.recorder.record(record)

    # -------------------------------------------------------------- the engine

    def _try(self, step: Step, focus: list[str] | None = None) -> tuple[Event, ...] | None:
        try:
            events = self.backend.apply(step, focus or [])
        except ProcedureError as exc:
            self._record("refusal", act=step.act, matter=step.matter, message=str(exc))
            return None
        if self.keep_log:
            self.steps.append(step)
            self.events.extend(events)
        if self.journal is not None:
            self.journal.append((step, events))
        self._observe(events)
        return events

    def _observe(self, events: tuple[Event, ...]) -> None:
        touched: list[str] = []
        replan_all = False
        for event in events:
            self.recorder.event(event)
            if event.matter is not None and event.matter not in touched:
                touched.append(event.matter)
            effects = event.effects
            if "schedule" in effects:
                due = date.fromisoformat(effects["schedule"]["due"])
                self.queue.push(due, P_WAKE, "wake", {"timer": effects["schedule"]["act"]}, "timer")
            if effects.get("dissolve"):
                self._dissolved(list(effects["dissolve"]), effects.get("schedule"))
                replan_all = True
            if effects.get("convene"):
                replan_all = True
            if event.matter is not None and event.outcome == "rejected":
                self._rejected(event)
        if replan_all:
            touched += [m for m in self.s["matters"] if m not in touched]
        for mid in touched:
            self._replan(mid)

    def _rejected(self, event: Event) -> None:
        """A refused nomination: the President nominates again (up to ``pm_attempts``)."""
        info = self.s["matters"].get(event.matter or "", {})
        m = self.backend.matter(event.matter or "")
        final = m is None or (m.kind, m.state) in self.final
        if "attempt" not in info or not final:
            return
        if info["attempt"] < self.params.pm_attempts:
            on = self.today + days_of(delay(self.params.pm_days, self.rng))
            if on < self.end:
                self.queue.push(on, P_NOMINATE, "nominate", {"attempt": info["attempt"] + 1}, "pm")

    # ----------------------------------------------------------------- matters

    def _replan(self, mid: str) -> None:
        key = f"matter:{mid}"
        self.queue.drop_key(key)
        self.s["due"].pop(mid, None)
        m = self.backend.matter(mid)
        if m is None or (m.kind, m.state) in self.final:
            self.s["matters"].pop(mid, None)
            return
        today = self.today
        last = last_day(self.profile, m)  # durations parsed and sums memoized in deadlines
        if last is not None:
            fires = last + _ONE_DAY
            self.s["due"][mid] = fires.toordinal()
            self.queue.push(fires, P_WAKE, "wake", {"matter": mid}, key, copy=False)
        plan = self._plan(m)
        if plan is None:
            return
        do, act, fixed, chambers = plan
        p = self.params
        latest = None if last is None else (last - today).days
        if do == "vote":
            silence = 1 - p.override_attempt if m.state == self.veto_state else (p.chamber_silence if last else 0.0)
            if silence and self.rng.random() < silence:
                return
            days = delay(p.delays["joint" if len(chambers) > 1 else "chamber"], self.rng, latest)
        elif do == "decide":
            if self.models.executive.silent(self.rng):
                return
            days = delay(p.delays["president"], self.rng, latest)
        else:
            days = delay(p.delays["government"], self.rng, latest)
        on = today + days_of(days)
        if on < self.end:
            data = {"matter": mid, "state": m.state, "do": do, "act": act, "fixed": dict(fixed),
                    "chambers": list(chambers)}
            self.queue.push(on, P_ACT, "act", data, key, copy=False)

    def _plan(self, m: Matter) -> Plan | None:
        """What to do next with ``m``, from the engine's legal acts: a vote (the first legal
        division), the President's decision (sign or veto) or the Government's opinion.
        Memoized by state, variables and sitting chambers where no guard reads anything else."""
        key: tuple[Any, ...] | None = None
        if (m.kind, m.state) in self.cacheable:
            sat = bisect_right(self.first_sittings, self.today) if self.first_sittings else 0
            key = (m.kind, m.state, tuple(m.vars.items()), tuple(self.backend.republic.not_sitting), sat)
            try:  # one lookup, one hash (a variable holding a list or a table cannot be a key)
                known = self.plans.get(key, _UNPLANNED)
            except TypeError:
                key, known = None, _UNPLANNED
            if known is not _UNPLANNED:
                return cast(Plan | None, known)
        legal = self.engine.legal_acts(self.backend.view([m.id]), m.id, on=self.today)
        acts = {a.act for a in legal}
        votes = [a for a in legal if a.votes]
        plan: Plan | None = None
        if votes:
            plan = ("vote", votes[0].act, tuple(sorted(votes[0].fixed.items())), tuple(v.chamber for v in votes[0].votes))
        elif self.names.sign in acts or self.names.veto in acts:
            plan = ("decide", "", (), ())
        elif self.names.opinion in acts:
            plan = ("opinion", self.names.opinion, (), ())
        if key is not None:
            self.plans[key] = plan
        return plan

    def _act(self, entry: Entry) -> None:
        mid = str(entry.data["matter"])
        m = self.backend.matter(mid)
        if m is None or m.state != entry.data["state"]:
            return
        position = float(self.s["matters"].get(mid, {}).get("position", 0.0))
        do = entry.data["do"]
        params: dict[str, Any] = {}
        act = "vote"
        if do == "vote":
            act = str(entry.data["act"])
            chambers = list(entry.data["chambers"])
            counts = {c: self.models.voting.division(self.politics.blocs(c), position, self.rng) for c in chambers}
            params = dict(entry.data.get("fixed") or {})
            if len(chambers) == 1:
                f, a, ab = counts[chambers[0]]
                params.update({"for": f, "against": a, "abstain": ab})
            else:
                params.update({c: {"for": f, "against": a, "abstain": ab} for c, (f, a, ab) in counts.items()})
        elif do == "decide":
            signs = self.models.executive.signs(self.politics.president, position, self.rng)
            act = self.names.sign if signs else self.names.veto
        else:
            act = self.names.opinion
            params = {self.names.approve: self.models.executive.approves(self.politics.president, position, self.rng)}
        self._try(step_of(self.today, act, mid, params), [mid])

    def _wake(self, entry: Entry) -> None:
        today = self.today
        limit = today.toordinal()
        due = [mid for mid, d in self.s["due"].items() if d <= limit]
        timers = False
        for t in self.backend.republic.timers:
            if t.due <= today:
                timers = True
                break
        if due or timers:
            self._try(step_of(today, ADVANCE), due)

    # ------------------------------------------------------------------- state

    def to_json(self) -> dict[str, Any]:
        """Everything needed to resume (the procedure world lives in the backend/Store)."""
        self._today_iso()
        return {
            "version": 1,
            "s": json.loads(json.dumps(self.s)),
            "politics": json.loads(json.dumps(self.politics.data)),
            "queue": self.queue.to_json(),
            "rng": json.dumps(self.rng.bit_generator.state),
        }

    def _restore(self, state: dict[str, Any]) -> None:
        if state.get("version") != 1:
            raise InputError(f"cannot resume: unknown simulation state version {state.get('version')!r}")
        self.s = json.loads(json.dumps(state["s"]))
        self.politics = Politics(self.profile, self.structure, self.params, state["politics"])
        self.queue = EventQueue.from_json(state["queue"])
        self.rng = np.random.default_rng()
        self.rng.bit_generator.state = json.loads(state["rng"])
