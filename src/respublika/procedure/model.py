"""Values of the procedure: steps, vote tallies, events, matters and the world they make up.

Everything here is an immutable value (frozen dataclasses; mappings are never mutated
after construction), so a world can be kept, compared and replayed. Parameter and
variable values are JSON-compatible (dates are ISO strings) so that events round-trip
through a database unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import date as _date
from typing import Any, Final, cast

from respublika.errors import InputError, ProcedureError
from respublika.procedure.events import EventLog as EventLog
from respublika.procedure.events import append_to_log

ADVANCE: Final = "advance"
"""The reserved act that only moves time (scenario files and the CLI)."""


def to_date(value: object, *, what: str = "date") -> date:
    """A ``date`` from a date, a datetime or an ISO string ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(f"{what}: {value!r} is not a date (write YYYY-MM-DD)")


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO strings and tuples as lists (recursively)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}


def evolve(obj: Any, **changes: Any) -> Any:
    """A copy of the frozen dataclass ``obj`` with ``changes`` (the fields as they are, no
    ``__init__``: ``dataclasses.replace`` re-runs it and is several times slower). For the
    engine's own values (worlds, matters, events) whose fields it has already checked. In
    the compiled build (``respublika._accel``) these classes have no ``__dict__``: the copy
    is made by their constructor, which is fast there."""
    try:
        fields_ = obj.__dict__
    except AttributeError:  # a compiled or slotted class
        cls = type(obj)
        names = _FIELDS.get(cls)
        if names is None:
            from dataclasses import fields

            names = _FIELDS[cls] = tuple(f.name for f in fields(obj))
        values = {n: getattr(obj, n) for n in names}
        values.update(changes)
        return cls(**values)
    new = object.__new__(type(obj))
    d = new.__dict__
    d.update(fields_)
    d.update(changes)
    return new


# The values' constructors are written out (``init=False``), each field set with
# ``object.__setattr__`` as a frozen dataclass's own ``__init__`` does: the compiled build
# (``respublika._accel``) compiles this module, and there a written-out constructor is a C
# function that sets the fields directly (the generated one stays interpreted; mypyc
# recognizes ``object.__setattr__`` written out, not an alias of it). ``__reduce__`` pickles a
# compiled value by its fields. The dataclass machinery (fields, ``replace``, equality,
# ``repr``, hashing, ``FrozenInstanceError``) is the same either way.


