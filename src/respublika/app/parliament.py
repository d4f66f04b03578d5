"""The chambers as people look at them: seat groups, the thresholds to mark, the terms.

Which chambers exist, how their seats are grouped (by how they are filled, or by party for
the seats the people fill), which thresholds are marked (those the chambers' votes use, as
counts of the whole membership) and when each body is renewed: all decided here, once, from
the profile. :mod:`respublika.render.chambers` draws what this returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from respublika.data import published_seats
from respublika.errors import InputError
from respublika.profile import Profile
from respublika.profile.query import (
    FILLED_BY_LABEL,
    chambers,
    describe_threshold,
    threshold_count,
    vote_thresholds,
)
from respublika.profile.validate import seat_count

PEOPLE_FILLED = ("direct_pr", "direct")
"""Ways of filling seats whose holders belong to parties (drawn by party)."""

EXAMPLE_RESULT = "mazhilis-2021"
"""Shipped example data: a published list result, used when no parties are given."""


def marks(profile: Profile, size: int) -> list[dict[str, Any]]:
    """The thresholds a chamber's votes use, as counts of a body of ``size``, smallest first."""
    used = vote_thresholds(profile)
    out = [
        {"id": tid, "required": threshold_count(profile, rule, size), "meaning": describe_threshold(rule),
         "description": dict(rule.description), "cites": list(rule.cites)}
        for tid, rule in profile.thresholds.items()
        if rule.of == "total_membership" and tid in used
    ]
    return sorted(out, key=lambda m: m["required"])


def party_chamber(profile: Profile) -> str | None:
    """The first chamber with seats the people fill by party (the one drawn by party)."""
    return next((c for c in chambers(profile)
                 if any(r.filled_by in PEOPLE_FILLED for r in profile.institutions[c].seats.values())), None)


def seat_groups(profile: Profile, chamber: str, parties: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """A chamber's seats in groups: by how they are filled, or by party for the seats the
    people fill (``parties`` must hold exactly those seats). Each group has a ``key``, a
    ``kind`` (``party`` or ``filled``), a ``label`` (a party's name, or the catalogue's
    message id of the way seats are filled), ``seats`` and ``cites``."""
    if chamber not in profile.institutions:
        raise InputError(f"unknown chamber {chamber!r} (chambers: {', '.join(chambers(profile))})")
    inst = profile.institutions[chamber]
    groups: list[dict[str, Any]] = []
    for sid, rule in inst.seats.items():
        count = seat_count(profile, rule)
        if parties is not None and rule.filled_by in PEOPLE_FILLED:
            if sum(parties.values()) != count:
                raise InputError(
                    f"{inst.name}: the parties hold {sum(parties.values())} seats, "
                    f"but {count} seats are filled by {rule.filled_by} ({sid})"
                )
            for i, (name, seats) in enumerate(parties.items()):
                group: dict[str, Any] = {"key": f"party-{i}", "kind": "party", "index": i, "label": name,
                                         "seats": seats, "filled_by": rule.filled_by, "cites": list(rule.cites)}
                groups.append(group)
            continue
        groups.append({"key": sid, "kind": "filled", "label": FILLED_BY_LABEL.get(rule.filled_by, rule.filled_by),
                       "seats": count, "filled_by": rule.filled_by, "cites": list(rule.cites)})
    return groups


def term_calendar(profile: Profile, start: int, years: int = 13) -> list[dict[str, Any]]:
    """When each body is renewed, assuming all were elected in ``start`` (staggered classes later)."""
    rows: list[dict[str, Any]] = []
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
                    rows.append({"body": f"{iid}.{sid}.class{k + 1}", "name": inst.name, "seats": sid,
                                 "class": k + 1, "years": list(range(first, start + years, step)),
                                 "cites": list(rule.cites)})
            elif election.cycle_years:
                rows.append({"body": f"{iid}.{sid}", "name": inst.name, "seats": sid,
                             "years": list(range(start, start + years, election.cycle_years)),
                             "cites": list(rule.cites)})
    return rows


def parliament(profile: Profile, *, colour: str = "filled", parties: Mapping[str, int] | None = None,
               start: int = 2026) -> dict[str, Any]:
    """Every chamber with its seat groups and marks, and the term calendar.

    ``colour="party"`` groups the party chamber's people-filled seats by party: ``parties``,
    or the shipped example result when it fits the chamber.
    """
    if colour not in ("filled", "party"):
        raise InputError(f"colour must be 'filled' or 'party', got {colour!r}")
    by_party: dict[str, Mapping[str, int]] = {}
    example = False
    if colour == "party":
        chamber = party_chamber(profile)
        if chamber is not None:
            if parties:
                by_party[chamber] = parties
            else:
                sample = published_seats(EXAMPLE_RESULT)
                seats = sum(seat_count(profile, r) for r in profile.institutions[chamber].seats.values()
                            if r.filled_by in PEOPLE_FILLED)
                if sum(sample.values()) == seats:  # the example fits this chamber
                    by_party[chamber], example = sample, True
    out = []
    for chamber in chambers(profile):
        inst = profile.institutions[chamber]
        size = inst.size or 0
        out.append({"id": chamber, "name": inst.name, "name_de": inst.name_de, "size": size,
                    "term_years": inst.term_years, "groups": seat_groups(profile, chamber, by_party.get(chamber)),
                    "thresholds": marks(profile, size), "cites": list(inst.cites)})
    return {"profile": profile.id, "colour": colour, "example": example, "chambers": out,
            "calendar": term_calendar(profile, start), "start": start}
