"""The procedure in words: a matter's trail, a scenario run, the Republic, in a language.

Two forms over the same records (:mod:`respublika.procedure.records`):

- ``*_dict``: the JSON the API and ``--json`` give: the record, with the words added
  beside the ids (``text`` of every event, ``kind_text``, ``state_text``, the deadline as a
  sentence, each legal act's ``text`` and ``act_text``);
- ``*_text``: lines for a terminal.

Fixed words come from the message catalogue (:func:`respublika.render.explanation.phrase`),
the rest from the profile.
"""

from __future__ import annotations

from typing import Any

from respublika.i18n import format_day, pick, translator
from respublika.procedure.deadlines import deadline_of
from respublika.procedure.engine import Engine
from respublika.procedure.model import ADVANCE, Event, Matter, World
from respublika.procedure.params import cite
from respublika.procedure.records import deadline_record, matter_record, run_record
from respublika.procedure.scenario import RunResult, StepOutcome
from respublika.profile.schema import Profile
from respublika.render.errors import error_text
from respublika.render.explanation import describe, legal_line, phrase
from respublika.render.labels import (
    act_label,
    act_text,
    chamber_name,
    event_label,
    kind_text,
    matter_label,
    param_label,
    state_label,
    state_text,
    value_label,
    var_label,
)


def event_dict(profile: Profile, event: Event, lang: str = "en") -> dict[str, Any]:
    """The event's data plus its explanation (``text``: lines in ``lang``)."""
    return {**event.to_dict(), "text": describe(profile, event, lang)}


def run_dict(engine: Engine, result: RunResult, lang: str = "en") -> dict[str, Any]:
    """``{"steps": [{"ok", "error", "status_after", "events", ...}], "final", "expect_met", ...}``
    (:func:`respublika.procedure.records.run_record`, each event with its ``text``)."""
    return run_record(engine, result, lambda e: event_dict(engine.profile, e, lang))


def run_text(engine: Engine, result: RunResult, lang: str = "en") -> list[str]:
    """One block per step (✓ accepted, ✗ refused; expected or not), then the verdict."""
    lines = []
    profile = engine.profile
    if result.scenario.title:
        lines.append(result.scenario.title)
    for o in result.steps:
        s = o.step.step
        mark = ("✓" if o.ok else "✗") + ("" if o.as_expected else " " + phrase("UNEXPECTED", lang))
        shown = [e for e in o.events if e.kind != ADVANCE or (o.ok and s.act == ADVANCE)]
        fired = shown[:-1] if o.ok else shown
        for event in fired:
            lines += ["   … " + t for t in describe(engine.profile, event, lang)]
        if o.ok and shown:
            first, *rest = describe(engine.profile, shown[-1], lang)
            lines.append(f"{mark} {o.index + 1:>2}. {first}")
            lines += ["      " + t for t in rest]
        else:
            lines.append(f"{mark} {o.index + 1:>2}. {format_day(s.date, lang)} — {act_label(profile, s.act, lang)}"
                         + (f", {s.matter}" if s.matter else ""))
        if o.error:
            refused = phrase("refused (as expected)" if o.step.expect_error else "refused", lang)
            lines.append(f"      {refused}: {_error(o, lang, profile)}")
    lines.append("")
    kinds = {mid: m.kind for mid, m in result.world.matters.items()}
    for matter, state in result.final.items():
        wanted = result.scenario.expect.get(matter)
        now = state_label(profile, kinds.get(matter), state, lang)
        tail = "" if wanted is None else (" ✓" if wanted == state else " ✗ " + phrase(
            "expected {state}", lang, state=state_label(profile, kinds.get(matter), wanted, lang)))
        lines.append(f"{matter}: {now}{tail}")
    for matter, wanted in result.scenario.expect.items():
        if matter not in result.final:
            lines.append(f"{matter}: {phrase('no such matter', lang)} ✗ "
                         f"{phrase('expected {state}', lang, state=state_label(profile, None, wanted, lang))}")
    lines.append(phrase("expect met", lang) if result.expect_met else phrase("expect NOT met:", lang))
    lines += [f"  - {u}" for u in unmet_texts(profile, result, lang)]
    return lines


def _error(outcome: StepOutcome, lang: str, profile: Profile | None = None) -> str:
    return error_text(outcome.exception, lang, profile) if outcome.exception is not None else str(outcome.error)


def unmet_texts(profile: Profile, result: RunResult, lang: str = "en") -> list[str]:
    """What a scenario expected and did not get, in ``lang`` (``RunResult.unmet`` is English)."""
    if len(result.problems) != len(result.unmet):
        return list(result.unmet)
    kinds = {mid: m.kind for mid, m in result.world.matters.items()}
    out = []
    for p in result.problems:
        if p["what"] in ("accepted", "refused"):
            what = phrase("step {n} ({date} {act})", lang, n=p["step"], date=format_day(p["date"], lang),
                          act=act_label(profile, p["act"], lang) + (f", {p['matter']}" if p["matter"] else ""))
            out.append(phrase("{what} was accepted but expect_error is true", lang, what=what) if p["what"] == "accepted"
                       else phrase("{what} was refused: {error}", lang, what=what,
                                   error=error_text(p["error"], lang, profile) if p["error"] is not None else ""))
        elif p["what"] == "matter":
            kind = kinds.get(p["matter"])
            got = state_label(profile, kind, p["got"], lang) if p["got"] else phrase("no such matter", lang)
            out.append(phrase("{matter}: expected {wanted}, got {got}", lang, matter=p["matter"],
                              wanted=state_label(profile, kind, p["expected"], lang), got=got))
        else:
            out.append(phrase("{var}: expected {wanted}, got {got}", lang, var=var_label(profile, p["var"], lang),
                              wanted=value_label(profile, p["expected"], lang), got=value_label(profile, p["got"], lang)))
    return out


