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


def last_day(profile: Profile, matter: Matter) -> date | None:
    """The last day the matter may stay in its state, or ``None`` without a deadline."""
    kind = profile.procedure.matters[matter.kind]
    spec = kind.states.get(matter.state)
    if spec is None or spec.final or spec.deadline is None:
        return None
    deadline = spec.deadline
    if deadline.after is not None:
        return _after(matter.entered, profile.durations[deadline.after].duration)
    raw = matter.vars.get(deadline.at_var or "")
    if raw in (None, ""):
        return None
    try:
        return to_date(raw, what=f"{matter.id}.{deadline.at_var}")
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
