"""The profile itself in words: ``respublika show``'s tree and ``respublika cite``'s lines.

Every id is shown by its label (:mod:`respublika.render.labels`), every fixed word comes from
the catalogue, dates in the language's long form.
"""

from __future__ import annotations

import re
from typing import Any

from rich.markup import escape
from rich.tree import Tree

from respublika.i18n import format_day, pick, translator
from respublika.i18n.sentences import translation
from respublika.profile.query import FILLED_BY_LABEL, entry_node
from respublika.profile.schema import Profile
from respublika.render.labels import (
    act_label,
    actor_label,
    election_label,
    game_label,
    institution_label,
    label,
    matter_label,
    outcome_label,
    path_label,
    rule_label,
    seat_kind_label,
    state_label,
    threshold_label,
    unit_label,
)


def cites_text(cites: list[str]) -> str:
    return "[" + ", ".join(cites) + "]"


def _who(profile: Profile, who: str, lang: str) -> str:
    """An institution's name, or a generic actor (``people``, ``units``) by its label."""
    return institution_label(profile, who, lang) if who in profile.institutions else actor_label(profile, who, lang)


def seat_line(profile: Profile, seat: dict[str, Any], lang: str = "en") -> str:
    """``98 seats: proportional representation (party lists) — party lists [S18]``."""
    _ = translator(lang)
    how = _(FILLED_BY_LABEL.get(seat["filled_by"], seat["filled_by"]))
    kind = seat_kind_label(profile, seat["id"], lang)
    line = f"{seat['seats']} {_('seats')}: {how}" + ("" if kind.lower() in how.lower() else f" ({kind})")
    if "per_unit" in seat:
        line += f" ({seat['per_unit']} x {seat['units']} {_('units')})"
    if seat.get("by") not in (None, "people", "units") and seat["filled_by"] not in ("membership", "assembly"):
        template = "appointed by {who}" if seat["filled_by"] == "appointment" else "elected by {who}"
        line += ", " + _(template).format(who=_who(profile, seat["by"], lang))
    if seat.get("electors"):
        line += f", {_('electors')}: {_who(profile, seat['electors'], lang)}"
    if seat.get("election"):
        line += f", {_('election')}: {election_label(profile, seat['election'], lang)}"
    if seat.get("term_years"):
        line += f", {_('term')} {seat['term_years']} {_('years')}"
    return line + f" {cites_text(seat['cites'])}"


def render_tree(profile: Profile, data: dict[str, Any], lang: str = "en") -> Tree:
    """The institutions by branch (sizes, terms, seats, thresholds, citations), then the units."""
    _ = translator(lang)
    state = data["state"]
    root = Tree(
        f"[bold]{escape(state.get(f'name_{lang}') or state['name'])}[/] — {_(state['form'])} "
        f"({_('Independence')} {format_day(state['independence'], lang)}, "
        f"{_('Constitution')} {format_day(state['constitution'], lang)}) {cites_text(state['cites'])}"
    )
    institutions = data["institutions"]
    for branch, members in data["branches"].items():
        node = root.add(f"[bold cyan]{_(branch)}[/]")
        for iid in members:
            inst = institutions[iid]
            bits = []
            if "size" in inst:
                bits.append(f"{_('size')} {inst['size']}")
            if "bodies" in inst:
                bits.append(f"{inst['bodies']} {_('bodies')}, {_('one per unit')}")
            if "term_years" in inst:
                bits.append(f"{_('term')} {inst['term_years']} {_('years')}")
            if "elected_by" in inst:
                bits.append(_("elected by the people") if inst["elected_by"] == "people"
                            else _("elected by {who}").format(who=_who(profile, inst["elected_by"], lang)))
            if "appointed_by" in inst:
                bits.append(_("appointed by {who}").format(who=_who(profile, inst["appointed_by"], lang)))
            if "supervised_by" in inst:
                bits.append(_("supervised by {who}").format(who=_who(profile, inst["supervised_by"], lang)))
            if "ethnic_groups" in inst:
                bits.append(f"{inst['ethnic_groups']} {_('ethnic groups')}")
            detail = f" — {', '.join(bits)}" if bits else ""
            child = node.add(f"[bold]{escape(institution_label(profile, iid, lang))}[/]{escape(detail)} "
                             f"{cites_text(inst['cites'])}")
            for seat in inst.get("seats", []):
                seat_node = child.add(escape(seat_line(profile, seat, lang)))
                for cls in seat.get("classes", []):
                    seat_node.add(
                        f"{_('class')} {cls['class']}: {cls['seats']} {_('seats')}, "
                        f"{_('renewed every')} {cls['renewed_every_years']} {_('years')}"
                    )
            if inst.get("thresholds"):
                marks = ", ".join(f"{threshold_label(profile, tid, lang)}: {t['required']}"
                                  for tid, t in inst["thresholds"].items())
                child.add(escape(f"{_('thresholds')}: {marks}"))
    units = data["units"]
    regions = [uid for uid, u in units.items() if u["kind"] == "region"]
    cities = [uid for uid, u in units.items() if u["kind"] == "city"]
    unit_node = root.add(f"[bold cyan]{_('Territorial units')}[/] ({len(units)})")
    for name, group in ((_("regions"), regions), (_("cities"), cities)):
        names = ", ".join(unit_label(profile, uid, lang) for uid in group)
        unit_node.add(escape(f"{name} ({len(group)}): {names}"))
    root.add(f"{_('Assumptions in force')}: {', '.join(data['assumptions'])}")
    if data.get("version"):
        root.add(escape(f"{_('Version in force')}: {data['version']} ({_('as of')} {format_day(data['as_of'], lang)})"))
    return root