def deadline_text(profile: Profile, matter: Matter, lang: str = "en") -> str | None:
    """``last day 30 April 2010; then with the President: the Senate did not decide ... [S23, A4]``."""
    d, spec = deadline_record(profile, matter), deadline_of(profile, matter)
    if d is None or spec is None:
        return None
    what = pick(spec.description, lang) or event_label(profile, d["event"], lang)
    return (f"{phrase('last day', lang)} {format_day(d['last_day'], lang)}; {phrase('then', lang)} "
            f"{state_label(profile, matter.kind, d['to'], lang)}: "
            f"{what}{cite(d['cites'])}")


def matter_dict(engine: Engine, world: World, matter_id: str, lang: str = "en") -> dict[str, Any]:
    """:func:`respublika.procedure.records.matter_record` with the words: ``kind_text``,
    ``state_text``, ``deadline`` as a sentence (the record's under ``deadline_record``),
    every event's ``text``, and each legal act's ``text`` and ``act_text``."""
    profile = engine.profile
    record = matter_record(engine, world, matter_id, lambda e: event_dict(profile, e, lang))
    legal = engine.legal_acts(world, matter_id)
    return {
        **record,
        "kind_text": kind_text(profile, record["kind"], lang),
        "state_text": state_text(profile, record["kind"], record["state"], lang),
        "deadline": deadline_text(profile, world.matter(matter_id), lang),
        "deadline_record": record["deadline"],
        "legal": [{**data, "text": legal_line(profile, a, lang), "act_text": act_text(profile, a.act, lang)}
                  for data, a in zip(record["legal"], legal, strict=True)],
    }


def matter_text(engine: Engine, world: World, matter_id: str, lang: str = "en") -> list[str]:
    """The trail (date, act, numbers against thresholds, citations) and what may come next."""
    d = matter_dict(engine, world, matter_id, lang)
    profile = engine.profile
    state = state_label(profile, d["kind"], d["state"], lang)
    meaning = "" if d["state_text"] == state else f" ({d['state_text']})"
    lines = [f"{d['id']} — {d['kind_text']}: {state}{meaning}{cite(d['state_cites'])}"]
    shown = {k: v for k, v in d["params"].items() if v not in ("", None) and not isinstance(v, dict | list)}
    if shown:
        lines.append("  " + "; ".join(f"{param_label(profile, None, k, lang)}: {value_label(profile, v, lang)}"
                                      for k, v in shown.items()))
    lines.append("")
    for event in d["trail"]:
        lines += ["  " + t for t in event["text"]]
    lines.append("")
    if d["final"]:
        lines.append(phrase("final: nothing more can happen to it", lang))
    else:
        lines.append(phrase("next legal acts (as of {date}):", lang, date=format_day(d["as_of"], lang)) if d["as_of"]
                     else phrase("next legal acts:", lang))
        lines += [f"  - {a['text']}" for a in d["legal"]] or ["  " + phrase("(none now)", lang)]
        if d["deadline"]:
            lines.append(f"{phrase('deadline', lang)}: {d['deadline']}")
    return lines


def republic_text(engine: Engine, world: World, lang: str = "en") -> list[str]:
    """The Republic's variables, dissolved chambers, timers, matters and the acts legal now."""
    profile = engine.profile
    lines = [phrase("as of {date}", lang, date=format_day(world.clock, lang)) if world.clock
             else phrase("as of (no step yet)", lang)]
    lines += [f"  {var_label(profile, k, lang)}: {_var_value(profile, v, lang)}" for k, v in world.republic.items()]
    for chamber, since in world.not_sitting.items():
        lines.append(f"  {chamber_name(profile, chamber, lang)}: {phrase('dissolved', lang)} {format_day(since, lang)}")
    for t in world.timers:
        lines.append(f"  {phrase('scheduled', lang)}: {act_label(profile, t.act, lang)} "
                     f"{format_day(t.due, lang)}{cite(t.cites)}")
    lines.append(phrase("matters:", lang))
    for mid, state in world.status().items():
        m = world.matters[mid]
        lines.append(f"  {mid} ({kind_text(profile, m.kind, lang)}): {state_label(profile, m.kind, state, lang)}")
    lines.append(phrase("legal now:", lang))
    lines += [f"  - {legal_line(profile, a, lang)}" for a in engine.legal_acts(world)]
    return lines


def _var_value(profile: Profile, value: Any, lang: str) -> str:
    if value in ("", None):
        return "—"
    if hasattr(value, "isoformat") or (isinstance(value, str) and len(value) == 10 and value[4:5] == "-"):
        return format_day(value, lang)
    return value_label(profile, value, lang)


def matter_list_lines(profile: Profile, rows: list[dict[str, Any]], lang: str = "en") -> list[str]:
    """``respublika bill list``: each matter's id (the handle a command takes), its kind and its
    state in words, and the day it reached that state."""
    _ = translator(lang)
    if not rows:
        return [f"({_('no matters')})"]
    out = []
    for row in rows:
        kind = matter_label(profile, row["kind"], lang)
        state = state_label(profile, row["kind"], row["state"], lang)
        since = format_day(row["since"], lang) if row.get("since") else ""
        out.append(f"{row['id']:<12} {kind:<22} {state:<36} {_('since')} {since}".rstrip())
    return out
