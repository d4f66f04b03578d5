"""The web pages' words: labels for the ids a page shows, sentences for the data the pages
hold, and refusals and errors as a person reads them — built on :mod:`respublika.render.labels`
(the profile's labels tables, then the catalogue) in the visitor's language.

:class:`Words` is what a template calls (``W.state(kind, state)``, ``W.inst(id)``, ...): one
object per request, bound to its profile and language. Nothing here decides anything.
"""

from __future__ import annotations

import re
from typing import Any

from respublika.i18n import translator
from respublika.profile.schema import Profile
from respublika.render import labels
from respublika.render.power_text import findings_text

# How an article is cited in a language whose official text numbers them so (docs/glossary.*.md).
_ARTICLE = {"ru": "ст. {}", "kk": "{}-бап"}

CITES = re.compile(r"\s*\[([^\[\]]+)\]")
"""``[S22, A1]`` in an engine's message: the citations it names."""


class Words:
    """The labels of one profile's ids in one language, for a page's template."""

    def __init__(self, profile: Profile, lang: str) -> None:
        self.profile, self.lang = profile, lang
        self._ = translator(lang)

    def assumption(self, data: dict[str, Any]) -> dict[str, Any]:
        """An assumption's entry (``cite``) with its question, default, reason, note and the
        alternatives' descriptions in the reader's language."""
        from respublika.render.constitution_text import assumption_words

        return assumption_words(data, self.lang)

    def cite(self, ident: str) -> str:
        """A citation chip's text: an article of the real constitution as the reader's language
        cites it (``Art. 44(2) (1995)`` → ``ст. 44(2) (1995)`` in Russian, ``44(2)-бап (1995)`` in
        Kazakh); sentence and assumption ids stay as they are."""
        form = _ARTICLE.get(self.lang)
        if form is None:
            return ident
        return re.sub(r"\bArt\.\s*(\d+(?:\(\d+\))?)", lambda m: form.format(m[1]), ident)

    def inst(self, ident: Any) -> str:
        """An institution, or a generic actor (``people``)."""
        return labels.actor_label(self.profile, str(ident), self.lang)

    def seat(self, ident: str) -> str:
        return labels.seat_kind_label(self.profile, ident, self.lang)

    def election(self, ident: str) -> str:
        return labels.election_label(self.profile, ident, self.lang)

    def threshold(self, ident: str) -> str:
        return labels.threshold_label(self.profile, ident, self.lang)

    def threshold_labels(self) -> dict[str, str]:
        """Every threshold's label (the forecast's columns, which the page's script draws)."""
        return {key: self.threshold(key) for key in self.profile.thresholds}

    def threshold_text(self, ident: str) -> str:
        return labels.threshold_text(self.profile, ident, self.lang)

    def act(self, ident: str) -> str:
        return labels.act_label(self.profile, ident, self.lang)

    def act_summary(self, ident: str) -> str:
        return labels.act_summary(self.profile, ident, self.lang)

    def act_text(self, ident: str) -> str:
        return labels.act_text(self.profile, ident, self.lang)

    def actor(self, ident: str) -> str:
        return labels.actor_label(self.profile, ident, self.lang)

    def param(self, act: str | None, name: str) -> str:
        return labels.param_label(self.profile, act, name, self.lang)

    def value(self, value: Any) -> str:
        if value is None or value == "":
            return "—"
        return labels.value_label(self.profile, value, self.lang)

    def matter(self, kind: str) -> str:
        return labels.matter_label(self.profile, kind, self.lang)

    def state(self, kind: str | None, state: str) -> str:
        return labels.state_label(self.profile, kind, state, self.lang)

    def state_any(self, state: str) -> str:
        """A state named without its kind (the list's filter): the first kind that has it."""
        for kind, spec in self.profile.procedure.matters.items():
            if state in spec.states:
                return self.state(kind, state)
        return self.state(None, state)

    def var(self, ident: str) -> str:
        return labels.var_label(self.profile, ident, self.lang)

    def outcome(self, ident: str) -> str:
        return labels.outcome_label(self.profile, ident, self.lang)

    def outcome_labels(self) -> dict[str, str]:
        """The simulation's outcomes (``introduced``, ``passed``, ...) with their labels."""
        from respublika.simulate.recorder import OUTCOMES

        return {key: self.outcome(key) for key in OUTCOMES}

    def path(self, ident: str) -> str:
        return labels.path_label(self.profile, ident, self.lang)

    def rule(self, ident: str) -> str:
        return labels.rule_label(self.profile, ident, self.lang)

    def index(self, key: str) -> str:
        """A power index by its key (``shapley_shubik``) or name (``shapley-shubik``)."""
        return labels.index_label(self.profile, key, self.lang)

    def unit(self, ident: str) -> str:
        return labels.unit_label(self.profile, ident, self.lang)

    def section(self, ident: str) -> str:
        """A section of the power table (``offices``, ``chambers``, ``parties``, ``kinds``)."""
        return self._({"offices": "Offices", "chambers": "Chambers", "parties": "Parties",
                       "kinds": "Seat kinds"}.get(ident, ident))

    def player(self, section: str, ident: str) -> str:
        """A row of the power table: an office or chamber by its name, a seat kind by its
        label, a party as it was typed."""
        if section == "kinds":
            chamber, _, seat = ident.partition(":")
            if seat:
                return f"{self.inst(chamber)}: {self.seat(seat)}"
            return self.seat(ident)
        if section in ("offices", "chambers") or ident in self.profile.institutions:
            return self.inst(ident)
        return ident

    def entry(self, entry: dict[str, Any]) -> str:
        """A profile entry that cites a source (``implemented_by``), by its path: a rule, an
        act, a threshold, an institution or its seats in words; else the entry's own label."""
        path = str(entry.get("path", ""))
        m = re.fullmatch(r"procedure\.matters\.([^.\[]+)\.rules\[([^\]]+)\](?:\.([a-z_]+)(?:\[[^\]]*\])?)?",
                         path)
        if m:
            # ``...rules[R].passed[None]``: the rule's outcome of that name (a vote passed, ...)
            outcome = f" ({self.outcome(m[3])})" if m[3] else ""
            return f"{self.matter(m[1])}: {self.rule(m[2])}{outcome}"
        m = re.fullmatch(r"procedure\.acts\.([^.\[]+)", path)
        if m:
            return self.act_text(m[1])
        m = re.fullmatch(r"thresholds\.([^.\[]+)", path)
        if m and m[1] in self.profile.thresholds:
            return self.threshold_text(m[1])
        m = re.fullmatch(r"institutions\.([^.\[]+)(?:\.seats\.([^.\[]+))?", path)
        if m and m[1] in self.profile.institutions:
            return self.inst(m[1]) + (f": {self.seat(m[2])}" if m[2] else "")
        return str(entry.get("label") or path)

    def republic(self, status: dict[str, Any]) -> list[tuple[str, str]]:
        """The Republic's status as lines of words: its variables, who is not sitting, the
        timers, the clock (never a Python dict)."""
        _ = self._
        rows: list[tuple[str, str]] = []
        for key, value in (status.get("vars") or {}).items():
            rows.append((self.var(key), self.value(value)))
        not_sitting = status.get("not_sitting") or {}
        if isinstance(not_sitting, dict):
            for who, until in not_sitting.items():
                rows.append((_("not sitting"), f"{self.inst(who)}" + (f" ({_('until')} {until})" if until else "")))
        elif not_sitting:
            rows.append((_("not sitting"), ", ".join(self.inst(w) for w in not_sitting)))
        if not not_sitting:
            rows.append((_("not sitting"), _("every body sits")))
        for timer in status.get("timers") or []:
            rows.append((_("due"), f"{timer.get('due', '')}: {self.act(str(timer.get('act', '')))}"))
        if status.get("clock"):
            rows.append((_("as of"), str(status["clock"])))
        return rows

    def findings(self, result: dict[str, Any]) -> list[str]:
        """The power page's findings in words: the same sentences as ``respublika power``
        (``render.power_text.findings_text``, from the game's finding data)."""
        return findings_text(self.profile, result, self.lang)