@dataclass(frozen=True, init=False)
class Step:
    """One act requested at a date: ``act`` on ``matter`` (``None`` for the Republic)."""

    date: date
    act: str
    matter: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, date: _date, act: object, matter: object = None, params: object = None) -> None:
        # (act, matter and params typed ``object`` here: compiled, a ``str`` parameter would be
        # checked by the C function itself, with a TypeError before the checks below)
        params = {} if params is None else params
        # the Python API's boundary (issue 14): wrong types are InputErrors, not AttributeErrors later
        if not isinstance(date, _date):
            raise InputError.of("Step: date must be a datetime.date, got {got}", got=type(date).__name__)
        if not isinstance(act, str) or not (matter is None or isinstance(matter, str)):
            raise InputError.of("Step: act and matter must be text (matter may be None), got {act} and {matter}",
                                act=type(act).__name__, matter=type(matter).__name__)
        if type(params) is not dict and not isinstance(params, Mapping):  # (an ABC's isinstance is slow)
            raise InputError.of("Step: params must be a mapping, got {got}", got=type(params).__name__)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "act", act)
        object.__setattr__(self, "matter", matter)
        object.__setattr__(self, "params", params)

    def __reduce__(self) -> tuple[Any, ...]:
        return Step, (self.date, self.act, self.matter, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "act": self.act,
            "matter": self.matter,
            "params": jsonable(self.params),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        matter = data.get("matter")
        return cls(
            date=to_date(data["date"]),
            act=str(data["act"]),
            matter=None if matter is None else str(matter),
            params=dict(data.get("params") or {}),
        )


def step_of(on: date, act: str, matter: str | None = None, params: Mapping[str, Any] | None = None) -> Step:
    """``Step(on, act, matter, params)`` without the dataclass ``__init__`` and its type
    checks: for callers that built the values themselves (the simulation). Equal to the
    constructed step."""
    if not _PLAIN:
        return Step(on, act, matter, params)
    s = object.__new__(Step)
    object.__setattr__(s, "__dict__", {"date": on, "act": act, "matter": matter,
                                       "params": {} if params is None else params})
    return s


@dataclass(frozen=True, init=False)
class Tally:
    """One chamber's vote against its threshold: ``in_favour >= required`` passes."""

    chamber: str
    size: int
    in_favour: int
    against: int
    abstain: int
    base: int
    required: int
    threshold: str
    passed: bool

    def __init__(self, chamber: str, size: int, in_favour: int, against: int, abstain: int, base: int,
                 required: int, threshold: str, passed: bool) -> None:
        object.__setattr__(self, "chamber", chamber)
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "in_favour", in_favour)
        object.__setattr__(self, "against", against)
        object.__setattr__(self, "abstain", abstain)
        object.__setattr__(self, "base", base)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "passed", passed)

    def __reduce__(self) -> tuple[Any, ...]:
        return Tally, (self.chamber, self.size, self.in_favour, self.against, self.abstain, self.base,
                       self.required, self.threshold, self.passed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "chamber": self.chamber,
            "size": self.size,
            "for": self.in_favour,
            "against": self.against,
            "abstain": self.abstain,
            "base": self.base,
            "required": self.required,
            "threshold": self.threshold,
            "passed": self.passed,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Tally:
        return cls(
            chamber=d["chamber"], size=d["size"], in_favour=d["for"], against=d["against"],
            abstain=d["abstain"], base=d["base"], required=d["required"],
            threshold=d["threshold"], passed=d["passed"],
        )


@dataclass(frozen=True, init=False)
class UnitResult:
    unit: str
    yes: int
    no: int
    required: int
    carried: bool

    def __init__(self, unit: str, yes: int, no: int, required: int, carried: bool) -> None:
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "yes", yes)
        object.__setattr__(self, "no", no)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "carried", carried)

    def __reduce__(self) -> tuple[Any, ...]:
        return UnitResult, (self.unit, self.yes, self.no, self.required, self.carried)


