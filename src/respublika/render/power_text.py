"""``respublika power`` in words: the requirements, the players and the findings of a profile's
law-making game, every id by its label, in a language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from respublika.i18n import translator
from respublika.profile.schema import Profile
from respublika.render.labels import institution_label, path_label, rule_label, seat_kind_label

SEP = ":"


def group_label(profile: Profile, group: str, lang: str = "en") -> str:
    """A player of the game: an office or chamber (``Senate``), a seat kind of a chamber
    (``Mazhilis: party lists``), or a party (as it is named)."""
    if SEP in group:
        chamber, _, kind = group.partition(SEP)
        if chamber in profile.institutions:
            return f"{institution_label(profile, chamber, lang)}: {seat_kind_label(profile, kind, lang)}"
        return group
    return institution_label(profile, group, lang) if group in profile.institutions else group


def requirement_row(profile: Profile, r: Mapping[str, Any], lang: str = "en") -> list[str]:
    """path, vote, chamber, needs, threshold, sources."""
    _ = translator(lang)
    return [path_label(profile, r["path"], lang), rule_label(profile, r["rule"], lang),
            institution_label(profile, r["chamber"], lang),
            _("{n} of {size}").format(n=r["required"], size=r["size"]),
            f"{_('more than') if r['strict'] else _('at least')} {r['share']}", ", ".join(r["cites"])]


def assent_row(profile: Profile, path: str, office: str, lang: str = "en") -> list[str]:
    _ = translator(lang)
    return [path_label(profile, path, lang), _("assent"), institution_label(profile, office, lang),
            _("{n} of {size}").format(n=1, size=1), "", ""]


SECTIONS = (("offices", "office"), ("chambers", "chamber"), ("parties", "party"), ("kinds", "seats"))


def player_label(profile: Profile, section: str, label: str, lang: str = "en") -> str:
    """``office: President``, ``seats: Mazhilis: party lists`` (a row of the power table)."""
    title = dict(SECTIONS)[section]
    return f"{translator(lang)(title)}: {label if section == 'parties' else group_label(profile, label, lang)}"


def finding_text(profile: Profile, finding: Mapping[str, Any], lang: str = "en") -> str:
    """One finding (``games.legislature.finding_data``) as a sentence."""
    _ = translator(lang)
    who = group_label(profile, str(finding["who"]), lang)
    path = path_label(profile, str(finding.get("path", "")), lang)
    kind = finding["kind"]
    if kind == "dummy":
        return _("The assent of {who} adds no voting power: every coalition that can pass a bill with it can "
                 "also pass it without it (a dummy player).").format(who=who)
    if kind == "veto":
        return _("{who} is a veto player: no bill becomes law without it.").format(who=who)
    if kind == "alone":
        return _("{who} alone can carry the path: {path}.").format(who=who, path=path)
    if kind == "with_offices":
        offices = ", ".join(group_label(profile, o, lang) for o in finding.get("offices", []))
        return _("{who}, with {offices}, can carry the path: {path}.").format(who=who, offices=offices, path=path)
    return _("{who} can block every bill alone: without it no path can be carried.").format(who=who)


def findings_text(profile: Profile, result: Mapping[str, Any], lang: str = "en") -> list[str]:
    """The findings in ``lang`` (the English ``findings`` when the data is absent)."""
    data = result.get("finding_data")
    if not isinstance(data, list):
        return [str(line) for line in result.get("findings") or []]
    return [finding_text(profile, f, lang) for f in data]


def summary_lines(profile: Profile, result: Mapping[str, Any], lang: str = "en") -> list[str]:
    """``Veto players: …`` and ``Dummies: …`` (Rich markup), by the players' labels."""
    from rich.markup import escape

    _ = translator(lang)

    def names(key: str) -> str:
        return ", ".join(escape(group_label(profile, str(n), lang)) for n in result.get(key) or []) or _("none")

    return [f"[bold]{_('Veto players:')}[/] {names('veto_players')}", f"[bold]{_('Dummies:')}[/] {names('dummies')}"]
