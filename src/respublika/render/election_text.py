"""An election's result in words, in a language: the engine's explained steps (each kept as a
message template and its data, :class:`respublika.elections.explain.Said`) put through the
catalogue, and the headings of ``respublika elect`` and ``respublika forecast``.

The engine's JSON keeps ``text`` (the English) beside ``template`` and ``args``; a step
without a template (an older kind of step) is looked up by its English text, else shown as
it is.
"""

from __future__ import annotations

import re
from typing import Any

from respublika.i18n import babel_locale, format_number, translator

_DECIMAL = re.compile(r"^(-?\d+)\.(\d+)( %)?$")
_IN_TEXT_DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.])")


def _decimal_symbol(lang: str) -> str:
    from babel.numbers import get_decimal_symbol

    return str(get_decimal_symbol(babel_locale(lang)))


def said(value: Any, lang: str = "en") -> str:
    """One value of a step's data in ``lang``: a template with its args, a whole number with
    the language's grouping, a decimal with its decimal sign, a list joined by ``"; "``, and a
    text through the catalogue (a method's name) or as it is (a party's name)."""
    _ = translator(lang)
    if isinstance(value, dict) and "template" in value:
        return said_template(value["template"], value.get("args") or {}, lang)
    if isinstance(value, list):
        return "; ".join(said(item, lang) for item in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, lang)
    text = str(value)
    found = _DECIMAL.match(text)
    if found:
        return f"{found.group(1)}{_decimal_symbol(lang)}{found.group(2)}{found.group(3) or ''}"
    if "/" in text and "≈" in text:  # a fraction shown with its decimal: 445000/49 (≈ 9081.6327)
        mark = _decimal_symbol(lang)
        return _IN_TEXT_DECIMAL.sub(lambda m: f"{m.group(1)}{mark}{m.group(2)}", text)
    return _(text)


def said_template(template: str, args: dict[str, Any], lang: str = "en") -> str:
    """``template`` translated, its fields filled by :func:`said`."""
    _ = translator(lang)
    return _(template).format(**{key: said(value, lang) for key, value in args.items()})


def step_text(step: dict[str, Any], lang: str = "en") -> str:
    """A step of an election's ``explain`` list, without its citations, in ``lang``."""
    if "template" in step:
        return said_template(step["template"], step.get("args") or {}, lang)
    return translator(lang)(str(step.get("text", "")))


def step_lines(steps: list[dict[str, Any]], lang: str = "en") -> list[str]:
    """``• text [cites]`` for each step."""
    out = []
    for step in steps:
        cites = step.get("cites") or []
        tail = f" [{', '.join(cites)}]" if cites else ""
        out.append(f"  • {step_text(step, lang)}{tail}")
    return out


def form_label(form: str, lang: str = "en") -> str:
    """The kind of results an elected body takes, in words."""
    words = {"chamber_lists": "chamber lists", "local_lists": "local lists", "office": "office",
             "unit_seats": "unit seats", "body_vote": "body vote"}
    return translator(lang)(words.get(form, form.replace("_", " ")))


def bodies_lines(profile: Any, rows: list[dict[str, Any]], lang: str = "en") -> list[str]:
    """``respublika elect --list``: each elected body in words, and the command that elects it."""
    from respublika.render.labels import election_label, institution_label

    _ = translator(lang)
    out = []
    for row in rows:
        seats = _("{n} seats").format(n=format_number(row["seats"], lang)) if row["seats"] != 1 else _("1 seat")
        out.append(f"{election_label(profile, row['id'], lang)}: {institution_label(profile, row['institution'], lang)}"
                   f" ({seats}; {_('results')}: {form_label(row['form'], lang)})")
        out.append(f"    respublika elect {row['id']}")
    return out


def chamber_heading(profile: Any, data: dict[str, Any], lang: str = "en") -> str:
    """``Mazhilis: 98 seats by party list (election of the deputies), profile seed as of …``."""
    from respublika.i18n import format_day
    from respublika.render.labels import election_label, institution_label

    _ = translator(lang)
    head = _("{institution}: {seats} seats by party list ({election}), profile {profile}").format(
        institution=institution_label(profile, data["institution"], lang), seats=format_number(data["total_seats"], lang),
        election=election_label(profile, data["body"], lang), profile=profile.id)
    if profile.as_of:
        head += " " + _("as of {day}").format(day=format_day(profile.as_of, lang))
    return head


def decimal_point(text: str, lang: str = "en") -> str:
    """A decimal written with ``.`` (``0.905``) in ``lang``'s decimal sign."""
    return text.replace(".", _decimal_symbol(lang)) if _DECIMAL.match(text) else text