@dataclass(frozen=True, init=False)
class ReferendumTally:
    """A referendum: turnout against the electorate, then the units carried by ``yes``."""

    electorate: int
    turnout: int
    turnout_required: int
    turnout_threshold: str
    units: tuple[UnitResult, ...]
    unit_threshold: str
    units_total: int
    units_carried: int
    units_required: int
    units_threshold: str
    passed: bool
    # a national referendum (no units_share): the nation's yes and no, and the yes required
    yes: int | None = None
    no: int | None = None
    yes_required: int | None = None

    def __init__(self, electorate: int, turnout: int, turnout_required: int, turnout_threshold: str,
                 units: tuple[UnitResult, ...], unit_threshold: str, units_total: int, units_carried: int,
                 units_required: int, units_threshold: str, passed: bool, yes: int | None = None,
                 no: int | None = None, yes_required: int | None = None) -> None:
        object.__setattr__(self, "electorate", electorate)
        object.__setattr__(self, "turnout", turnout)
        object.__setattr__(self, "turnout_required", turnout_required)
        object.__setattr__(self, "turnout_threshold", turnout_threshold)
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "unit_threshold", unit_threshold)
        object.__setattr__(self, "units_total", units_total)
        object.__setattr__(self, "units_carried", units_carried)
        object.__setattr__(self, "units_required", units_required)
        object.__setattr__(self, "units_threshold", units_threshold)
        object.__setattr__(self, "passed", passed)
        object.__setattr__(self, "yes", yes)
        object.__setattr__(self, "no", no)
        object.__setattr__(self, "yes_required", yes_required)

    def __reduce__(self) -> tuple[Any, ...]:
        return ReferendumTally, (self.electorate, self.turnout, self.turnout_required, self.turnout_threshold,
                                 self.units, self.unit_threshold, self.units_total, self.units_carried,
                                 self.units_required, self.units_threshold, self.passed, self.yes, self.no,
                                 self.yes_required)

    def to_dict(self) -> dict[str, Any]:
        national = {} if self.yes is None else {"yes": self.yes, "no": self.no, "yes_required": self.yes_required}
        return {
            **national,
            "electorate": self.electorate,
            "turnout": self.turnout,
            "turnout_required": self.turnout_required,
            "turnout_threshold": self.turnout_threshold,
            "units": [
                {"unit": u.unit, "yes": u.yes, "no": u.no, "required": u.required, "carried": u.carried}
                for u in self.units
            ],
            "unit_threshold": self.unit_threshold,
            "units_total": self.units_total,
            "units_carried": self.units_carried,
            "units_required": self.units_required,
            "units_threshold": self.units_threshold,
            "passed": self.passed,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ReferendumTally:
        units = tuple(UnitResult(**u) for u in d["units"])
        rest = {k: v for k, v in d.items() if k != "units"}
        return cls(units=units, **rest)


EventKind = str
"""``act`` (an accepted act), ``deadline`` (a state's clock ran out), ``scheduled`` (a
Republic act fired by a timer) or ``advance`` (time moved, nothing else)."""


@dataclass(frozen=True, init=False)
class Event:
    """What happened, with everything needed to explain it (numbers, rule, citations)."""

    seq: int
    date: date
    kind: EventKind
    act: str
    matter: str | None = None
    rule: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    from_state: str | None = None
    to_state: str | None = None
    outcome: str | None = None
    set: Mapping[str, Any] = field(default_factory=dict)
    votes: tuple[Tally, ...] = ()
    referendum: ReferendumTally | None = None
    effects: Mapping[str, Any] = field(default_factory=dict)
    cites: tuple[str, ...] = ()

    def __init__(self, seq: int, date: _date, kind: EventKind, act: str, matter: str | None = None,
                 rule: str | None = None, params: Mapping[str, Any] | None = None, from_state: str | None = None,
                 to_state: str | None = None, outcome: str | None = None, set: Mapping[str, Any] | None = None,
                 votes: tuple[Tally, ...] = (), referendum: ReferendumTally | None = None,
                 effects: Mapping[str, Any] | None = None, cites: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "seq", seq)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "act", act)
        object.__setattr__(self, "matter", matter)
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "params", {} if params is None else params)
        object.__setattr__(self, "from_state", from_state)
        object.__setattr__(self, "to_state", to_state)
        object.__setattr__(self, "outcome", outcome)
        object.__setattr__(self, "set", {} if set is None else set)
        object.__setattr__(self, "votes", votes)
        object.__setattr__(self, "referendum", referendum)
        object.__setattr__(self, "effects", {} if effects is None else effects)
        object.__setattr__(self, "cites", cites)

    def __reduce__(self) -> tuple[Any, ...]:
        return Event, (self.seq, self.date, self.kind, self.act, self.matter, self.rule, self.params,
                       self.from_state, self.to_state, self.outcome, self.set, self.votes, self.referendum,
                       self.effects, self.cites)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "act": self.act,
            "matter": self.matter,
            "rule": self.rule,
            "params": jsonable(self.params),
            "from": self.from_state,
            "to": self.to_state,
            "outcome": self.outcome,
            "set": jsonable(self.set),
            "votes": [t.to_dict() for t in self.votes],
            "referendum": None if self.referendum is None else self.referendum.to_dict(),
            "effects": jsonable(self.effects),
            "cites": list(self.cites),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        ref = d.get("referendum")
        return cls(
            seq=int(d["seq"]), date=to_date(d["date"]), kind=d["kind"], act=d["act"],
            matter=d.get("matter"), rule=d.get("rule"), params=dict(d.get("params") or {}),
            from_state=d.get("from"), to_state=d.get("to"), outcome=d.get("outcome"),
            set=dict(d.get("set") or {}),
            votes=tuple(Tally.from_dict(t) for t in d.get("votes") or ()),
            referendum=None if ref is None else ReferendumTally.from_dict(ref),
            effects=dict(d.get("effects") or {}), cites=tuple(d.get("cites") or ()),
        )

    def as_step(self) -> Step:
        """The step that produced this event (acts and advances only)."""
        if self.kind not in ("act", ADVANCE):
            raise InputError(f"event {self.seq} ({self.kind}) was not requested; it has no step")
        return Step(date=self.date, act=self.act, matter=self.matter, params=dict(self.params))


