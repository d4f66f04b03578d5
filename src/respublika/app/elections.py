"""Elections as a user asks for them: any elected body of any profile, by its name.

A profile's *elected bodies* are found from its data, never named here: every election of
``[elections]`` that fills seats or an office, with the *form* its results take:

- ``chamber_lists``: the party-list seats of a chamber (votes per list, one table);
- ``local_lists``: party-list bodies in every territorial unit (a table per unit);
- ``office``: a single office elected by the people, majority with a runoff;
- ``unit_seats``: a chamber's seats elected in each unit by its electors (a table per unit);
- ``body_vote``: seats another body elects (the candidates with most votes win).

:func:`elect` applies every rule the profile declares (method, threshold, base, runner-up,
ties, seats) through :mod:`respublika.elections.profiled`; :func:`allocate` is the general
allocator with the profile's rule as defaults; :func:`forecast_spec` and
:func:`run_forecast` run a Monte Carlo of a list body. The CLI and the web call these and
nothing below them, so both give the same answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from respublika.elections import allocate_seats, profiled
from respublika.elections.districts import district_tier, whole_chamber
from respublika.elections.eligibility import eligibility
from respublika.elections.votes_text import parse_vote_file, parse_votes
from respublika.errors import InputError
from respublika.exact import format_fraction
from respublika.profile import Profile
from respublika.profile.validate import seat_count, units_of

FORMS = ("chamber_lists", "local_lists", "office", "unit_seats", "body_vote")
MAX_PARTIES = 30
MAX_SEATS = 1_000
MAX_DRAWS = 200_000
"""Bounds a server applies (``limits=True``); the command line has the engine's own."""


@dataclass(frozen=True)
class Body:
    """An elected body of a profile: the election that fills it, and where its seats are."""

    id: str
    form: str
    institution: str
    name: str
    seats: int
    seat_rule: str | None = None
    electors: str | None = None
    by_people: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "form": self.form, "institution": self.institution, "name": self.name,
                "seats": self.seats, "seat_rule": self.seat_rule, "electors": self.electors}


def bodies(profile: Profile) -> list[Body]:
    """Every elected body of ``profile``, in the order of its ``[elections]``."""
    out: list[Body] = []
    for eid, rule in profile.elections.items():
        if rule.kind == "appointment":
            continue
        seat = next(((iid, sid, sr) for iid, inst in profile.institutions.items()
                     for sid, sr in inst.seats.items() if sr.election == eid), None)
        holders = [iid for iid, inst in profile.institutions.items() if inst.election == eid]
        if rule.kind == "party_list_pr" and seat is not None and seat[2].filled_by == "direct_pr":
            iid, sid, sr = seat
            out.append(Body(eid, "chamber_lists", iid, profile.institutions[iid].name,
                            seat_count(profile, sr), sid))
        elif rule.kind == "party_list_pr" and holders:
            inst = profile.institutions[holders[0]]
            units = sum(len(units_of(profile, profile.institutions[h].per_unit)) for h in holders)
            out.append(Body(eid, "local_lists", holders[0], inst.name, (rule.seats_per_body or 0) * units))
        elif rule.kind == "majority_runoff" and seat is not None and seat[2].per_unit:
            iid, sid, sr = seat
            out.append(Body(eid, "unit_seats", iid, profile.institutions[iid].name,
                            seat_count(profile, sr), sid, sr.electors, by_people=False))
        elif rule.kind == "majority_runoff" and holders:
            inst = profile.institutions[holders[0]]
            out.append(Body(eid, "office", holders[0], inst.name, 1))
        elif rule.kind == "body_vote" and seat is not None:
            iid, sid, sr = seat
            out.append(Body(eid, "body_vote", iid, profile.institutions[iid].name,
                            seat_count(profile, sr), sid, rule.electors, by_people=False))
    return out


def _names(profile: Profile, iid: str | None) -> set[str]:
    if iid is None or iid not in profile.institutions:
        return set()
    inst = profile.institutions[iid]
    return {n.casefold() for n in (iid, inst.name, inst.name_de, *inst.aliases) if n}


