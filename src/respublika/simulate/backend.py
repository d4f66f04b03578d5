"""The simulation's world holder in memory, on focused worlds.

The simulation acts through a :class:`~respublika.procedure.holder.WorldHolder`: this
module's :class:`MemoryBackend`, or a stored world
(:class:`respublika.store.StoredWorld`, which the store's simulations use in step mode).
Every holder applies each step through :meth:`respublika.procedure.Engine.apply` and
returns the events with the sequence numbers of the full log, so the same run gives the
same events either way (a test checks it).

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
matter of the world it is given (see ``benchmarks/README.md``). Its state (the Republic,
the live matters, the counters) goes into a saved run's checkpoint (:meth:`to_json`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from respublika.procedure import Engine, Event, Matter, Step, StepResult, Timer, World
from respublika.procedure.model import EventCount, evolve, jsonable, matter_with, world_with


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
        self.keep_final = False
        """Keep final matters too (the store's snapshots: the whole world but its events)."""
        self.dropped: dict[str, Matter] | None = None
        """When a dict, the final matters dropped go here (a saved run's snapshots)."""
        self.archive: dict[str, Matter] | None = None
        self.archive_at = 0
        """The store's: the final matters dropped before ``dropped`` began (``None``: not read
        yet; they are in the snapshot after row ``archive_at``)."""

    def __copy__(self) -> MemoryBackend:
        """A shallow copy (``copy.copy``), field by field: the compiled build's class has no
        ``__dict__`` to copy, and makes its objects through ``__init__``."""
        new = MemoryBackend(self.engine)
        for name in ("base", "matters", "offset", "created", "patterns", "watched", "watched_ids",
                     "final", "keep_final", "dropped", "archive", "archive_at"):
            setattr(new, name, getattr(self, name))
        return new

    @property
    def events_so_far(self) -> int:
        return self.offset

    def _kept(self, m: Matter) -> bool:
        if self.keep_final or (m.kind, m.state) not in self.final:
            return True
        for k, s in self.patterns:  # (a loop: compiled, a generator would be an object per call)
            if (k is None or k == m.kind) and (s is None or s == m.state):
                return True
        return False

    @property
    def republic(self) -> World:
        """A world whose Republic (variables, sitting chambers, timers, clock) is current."""
        return self.base

    @property
    def world(self) -> World:
        """The Republic and every live matter (final ones are dropped, see the module docstring)."""
        return self.view(self.matters)

    def view(self, focus: Iterable[str] | None = None, counted: bool = False) -> World:
        """The Republic and the matters of ``focus`` (and those a guard may look at). With
        ``counted`` its log is the number of events so far (:class:`EventCount`), so that the
        engine numbers new events as in the whole log; else it has no events."""
        if focus is None:
            return self.world
        matters = self.matters
        wanted: Iterable[str] = set(focus) | self.watched_ids if self.watched_ids else focus
        found: dict[str, Matter] = {}
        for mid in wanted:  # (a focus names a matter more than once, often: kept once)
            m = matters.get(mid)
            if m is not None and mid not in found:
                found[mid] = m
        if len(found) > 1:
            found = {m.id: m for m in sorted(found.values(), key=_order)}
        events: Any = EventCount(self.offset) if counted else ()
        return world_with(self.base, matters=found, events=events)

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
            "matters": [matter_json(m) for m in self.matters.values()],
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
            matter = matter_from_json(m)
            backend.matters[matter.id] = matter
            if None in backend.watched or matter.kind in backend.watched:
                backend.watched_ids.add(matter.id)
        backend.offset, backend.created = int(data["offset"]), int(data["created"])
        return backend

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        ids = list(focus)
        if step.matter is not None:
            ids.append(step.matter)
        world = self.view(ids, counted=True)
        after, events = self.engine.apply(world, step)
        return self._take(world, after, events, numbered=True)

    def apply_whole(self, step: Step) -> tuple[World, tuple[Event, ...]]:
        """Apply ``step`` to :attr:`world` (every matter kept), as :meth:`Engine.apply` on the
        whole world would: the world after it (without events) and its events, numbered as in
        the whole log. (The store replays a log from a snapshot so, with ``keep_final``.)"""
        world = self.world
        after, events = self.engine.apply(world, step)
        return after, self._take(world, after, events)

    def step(self, step: Step) -> StepResult:
        """Scenario semantics, on every live matter: without the simulation's wake-ups, any
        of their deadlines may fall due (the focused path is :meth:`apply`)."""
        world = self.world
        result = self.engine.step(world, step)
        if result.world is world:
            return StepResult(self.world, (), result.error)
        events = self._take(world, result.world, result.events)
        return StepResult(self.world, events, result.error)

    def _take(self, world: World, after: World, events: tuple[Event, ...], numbered: bool = False
              ) -> tuple[Event, ...]:
        """Keep what ``after`` (the engine's result on the focused ``world``) changed.
        ``numbered``: the events are numbered as in the whole log already (a counted view)."""
        for mid, m in after.matters.items():
            old = world.matters.get(mid)
            if m is old:
                continue
            if old is None:
                self.created += 1
                m = matter_with(m, order=self.created)
            if self._kept(m):
                self.matters[mid] = m
                if None in self.watched or m.kind in self.watched:
                    self.watched_ids.add(mid)
            else:
                self.matters.pop(mid, None)
                self.watched_ids.discard(mid)
                if self.dropped is not None:
                    self.dropped[mid] = m
        self.base = after
        out = events if numbered else tuple(_with_seq(e, e.seq + self.offset) for e in events)
        self.offset += len(events)
        return out


def _order(m: Matter) -> int:
    return m.order


def matter_json(m: Matter) -> dict[str, Any]:
    """A matter as JSON (a checkpoint's and a snapshot's form)."""
    return {"id": m.id, "kind": m.kind, "state": m.state, "entered": m.entered.isoformat(),
            "created": m.created.isoformat(), "order": m.order, "vars": jsonable(dict(m.vars)),
            "params": jsonable(dict(m.params))}


def matter_from_json(m: Mapping[str, Any]) -> Matter:
    """The matter :func:`matter_json` wrote."""
    d = date.fromisoformat
    return Matter(id=m["id"], kind=m["kind"], state=m["state"], entered=d(m["entered"]),
                  created=d(m["created"]), order=int(m["order"]), vars=dict(m["vars"]), params=dict(m["params"]))


def _with_seq(event: Event, seq: int) -> Event:
    """``event`` numbered ``seq`` (a field copy, ``model.evolve``)."""
    if event.seq == seq:
        return event
    return evolve(event, seq=seq)  # type: ignore[no-any-return]