_STEP = re.compile(r"([^.\[\]]+)(?:\[([^\]]*)\])?")


def entry_label(profile: Profile, path: str, lang: str = "en") -> str:
    """A profile path in words: ``procedure.matters.bill.rules[senate_vote]`` →
    ``Bill › rule: the Senate's vote``; ``thresholds.two_thirds`` → ``threshold: two thirds``."""
    _ = translator(lang)
    parts = [(m.group(1), m.group(2)) for m in _STEP.finditer(path)]
    names = [p for p, _i in parts]
    out: list[str] = []
    kind: str | None = None
    i = 0
    while i < len(parts):
        part, item = parts[i]
        nxt = names[i + 1] if i + 1 < len(names) else None
        if part == "procedure":
            i += 1
            continue
        if part in ("thresholds", "durations", "elections", "institutions", "units", "acts", "games",
                    "matters", "states", "seats", "sources", "assumptions") and nxt is not None:
            ident = nxt
            word = {"thresholds": "required share", "durations": "duration", "elections": "election",
                    "institutions": "institution", "units": "unit", "acts": "act", "games": "game",
                    "matters": "kind of matter", "states": "state", "seats": "seats",
                    "sources": "source", "assumptions": "assumption"}[part]
            if part == "matters":
                kind = ident
                out.append(matter_label(profile, ident, lang))
            elif part == "states":
                out.append(f"{_(word)}: {state_label(profile, kind, ident, lang)}")
            elif part == "acts":
                out.append(f"{_(word)}: {act_label(profile, ident, lang)}")
            elif part == "games":
                out.append(f"{_(word)}: {game_label(profile, ident, lang)}")
            elif part in ("sources", "assumptions"):
                out.append(f"{_(word)} {ident}")
            else:
                kinds = {"thresholds": "thresholds", "durations": "durations", "elections": "elections",
                         "institutions": "institutions", "units": "units", "seats": "seats"}
                out.append(f"{_(word)}: {label(profile, kinds[part], ident, lang)}")
            i += 2
            continue
        if part == "republic":
            out.append(_("the Republic"))
        elif part == "rules" and item is not None:
            out.append(f"{_('rule')}: {rule_label(profile, item, lang)}")
        elif part in ("passed", "rejected"):
            what = _("if passed") if part == "passed" else _("if rejected")
            out.append(what + (f": {outcome_label(profile, item, lang)}" if item not in (None, "None") else ""))
        elif part == "paths" and item is not None:
            out.append(f"{_('path')}: {path_label(profile, item, lang)}")
        elif part == "require":
            out.append(_("condition"))
        elif part == "deadline":
            out.append(_("deadline"))
        elif part == "state":
            out.append(_("the state"))
        else:
            out.append(_(part.replace("_", " ")))
        i += 1
    return " › ".join(out)


def entry_description(profile: Profile, path: str, lang: str = "en") -> str:
    """The entry's own name or description in ``lang`` (empty when it has none)."""
    node = entry_node(profile, path)
    if node is None:
        return ""
    for key in ("description", "name"):
        value = node.get(key)
        if isinstance(value, dict) and value:
            return pick(value, lang) if lang in value else ""
        if isinstance(value, str) and value and lang == "en":
            return value
    return ""


