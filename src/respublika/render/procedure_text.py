"""Reports as text and JSON-ready dicts: a scenario run, a matter's trail, the Republic.

Pure functions over engine values, shared by the CLI and the web app.
"""

from __future__ import annotations

from typing import Any

from respublika.procedure.deadlines import deadline_of, last_day
from respublika.procedure.engine import Engine
from respublika.procedure.model import ADVANCE, Event, Matter, World
from respublika.procedure.params import cite
from respublika.procedure.scenario import RunResult
from respublika.profile.schema import Profile
from respublika.render.explanation import (
    act_text,
    describe,
    kind_text,
    legal_line,
    phrase,
    state_text,
)


def event_dict(profile: Profile, event: Event, lang: str = "en") -> dict[str, Any]:
    """The event's data plus its explanation (``text``: lines in ``lang``)."""
    return {**event.to_dict(), "text": describe(profile, event, lang)}


def run_dict(engine: Engine, result: RunResult, lang: str = "en") -> dict[str, Any]:
    """``{"steps": [{"ok", "error", "status_after", ...}], "final", "expect_met", ...}``."""
    steps = []
    for o in result.steps:
        s = o.step.step
        steps.append({
            "index": o.index + 1, "date": s.date.isoformat(), "act": s.act, "bill": s.matter,
            "params": dict(s.params), "expect_error": o.step.expect_error, "ok": o.ok,
            "as_expected": o.as_expected, "error": o.error, "status_after": dict(o.status_after),
            "events": [event_dict(engine.profile, e, lang) for e in o.events],
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


def run_text(engine: Engine, result: RunResult, lang: str = "en") -> list[str]:
    """One block per step (✓ accepted, ✗ refused; expected or not), then the verdict."""
    lines = []
    if result.scenario.title:
        lines.append(result.scenario.title)
    for o in result.steps:
        s = o.step.step
        mark = ("✓" if o.ok else "✗") + ("" if o.as_expected else " UNEXPECTED")
        shown = [e for e in o.events if e.kind != ADVANCE or (o.ok and s.act == ADVANCE)]
        fired = shown[:-1] if o.ok else shown
        for event in fired:
            lines += ["   … " + t for t in describe(engine.profile, event, lang)]
        if o.ok and shown:
            first, *rest = describe(engine.profile, shown[-1], lang)
            lines.append(f"{mark} {o.index + 1:>2}. {first}")
            lines += ["      " + t for t in rest]
        else:
            lines.append(f"{mark} {o.index + 1:>2}. {s.date} {s.act}" + (f" {s.matter}" if s.matter else ""))
        if o.error:
            lines.append(f"      refused{' (as expected)' if o.step.expect_error else ''}: {o.error}")
    lines.append("")
    for matter, state in result.final.items():
        wanted = result.scenario.expect.get(matter)
        tail = "" if wanted is None else (" ✓" if wanted == state else f" ✗ expected {wanted}")
        lines.append(f"{matter}: {state}{tail}")
    for matter, wanted in result.scenario.expect.items():
        if matter not in result.final:
            lines.append(f"{matter}: no such matter ✗ expected {wanted}")
    lines.append("expect met" if result.expect_met else "expect NOT met:")
    lines += [f"  - {u}" for u in result.unmet]
    return lines


def deadline_text(profile: Profile, matter: Matter, lang: str = "en") -> str | None:
    """``last day 2010-04-30; then senate_silence → with_president: ... [S23, A4]``."""
    d = deadline_of(profile, matter)
    last = last_day(profile, matter)
    if d is None or last is None:
        return None
    what = d.description.get(lang) or d.description.get("en") or d.event
    return f"{phrase('last day', lang)} {last}; {phrase('then', lang)} {d.event} → {d.to}: {what}{cite(d.cites)}"


def matter_dict(engine: Engine, world: World, matter_id: str, lang: str = "en") -> dict[str, Any]:
    profile = engine.profile
    m = world.matter(matter_id)
    spec = profile.procedure.matters[m.kind].states[m.state]
    return {
        "id": m.id, "kind": m.kind, "kind_text": kind_text(profile, m.kind, lang), "state": m.state,
        "state_text": state_text(profile, m.kind, m.state, lang), "final": spec.final,
        "state_cites": list(spec.cites), "entered": m.entered.isoformat(), "created": m.created.isoformat(),
        "params": dict(m.params), "vars": dict(m.vars),
        "deadline": deadline_text(profile, m, lang),
        "trail": [event_dict(profile, e, lang) for e in world.trail(m.id)],
        "legal": [{**a.to_dict(), "text": legal_line(profile, a, lang), "act_text": act_text(profile, a.act, lang)}
                  for a in engine.legal_acts(world, m.id)],
        "as_of": None if world.clock is None else world.clock.isoformat(),
    }


def matter_text(engine: Engine, world: World, matter_id: str, lang: str = "en") -> list[str]:
    """The trail (date, act, numbers against thresholds, citations) and what may come next."""
    d = matter_dict(engine, world, matter_id, lang)
    lines = [f"{d['id']} — {d['kind_text']}: {d['state']} ({d['state_text']}){cite(d['state_cites'])}"]
    shown = {k: v for k, v in d["params"].items() if v not in ("", None)}
    if shown:
        lines.append("  " + ", ".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in shown.items()))
    lines.append("")
    for event in d["trail"]:
        lines += ["  " + t for t in event["text"]]
    lines.append("")
    if d["final"]:
        lines.append("final: nothing more can happen to it")
    else:
        lines.append("next legal acts" + (f" (as of {d['as_of']}):" if d["as_of"] else ":"))
        lines += [f"  - {a['text']}" for a in d["legal"]] or ["  (none now)"]
        if d["deadline"]:
            lines.append(f"deadline: {d['deadline']}")
    return lines


def republic_text(engine: Engine, world: World, lang: str = "en") -> list[str]:
    profile = engine.profile
    lines = [f"as of {world.clock or '(no step yet)'}"]
    lines += [f"  {k} = {v if v != '' else '—'}" for k, v in world.republic.items()]
    for chamber, since in world.not_sitting.items():
        lines.append(f"  {chamber}: {phrase('dissolved', lang)} {since}")
    for t in world.timers:
        lines.append(f"  {phrase('scheduled', lang)}: {t.act} {t.due}{cite(t.cites)}")
    lines.append("matters:")
    for mid, state in world.status().items():
        m = world.matters[mid]
        lines.append(f"  {mid} ({m.kind}): {state}")
    lines.append("legal now:")
    lines += [f"  - {legal_line(profile, a, lang)}" for a in engine.legal_acts(world)]
    return lines
