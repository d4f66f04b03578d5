"""Questions answered from a profile: composition, thresholds as counts, citations, names.

Pure functions returning plain, JSON-ready data; the CLI and the web app render them.
"""

from __future__ import annotations

import shlex
from typing import Any

from respublika.calendar import parse_duration
from respublika.errors import InputError
from respublika.exact import format_fraction, required_count
from respublika.profile.schema import Institution, Profile, ThresholdRule
from respublika.profile.validate import cited_entries, seat_count, units_of

BRANCH_ORDER = ("executive", "legislative", "judicial")
"""The three powers, in the order the text names them (S03); every institution has one."""
LEVEL_ORDER = ("national", "regional", "local")
"""Where institutions act; within a power, national bodies come first."""
FILLED_BY_LABEL = {
    "direct_pr": "proportional representation (party lists)",
    "direct": "direct election",
    "indirect_unit": "elected indirectly in each unit",
    "assembly": "elected by the Assembly",
    "appointment": "appointed",
    "membership": "members",
}
"""English labels (message ids of the catalogue) of the ways seats are filled."""


def resolve_institution(profile: Profile, name: str) -> str:
    """The id of the institution called ``name`` (id, name or alias; case-insensitive)."""
    wanted = name.strip().casefold()
    for iid, inst in profile.institutions.items():
        if wanted in {a.casefold() for a in (iid, inst.name, inst.name_de, *inst.aliases) if a}:
            return iid
    known = ", ".join(profile.institutions)
    raise InputError(f"unknown institution {name!r} (known: {known})")


def chambers(profile: Profile) -> list[str]:
    """Ids of the bodies that vote on laws (kind ``chamber``), in profile order."""
    return [iid for iid, inst in profile.institutions.items() if inst.kind == "chamber"]


def threshold_count(profile: Profile, threshold: str | ThresholdRule, size: int) -> int:
    """Members needed to meet ``threshold`` of a body of ``size`` (total-membership base)."""
    rule = profile.thresholds[threshold] if isinstance(threshold, str) else threshold
    return required_count(size, rule.share, strict=rule.strict)


def describe_threshold(rule: ThresholdRule) -> str:
    words = "more than" if rule.strict else "at least"
    return f"{words} {format_fraction(rule.share)} of {rule.of.replace('_', ' ')}"


def _seat_entries(profile: Profile, inst: Institution) -> list[dict[str, Any]]:
    out = []
    for sid, rule in inst.seats.items():
        total = seat_count(profile, rule)
        entry: dict[str, Any] = {
            "id": sid,
            "seats": total,
            "filled_by": rule.filled_by,
            "by": rule.by,
            "term_years": rule.term_years,
            "cites": list(rule.cites),
        }
        if rule.per_unit is not None:
            entry["per_unit"] = rule.per_unit
            entry["units"] = len(units_of(profile, rule.units))
        if rule.electors:
            entry["electors"] = rule.electors
        if rule.election:
            entry["election"] = rule.election
        if rule.classes > 1:
            per_class = total // rule.classes
            entry["classes"] = [
                {"class": k + 1, "seats": per_class, "renewed_every_years": rule.renewal_years}
                for k in range(rule.classes)
            ]
        out.append(entry)
    return out


def institution_summary(profile: Profile, iid: str) -> dict[str, Any]:
    inst = profile.institutions[iid]
    entry: dict[str, Any] = {
        "id": iid,
        "name": inst.name,
        "name_de": inst.name_de,
        "branch": inst.branch,
        "level": inst.level,
        "kind": inst.kind,
    }
    if inst.description:
        entry["description"] = dict(inst.description)
    for key in ("part_of", "size", "term_years", "elected_by", "appointed_by", "supervised_by",
                "ethnic_groups", "election"):
        value = getattr(inst, key)
        if value is not None:
            entry[key] = value
    if inst.per_unit is not None:
        entry["per_unit"] = inst.per_unit
        entry["bodies"] = len(units_of(profile, inst.per_unit))
        entry["units"] = units_of(profile, inst.per_unit)
    if inst.seats:
        entry["seats"] = _seat_entries(profile, inst)
    if inst.aliases:
        entry["aliases"] = list(inst.aliases)
    if inst.responsibilities:
        entry["responsibilities"] = list(inst.responsibilities)
    if inst.kind == "chamber" and inst.size is not None:
        entry["thresholds"] = {
            tid: {"required": threshold_count(profile, rule, inst.size), "cites": list(rule.cites)}
            for tid, rule in profile.thresholds.items()
            if rule.of == "total_membership" and tid in vote_thresholds(profile)
        }
    entry["cites"] = list(inst.cites)
    return entry


