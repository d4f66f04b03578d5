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

from respublika.i18n import translator
from respublika.procedure.legal import LegalAct
from respublika.procedure.model import ADVANCE, Event, ReferendumTally, Tally
from respublika.procedure.params import cite
from respublika.profile.schema import Profile
from respublika.render.labels import chamber_name, deadline_description, threshold_text


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
    """``2010-03-01 vote B1 (chamber=mazhilis): in_mazhilis → in_senate [S22, S24, A1]``."""
    who = f" {event.matter}" if event.matter else ""
    args = ""
    shown = {k: v for k, v in event.params.items() if not isinstance(v, dict) and v not in ("", None)}
    if event.kind == "act" and shown:
        keys = ("chamber", "initiator", "budget_impact", "approve", "candidate", "until", "title")
        picked = [f"{k}={_show(v)}" for k, v in shown.items() if k in keys]
        args = f" ({', '.join(picked)})" if picked else ""
    if event.kind == "advance":
        return f"{event.date} {ADVANCE}: {phrase('time moves on', lang)}"
    text = f"{event.date} {event.act}{who}{args}"
    if event.kind == "deadline":
        text = f"{event.date} {phrase('deadline', lang)}: {event.act}{who}"
    if event.kind == "scheduled":
        text = f"{event.date} {phrase('scheduled', lang)}: {event.act}"
    if event.to_state is not None:
        arrow = f"{event.from_state} → {event.to_state}" if event.from_state != event.to_state else event.to_state
        text += f": {arrow}"
    if event.set:
        text += " {" + ", ".join(f"{k}={_show(v)}" for k, v in event.set.items()) + "}"
    return text + cite(event.cites)


def _show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def describe(profile: Profile, event: Event, lang: str = "en") -> list[str]:
    """The event's headline, then one line per vote (numbers against thresholds)."""
    lines = [headline(profile, event, lang)]
    if event.kind == "deadline" and event.matter is not None:
        lines.append("  " + deadline_description(profile, event.act, event.to_state, lang))
    rule_cites = _rule_cites(profile, event)
    lines += ["  " + tally_line(profile, t, rule_cites, lang) for t in event.votes]
    if event.referendum is not None:
        lines += ["  " + line for line in referendum_lines(profile, event.referendum, rule_cites, lang)]
    for key in ("dissolve", "convene"):
        chambers = event.effects.get(key)
        if chambers:
            names = ", ".join(chamber_name(profile, c, lang) for c in chambers)
            lines.append(f"  {names}: {phrase('dissolved' if key == 'dissolve' else 'convened', lang)}")
    schedule = event.effects.get("schedule")
    if isinstance(schedule, dict):
        lines.append(f"  {phrase('scheduled', lang)}: {schedule['act']} {schedule['due']}")
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
    text = act.label()
    needs = [f"{chamber_name(profile, v.chamber, lang)} {v.required}/{v.size}" for v in act.votes]
    if needs:
        text += " — " + ", ".join(needs) + ": " + threshold_text(profile, act.votes[0].threshold, lang)
    text += cite(act.cites)
    if act.last_day is not None:
        text += f"; {phrase('last day', lang)} {act.last_day}"
    return text
