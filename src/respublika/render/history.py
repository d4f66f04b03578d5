"""Words for a history replay (:mod:`respublika.app.history`): statuses, the closing note,
one line per event, in the reader's language through the catalogue."""

from __future__ import annotations

from typing import Any

from respublika.i18n import translator

STATUS_WORDS = {
    "accepted": "legal",
    "departure": "recorded departure",
    "unmodelled": "not modelled",
    "refused": "refused (model error)",
}


def status_word(status: str, lang: str = "en") -> str:
    return translator(lang)(STATUS_WORDS.get(status, status))


def closing_note(result: dict[str, Any], lang: str = "en") -> str:
    """``48 events: 45 legal under the version in force, 1 recorded departure, ...``."""
    _ = translator(lang)
    c = result["counts"]
    return _("{total} events: {accepted} legal under the version in force, {departure} recorded "
             "departures, {unmodelled} not modelled, {refused} refused").format(total=result["total"], **c)


def event_line(event: dict[str, Any], lang: str = "en") -> str:
    _ = translator(lang)
    version = event.get("version") or _("no version")
    return f"{event['date']}  {event['title']}  [{status_word(event['status'], lang)}; {_('version')} {version}]"


def rule_text(event: dict[str, Any]) -> str:
    """The rule that allowed the event: its id and citations, or the reason it was refused."""
    rule = event.get("rule")
    if not rule:
        return str(event.get("reason", ""))
    cites = ", ".join(c for c in rule.get("cites") or [] if c)
    head = rule.get("act") or rule.get("id") or ""
    return f"{head} [{cites}]" if cites else str(head)