def vote_thresholds(profile: Profile) -> set[str]:
    """Thresholds that some vote of a chamber uses."""
    used: set[str] = set()
    for matter in profile.procedure.matters.values():
        for rule in matter.rules:
            if rule.vote is not None and rule.vote.kind == "division":
                used.add(rule.vote.threshold)
    return used


def composition(profile: Profile) -> dict[str, Any]:
    """The whole state: institutions by branch (national before regional bodies, else in
    profile order) and by level, units, elections, thresholds, durations."""
    by_level = sorted(profile.institutions, key=lambda iid: LEVEL_ORDER.index(profile.institutions[iid].level))
    return {
        "profile": profile.id,
        "title": profile.title,
        "state": {**profile.state.model_dump(mode="json")},
        "branches": {
            branch: [iid for iid in by_level if profile.institutions[iid].branch == branch]
            for branch in BRANCH_ORDER
            if any(inst.branch == branch for inst in profile.institutions.values())
        },
        "levels": {
            level: [iid for iid, inst in profile.institutions.items() if inst.level == level]
            for level in LEVEL_ORDER
            if any(inst.level == level for inst in profile.institutions.values())
        },
        "institutions": {iid: institution_summary(profile, iid) for iid in profile.institutions},
        "units": {uid: unit.model_dump(mode="json") for uid, unit in profile.units.items()},
        "elections": {
            eid: rule.model_dump(mode="json", exclude_defaults=True) | {"kind": rule.kind}
            for eid, rule in profile.elections.items()
        },
        "thresholds": {
            tid: {
                "share": format_fraction(rule.share),
                "strict": rule.strict,
                "of": rule.of,
                "meaning": describe_threshold(rule),
                "cites": list(rule.cites),
            }
            for tid, rule in profile.thresholds.items()
        },
        "durations": {
            did: {
                "duration": rule.duration,
                "meaning": parse_duration(rule.duration).describe(),
                "cites": list(rule.cites),
            }
            for did, rule in profile.durations.items()
        },
        "assumptions": sorted(profile.assumptions, key=_cite_key),
        "version": profile.version,
        "as_of": None if profile.as_of is None else profile.as_of.isoformat(),
        "versions": [v.model_dump(mode="json") for v in profile.versions],
    }


def _cite_key(cite: str) -> tuple[str, int, str]:
    head = cite.rstrip("0123456789")
    tail = cite[len(head):]
    return (head, int(tail) if tail.isdigit() else 0, cite)


def implementing(profile: Profile, cite: str) -> list[dict[str, Any]]:
    """Every profile entry that cites ``cite``, with its path and its other citations."""
    out = []
    for path, cites in cited_entries(profile):
        if cite in cites:
            out.append({"path": path, "cites": cites, "label": _label(profile, path)})
    return out


def entry_node(profile: Profile, path: str) -> dict[str, Any] | None:
    """The profile entry at ``path`` as data (``a.b[ID].c``: a list's item by its id), or
    ``None`` when there is none (or it is a plain value)."""
    node: Any = profile.model_dump(by_alias=True)
    for part in path.replace("[", ".").replace("]", "").split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list):
            node = next((i for i in node if isinstance(i, dict) and str(i.get("id")) == part), None)
        else:
            node = None
        if node is None:
            return None
    return node if isinstance(node, dict) else None


