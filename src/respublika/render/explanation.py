"""Explanations: an event, a vote, a referendum or a legal act in words, in a language.

Events carry only structured data (ids, numbers, rule ids, citations: ``Event.to_dict``);
the words come from the profile (descriptions of states, acts, thresholds and deadlines, in
every language it gives: :mod:`respublika.render.labels`) and from the message catalogue
(:mod:`respublika.i18n`; the English message is the key), so another language is a
catalogue, not a change to the engine or to this module. Example::

    Mazhilis: 75 of 107 in favour, 72 required — two thirds of the total membership [S22, S24, A1] → passed
"""

from __future__ import annotations

from typing import Any

from respublika.i18n import format_day, format_number, translator
from respublika.procedure.legal import LegalAct
from respublika.procedure.model import ADVANCE, Event, ReferendumTally, Tally
from respublika.procedure.params import cite
from respublika.profile.schema import Profile
from respublika.render.labels import (
    act_label,
    actor_label,
    chamber_name,
    deadline_description,
    event_label,
    param_label,
    state_label,
    threshold_text,
    value_label,
    var_label,
)


def phrase(text: str, lang: str, **values: Any) -> str:
    """The catalogue's ``text`` in ``lang`` (English when untranslated), formatted with ``values``."""
    return translator(lang)(text).format(**values)


def tally_line(profile: Profile, t: Tally, cites: tuple[str, ...] = (), lang: str = "en") -> str:
    """``Mazhilis: 75 of 107 in favour, 72 required — ... [S22, A1] → passed``."""
    rule = profile.thresholds.get(t.threshold)
    line = phrase("{name}: {n} of {size} in favour, {req} required — {what}", lang,
                  name=chamber_name(profile, t.chamber, lang), n=t.in_favour, size=t.size,
                  req=t.required, what=threshold_text(profile, t.threshold, lang))
    if rule is not None and rule.of == "members_voting":
        line += f" ({phrase('{n} voting', lang, n=t.base)})"
    elif rule is not None and rule.of == "votes_cast":
        line += f" ({phrase('{n} votes cast', lang, n=t.base)})"
    return line + cite(cites) + " → " + phrase("passed" if t.passed else "rejected", lang)


def referendum_lines(profile: Profile, r: ReferendumTally, cites: tuple[str, ...], lang: str = "en") -> list[str]:
    turnout_ok = r.turnout >= r.turnout_required and r.turnout > 0
    units_ok = r.units_carried >= r.units_required
    return [
        phrase("Turnout: {n} of {e}, {req} required — {what}", lang, n=r.turnout, e=r.electorate,
               req=r.turnout_required, what=threshold_text(profile, r.turnout_threshold, lang))
        + cite(cites) + " → " + phrase("passed" if turnout_ok else "rejected", lang),
        phrase("Units: yes carried {n} of {total}, {req} required — {what}", lang, n=r.units_carried,
               total=r.units_total, req=r.units_required,
               what=f"{threshold_text(profile, r.unit_threshold, lang)}, "
                    f"{threshold_text(profile, r.units_threshold, lang)}")
        + cite(cites) + " → " + phrase("passed" if units_ok else "rejected", lang),
    ]


def headline(profile: Profile, event: Event, lang: str = "en") -> str:
    """The event as one sentence: ``1 March 2010 — Mazhilis passed B1: 80 of 107 in favour,
    72 required (two thirds of the total membership) [S22, S24, A1]. Now: in the Senate.``

    Every id is shown by its label (:mod:`respublika.render.labels`), the date in the
    language's long form, the numbers from the event's tallies, then the citations."""
    kind = _matter_kind(profile, event)
    day = format_day(event.date, lang)
    if event.kind == ADVANCE:
        return f"{day} — {phrase('time moves on', lang)}"
    if event.kind == "deadline":
        what = _capital(event_label(profile, event.act, lang)) + (f" ({event.matter})" if event.matter else "")
    elif event.kind == "scheduled":
        what = f"{phrase('scheduled', lang)}: {act_label(profile, event.act, lang)}"
    elif len(event.votes) == 1:
        t = event.votes[0]
        what = phrase("{chamber} passed {matter}" if t.passed else "{chamber} rejected {matter}", lang,
                      chamber=chamber_name(profile, t.chamber, lang), matter=event.matter or "") + ": " + \
            _tally_clause(profile, t, lang)
    elif event.votes:
        clauses = "; ".join(f"{chamber_name(profile, t.chamber, lang)}: {_tally_clause(profile, t, lang)}"
                            for t in event.votes)
        passed = all(t.passed for t in event.votes)
        what = (phrase("Vote on {matter}", lang, matter=event.matter) if event.matter
                else _capital(act_label(profile, event.act, lang)))
        what += f": {clauses} — {phrase('passed' if passed else 'rejected', lang)}"
    else:
        what = _act_clause(profile, event, lang)
    if event.set:
        what += " (" + "; ".join(f"{var_label(profile, k, lang)}: {_value(profile, v, lang)}"
                                 for k, v in event.set.items()) + ")"
    text = f"{day} — {what}{cite(_rule_cites(profile, event) if event.votes else event.cites)}."
    if event.to_state is not None and event.to_state != event.from_state:
        text += " " + phrase("Now: {state}.", lang, state=state_label(profile, kind, event.to_state, lang))
    return text