def switch_lines(alt: dict[str, Any], indent: str, lang: str = "en") -> list[str]:
    """An alternative's ``--set`` switches (shell-quoted), or why this version has none."""
    if not alt.get("switch"):
        return []
    if alt.get("applies", True):
        return [f"{indent}{alt['switch']}"]
    return [f"{indent}({translator(lang)('this version has nothing this switch could change')})"]


def assumption_words(data: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """An assumption's data (``profile.query.assumption_summary``) with its question, default,
    reason, note and its alternatives' descriptions in ``lang``: the profile's own
    ``words.<lang>`` where it has them, else the English through the catalogue."""
    own = (data.get("words") or {}).get(lang) or {}
    out = dict(data)
    for key in ("question", "default", "reason", "note"):
        if data.get(key):
            out[key] = own.get(key) or pick({"en": data[key]}, lang)
    described = own.get("alternatives") or {}
    out["alternatives"] = [
        {**alt, "description": described.get(alt["id"]) or pick({"en": alt["description"]}, lang), "title": alt["id"]}
        for alt in data.get("alternatives", [])
    ]
    return out


def cite_lines(profile: Profile, data: dict[str, Any], lang: str = "en") -> list[str]:
    """``respublika cite``: the text cited, its readings and switches, what implements it."""
    _ = translator(lang)
    lines: list[str] = []
    if data["type"] == "assumption":
        data = assumption_words(data, lang)
        lines.append(f"{_('Assumption')} {data['id']}: {data['question']}")
        lines.append(f"  {_('Default')}: {data['default']}")
        lines.append(f"  {_('Reason')}: {data['reason']}")
        if data["articles"]:
            lines.append(f"  {_('Articles')}: {', '.join(data['articles'])}")
        if data["alternatives"]:
            lines.append(f"  {_('Alternatives')}:")
            for alt in data["alternatives"]:
                lines.append(f"    - {alt['title']}: {alt['description']}")
                lines.extend(switch_lines(alt, "      ", lang))
        if data.get("note"):
            lines.append(f"  {_('Note')}: {data['note']}")
    else:
        head = _("Sentence") if data["type"] == "sentence" else _("Article")
        lines.append(f"{head} {data['id']}")
        translated = translation(lang, str(data["id"]), str(data["text_de"])) if data.get("text_de") else None
        if translated is not None:  # the reader's language first, marked as a translation
            mark = _("a machine-made draft, not yet reviewed") if translated["machine"] else ""
            lines.append(f"  {lang}: {translated['text']}")
            lines.append(f"      ({_('Translation of the German original')}{'; ' + mark if mark else ''})")
        if data.get("text_de") or data["type"] == "sentence":
            lines.append(f"  de: {data['text_de']}")
        english = [f"  en: {data['text_en']}"]
        if data.get("text_ru"):  # the official Russian wording: first for a Russian reader, else after the English
            official = f"  ru: {data['text_ru']} ({_('the official Russian text')})"
            english = [official, *english] if lang == "ru" else [*english, official]
        lines.extend(english)
        for key, name in (("url_ru", _("Official Russian text")), ("url_kk", _("Official Kazakh text"))):
            if data.get(key):
                lines.append(f"  {name}: {data[key]}")
        if data["asks"]:
            lines.append(f"  {_('What it asks of the model')}: {data['asks']}")
        for reading in data.get("readings", []):
            reading = assumption_words(reading, lang)
            lines.append(f"  {_('Assumption')} {reading['id']}: {reading['question']}")
            lines.append(f"    {_('Default')}: {reading['default']}")
            for alt in reading["alternatives"]:
                lines.append(f"    - {alt['title']}: {alt['description']}")
                lines.extend(switch_lines(alt, "      ", lang))
    lines.append(f"  {_('Implemented by')}:")
    if not data["implemented_by"]:
        lines.append(f"    {_('nothing in this profile')}")
    for entry in data["implemented_by"]:
        what = entry_description(profile, entry["path"], lang)
        name = entry_label(profile, entry["path"], lang)
        lines.append(f"    {name}" + (f" — {what}" if what and what != name else "") + f" {cites_text(entry['cites'])}")
    return lines
