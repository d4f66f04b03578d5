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


@lru_cache(maxsize=65536)
def _after(entered: date, text: str) -> date:
    """``entered`` plus the duration ``text`` (calendar arithmetic), memoized: many
    matters enter their states on the same days."""
    return add(entered, _duration(text))


_CLOCKS: dict[int, tuple[Profile, dict[tuple[str, str], tuple[str | None, str] | None]]] = {}
"""Per profile (by id, the profile kept beside it): each (kind, state)'s deadline as
``(the duration's text or None, at_var)``, or ``None`` without one (read once, not per step)."""


def _clock(profile: Profile, kind: str, state: str) -> tuple[str | None, str] | None:
    hit = _CLOCKS.get(id(profile))
    if hit is None or hit[0] is not profile:
        if len(_CLOCKS) > 64:
            _CLOCKS.clear()
        hit = _CLOCKS[id(profile)] = (profile, {})
    table = hit[1]
    key = (kind, state)
    if key in table:
        return table[key]
    spec = profile.procedure.matters[kind].states.get(state)
    clock: tuple[str | None, str] | None = None
    if spec is not None and not spec.final and spec.deadline is not None:
        d = spec.deadline
        clock = (profile.durations[d.after].duration if d.after is not None else None, d.at_var or "")
    table[key] = clock
    return clock


def last_day(profile: Profile, matter: Matter) -> date | None:
    """The last day the matter may stay in its state, or ``None`` without a deadline."""
    clock = _clock(profile, matter.kind, matter.state)
    if clock is None:
        return None
    after, at_var = clock
    if after is not None:
        return _after(matter.entered, after)
    raw = matter.vars.get(at_var)
    if raw in (None, ""):
        return None
    try:
        return to_date(raw, what=f"{matter.id}.{at_var}")
    except InputError:
        return None


def deadline_of(profile: Profile, matter: Matter) -> Deadline | None:
    spec = profile.procedure.matters[matter.kind].states.get(matter.state)
    return None if spec is None or spec.final else spec.deadline


def clocked_states(profile: Profile) -> frozenset[tuple[str, str]]:
    """(kind, state) pairs whose state has a deadline: only matters in them can fire."""
    return frozenset(
        (kid, sid)
        for kid, kind in profile.procedure.matters.items()
        for sid, spec in kind.states.items()
        if spec.deadline is not None and not spec.final
    )


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
    found without building and sorting the rest)."""
    clocked = clocked_states(profile) if clocked is None else clocked
    best: tuple[date, tuple[int, int]] | None = None
    found: Due | None = None
    for i, t in enumerate(world.timers):
        key = (t.due, (0, i))
        if t.due <= until and (best is None or key < best):
            best, found = key, Due(fires_on=t.due, order=(0, i), timer=t)
    for matter in world.matters.values():
        if (matter.kind, matter.state) not in clocked:
            continue
        last = last_day(profile, matter)
        if last is None:
            continue
        fires = last + timedelta(days=1)
        key = (fires, (1, matter.order))
        if fires <= until and (best is None or key < best):
            deadline = deadline_of(profile, matter)
            if deadline is not None:
                best = key
                found = Due(fires_on=fires, order=(1, matter.order), matter=matter, deadline=deadline, last_day=last)
    return found