_EVENT_DEFAULTS: dict[str, Any] = {"matter": None, "rule": None, "from_state": None, "to_state": None,
                                   "outcome": None, "votes": (), "referendum": None, "cites": ()}


def new_event(**values: Any) -> Event:
    """``Event(**values)`` without the dataclass ``__init__`` (the engine's hot path; the
    engine builds every field itself). Equal to the constructed event."""
    if not _PLAIN:
        return Event(**values)
    e = object.__new__(Event)
    d = e.__dict__
    d.update(_EVENT_DEFAULTS)
    d["params"], d["set"], d["effects"] = {}, {}, {}
    d.update(values)
    return e


_object_new: Final = object.__new__
_set_dict: Final = object.__setattr__


class EventCount:
    """The number of events before a world, without the events: the log of a *focused*
    world whose history is kept elsewhere (the simulation's). The engine numbers the next
    event ``len + 1``, as in the whole log; the events themselves are not kept here. A
    ``Sequence`` by registration (compiled, it cannot derive from one), of no events one can read."""

    __slots__ = ("_n",)

    def __init__(self, n: int = 0) -> None:
        self._n = n

    def appended(self, event: Event) -> EventCount:
        return EventCount(self._n + 1)

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Event]:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def __getitem__(self, index: Any) -> Any:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def __contains__(self, item: object) -> bool:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def __reversed__(self) -> Iterator[Event]:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def index(self, item: object, *args: Any) -> int:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def count(self, item: object) -> int:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EventCount) and other._n == self._n

    def __hash__(self) -> int:
        return hash(("EventCount", self._n))

    def __repr__(self) -> str:
        return f"EventCount({self._n})"

    def __reduce__(self) -> tuple[Any, ...]:
        return EventCount, (self._n,)


Sequence.register(EventCount)


def append_event(events: Sequence[Event], event: Event) -> Sequence[Event]:
    """``events`` with ``event`` added: a focused world's count goes up by one; a log (or a
    tuple, which becomes one) gets the event (:class:`~respublika.procedure.events.EventLog`)."""
    kind: object = type(events)
    if kind is EventCount:
        return cast(Sequence[Event], cast(EventCount, events).appended(event))
    return append_to_log(events, event)


def event_of(seq: int, on: date, kind: str, act: str, matter: str | None, rule: str | None,
             params: Mapping[str, Any], from_state: str | None, to_state: str | None, outcome: str | None,
             set_: Mapping[str, Any], votes: tuple[Tally, ...], referendum: ReferendumTally | None,
             effects: Mapping[str, Any], cites: tuple[str, ...]) -> Event:
    """``Event(...)`` with every field given, without the dataclass ``__init__`` (the
    engine's hot path: about half the time of :func:`new_event`). Equal to the constructed event."""
    if not _PLAIN:
        return Event(seq, on, kind, act, matter, rule, params, from_state, to_state, outcome, set_, votes,
                     referendum, effects, cites)
    e = _object_new(Event)
    _set_dict(e, "__dict__", {"seq": seq, "date": on, "kind": kind, "act": act, "matter": matter, "rule": rule,
                              "params": params, "from_state": from_state, "to_state": to_state, "outcome": outcome,
                              "set": set_, "votes": votes, "referendum": referendum, "effects": effects,
                              "cites": cites})
    return e