def _label(profile: Profile, path: str) -> str:
    """A short human label for a profile path (its name or description when it has one)."""
    node = entry_node(profile, path)
    if node is None:
        return ""
    for key in ("name", "description"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("en")
        if isinstance(value, str) and value:
            return value
    if "act" in node:
        return f"act {node['act']}"
    return ""


def cite(profile: Profile, cite_id: str) -> dict[str, Any]:
    """What ``cite_id`` (a sentence, an article or an assumption) says and what implements it."""
    key = cite_id.strip()
    if key not in profile.sources and key not in profile.assumptions:
        key = key.upper()  # "s15" and "a4" name S15 and A4
    if key in profile.sources:
        source = profile.sources[key]
        entries = implementing(profile, key)
        cited_with = {c for e in entries for c in e["cites"] if c in profile.assumptions}
        return {
            "id": key,
            "type": source.kind,
            "text_de": source.text_de,
            "text_en": source.text_en,
            "asks": source.asks,
            "url": source.url,
            "text_ru": source.text_ru,
            "url_ru": source.url_ru,
            "url_kk": source.url_kk,
            "shown_by": list(source.shown_by),
            "reading": "interpreted" if interpreting(profile, key) else "faithful",
            "readings": [assumption_summary(profile, aid) for aid in interpreting(profile, key)],
            "assumptions": sorted(cited_with, key=_cite_key),
            "implemented_by": entries,
        }
    if key in profile.assumptions:
        return {**assumption_summary(profile, key), "implemented_by": implementing(profile, key)}
    known = sorted([*profile.sources, *profile.assumptions], key=_cite_key)
    raise InputError(f"{cite_id!r} is not cited in profile {profile.id!r} (known: {', '.join(known)})")


def interpreting(profile: Profile, source: str) -> list[str]:
    """The assumptions that choose a reading of ``source`` (their ``interprets``), in order."""
    found = [aid for aid, a in profile.assumptions.items() if source in a.interprets]
    return sorted(found, key=_cite_key)


def switch_text(overrides: dict[str, Any]) -> str:
    """``--set key=value ...``: the command-line form of an alternative's overrides, each
    ``key=value`` shell-quoted (a TOML table or list pasted into a shell stays one word)."""
    return " ".join(f"--set {shlex.quote(f'{k}={_toml_value(v)}')}" for k, v in overrides.items())


def switch_applies(profile: Profile, overrides: dict[str, Any], data: dict[str, Any] | None = None) -> bool:
    """Whether an alternative's overrides are accepted by ``profile`` (by this version, for a
    dated profile): every key names an entry it can set, and the profile with them is valid. An
    assumption kept across versions may name a rule, or a chamber, that a version lacks."""
    import copy

    from respublika.errors import ProfileError
    from respublika.profile.loader import from_data, set_path

    data = data if data is not None else profile.model_dump(by_alias=True, mode="json", exclude_none=True)
    changed = copy.deepcopy(data)
    try:
        for key, value in overrides.items():
            set_path(changed, key, value)
        from_data(changed, source=profile.id)
    except (ProfileError, ValueError, TypeError, KeyError):
        return False
    return True


def assumption_summary(profile: Profile, aid: str) -> dict[str, Any]:
    """An assumption as data: question, default, reason, articles, the sources it
    interprets, a note, what shows it, and each alternative with its ``--set`` switch."""
    assumption = profile.assumptions[aid]
    data = profile.model_dump(by_alias=True, mode="json", exclude_none=True) if assumption.alternatives else None
    return {
        "id": aid,
        "type": "assumption",
        "question": assumption.question,
        "default": assumption.default,
        "reason": assumption.reason,
        "articles": list(assumption.articles),
        "origin": assumption.origin,
        "interprets": list(assumption.interprets),
        "note": assumption.note,
        "shown_by": list(assumption.shown_by),
        "words": {lang: words.model_dump(exclude_defaults=True) for lang, words in assumption.words.items()},
        "alternatives": [
            {
                "id": alt.id,
                "description": alt.description,
                "set": alt.set,
                "switch": switch_text(alt.set),
                "applies": switch_applies(profile, alt.set, data),
                "shown_by": list(alt.shown_by),
            }
            for alt in assumption.alternatives
        ],
    }


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if any(c in value for c in " /,") else value
    if isinstance(value, list):
        return "[" + ",".join(_toml_value(v) if not isinstance(v, str) else f'"{v}"' for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v) if not isinstance(v, str) else chr(34) + v + chr(34)}"
                               for k, v in value.items()) + "}"
    return str(value)