def body(profile: Profile, name: str, forms: tuple[str, ...] = FORMS) -> Body:
    """The elected body called ``name``: an election's id, or the name of the institution it
    fills (or whose members elect it). Where an institution has several, the one the people
    elect is meant; a name that still fits several is refused with their ids."""
    wanted = name.strip().casefold()
    known = [b for b in bodies(profile) if b.form in forms]
    exact = [b for b in known if b.id.casefold() == wanted]
    if exact:
        return exact[0]
    matches = [b for b in known if wanted in _names(profile, b.institution) | _names(profile, b.electors)]
    if len(matches) > 1:
        matches = [b for b in matches if b.by_people] or matches
    if len(matches) == 1:
        return matches[0]
    ids = ", ".join(b.id for b in known) or "none"
    if matches:
        raise InputError(f"{name!r} names several elected bodies of profile {profile.id!r}: "
                         f"{', '.join(b.id for b in matches)}; name one")
    raise InputError(f"profile {profile.id!r} has no elected body {name!r} (elected bodies: {ids})")


def default_list_body(profile: Profile) -> Body:
    """The body whose rule is the default of the general allocator: the first chamber's lists."""
    found = [b for b in bodies(profile) if b.form == "chamber_lists"]
    if not found:
        found = [b for b in bodies(profile) if b.form == "local_lists"]
    if not found:
        raise InputError(f"profile {profile.id!r} has no party-list election")
    return found[0]


# ------------------------------------------------------------------------------ results


def read_table(text: str, *, source: str = "results", fmt: str | None = None) -> list[tuple[str, int]]:
    """A vote table from CSV or JSON text (order kept: it is the registration order)."""
    return parse_votes(text, source=source, fmt=fmt)


def read_units(text: str, *, source: str = "results") -> dict[str, list[tuple[str, int]]]:
    """A JSON object of unit -> {candidate or party: votes}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: malformed JSON: {exc}") from None
    if not isinstance(data, dict) or not data:
        raise InputError(f'{source}: expected a JSON object {{"unit": {{"candidate": votes}}}}')
    out = {}
    for unit, votes in data.items():
        if not isinstance(votes, dict):
            raise InputError(f"{source}: unit {unit!r}: expected an object of candidate: votes")
        out[unit] = parse_votes(json.dumps(votes), source=f"{source}: {unit}", fmt="json")
    return out


OPTION_WORDS = {"against_all": "'against all' votes", "invalid": "invalid ballots", "runoff": "runoff votes",
                "seat_class": "a seat class", "ties": "a tie rule", "seed": "a seed for a lot",
                "date": "an election date"}


def _refuse(given: Mapping[str, Any], found: Body, allowed: tuple[str, ...]) -> None:
    extra = [k for k, v in given.items() if v is not None and k not in allowed]
    if extra:
        takes = ", ".join(OPTION_WORDS[k] for k in allowed) or "no options"
        raise InputError(f"the election {found.id!r} ({found.name}) does not take "
                         f"{' or '.join(OPTION_WORDS[k] for k in extra)}; it takes {takes}")


def elect(
    profile: Profile,
    name: str,
    results: str,
    *,
    fmt: str | None = None,
    source: str = "results",
    against_all: int | None = None,
    invalid: int | None = None,
    runoff: str | None = None,
    seat_class: int | None = None,
    ties: str | None = None,
    seed: int | None = None,
    elected: str | None = None,
    districts: str | Mapping[str, Any] | None = None,
    served: Mapping[str, int] | None = None,
    exempt: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The election of body ``name`` from ``results`` (text), under the profile's rules.

    Each form takes only the options that mean something for it; another is refused.
    The answer is JSON-ready: ``body`` and ``form``, then the form's result. ``districts``
    (JSON text or a mapping; a chamber with a single-member district tier): the districts'
    results, which add ``districts`` and ``whole`` (the whole chamber) to the answer.
    """
    found = body(profile, name)
    given = {"against_all": against_all, "invalid": invalid, "runoff": runoff, "seat_class": seat_class,
             "ties": ties, "seed": seed, "date": elected}
    head: dict[str, Any] = {"body": found.id, "form": found.form, "institution": found.institution,
                            "profile": profile.id, "version": profile.version}
    if ties not in (None, "order", "lot"):
        raise InputError(f"ties: 'order' or 'lot', got {ties!r}")
    if found.form == "chamber_lists":
        _refuse(given, found, ("against_all", "ties", "seed", "date"))
        when = _date(elected)
        allocation = profiled.party_list(profile, found.id, read_table(results, source=source, fmt=fmt),
                                         seats=found.seats, against_all=against_all or 0,
                                         ties=ties, seed=seed)  # type: ignore[arg-type]
        composition = profiled.chamber_composition(profile, allocation, chamber=found.institution, elected=when)
        out = {**allocation.to_dict(), "rule": profiled.describe_rule(profile, found.id), **head,
               "composition": composition.to_dict()}
        if districts is not None:
            out.update(_whole_chamber(profile, found, allocation.seats, districts, ties=ties, seed=seed))
        return out
    if found.form == "office":
        _refuse(given, found, ("against_all", "invalid", "runoff"))
        table = read_table(results, source=source, fmt=fmt)
        data: dict[str, Any] = {}
        if served:
            unknown = [c for c in [*served, *exempt] if c not in dict(table)]
            if unknown:
                raise InputError(f"terms served: {', '.join(map(repr, unknown))} is not a candidate of the results")
            limit = profile.institutions[found.institution].term_limit
            data["eligibility"] = eligibility(limit, served, set(exempt))
            barred = [c for c, e in data["eligibility"].items() if not e["eligible"]]
            if barred:
                where = ", ".join(limit.cites) if limit else ""
                raise InputError(f"not eligible: {', '.join(barred)} ({data['eligibility'][barred[0]]['reason']}) [{where}]")
        first = profiled.president(profile, table, against_all=against_all or 0, invalid=invalid or 0,
                                   election=found.id)
        data.update({"first_round": first.to_dict(), **head, "rule": profiled.describe_rule(profile, found.id)})
        if runoff is not None:
            second = read_table(runoff, source="runoff")
            cites = {"*": tuple(profile.elections[found.id].cites)}
            data["runoff"] = first.runoff(second, cites=cites).to_dict()
        return data
    if found.form == "unit_seats":
        _refuse(given, found, ("seat_class", "ties", "seed"))
        result = profiled.senate(profile, read_units(results, source=source), seat_class=seat_class or 1,
                                 chamber=found.institution, ties=ties or "order", seed=seed)  # type: ignore[arg-type]
        return {**result.result.to_dict(), "electors": result.electors, **head}
    if found.form == "body_vote":
        _refuse(given, found, ("seed",))
        plurality = profiled.assembly(profile, read_table(results, source=source, fmt=fmt), seed=seed,
                                      chamber=found.institution)
        return {**plurality.to_dict(), **head}
    _refuse(given, found, ())
    units = read_units(results, source=source)
    local = {u: iid for iid, inst in profile.institutions.items()
             if inst.election == found.id and inst.per_unit for u in units_of(profile, inst.per_unit)}
    unknown = [u for u in units if u not in local]
    if unknown:
        raise InputError(f"no {found.name} in unit(s) {', '.join(map(repr, unknown))} (units: {', '.join(local)})")
    return {"units": {u: profiled.party_list(profile, found.id, table).to_dict() for u, table in units.items()},
            **head}