@dataclass(frozen=True, init=False)
class Matter:
    """A bill, nomination, amendment, ...: its kind, state, variables and clock."""

    id: str
    kind: str
    state: str
    entered: date
    created: date
    order: int
    vars: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, id: str, kind: str, state: str, entered: date, created: date, order: int,
                 vars: Mapping[str, Any] | None = None, params: Mapping[str, Any] | None = None) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "state", state)
        object.__setattr__(self, "entered", entered)
        object.__setattr__(self, "created", created)
        object.__setattr__(self, "order", order)
        object.__setattr__(self, "vars", {} if vars is None else vars)
        object.__setattr__(self, "params", {} if params is None else params)

    def __reduce__(self) -> tuple[Any, ...]:
        return Matter, (self.id, self.kind, self.state, self.entered, self.created, self.order, self.vars,
                        self.params)


@dataclass(frozen=True, init=False)
class Timer:
    """A Republic act that fires by itself on ``due`` (e.g. new chambers convene)."""

    due: date
    act: str
    rule: str
    set_on: date
    cites: tuple[str, ...] = ()

    def __init__(self, due: date, act: str, rule: str, set_on: date, cites: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "due", due)
        object.__setattr__(self, "act", act)
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "set_on", set_on)
        object.__setattr__(self, "cites", cites)

    def __reduce__(self) -> tuple[Any, ...]:
        return Timer, (self.due, self.act, self.rule, self.set_on, self.cites)


@dataclass(frozen=True, init=False)
class World:
    """The Republic (variables, chambers not sitting, timers), every matter, the clock,
    and the events so far. Engines return new worlds; nothing here is mutated."""

    setup: Mapping[str, Any] = field(default_factory=dict)
    clock: date | None = None
    republic: Mapping[str, Any] = field(default_factory=dict)
    not_sitting: Mapping[str, str] = field(default_factory=dict)
    matters: Mapping[str, Matter] = field(default_factory=dict)
    timers: tuple[Timer, ...] = ()
    events: Sequence[Event] = ()

    def __init__(self, setup: Mapping[str, Any] | None = None, clock: date | None = None,
                 republic: Mapping[str, Any] | None = None, not_sitting: Mapping[str, str] | None = None,
                 matters: Mapping[str, Matter] | None = None, timers: tuple[Timer, ...] = (),
                 events: Sequence[Event] = ()) -> None:
        object.__setattr__(self, "setup", {} if setup is None else setup)
        object.__setattr__(self, "clock", clock)
        object.__setattr__(self, "republic", {} if republic is None else republic)
        object.__setattr__(self, "not_sitting", {} if not_sitting is None else not_sitting)
        object.__setattr__(self, "matters", {} if matters is None else matters)
        object.__setattr__(self, "timers", timers)
        object.__setattr__(self, "events", events)

    def __reduce__(self) -> tuple[Any, ...]:
        return World, (self.setup, self.clock, self.republic, self.not_sitting, self.matters, self.timers,
                       self.events)

    def matter(self, matter_id: str) -> Matter:
        try:
            return self.matters[matter_id]
        except KeyError:
            known = ", ".join(list(self.matters)[-10:]) or "none yet"
            raise ProcedureError(f"unknown matter {matter_id!r} (known: {known})") from None

    def status(self) -> dict[str, str]:
        """Every matter's state, in creation order."""
        ordered = sorted(self.matters.values(), key=lambda m: m.order)
        return {m.id: m.state for m in ordered}

    def trail(self, matter_id: str) -> tuple[Event, ...]:
        """The matter's events, and the events of other matters that moved it (``supersede``)."""
        return tuple(e for e in self.events
                     if e.matter == matter_id or matter_id in (e.effects.get("supersede") or ()))

    @property
    def dissolved(self) -> bool:
        return bool(self.not_sitting)

    def republic_status(self) -> dict[str, Any]:
        return {
            "vars": dict(self.republic),
            "not_sitting": dict(self.not_sitting),
            "timers": [{"due": t.due.isoformat(), "act": t.act} for t in self.timers],
            "clock": None if self.clock is None else self.clock.isoformat(),
        }


