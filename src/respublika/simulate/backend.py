"""Where the simulation's acts go: the procedure engine in memory, or the Store's event log.

Both backends apply every step through :meth:`respublika.procedure.Engine.apply` and return
the events with the sequence numbers of the full log, so the same run gives the same
events either way (a test checks it).

:class:`MemoryBackend` keeps the Republic's state and the *live* matters, and hands the
engine a *focused* world for each step: the Republic (variables, chambers, timers, clock)
plus only the matters the step concerns (and any matter a profile guard may look at, see
``exists``). This is exact, not an approximation, because the simulation schedules a
wake-up for every deadline and timer (:mod:`respublika.simulate.core`): when a step is
applied, nothing outside the focus is due, so the engine's ``apply`` on the full world
would fire nothing more and produce the same events. The engine numbers a new matter by
the size of the world it sees; the backend renumbers it with the global creation order,
which is what decides ties between deadlines of one day. Final matters are dropped (their
events are in the log) unless a guard of the profile can refer to them. This keeps each
step's cost independent of the years simulated; the engine's own ``apply`` scans every
matter of the world it is given (see ``benchmarks/README.md``).

:class:`StoreBackend` appends each step with :meth:`respublika.store.Store.apply` (one
transaction per step, the same log as interactive acts). When resuming after a crash it
first checks the steps the log already holds past the checkpoint against the ones the
simulation regenerates, instead of appending them twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from respublika.errors import RespublikaError
from respublika.procedure import Engine, Event, Matter, Step, Timer, World
from respublika.procedure.model import jsonable
from respublika.store import Store, StoredStep


class SimulationError(RespublikaError):
    """The saved log and the simulation disagree (a resumed run diverged)."""


class Backend(Protocol):
    engine: Engine

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        """Apply ``step``; raise :class:`~respublika.errors.ProcedureError` (nothing changes)."""
        ...

    def matter(self, matter_id: str) -> Matter | None:
        """A live matter (``None`` once final, for backends that drop final matters)."""
        ...

    def view(self, focus: Iterable[str] = ()) -> World:
        """A world in which the matters in ``focus`` and the Republic are current."""
        ...

    @property
    def republic(self) -> World:
        """A world whose Republic (variables, sitting chambers, timers, clock) is current."""
        ...

    @property
    def events_so_far(self) -> int:
        ...


def exists_patterns(engine: Engine) -> list[tuple[str | None, str | None]]:
    """``(kind, state)`` of every enabled ``exists`` guard of the profile."""
    proc = engine.profile.procedure
    rules = [*proc.republic.rules, *(r for k in proc.matters.values() for r in k.rules)]
    return [(req.exists.get("kind"), req.exists.get("state"))
            for r in rules for req in r.require if req.enabled and req.exists]


class MemoryBackend:
    """The procedure engine on focused worlds (see the module docstring)."""

    def __init__(self, engine: Engine, setup: Mapping[str, Any] | None = None) -> None:
        self.engine = engine
        self.base = engine.initial(setup)
        self.matters: dict[str, Matter] = {}
        self.offset = 0
        self.created = 0
        self.patterns = exists_patterns(engine)
        self.watched = {k for k, _ in self.patterns}
        self.watched_ids: set[str] = set()
        states = engine.profile.procedure.matters
        self.final = {(kid, s) for kid, k in states.items() for s, spec in k.states.items() if spec.final}

    @property
    def events_so_far(self) -> int:
        return self.offset

    def _kept(self, m: Matter) -> bool:
        if (m.kind, m.state) not in self.final:
            return True
        return any((k is None or k == m.kind) and (s is None or s == m.state) for k, s in self.patterns)

    @property
    def republic(self) -> World:
        """A world whose Republic (variables, sitting chambers, timers, clock) is current."""
        return self.base

    def view(self, focus: Iterable[str] = ()) -> World:
        wanted = set(focus) | self.watched_ids if self.watched_ids else set(focus)
        found = [self.matters[m] for m in wanted if m in self.matters]
        if len(found) > 1:
            found.sort(key=lambda m: m.order)
        b = self.base
        return World(setup=b.setup, clock=b.clock, republic=b.republic, not_sitting=b.not_sitting,
                     matters={m.id: m for m in found}, timers=b.timers, events=())

    def matter(self, matter_id: str) -> Matter | None:
        return self.matters.get(matter_id)

    def to_json(self) -> dict[str, Any]:
        """The Republic, the live matters and the counters (for a checkpoint)."""
        b = self.base
        return {
            "setup": jsonable(dict(b.setup)), "clock": None if b.clock is None else b.clock.isoformat(),
            "republic": jsonable(dict(b.republic)), "not_sitting": dict(b.not_sitting),
            "timers": [{"due": t.due.isoformat(), "act": t.act, "rule": t.rule, "set_on": t.set_on.isoformat(),
                        "cites": list(t.cites)} for t in b.timers],
            "matters": [{"id": m.id, "kind": m.kind, "state": m.state, "entered": m.entered.isoformat(),
                         "created": m.created.isoformat(), "order": m.order, "vars": jsonable(dict(m.vars)),
                         "params": jsonable(dict(m.params))} for m in self.matters.values()],
            "offset": self.offset, "created": self.created,
        }

    @classmethod
    def from_json(cls, engine: Engine, data: Mapping[str, Any]) -> MemoryBackend:
        backend = cls(engine)
        d = date.fromisoformat
        backend.base = World(
            setup=dict(data["setup"]), clock=None if data["clock"] is None else d(data["clock"]),
            republic=dict(data["republic"]), not_sitting=dict(data["not_sitting"]),
            timers=tuple(Timer(due=d(t["due"]), act=t["act"], rule=t["rule"], set_on=d(t["set_on"]),
                               cites=tuple(t["cites"])) for t in data["timers"]))
        for m in data["matters"]:
            matter = Matter(id=m["id"], kind=m["kind"], state=m["state"], entered=d(m["entered"]),
                            created=d(m["created"]), order=int(m["order"]), vars=dict(m["vars"]),
                            params=dict(m["params"]))
            backend.matters[matter.id] = matter
            if None in backend.watched or matter.kind in backend.watched:
                backend.watched_ids.add(matter.id)
        backend.offset, backend.created = int(data["offset"]), int(data["created"])
        return backend

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        ids = list(focus)
        if step.matter is not None:
            ids.append(step.matter)
        world = self.view(ids)
        after, events = self.engine.apply(world, step)
        for mid, m in after.matters.items():
            old = world.matters.get(mid)
            if m is old:
                continue
            if old is None:
                self.created += 1
                m = replace(m, order=self.created)
            if self._kept(m):
                self.matters[mid] = m
                if None in self.watched or m.kind in self.watched:
                    self.watched_ids.add(mid)
            else:
                self.matters.pop(mid, None)
                self.watched_ids.discard(mid)
        self.base = after
        out = tuple(_with_seq(e, e.seq + self.offset) for e in events)
        self.offset += len(events)
        return out


def _with_seq(event: Event, seq: int) -> Event:
    """``event`` numbered ``seq`` (a field copy; ``dataclasses.replace`` is ten times slower)."""
    if event.seq == seq:
        return event
    try:
        fields = dict(event.__dict__)
    except AttributeError:  # a slotted Event
        return replace(event, seq=seq)
    new = object.__new__(Event)
    fields["seq"] = seq
    new.__dict__.update(fields)
    return new


class StoreBackend:
    """Each step appended to a stored world's log through :meth:`Store.apply`."""

    def __init__(self, store: Store, name: str, pending: list[StoredStep] | None = None,
                 world: World | None = None, engine: Engine | None = None, rows: int | None = None) -> None:
        self.store = store
        self.name = name
        if world is None:
            self.engine, self.world = store.load(name)
            self.rows = len(store.steps(name)) if rows is None else rows
        else:
            self.engine = engine if engine is not None else store.engine(store.world(name))
            self.world = world
            self.rows = rows if rows is not None else 0
        self.pending = list(pending or [])

    @property
    def events_so_far(self) -> int:
        return len(self.world.events)

    def view(self, focus: Iterable[str] = ()) -> World:
        return self.world

    @property
    def republic(self) -> World:
        return self.world

    def matter(self, matter_id: str) -> Matter | None:
        return self.world.matters.get(matter_id)

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        if self.pending:
            row = self.pending[0]
            if row.step.to_dict() != step.to_dict():
                raise SimulationError(
                    f"world {self.name!r} step {row.seq}: the log has {row.step.to_dict()}, "
                    f"the resumed simulation asks for {step.to_dict()}")
            after, events = self.engine.apply(self.world, step)
            if [e.to_dict() for e in events] != [e.to_dict() for e in row.events]:
                raise SimulationError(f"world {self.name!r} step {row.seq}: replay differs from the log")
            self.pending.pop(0)
            self.world = after
            self.rows += 1
            return events
        self.world, events = self.store.apply(self.name, step)
        self.rows += 1
        return events