def district_seats(profile: Profile, chamber: str) -> tuple[str, int] | None:
    """The chamber's single-member district tier: its seat id and count (seats the people
    fill directly without a list election), or ``None``."""
    for sid, rule in profile.institutions[chamber].seats.items():
        if rule.filled_by == "direct" and rule.by == "people":
            return sid, seat_count(profile, rule)
    return None


def _whole_chamber(profile: Profile, found: Body, list_seats: Mapping[str, int],
                   districts: str | Mapping[str, Any], *, ties: str | None, seed: int | None) -> dict[str, Any]:
    tier_seats = district_seats(profile, found.institution)
    if tier_seats is None:
        raise InputError(f"the {found.name} has no single-member district tier on this date; "
                         f"give no district results")
    raw: Any = districts
    if isinstance(districts, str):
        try:
            raw = json.loads(districts)
        except ValueError as exc:
            raise InputError(f"district results: not JSON ({exc})") from None
    if not isinstance(raw, Mapping):
        raise InputError("district results: a JSON object {district: {candidate: votes}} or {\"totals\": {...}}")
    affiliation = raw.get("affiliation") if isinstance(raw.get("affiliation"), Mapping) else None
    results = {k: v for k, v in raw.items() if k != "affiliation"}
    sid, count = tier_seats
    tier = district_tier(results, count, affiliation=affiliation, ties=(ties or "order"), seed=seed)  # type: ignore[arg-type]
    inst = profile.institutions[found.institution]
    other = {oid: seat_count(profile, r) for oid, r in inst.seats.items() if oid not in (sid, found.seat_rule)}
    whole = whole_chamber(list_seats, tier, other, inst.size)
    return {"district_tier": {"seat_rule": sid, **tier.to_dict()}, "whole": whole}


