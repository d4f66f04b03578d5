"""What each page shows, as plain data: the API returns it, the templates render it.

These functions call the engines and return JSON-ready dictionaries (SVG strings where a
page needs a picture). They hold no rule of their own.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from respublika.calendar import Duration, add
from respublika.data import published_seats
from respublika.errors import InputError
from respublika.games.legislature import analyze_legislature, build, parse_seats
from respublika.i18n import translator
from respublika.profile import Profile, load_profile, shipped_profiles
from respublika.profile.diff import diff
from respublika.profile.query import (
    FILLED_BY_LABEL,
    chambers,
    cite,
    composition,
    describe_threshold,
    threshold_count,
    vote_thresholds,
)
from respublika.profile.validate import seat_count
from respublika.web.hemicycle import Mark, SeatGroup, hemicycle_svg
from respublika.web.structure import structure_svg

FILL_COLOURS = {
    "direct_pr": "#1f77b4",
    "assembly": "#ff7f0e",
    "indirect_unit": "#2ca02c",
    "appointment": "#d62728",
    "direct": "#9467bd",
    "membership": "#8c564b",
}
PARTY_COLOURS = ["#1f4e9c", "#e6a100", "#c0392b", "#2e8b57", "#7d3c98", "#16a085", "#7f8c8d", "#d35400"]
EXAMPLE = "mazhilis-2021"



def filled_label(code: str) -> str:
    """The English label (a catalogue message id) of a way seats are filled."""
    return FILLED_BY_LABEL.get(code, code)


def overview(profile: Profile, lang: str) -> dict[str, Any]:
    data = composition(profile)
    data["structure_svg"] = structure_svg(profile, translator(lang), lang)
    return data


def parse_parties(text: str) -> dict[str, int]:
    """``"A=76,B=12"`` -> ``{"A": 76, "B": 12}`` (the games engine's reader)."""
    return parse_seats(text)


def _marks(profile: Profile, size: int) -> list[dict[str, Any]]:
    used = []
    in_votes = vote_thresholds(profile)
    for tid, rule in profile.thresholds.items():
        if rule.of != "total_membership" or tid not in in_votes:
            continue
        used.append(
            {
                "id": tid,
                "required": threshold_count(profile, rule, size),
                "meaning": describe_threshold(rule),
                "description": dict(rule.description),
                "cites": list(rule.cites),
            }
        )
    return sorted(used, key=lambda m: m["required"])


def chamber_groups(
    profile: Profile, chamber: str, parties: dict[str, int] | None, _: Any
) -> list[dict[str, Any]]:
    """Seat groups of a chamber: by how seats are filled, or by party for its PR seats."""
    inst = profile.institutions[chamber]
    groups: list[dict[str, Any]] = []
    for sid, rule in inst.seats.items():
        count = seat_count(profile, rule)
        if parties is not None and rule.filled_by in ("direct_pr", "direct"):
            if sum(parties.values()) != count:
                raise InputError(
                    f"{chamber}: the parties hold {sum(parties.values())} seats, "
                    f"but {count} seats are filled by {rule.filled_by} ({sid})"
                )
            for i, (name, seats) in enumerate(parties.items()):
                groups.append(
                    {"key": f"party-{i}", "label": name, "seats": seats,
                     "colour": PARTY_COLOURS[i % len(PARTY_COLOURS)], "cites": list(rule.cites)}
                )
            continue
        groups.append(
            {
                "key": sid,
                "label": _(FILLED_BY_LABEL.get(rule.filled_by, rule.filled_by)),
                "seats": count,
                "colour": FILL_COLOURS.get(rule.filled_by, "#999999"),
                "cites": list(rule.cites),
            }
        )
    return groups


def term_calendar(profile: Profile, start: int, years: int = 13) -> list[dict[str, Any]]:
    """When each body is renewed, assuming all were elected in ``start`` (staggered classes later)."""
    rows = []
    for iid, inst in profile.institutions.items():
        cycle = None
        if inst.election and inst.election in profile.elections:
            cycle = profile.elections[inst.election].cycle_years
        if cycle and inst.kind != "chamber":
            rows.append({"body": iid, "name": inst.name, "years": list(range(start, start + years, cycle)),
                         "cites": list(inst.cites)})
        for sid, rule in inst.seats.items():
            election = profile.elections.get(rule.election or "")
            if election is None or election.kind == "appointment":
                continue
            if rule.classes > 1 and rule.renewal_years:
                for k in range(rule.classes):
                    first = start + k * rule.renewal_years
                    step = rule.renewal_years * rule.classes
                    rows.append({"body": f"{iid}.{sid}.class{k + 1}", "name": f"{inst.name}: {sid}, class {k + 1}",
                                 "years": list(range(first, start + years, step)), "cites": list(rule.cites)})
            elif election.cycle_years:
                rows.append({"body": f"{iid}.{sid}", "name": f"{inst.name}: {sid}",
                             "years": list(range(start, start + years, election.cycle_years)),
                             "cites": list(rule.cites)})
    return rows


def parliament(
    profile: Profile, lang: str, *, colour: str = "filled", mazhilis: str | None = None, start: int = 2026
) -> dict[str, Any]:
    """Both chambers as hemicycles with legends, threshold marks and the term calendar."""
    _ = translator(lang)
    if colour not in ("filled", "party"):
        raise InputError(f"colour must be 'filled' or 'party', got {colour!r}")
    party_seats: dict[str, dict[str, int] | None] = {}
    if colour == "party":
        pr_chamber = next(
            (c for c in chambers(profile)
             if any(r.filled_by == "direct_pr" for r in profile.institutions[c].seats.values())),
            None,
        )
        if pr_chamber is not None:
            party_seats[pr_chamber] = parse_parties(mazhilis) if mazhilis else published_seats(EXAMPLE)
    out = []
    for chamber in chambers(profile):
        inst = profile.institutions[chamber]
        size = inst.size or 0
        groups = chamber_groups(profile, chamber, party_seats.get(chamber), _)
        marks = _marks(profile, size)
        svg = hemicycle_svg(
            [SeatGroup(g["key"], g["label"], g["colour"], g["seats"]) for g in groups],
            [Mark(f"{m['id']}: {m['required']}", m["required"]) for m in marks],
            title=f"{inst.name_de if lang == 'de' and inst.name_de else inst.name} ({size})",
        )
        out.append({"id": chamber, "name": inst.name, "name_de": inst.name_de, "size": size,
                    "term_years": inst.term_years, "groups": groups, "thresholds": marks,
                    "svg": svg, "cites": list(inst.cites)})
    return {"colour": colour, "chambers": out, "calendar": term_calendar(profile, start), "start": start}


def profiles_page(
    profile: Profile, a: str | None, b: str | None, dated: str | None = None, as_of: str | None = None
) -> dict[str, Any]:
    """The profile's assumptions, the shipped profiles, a diff of two of them, and a dated
    profile's timeline with the version in force on a date."""
    data: dict[str, Any] = {
        "profile": profile.id,
        "shipped": shipped_profiles(),
        "assumptions": {aid: cite(profile, aid) for aid in profile.assumptions},
        "dated": [name for name in shipped_profiles() if load_profile(name).versions],
    }
    if data["dated"]:
        name = dated or data["dated"][0]
        if name not in data["dated"]:
            raise InputError(f"profile {name!r} is not a dated shipped profile ({', '.join(data['dated'])})")
        resolved = load_profile(name, as_of=as_of or None)
        data["timeline"] = {
            "profile": name,
            "as_of": None if resolved.as_of is None else resolved.as_of.isoformat(),
            "version": resolved.version,
            "versions": [v.model_dump(mode="json") for v in resolved.versions],
            "chambers": [
                {"id": c, "name": resolved.institutions[c].name, "size": resolved.institutions[c].size,
                 "seats": [{"id": sid, "count": seat_count(resolved, r), "filled_by": r.filled_by,
                            "cites": list(r.cites)} for sid, r in resolved.institutions[c].seats.items()],
                 "cites": list(resolved.institutions[c].cites)}
                for c in chambers(resolved)
            ],
        }
    if a and b:
        data["diff"] = {"a": a, "b": b, "rows": diff(_load(a), _load(b))}
    return data


def _load(ref: str) -> Profile:
    """A profile by name, with ``name+key=value;key=value`` for overrides (web forms)."""
    name, _, sets = ref.partition("+")
    overrides = [s for s in sets.split(";") if s.strip()] if sets else []
    base = name.strip().partition("@")[0]
    if (base or "seed") not in shipped_profiles():  # the server reads no files it was not shipped with
        raise InputError(f"profile {base!r}: not a shipped profile ({', '.join(shipped_profiles())})")
    return load_profile(name.strip() or "seed", overrides=overrides)


MAX_PARTIES = 30


def power_page(
    profile_name: str, *, mazhilis: str | None, senate: str | None, blocs: bool, index: str
) -> dict[str, Any]:
    """The law-making game of a shipped profile with an optional party composition."""
    if profile_name not in shipped_profiles():
        raise InputError(f"profile: {profile_name!r} is not a shipped profile ({', '.join(shipped_profiles())})")
    profile = load_profile(profile_name)
    seats: dict[str, dict[str, int]] = {}
    for chamber, text in (("mazhilis", mazhilis), ("senate", senate)):
        if text and text.strip():
            parties = parse_seats(text)
            if len(parties) > MAX_PARTIES:
                raise InputError(f"{chamber}: at most {MAX_PARTIES} parties")
            seats[chamber] = parties
    result = analyze_legislature(build(profile, "lawmaking", seats, blocs), index)
    rows = []
    for section in ("offices", "chambers", "parties", "kinds"):
        for label, values in (result.get(section) or {}).items():  # type: ignore[attr-defined]
            rows.append({"section": section, "label": label, **values})
    return {"profile": profile_name, "profiles": shipped_profiles(), "index": index, "blocs": blocs,
            "rows": rows, "result": result}


@lru_cache(maxsize=8)
def history_svg(name: str) -> str:
    """The law-making power of every version of a shipped dated profile (cached: slow)."""
    from respublika.games.history import history_svg as draw
    from respublika.games.history import power_history

    if name not in shipped_profiles():
        raise InputError(f"profile {name!r} is not a shipped profile")
    return draw(power_history(name))


def simulations_page(store: Any) -> dict[str, Any]:
    """The simulations saved in the database (``respublika simulate --db ...``)."""
    from respublika.simulate import list_simulations

    return {"simulations": list_simulations(store)}


def simulation_page(store: Any, name: str) -> dict[str, Any]:
    """One saved simulation's timeline with its plots: seats over time, bills per year."""
    from respublika.simulate import load_timeline, plots

    known = [s["name"] for s in simulations_page(store)["simulations"]]
    if name not in known:
        raise InputError(f"no simulation named {name!r} (saved: {', '.join(known) or 'none'})")
    timeline = load_timeline(store, name, power=False)
    profile = load_profile(timeline["config"]["profile"], overrides=timeline["config"].get("overrides") or None)
    parties = [p["name"] for p in timeline["config"]["params"]["parties"]]
    sizes = {c: profile.institutions[c].size or 0 for c in timeline["seats"] if c in profile.institutions}
    end = add(date.fromisoformat(timeline["start"]), Duration(years=int(timeline["years"])))
    bills = timeline["bills"]
    return {
        "timeline": timeline,
        "totals": {k: sum(bills[k]) for k in ("introduced", "passed", "failed", "vetoed", "overridden")},
        "figures": [
            ("Seats over time", plots.seats_over_time(timeline["seats"], parties, end, sizes)),
            ("Bills per year", plots.bills_per_year(bills)),
            ("Days from introduction to law", plots.days_to_law(days=timeline["days_to_law"])),
        ],
    }