@dataclass(frozen=True, init=False)
class StepResult:
    """A step's result in scenario semantics: time moved; the act applied or was refused."""

    world: World
    events: tuple[Event, ...]
    error: ProcedureError | None = None

    def __init__(self, world: World, events: tuple[Event, ...], error: ProcedureError | None = None) -> None:
        object.__setattr__(self, "world", world)
        object.__setattr__(self, "events", events)
        object.__setattr__(self, "error", error)

    def __reduce__(self) -> tuple[Any, ...]:
        return StepResult, (self.world, self.events, self.error)

    @property
    def ok(self) -> bool:
        return self.error is None


def tally_of(chamber: str, size: int, in_favour: int, against: int, abstain: int, base: int, required: int,
             threshold: str, passed: bool) -> Tally:
    """``Tally(...)`` without the dataclass ``__init__`` (the hot path of a division)."""
    if not _PLAIN:
        return Tally(chamber, size, in_favour, against, abstain, base, required, threshold, passed)
    t = _object_new(Tally)
    _set_dict(t, "__dict__", {"chamber": chamber, "size": size, "in_favour": in_favour, "against": against,
                              "abstain": abstain, "base": base, "required": required, "threshold": threshold,
                              "passed": passed})
    return t


_PLAIN: Final = hasattr(Tally(chamber="", size=0, in_favour=0, against=0, abstain=0, base=0, required=0, threshold="",
                       passed=False), "__dict__")
"""Whether the values are plain Python objects (with a ``__dict__`` the fast constructors
fill), as they are unless this module is the compiled build's."""


_KEEP: Final[Any] = object()


def world_with(w: World, *, setup: Any = _KEEP, clock: Any = _KEEP, republic: Any = _KEEP,
               not_sitting: Any = _KEEP, matters: Any = _KEEP, timers: Any = _KEEP, events: Any = _KEEP) -> World:
    """``w`` with the fields given changed (:func:`evolve` for a world, the engine's hot path)."""
    setup = w.setup if setup is _KEEP else setup
    clock = w.clock if clock is _KEEP else clock
    republic = w.republic if republic is _KEEP else republic
    not_sitting = w.not_sitting if not_sitting is _KEEP else not_sitting
    matters = w.matters if matters is _KEEP else matters
    timers = w.timers if timers is _KEEP else timers
    events = w.events if events is _KEEP else events
    if not _PLAIN:
        return World(setup, clock, republic, not_sitting, matters, timers, events)
    new = _object_new(World)
    _set_dict(new, "__dict__", {"setup": setup, "clock": clock, "republic": republic, "not_sitting": not_sitting,
                                "matters": matters, "timers": timers, "events": events})
    return new


def matter_with(m: Matter, *, state: Any = _KEEP, entered: Any = _KEEP, order: Any = _KEEP,
                vars: Any = _KEEP) -> Matter:
    """``m`` with the fields given changed (:func:`evolve` for a matter, the engine's hot path)."""
    state = m.state if state is _KEEP else state
    entered = m.entered if entered is _KEEP else entered
    order = m.order if order is _KEEP else order
    vars = m.vars if vars is _KEEP else vars
    if not _PLAIN:
        return Matter(m.id, m.kind, state, entered, m.created, order, vars, m.params)
    new = _object_new(Matter)
    _set_dict(new, "__dict__", {"id": m.id, "kind": m.kind, "state": state, "entered": entered,
                                "created": m.created, "order": order, "vars": vars, "params": m.params})
    return new
