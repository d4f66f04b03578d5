"""Records: a matter, its deadline and a scenario run as JSON-ready data, without words.

Each record holds ids, dates, numbers and citations only (events as ``Event.to_dict``,
legal acts as ``LegalAct.to_dict``); :mod:`respublika.render.procedure_text` adds the words
in a language. ``event`` (a function of an event) lets the caller replace each event's
data, e.g. with the data and its explanation, without a second pass over the trail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from respublika.procedure.deadlines import deadline_of, last_day
from respublika.procedure.engine import Engine
from respublika.procedure.model import Event, Matter, World
from respublika.procedure.scenario import RunResult
from respublika.profile.schema import Profile

EventData = Callable[[Event], dict[str, Any]]


def _event(event: Event) -> dict[str, Any]:
    return event.to_dict()


def deadline_record(profile: Profile, matter: Matter) -> dict[str, Any] | None:
    """The deadline of the matter's state: ``{"event", "to", "last_day", "after", "at_var",
    "cites"}`` (``after`` names a duration of the profile, ``at_var`` a date the matter
    holds), or ``None`` when the state has none or its date is not known yet."""
    d = deadline_of(profile, matter)
    last = last_day(profile, matter)
    if d is None or last is None:
        return None
    return {"event": d.event, "to": d.to, "last_day": last.isoformat(), "after": d.after, "at_var": d.at_var,
            "cites": list(d.cites)}


def matter_record(engine: Engine, world: World, matter_id: str, event: EventData = _event) -> dict[str, Any]:
    """A matter: ``id``, ``kind``, ``state``, ``final``, ``state_cites``, ``entered``,
    ``created``, ``params``, ``vars``, ``deadline`` (:func:`deadline_record`), ``trail``
    (its events), ``legal`` (the acts legal on it now) and ``as_of`` (the world's clock)."""
    profile = engine.profile
    m = world.matter(matter_id)
    spec = profile.procedure.matters[m.kind].states[m.state]
    return {
        "id": m.id, "kind": m.kind, "state": m.state, "final": spec.final, "state_cites": list(spec.cites),
        "entered": m.entered.isoformat(), "created": m.created.isoformat(),
        "params": dict(m.params), "vars": dict(m.vars),
        "deadline": deadline_record(profile, m),
        "trail": [event(e) for e in world.trail(m.id)],
        "legal": [a.to_dict() for a in engine.legal_acts(world, m.id)],
        "as_of": None if world.clock is None else world.clock.isoformat(),
    }


def run_record(engine: Engine, result: RunResult, event: EventData = _event) -> dict[str, Any]:
    """A scenario run: ``steps`` (``index`` from 1, ``date``, ``act``, ``bill``, ``params``,
    ``expect_error``, ``ok``, ``as_expected``, ``error``, ``status_after``, ``events``), then
    ``final``, ``expect``, ``expect_republic``, ``expect_met``, ``unmet`` and ``republic``."""
    steps = []
    for o in result.steps:
        s = o.step.step
        steps.append({
            "index": o.index + 1, "date": s.date.isoformat(), "act": s.act, "bill": s.matter,
            "params": dict(s.params), "expect_error": o.step.expect_error, "ok": o.ok,
            "as_expected": o.as_expected, "error": o.error, "status_after": dict(o.status_after),
            "events": [event(e) for e in o.events],
        })
    return {
        "scenario": None if result.scenario.source is None else str(result.scenario.source),
        "profile": engine.profile.id,
        "steps": steps,
        "final": dict(result.final),
        "expect": dict(result.scenario.expect),
        "expect_republic": dict(result.scenario.expect_republic),
        "expect_met": result.expect_met,
        "unmet": list(result.unmet),
        "republic": result.world.republic_status(),
    }
