"""Clocks: state deadlines of matters and timers of the Republic.

A state's ``deadline`` starts when a matter enters the state. ``after = <duration>``
gives the last day as ``entered + duration`` (calendar arithmetic); ``at_var = <var>``
reads the last day from the matter's variable. The last day is still allowed: the
deadline fires on the day after it. A Republic timer (``effects.schedule``) fires on its
due day. Whatever is due on or before a date fires before any act of that date, in date
order; ties go to the Republic's timers first, then to matters in creation order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Final, cast

from respublika.calendar import Duration, add, parse_duration
from respublika.errors import InputError
from respublika.procedure.model import Matter, Timer, World, to_date
from respublika.profile.schema import Deadline, Profile


@dataclass(frozen=True)
class Due:
    """Something that fires on ``fires_on``: a matter's deadline or a Republic timer."""

    fires_on: date
    order: tuple[int, int]
    matter: Matter | None = None
    deadline: Deadline | None = None
    last_day: date | None = None
    timer: Timer | None = None


@lru_cache(maxsize=1024)
def _duration(text: str) -> Duration:
    """``parse_duration`` once per text (durations are immutable values)."""
    return parse_duration(text)


_ONE_DAY: Final = timedelta(days=1)

Clock = tuple[timedelta | None, Duration | None, str, dict[date, date]]
"""A state's deadline, read once from the profile: ``(days, months, at_var, memo)``. ``days``:
the duration as a ``timedelta`` when it counts days only (most deadlines: the last day is
``entered + days``, no month arithmetic); ``months``: the duration when it counts months or
years (calendar arithmetic, its results kept in ``memo`` by entry date: many matters enter
their states on the same days); ``at_var``: the variable holding the last day (``""`` when the
deadline is ``after`` a duration)."""

_MEMO_MAX: Final = 65536
"""Entry dates a month-or-year clock remembers before it starts again (bounded memory)."""

_CLOCKS: Final[dict[int, tuple[Profile, dict[str, dict[str, Clock | None]]]]] = {}
"""Per profile (by id, the profile kept beside it): kind -> state -> its :data:`Clock`, or
``None`` without a deadline (read once, not per step)."""


_RECENT: Final[list[tuple[Any, Any]]] = [(None, None)]
"""``(profile, its table)`` of the profile asked for last, replaced whole (one identity check
per step; a thread that reads it sees one pair or the other)."""


def _clocks(profile: Profile) -> dict[str, dict[str, Clock | None]]:
    recent = _RECENT[0]
    if recent[0] is profile:
        return cast(dict[str, dict[str, Clock | None]], recent[1])
    hit = _CLOCKS.get(id(profile))
    if hit is None or hit[0] is not profile:
        if len(_CLOCKS) > 64:
            _CLOCKS.clear()
        table: dict[str, dict[str, Clock | None]] = {}
        for kid, kind in profile.procedure.matters.items():
            states: dict[str, Clock | None] = {}
            for sid, spec in kind.states.items():
                clock: Clock | None = None
                if not spec.final and spec.deadline is not None:
                    d = spec.deadline
                    if d.after is not None:
                        dur = _duration(profile.durations[d.after].duration)
                        if dur.years or dur.months:
                            clock = (None, dur, "", {})
                        else:
                            clock = (timedelta(days=dur.days), None, "", {})
                    else:
                        clock = (None, None, d.at_var or "", {})
                states[sid] = clock
            table[kid] = states
        hit = _CLOCKS[id(profile)] = (profile, table)
    _RECENT[0] = (profile, hit[1])
    return hit[1]


def _last(clock: Clock, matter: Matter) -> date | None:
    days, months, at_var, memo = clock
    if days is not None:
        return matter.entered + days
    if months is not None:
        entered = matter.entered
        last = memo.get(entered)
        if last is None:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            last = memo[entered] = add(entered, months)
        return last
    raw = matter.vars.get(at_var)
    if raw is None or raw == "":
        return None
    try:
        return to_date(raw, what=f"{matter.id}.{at_var}")
    except InputError:
        return None


def last_day(profile: Profile, matter: Matter) -> date | None:
    """The last day the matter may stay in its state, or ``None`` without a deadline."""
    states = _clocks(profile).get(matter.kind)
    clock = states.get(matter.state) if states is not None else None
    return None if clock is None else _last(clock, matter)


def deadline_of(profile: Profile, matter: Matter) -> Deadline | None:
    spec = profile.procedure.matters[matter.kind].states.get(matter.state)
    return None if spec is None or spec.final else spec.deadline


def clocked_states(profile: Profile) -> frozenset[tuple[str, str]]:
    """(kind, state) pairs whose state has a deadline: only matters in them can fire (the
    states of the profile's clock table)."""
    return frozenset((kid, sid) for kid, states in _clocks(profile).items()
                     for sid, clock in states.items() if clock is not None)


def pending(
    profile: Profile, world: World, clocked: frozenset[tuple[str, str]] | None = None
) -> list[Due]:
    """Everything that will fire, earliest first (``clocked``: :func:`clocked_states`, precomputed)."""
    clocked = clocked_states(profile) if clocked is None else clocked
    out = [Due(fires_on=t.due, order=(0, i), timer=t) for i, t in enumerate(world.timers)]
    for matter in world.matters.values():
        if (matter.kind, matter.state) not in clocked:
            continue
        last = last_day(profile, matter)
        deadline = deadline_of(profile, matter)
        if last is not None and deadline is not None:
            out.append(
                Due(fires_on=last + timedelta(days=1), order=(1, matter.order), matter=matter,
                    deadline=deadline, last_day=last)
            )
    out.sort(key=lambda d: (d.fires_on, d.order))
    return out


def next_due(
    profile: Profile, world: World, until: date, clocked: frozenset[tuple[str, str]] | None = None
) -> Due | None:
    """The first thing that fires on or before ``until`` (the first of :func:`pending`,
    found without building and sorting the rest). ``clocked`` is accepted for the callers
    that pass it; the profile's clock table (read once) answers the same question."""
    best: tuple[date, tuple[int, int]] | None = None
    found: Due | None = None
    for i, t in enumerate(world.timers):
        key = (t.due, (0, i))
        if t.due <= until and (best is None or key < best):
            best, found = key, Due(fires_on=t.due, order=(0, i), timer=t)
    clocks = _clocks(profile)
    for matter in world.matters.values():
        states = clocks.get(matter.kind)
        clock = states.get(matter.state) if states is not None else None
        if clock is None:
            continue
        last = _last(clock, matter)
        if last is None:
            continue
        fires = last + _ONE_DAY
        if fires > until:
            continue
        key = (fires, (1, matter.order))
        if best is None or key < best:
            deadline = deadline_of(profile, matter)
            if deadline is not None:
                best = key
                found = Due(fires_on=fires, order=(1, matter.order), matter=matter, deadline=deadline, last_day=last)
    return found
