"""The engine: one interpreter of the state machine a profile declares.

``Engine(profile)`` knows nothing of any particular constitution: chambers, states, acts,
thresholds and deadlines all come from ``profile.procedure``. The engine is pure: it
takes a :class:`World` and a :class:`Step` and returns a new world and the events that
happened, or raises :class:`ProcedureError` and the caller keeps the old world.

``apply`` = move time to the step's date (deadlines and timers fire first), then the
act. ``step`` is the scenario form: time moves even when the act is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from respublika._accel import mypyc_attr
from respublika.calendar import add, parse_duration
from respublika.errors import InputError, ProcedureError
from respublika.procedure import legal
from respublika.procedure.compiled import (
    CompiledRule,
    Normalizer,
    first_compiled,
    label,
    normalizer,
    when_matches,
)
from respublika.procedure.deadlines import Due, deadline_of, last_day, next_due
from respublika.procedure.model import (
    ADVANCE,
    Event,
    Matter,
    ReferendumTally,
    Step,
    StepResult,
    Tally,
    Timer,
    World,
    append_event,
    event_of,
    evolve,
    jsonable,
    matter_with,
    new_event,
    to_date,
    world_with,
)
from respublika.procedure.params import cite
from respublika.procedure.refusal import no_rule_error
from respublika.procedure.rules import (
    Context,
    failed_requirement,
    from_matches,
)
from respublika.procedure.votes import referendum
from respublika.profile.schema import Profile, Rule

MAX_FIRINGS: Final = 10_000
Candidate = tuple[str | None, Rule]


@mypyc_attr(native_class=False)  # compiled, Engine stays a Python class: its methods may be wrapped
class Engine:
    """Interprets ``profile.procedure``; holds no world of its own."""

    def __init__(self, profile: Profile) -> None:
        if not isinstance(profile, Profile):  # the API's boundary: once here, never per step
            raise InputError.of("Engine: expected a Profile (respublika.profile.load_profile), got {got}",
                                got=type(profile).__name__)
        self.profile = profile
        proc = profile.procedure
        self.republic_acts = {r.act for r in proc.republic.rules}
        self.matter_acts = {r.act for k in proc.matters.values() for r in k.rules}
        self.creators: dict[str, list[Candidate]] = {}
        for kid, kind in proc.matters.items():
            for rule in kind.rules:
                if "new" in rule.from_:
                    self.creators.setdefault(rule.act, []).append((kid, rule))
        self.anchors = sorted(
            {req.before_end_of["start"] for r in self._all_rules() for req in r.require if req.before_end_of}
        )
        # The rules compiled once into dispatch tables: by (kind, act), and lazily by
        # (kind, state, act) with the enabled rules whose ``from`` matches the state.
        self._republic_rules: dict[str, list[Candidate]] = {}
        for rule in proc.republic.rules:
            self._republic_rules.setdefault(rule.act, []).append((None, rule))
        self._matter_rules: dict[tuple[str, str], list[Candidate]] = {}
        for kid, kind in proc.matters.items():
            for rule in kind.rules:
                self._matter_rules.setdefault((kid, rule.act), []).append((kid, rule))
        self._in_state: dict[tuple[str, str, str], list[Candidate]] = {}
        self._state_rules: dict[tuple[str, str], list[Rule]] = {}
        self._entries: dict[tuple[str, str], legal.LegalAct] = {}
        self._rules: dict[int, CompiledRule] = {}  # by id(rule): the profile holds the rules
        self._normalizers: dict[str, Normalizer] = {}
        self._republic_in_state: dict[str, list[Candidate]] = {
            act: [c for c in cands if c[1].enabled] for act, cands in self._republic_rules.items()}
        self._core = _Core(self)  # the step itself (compiled: a native class, direct calls)

    def _all_rules(self) -> list[Rule]:
        proc = self.profile.procedure
        return [*proc.republic.rules, *(r for k in proc.matters.values() for r in k.rules)]

    # ------------------------------------------------------------------ worlds

    def initial(self, setup: Mapping[str, Any] | None = None) -> World:
        """A world before any step. ``setup`` gives dates such as ``president_elected``
        (default: the first step's date) and initial values of Republic variables."""
        republic = dict(self.profile.procedure.republic.vars)
        anchors: dict[str, Any] = {}
        for key, value in (setup or {}).items():
            if key in self.anchors:
                anchors[key] = to_date(value, what=f"setup.{key}").isoformat()
            elif key in republic:
                republic[key] = jsonable(value)
            else:
                known = ", ".join([*self.anchors, *republic]) or "none"
                raise InputError(f"setup: unknown key {key!r} (known: {known})")
        return World(setup=anchors, republic=republic)

    def replay(self, items: Iterable[Event | Step], setup: Mapping[str, Any] | None = None) -> World:
        """The world the requested steps (or the act/advance events among ``items``) make."""
        world = self.initial(setup)
        for item in items:
            if isinstance(item, Event):
                if item.kind not in ("act", ADVANCE):
                    continue
                item = item.as_step()
            world, _ = self.apply(world, item)
        return world

    # -------------------------------------------------------------------- time

    def advance(self, world: World, on: date) -> tuple[World, tuple[Event, ...]]:
        """Move time to ``on``; what falls due fires. Records an ``advance`` event."""
        return self._core.advance(world, on)

    # -------------------------------------------------------------------- acts

    def apply(self, world: World, step: Step) -> tuple[World, tuple[Event, ...]]:
        """Apply ``step``; raise :class:`ProcedureError` (the caller keeps ``world``)."""
        return self._core.apply(world, step)

    def step(self, world: World, step: Step) -> StepResult:
        """Scenario semantics: on refusal, time still moves to the step's date."""
        try:
            after, events = self.apply(world, step)
            return StepResult(after, events)
        except ProcedureError as exc:
            try:
                moved, fired = self._core.move_time(world, step.date)
            except ProcedureError:
                return StepResult(world, (), exc)
            if moved.clock == world.clock:
                return StepResult(world, (), exc)
            event = new_event(seq=len(moved.events) + 1, date=step.date, kind=ADVANCE, act=ADVANCE)
            return StepResult(world_with(moved, events=append_event(moved.events, event)), (*fired, event), exc)

    # ----------------------------------------------------------------- queries

    def legal_acts(self, world: World, matter_id: str | None = None, on: date | None = None) -> list[legal.LegalAct]:
        """Acts legal now on ``matter_id``; without it, the Republic's acts and the acts
        that create matters. ``on`` defaults to the world's clock."""
        day = on or world.clock or date.min
        if matter_id is None:
            return [*legal.on_republic(self.profile, world, day), *legal.creating(self.profile, world, day)]
        matter = world.matter(matter_id)
        profile = self.profile
        kind = profile.procedure.matters[matter.kind]
        if kind.states[matter.state].final:
            return []
        # legal.on_matter, with the state's rules and each rule's entry from the dispatch tables
        rules = self._state_rules.get((matter.kind, matter.state))
        if rules is None:
            rules = self._state_rules[(matter.kind, matter.state)] = [
                r for r in kind.rules if r.enabled and from_matches(r, matter.state, False)]
        until = last_day(profile, matter) if deadline_of(profile, matter) is not None else None
        out = []
        for rule in rules:
            if legal.allowed(profile, world, rule, matter.vars, day):
                base = self._entries.get((matter.kind, rule.id))
                if base is None:
                    base = self._entries[(matter.kind, rule.id)] = legal.entry(profile, rule, matter.kind, None)
                out.append(evolve(base, matter=matter.id, last_day=until))
        return out


class _Core:
    """What :meth:`Engine.apply` does, on the engine's dispatch tables (the same objects).

    Compiled, this is a native class: its methods call one another directly, where a
    method of :class:`Engine` (a Python class, so that its methods may be wrapped) is looked
    up and called as Python calls it, on every step."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.profile: Profile = engine.profile
        self.anchors: list[str] = engine.anchors
        self._normalizers: dict[str, Normalizer] = engine._normalizers
        self.republic_acts: set[str] = engine.republic_acts
        self._republic_in_state: dict[str, list[Candidate]] = engine._republic_in_state
        self.matter_acts: set[str] = engine.matter_acts
        self.creators: dict[str, list[Candidate]] = engine.creators
        self._in_state: dict[tuple[str, str, str], list[Candidate]] = engine._in_state
        self._matter_rules: dict[tuple[str, str], list[Candidate]] = engine._matter_rules
        self._rules: dict[int, CompiledRule] = engine._rules

    # -------------------------------------------------------------------- time

    def move_time(self, world: World, on: date) -> tuple[World, tuple[Event, ...]]:
        if world.clock is not None and on < world.clock:
            raise ProcedureError(f"date {on} is before the previous step ({world.clock})")
        if world.clock is None:
            missing = {k: on.isoformat() for k in self.anchors if k not in world.setup}
            world = world_with(world, setup={**world.setup, **missing})
        fired: list[Event] | None = None  # (none on most steps: no list, no tuple)
        for _ in range(MAX_FIRINGS):
            due = next_due(self.profile, world, on)
            if due is None:
                moved = world if world.clock == on else world_with(world, clock=on)
                return moved, (() if fired is None else tuple(fired))
            world, events = self.fire(world, due)
            if fired is None:
                fired = []
            fired += events
        raise ProcedureError(f"more than {MAX_FIRINGS} deadlines fire before {on}: the profile loops")

    def fire(self, world: World, due: Due) -> tuple[World, tuple[Event, ...]]:
        if due.timer is not None:
            rest = tuple(t for t in world.timers if t != due.timer)
            world = world_with(world, timers=rest)
            step = Step(date=due.fires_on, act=due.timer.act)
            try:
                world, event = self.act(world, step, kind="scheduled")
            except ProcedureError:
                return world, ()  # overtaken (e.g. convened earlier by hand): lapses
            return world, (event,)
        assert due.matter is not None and due.deadline is not None
        m, d = due.matter, due.deadline
        values = _resolve(d.set, due.fires_on, {})
        new = matter_with(m, state=d.to, entered=due.fires_on, vars={**m.vars, **values})
        event = new_event(
            seq=len(world.events) + 1, date=due.fires_on, kind="deadline", act=d.event,
            matter=m.id, from_state=m.state, to_state=d.to, set=values, cites=tuple(d.cites),
            params={"last_day": due.last_day.isoformat() if due.last_day else None},
        )
        return world_with(world, matters={**world.matters, m.id: new}, events=append_event(world.events, event)), (event,)

    def advance(self, world: World, on: date) -> tuple[World, tuple[Event, ...]]:
        """Move time to ``on``; what falls due fires. Records an ``advance`` event."""
        moved, fired = self.move_time(world, on)
        event = new_event(seq=len(moved.events) + 1, date=on, kind=ADVANCE, act=ADVANCE)
        return world_with(moved, events=append_event(moved.events, event)), (*fired, event)

    # -------------------------------------------------------------------- acts

    def apply(self, world: World, step: Step) -> tuple[World, tuple[Event, ...]]:
        """Apply ``step``; raise :class:`ProcedureError` (the caller keeps ``world``)."""
        if step.act == ADVANCE and ADVANCE not in self.profile.procedure.acts:
            if step.matter is not None or step.params:
                raise ProcedureError("advance takes only a date")
            return self.advance(world, step.date)
        moved, fired = self.move_time(world, step.date)
        try:
            after, event = self.act(moved, step)
        except ProcedureError as exc:
            if not fired:
                raise
            notes = "; ".join(f"{e.date} {e.matter or ''} {e.act} -> {e.to_state or ''}".strip() for e in fired)
            raise ProcedureError(f"{exc} (deadlines that fired first: {notes})") from None
        return after, ((*fired, event) if fired else (event,))

    def act(self, world: World, step: Step, kind: str = "act") -> tuple[World, Event]:
        act = step.act
        norm = self._normalizers.get(act)
        if norm is None:
            norm = self._normalizers[act] = normalizer(self.profile, act)
        params = norm(step.params, step.date, step.matter)
        if step.matter is None:
            if act in self.republic_acts:
                kid, rule = self.select(world, step, self._republic_in_state.get(act, []), params, None,
                                         filtered=True)
                return self.apply_rule(world, step, params, None, rule, None, kind)
            raise ProcedureError(f"{act} is an act on a matter: say which (bill: ID)")
        if act in self.republic_acts and act not in self.matter_acts:
            raise ProcedureError(f"{act} is an act of the Republic; it takes no matter")
        matter = world.matters.get(step.matter)
        if matter is None:
            creators = self.creators.get(act)
            if not creators:
                known = ", ".join(list(world.matters)[-10:]) or "none yet"
                makers = ", ".join(sorted(self.creators))
                raise ProcedureError(
                    f"unknown matter {step.matter!r} (known: {known}); {act} does not create one "
                    f"(acts that do: {makers})"
                )
            kid, rule = self.select(world, step, list(creators), params, None)
            return self.apply_rule(world, step, params, kid, rule, None, kind)
        table = (matter.kind, matter.state, act)
        in_state = self._in_state.get(table)
        if in_state is None:
            spec = self.profile.procedure.matters[matter.kind]
            candidates = self._matter_rules.get((matter.kind, act), [])
            if act in self.creators and not any("new" not in r.from_ for _, r in candidates):
                raise ProcedureError(
                    f"{matter.id} exists already (a {matter.kind}, {matter.state}); {act} creates a new matter"
                )
            state = spec.states[matter.state]
            if state.final:
                raise ProcedureError.of("{matter} is {state}, which is final{cites}", matter=matter.id,
                                        state=matter.state, cites=cite(state.cites), kind=matter.kind)
            in_state = self._in_state[table] = [
                (k, r) for k, r in candidates if r.enabled and from_matches(r, matter.state, final=False)]
        kid, rule = self.select(world, step, in_state, params, matter, filtered=True)
        return self.apply_rule(world, step, params, kid, rule, matter, kind)

    def select(
        self, world: World, step: Step, candidates: list[Candidate], params: Mapping[str, Any],
        matter: Matter | None, filtered: bool = False,
    ) -> tuple[str | None, CompiledRule]:
        """The first candidate whose ``when`` and requirements hold. ``filtered``: the
        candidates are already those enabled in the matter's state (the dispatch table)."""
        ctx: Context | None = None
        failed: tuple[Rule, Any] | None = None
        state = "new" if matter is None else matter.state  # final states never get here
        for kid, rule in candidates:
            if not filtered:
                if not rule.enabled:
                    continue
                if kid is not None and not from_matches(rule, state, final=False):
                    continue
            c = self._rules.get(id(rule))
            if c is None:
                c = self._rules[id(rule)] = CompiledRule(self.profile, kid, rule)
            if c.when and not when_matches(c.when, params, self.variables(kid, matter, world)):
                continue
            if not c.require:
                return kid, c
            if c.sitting is not None:
                if c.sitting_holds(world):
                    return kid, c
                failed = failed or (rule, c.require[0])
                continue
            if ctx is None:
                ctx = Context(self.profile, world, step.date)
            req = failed_requirement(c.require, ctx)
            if req is not None:
                failed = failed or (rule, req)
                continue
            return kid, c
        if failed is not None:
            rule, req = failed
            raise ProcedureError.of("{act} refused: {message}{cites} (rule {rule})", act=step.act,
                                    message=req.message, cites=cite(req.cites), rule=rule.id)
        in_state = [(k, r) for k, r in candidates
                    if filtered or (r.enabled and (k is None or from_matches(r, state, final=False)))]
        raise no_rule_error(self.engine, world, step, params, matter, in_state)

    def variables(self, kid: str | None, matter: Matter | None, world: World) -> Mapping[str, Any]:
        if matter is not None:
            return matter.vars
        if kid is not None:
            return self.profile.procedure.matters[kid].vars
        return world.republic

    def apply_rule(
        self, world: World, step: Step, params: dict[str, Any], kid: str | None, rule: CompiledRule,
        matter: Matter | None, kind: str,
    ) -> tuple[World, Event]:
        on = step.date
        to, values, static, effects_spec, cites = rule.to, rule.set, rule.static, rule.effects, rule.cites
        tallies: tuple[Tally, ...] = ()
        ref: ReferendumTally | None = None
        outcome_name: str | None = None
        if rule.vote is not None:
            if rule.plan is None:
                ref = referendum(self.profile, rule.vote, params, label(step.act, step.matter))
                passed = ref.passed
            else:
                tallies = rule.plan.tally(self.profile, world, params, step.act, step.matter)
                passed = True
                for t in tallies:  # (a loop, not all(...): no generator object per vote when compiled)
                    passed = passed and t.passed
            outcome_name = "passed" if passed else "rejected"
            outcome = first_compiled(rule.passed if passed else rule.rejected, params,
                                     self.variables(kid, matter, world))
            if outcome is None:
                raise ProcedureError(f"{step.act}: rule {rule.id} has no outcome for a {outcome_name} vote")
            to, values, static, effects_spec, cites = (outcome.to, outcome.set, outcome.static, outcome.effects,
                                                       outcome.cites)
        resolved = dict(static) if static is not None else _resolve(values, on, params)
        if effects_spec:
            world, effects = self.effects(world, rule.id, effects_spec, on, step.matter, rule.cites)
        else:
            effects = {}
        seq = len(world.events) + 1
        if kid is None:
            world = world_with(world, republic={**world.republic, **resolved})
            event = new_event(seq=seq, date=on, kind=kind, act=step.act, rule=rule.id, params=params,
                              set=resolved, effects=effects, cites=cites)
            return world_with(world, events=append_event(world.events, event)), event
        keep = rule.keep
        recorded = {k: v for k, v in params.items() if k in keep} if keep else {}
        if matter is None:
            if to is None:
                raise ProcedureError(f"rule {rule.id} creates a {kid} but names no state (to)")
            spec = self.profile.procedure.matters[kid]
            new = Matter(id=str(step.matter), kind=kid, state=to, entered=on, created=on,
                         order=len(world.matters) + 1, vars={**spec.vars, **recorded, **resolved},
                         params=params)
        else:
            new = matter_with(matter, state=to or matter.state, entered=on if to is not None else matter.entered,
                         vars={**matter.vars, **recorded, **resolved} if recorded or resolved else matter.vars)
        event = event_of(seq, on, kind, step.act, new.id, rule.id, params, "new" if matter is None else matter.state,
                         new.state, outcome_name, resolved, tallies, ref, effects, cites)
        return world_with(world, matters={**world.matters, new.id: new}, events=append_event(world.events, event)), event

    def effects(
        self, world: World, rule_id: str, eff: Mapping[str, Any], on: date, acting: str | None,
        cites: tuple[str, ...],
    ) -> tuple[World, dict[str, Any]]:
        done: dict[str, Any] = {}
        sitting_out = dict(world.not_sitting)
        for chamber in eff.get("dissolve", []):
            sitting_out[chamber] = on.isoformat()
        for chamber in eff.get("convene", []):
            sitting_out.pop(chamber, None)
        timers = world.timers
        schedule = eff.get("schedule")
        if isinstance(schedule, Mapping):
            due = add(on, parse_duration(self.profile.durations[schedule["after"]].duration))
            timers = (*timers, Timer(due=due, act=str(schedule["act"]), rule=rule_id, set_on=on,
                                     cites=cites))
            done["schedule"] = {"act": schedule["act"], "due": due.isoformat()}
        for key in ("dissolve", "convene"):
            if eff.get(key):
                done[key] = list(eff[key])
        republic = world.republic
        for office in eff.get("vacate", []):
            republic, done.setdefault("vacate", {})[office] = self.vacate(republic, str(office))
        matters = world.matters
        supersede = eff.get("supersede")
        if isinstance(supersede, Mapping):
            moved = {
                mid: matter_with(m, state=str(supersede["to"]), entered=on)
                for mid, m in matters.items()
                if mid != acting and m.kind == supersede.get("matter") and m.state == supersede.get("state")
            }
            if moved:
                matters = {**matters, **moved}
                done["supersede"] = {mid: m.state for mid, m in moved.items()}
        return world_with(world, not_sitting=sitting_out, timers=timers, matters=matters, republic=republic), done

    def vacate(self, republic: Mapping[str, Any], office: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The office falls vacant: its succession (the profile's) names who holds it now,
        recorded in the Republic as ``acting.<office>``; an office already vacant, or one
        the profile names no successor for, is refused."""
        inst = self.profile.institutions.get(office)
        succession = inst.succession if inst is not None else None
        if succession is None:
            raise ProcedureError.of("the {office} has no successor in this profile: nobody holds it when it is vacant",
                                    office=office)
        key = f"acting.{office}"
        if republic.get(key):
            raise ProcedureError.of("the {office} is already vacant (held by {acting})", office=office,
                                    acting=republic[key])
        acting = f"{succession.by}.{succession.office}" if succession.office else succession.by
        return ({**republic, key: acting},
                {"acting": acting, "until": succession.until, "cites": list(succession.cites)})


def _resolve(values: Mapping[str, Any], on: date, params: Mapping[str, Any]) -> dict[str, Any]:
    """``$date`` is the act's date; ``$<param>`` is the act's parameter."""
    out: dict[str, Any] = {}
    if not values:
        return out
    for key, value in values.items():
        if value == "$date":
            value = on.isoformat()
        elif isinstance(value, str) and value.startswith("$") and value[1:] in params:
            value = params[value[1:]]
        out[key] = jsonable(value)
    return out