def shipped_results(profile: Profile, name: str) -> dict[str, Any] | None:
    """The published results shipped with the package for body ``name`` on the profile's
    date (``data/<profile id>-*.json`` with ``kind = "election_results"``), or ``None``."""
    if profile.as_of is None:
        return None
    found = body(profile, name)
    folder = resources.files("respublika.data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not (entry.name.startswith(f"{profile.id}-") and entry.name.endswith(".json")):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        if (isinstance(data, dict) and data.get("kind") == "election_results" and data.get("body") == found.id
                and data.get("date") == profile.as_of.isoformat() and "lists" in data):
            return {**data, "file": entry.name}
    return None


def elect_shipped(profile: Profile, name: str) -> dict[str, Any]:
    """:func:`elect` on the shipped results of ``name`` on the profile's date (refused where none)."""
    data = shipped_results(profile, name)
    if data is None:
        raise InputError(f"no published results of {name!r} are shipped for profile {profile.id!r} on "
                         f"{profile.as_of or 'this date'}: give the results file")
    out = elect(profile, name, json.dumps(data["lists"]), fmt="json", source=data["file"],
                against_all=data.get("against_all"), elected=data["date"], districts=data.get("districts"))
    out["shipped"] = {"file": data["file"], "sources": data.get("sources", {}), "gaps": data.get("gaps", [])}
    return out


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"date: {text!r} is not a date (YYYY-MM-DD)") from None


# ------------------------------------------------------------------ the general allocator


def list_defaults(profile: Profile, name: str | None = None) -> dict[str, Any]:
    """The rule of a list body (the default one if ``name`` is None), as a form's defaults."""
    from respublika.elections import method_names

    found = body(profile, name, ("chamber_lists", "local_lists")) if name else default_list_body(profile)
    rule = profiled.election_rule(profile, found.id)
    seats = found.seats if found.form == "chamber_lists" else rule.seats_per_body or found.seats
    return {
        "body": found.id,
        "chamber": found.institution,
        "election": found.id,
        "seats": seats,
        "method": rule.method,
        "threshold": format_fraction(rule.threshold) if rule.threshold is not None else "0",
        "runner_up": rule.runner_up_admitted,
        "ties": rule.ties,
        "first_divisor": format_fraction(rule.first_divisor) if rule.first_divisor is not None else None,
        "quota_rounding": rule.quota_rounding,
        "threshold_votes": rule.threshold_votes,
        "alliance_threshold": (format_fraction(rule.alliance_threshold)
                               if rule.alliance_threshold is not None else None),
        "district_seats": rule.qualifying_district_seats,
        "methods": list(method_names()),
        "cites": list(rule.cites),
    }


def allocate(
    profile: Profile,
    votes: str,
    *,
    body_name: str | None = None,
    seats: int | None = None,
    method: str | None = None,
    threshold: str | None = None,
    base_extra: int = 0,
    runner_up: bool | None = None,
    ties: str | None = None,
    seed: int | None = None,
    cites: list[str] | None = None,
    fmt: str | None = None,
    source: str = "votes",
    limits: bool = False,
    first_divisor: str | None = None,
    quota_rounding: str | None = None,
    threshold_votes: int | None = None,
    alliance_threshold: str | None = None,
    district_seats: int | None = None,
) -> dict[str, Any]:
    """Seats from vote counts: every rule an option, the profile's list rule the default.

    ``first_divisor``, ``quota_rounding``, ``threshold_votes``, ``alliance_threshold`` and
    ``district_seats`` are the method's and the threshold's further options; the alliances
    and the district seats won come with the votes (the ``alliance`` and ``district_seats``
    columns, see :mod:`respublika.elections.votes_text`). The profile's apply only with the
    profile's method.

    The steps cite ``cites``, else the profile's rule when every option came from it (a rule
    the user chose has no source to cite). ``limits`` applies a server's bounds (parties,
    seats). The answer is the allocation's JSON form plus ``defaults`` (the rule the gaps
    were filled from).
    """
    base = list_defaults(profile, body_name)
    parsed = parse_vote_file(votes, source=source, fmt=fmt)
    table = parsed.table
    total = seats if seats is not None else base["seats"]
    if limits:
        if len(table) > MAX_PARTIES:
            raise InputError(f"votes: at most {MAX_PARTIES} parties")
        if not 1 <= total <= MAX_SEATS:
            raise InputError(f"seats: between 1 and {MAX_SEATS}")
    if ties not in (None, "order", "lot"):
        raise InputError(f"ties: 'order' or 'lot', got {ties!r}")
    own = all(v in (None, "") for v in (seats, method, threshold, runner_up, ties, first_divisor,
                                         quota_rounding, threshold_votes, alliance_threshold, district_seats))
    same = method in (None, "") or method == base["method"]  # the profile's method options fit it
    allocation = allocate_seats(
        table, total, method or base["method"] or "hare",
        threshold=threshold if threshold not in (None, "") else base["threshold"],
        base_extra=base_extra, runner_up=base["runner_up"] if runner_up is None else runner_up,
        ties=ties or base["ties"], seed=seed,  # type: ignore[arg-type]
        cites=cites or ({"*": base["cites"]} if own else None),  # the profile's rule, if it is the rule
        first_divisor=first_divisor if first_divisor not in (None, "") else
        (base["first_divisor"] if same else None),
        quota_rounding=quota_rounding or (base["quota_rounding"] if same else None),
        threshold_votes=threshold_votes if threshold_votes is not None else base["threshold_votes"] or 0,
        alliance_threshold=alliance_threshold if alliance_threshold not in (None, "") else base["alliance_threshold"],
        alliances=tuple(parsed.alliances),
        district_seats=district_seats if district_seats is not None else base["district_seats"],
        district_won=parsed.district_seats,
    )
    return {**allocation.to_dict(), "defaults": base, "profile": profile.id}