def refusal(exc: BaseException, lang: str) -> dict[str, Any]:
    """A refused act as a page shows it: the message in the reader's language and the
    citations it names (``[S22, A1]``, as chips), with the rule when the engine names it."""
    from respublika.render.errors import error_text

    message = error_text(exc, lang)
    cites: list[str] = []
    for group in CITES.findall(message):
        cites.extend(c.strip() for c in group.split(",") if c.strip())
    rule = re.search(r"\s*\(rule ([A-Za-z0-9_.-]+)\)", message)
    text = CITES.sub("", message if rule is None else message.replace(rule[0], ""))
    return {"message": text.strip(), "full": message, "cites": list(dict.fromkeys(cites)),
            "rule": rule[1] if rule else None}


ERROR_TITLES = {
    400: "The request cannot be answered",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed",
    413: "Too large",
    422: "Invalid input",
    500: "Something went wrong on the server",
    503: "Busy: try again in a moment",
}


def error_title(status: int, lang: str) -> str:
    """The heading of an error page (``Page not found``), in ``lang``."""
    return translator(lang)(ERROR_TITLES.get(status, "Error"))


def field_errors(errors: list[dict[str, Any]], lang: str) -> list[str]:
    """A request's field errors as lines: ``seats: Input should be a valid integer``."""
    _ = translator(lang)
    out = []
    for err in errors:
        where = [str(p) for p in err.get("loc", ()) if str(p) not in ("query", "body", "path")]
        out.append(f"{'.'.join(where) or _('request')}: {_(str(err.get('msg', '')))}")
    return out