def _tally_clause(profile: Profile, t: Tally, lang: str) -> str:
    """``80 of 107 in favour, 72 required (two thirds of the total membership)``."""
    rule = profile.thresholds.get(t.threshold)
    clause = phrase("{n} of {size} in favour, {req} required ({what})", lang, n=format_number(t.in_favour, lang),
                    size=format_number(t.size, lang), req=format_number(t.required, lang),
                    what=threshold_text(profile, t.threshold, lang))
    if rule is not None and rule.of == "members_voting":
        clause += f", {phrase('{n} voting', lang, n=format_number(t.base, lang))}"
    elif rule is not None and rule.of == "votes_cast":
        clause += f", {phrase('{n} votes cast', lang, n=format_number(t.base, lang))}"
    return clause


def _act_clause(profile: Profile, event: Event, lang: str) -> str:
    """``The deputies: introduce a bill, B1 (affects the budget: no; title: Budget law)``."""
    spec = profile.procedure.acts.get(event.act)
    actor = spec.actor if spec is not None else ""
    who_value = event.params.get(actor) if actor in event.params else None
    who = _value(profile, who_value, lang) if who_value not in (None, "") else (
        actor_label(profile, actor, lang) if actor else "")
    text = (f"{_capital(who)}: " if who else "") + act_label(profile, event.act, lang)
    if event.matter:
        text += f", {event.matter}"
    shown = [(k, v) for k, v in event.params.items()
             if k != actor and not isinstance(v, dict | list) and v not in ("", None)]
    if shown:
        text += " (" + "; ".join(f"{param_label(profile, event.act, k, lang)}: {_value(profile, v, lang)}"
                                 for k, v in shown) + ")"
    return text


def _value(profile: Profile, value: Any, lang: str) -> str:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return format_day(value, lang)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return format_day(value, lang)
    return value_label(profile, value, lang)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _matter_kind(profile: Profile, event: Event) -> str | None:
    for name, kind in profile.procedure.matters.items():
        if any(rule.id == event.rule and rule.act == event.act for rule in kind.rules):
            return name
        if event.kind == "deadline" and any(s.deadline is not None and s.deadline.event == event.act
                                            for s in kind.states.values()):
            return name
    return None


def _show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def describe(profile: Profile, event: Event, lang: str = "en") -> list[str]:
    """The event as a sentence (:func:`headline`), then what else it did: a deadline's
    meaning, a joint vote's or a referendum's numbers, chambers dissolved or convened."""
    lines = [headline(profile, event, lang)]
    if event.kind == "deadline" and event.matter is not None:
        lines.append("  " + deadline_description(profile, event.act, event.to_state, lang))
    if event.referendum is not None:
        rule_cites = _rule_cites(profile, event)
        lines += ["  " + line for line in referendum_lines(profile, event.referendum, rule_cites, lang)]
    for key in ("dissolve", "convene"):
        chambers = event.effects.get(key)
        if chambers:
            names = ", ".join(chamber_name(profile, c, lang) for c in chambers)
            lines.append(f"  {names}: {phrase('dissolved' if key == 'dissolve' else 'convened', lang)}")
    schedule = event.effects.get("schedule")
    if isinstance(schedule, dict):
        lines.append(f"  {phrase('scheduled', lang)}: {act_label(profile, schedule['act'], lang)} "
                     f"{format_day(schedule['due'], lang)}")
    return lines


def _rule_cites(profile: Profile, event: Event) -> tuple[str, ...]:
    rules = list(profile.procedure.republic.rules)
    for kind in profile.procedure.matters.values():
        rules += kind.rules
    for rule in rules:
        if rule.id == event.rule and rule.act == event.act:
            return tuple(rule.cites)
    return event.cites


def legal_line(profile: Profile, act: LegalAct, lang: str = "en") -> str:
    """``vote (chamber=senate) — 32 of 47: two thirds of ... [S23, A1]; last day 2010-04-30``."""
    text = legal_label(profile, act, lang)
    needs = [f"{chamber_name(profile, v.chamber, lang)} {v.required}/{v.size}" for v in act.votes]
    if needs:
        text += " — " + ", ".join(needs) + ": " + threshold_text(profile, act.votes[0].threshold, lang)
    text += cite(act.cites)
    if act.last_day is not None:
        text += f"; {phrase('last day', lang)} {format_day(act.last_day, lang)}"
    return text


def legal_label(profile: Profile, act: LegalAct, lang: str = "en") -> str:
    """A legal act's name with its fixed parameters: ``vote (chamber: Senate)``."""
    text = act_label(profile, act.act, lang)
    if act.fixed:
        text += " (" + "; ".join(f"{param_label(profile, act.act, k, lang)}: {_value(profile, v, lang)}"
                                 for k, v in act.fixed.items()) + ")"
    return text