# ---------------------------------------------------------------------------- forecasts


@dataclass(frozen=True)
class Forecast:
    """A checked forecast: the engine's spec and the body it is of."""

    spec: Any
    body: Body
    cites: tuple[str, ...]


def forecast_spec(
    profile: Profile,
    name: str | None,
    shares: str | Mapping[str, Any],
    *,
    concentration: float = 100.0,
    draws: int = 10_000,
    seed: int | None = None,
    bloc_with: str | None = None,
    limits: bool = False,
) -> Forecast:
    """A checked forecast of a chamber's list seats (nothing is simulated yet).

    The chamber's other seats form a bloc that may be counted with one party; the targets
    are the thresholds the chamber's votes use, as counts of its whole membership.
    """
    from respublika.app.parliament import marks
    from respublika.elections.forecast import ForecastSpec, parse_shares, validate

    found = body(profile, name, ("chamber_lists",)) if name else default_list_body(profile)
    if found.form != "chamber_lists":
        raise InputError(f"{found.id!r}: forecasts are of a chamber's party-list seats")
    rule = profiled.election_rule(profile, found.id)
    text = shares if isinstance(shares, str) else ",".join(f"{k}={v}" for k, v in dict(shares).items())
    parsed = parse_shares(text)
    if isinstance(draws, bool) or not isinstance(draws, int):
        raise InputError(f"draws: expected a whole number, got {draws!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise InputError(f"seed: expected a whole number of at least 0, got {seed!r}")
    if limits:
        if len(parsed) > MAX_PARTIES:
            raise InputError(f"shares: at most {MAX_PARTIES} parties")
        if not 1 <= draws <= MAX_DRAWS:
            raise InputError(f"draws: between 1 and {MAX_DRAWS:,} on this server (the CLI has no such limit)")
    size = profile.institutions[found.institution].size or found.seats
    targets = {m["id"]: m["required"] for m in marks(profile, size)}
    options = profiled.list_options(rule)
    spec = ForecastSpec(
        shares=parsed, seats=found.seats, method=options["method"], threshold=options["threshold"],
        runner_up=options["runner_up"], chamber_size=size, targets=targets, bloc=size - found.seats,
        bloc_with=bloc_with or None, concentration=float(concentration), draws=draws, seed=seed,
        chunk=10_000 if limits else 50_000,
        method_options={k: options[k] for k in ("first_divisor", "quota_rounding", "threshold_votes")
                        if options[k]},
    )
    validate(spec)
    return Forecast(spec, found, tuple(rule.cites))


def run_forecast(profile: Profile, request: Forecast,
                 progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Run a checked forecast; the result carries the profile, the body and the rule's citations."""
    from respublika.elections.forecast import forecast

    result = forecast(request.spec, progress)
    result["profile"] = profile.id
    result["body"] = request.body.id
    result["cites"] = list(request.cites)
    return result
