"""Elections as a profile declares them: the engine's functions with the profile's rules.

The pure engine (the rest of this package) takes every rule as a parameter; this module
reads those parameters from a profile's ``[elections]`` and ``[institutions]`` and checks
that the results given fit the profile (its units, chambers, seat counts), so that
``respublika elect`` applies the constitution rather than options. :func:`list_options` is
the one mapping of a party-list rule to the allocator's options (method, threshold, base,
runner-up, ties): the simulation and the application layer use it too.

No body is named here: where a function takes a chamber or an election, leaving it out
means "the profile's only one of that kind", found from the profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from respublika.calendar import Duration, add
from respublika.elections.composition import Composition, Seat, pr_seats
from respublika.elections.majority import MajorityResult, majority_runoff
from respublika.elections.party_list import SeatAllocation, allocate_seats
from respublika.elections.plurality import PluralityResult, assembly_election
from respublika.elections.senate import SenateClassResult, senate_class_election
from respublika.elections.ties import TieRuleName
from respublika.errors import InputError
from respublika.profile.schema import ElectionRule, Profile
from respublika.profile.validate import seat_count, units_of

VoteInput = Mapping[str, int] | list[tuple[str, int]]


def election_rule(profile: Profile, election: str) -> ElectionRule:
    if election not in profile.elections:
        known = ", ".join(profile.elections)
        raise InputError(f"profile {profile.id!r} has no election {election!r} (elections: {known})")
    return profile.elections[election]


def pr_election_for(profile: Profile, chamber: str) -> tuple[str, str, int]:
    """(seat rule id, election id, seats) of the chamber's party-list seats."""
    inst = profile.institutions.get(chamber)
    if inst is None:
        raise InputError(f"unknown chamber {chamber!r}")
    for sid, rule in inst.seats.items():
        if rule.filled_by == "direct_pr" and rule.election:
            return sid, rule.election, seat_count(profile, rule)
    raise InputError(f"{inst.name} has no seats filled by party-list PR in profile {profile.id!r}")


def _cites(rule: ElectionRule, *more: str) -> dict[str, tuple[str, ...]]:
    return {"*": tuple(dict.fromkeys([*rule.cites, *more]))}


def list_options(rule: ElectionRule, against_all: int = 0) -> dict[str, Any]:
    """The allocator's options for a party-list ``rule``: ``allocate_seats(votes, seats, **these)``.

    ``against_all`` votes count in the threshold base only where the rule says so. The
    method's options (``first_divisor``, ``quota_rounding``) and the further thresholds
    (``threshold_votes``, ``alliance_threshold``, ``district_seats``) are the rule's, ``None``
    (or 0) where it declares none.
    """
    return {
        "method": rule.method or "hare",
        "threshold": rule.threshold or 0,
        "base_extra": against_all if rule.threshold_base == "party_list_and_against_all" else 0,
        "runner_up": rule.runner_up_admitted,
        "ties": rule.ties,
        "first_divisor": rule.first_divisor,
        "quota_rounding": rule.quota_rounding,
        "threshold_votes": rule.threshold_votes or 0,
        "alliance_threshold": rule.alliance_threshold,
        "district_seats": rule.qualifying_district_seats,
        "runner_up_factor": rule.runner_up_factor,
        "runner_up_min_seats": rule.runner_up_min_seats,
    }


def _only(kind: str, found: list[str], profile: Profile) -> str:
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"profile {profile.id!r} has no {kind}")
    raise InputError(f"profile {profile.id!r} has several {kind}s ({', '.join(found)}): name one")


def office_election(profile: Profile) -> str:
    """The profile's only election of a single office by the people (majority with runoff)."""
    found = [inst.election for inst in profile.institutions.values()
             if inst.election and inst.kind == "head_of_state" and inst.election in profile.elections
             and profile.elections[inst.election].kind == "majority_runoff"]
    return _only("head of state elected by the people", found, profile)


def unit_chamber(profile: Profile) -> str:
    """The profile's only chamber with seats elected in each territorial unit."""
    found = [iid for iid, inst in profile.institutions.items()
             if any(r.per_unit and r.election for r in inst.seats.values())]
    return _only("chamber elected per unit", found, profile)


def body_vote_chamber(profile: Profile) -> str:
    """The profile's only chamber with seats elected by another body's vote."""
    found = [iid for iid, inst in profile.institutions.items()
             if any(r.filled_by == "assembly" and r.election for r in inst.seats.values())]
    return _only("chamber with seats elected by a body", found, profile)


def list_chamber(profile: Profile, election: str | None = None) -> str:
    """The chamber whose party-list seats ``election`` fills (the only one, if not given)."""
    found = [iid for iid, inst in profile.institutions.items()
             if any(r.filled_by == "direct_pr" and r.election and election in (None, r.election)
                    for r in inst.seats.values())]
    return _only("chamber with party-list seats", found, profile)


def party_list(
    profile: Profile,
    election: str,
    votes: VoteInput,
    *,
    seats: int | None = None,
    against_all: int = 0,
    ties: TieRuleName | None = None,
    seed: int | None = None,
) -> SeatAllocation:
    """A party-list election under the profile's method, threshold, base and tie rule."""
    rule = election_rule(profile, election)
    if rule.kind != "party_list_pr" or rule.method is None:
        raise InputError(f"election {election!r} is not a party-list election")
    if against_all < 0:
        raise InputError(f"'against all' votes must not be negative, got {against_all}")
    if against_all and rule.threshold_base != "party_list_and_against_all":
        raise InputError(
            f"election {election!r}: 'against all' votes do not count in its threshold base "
            f"(threshold_base = {rule.threshold_base}); drop --against-all or change the profile"
        )
    if not rule.threshold_inclusive:
        raise InputError(f"election {election!r}: only inclusive thresholds ('at least') are supported")
    total = seats if seats is not None else rule.seats or rule.seats_per_body
    if total is None:
        raise InputError(f"election {election!r} names no number of seats")
    options = {**list_options(rule, against_all), "ties": ties or rule.ties}
    return allocate_seats(votes, total, seed=seed, cites=_cites(rule), **options)


def _majority_share(rule: ElectionRule, election: str) -> None:
    if rule.majority is not None and rule.majority != Fraction(1, 2):
        raise InputError(
            f"election {election!r}: majority = {rule.majority}; the engine decides by more than half"
        )


def president(
    profile: Profile,
    votes: VoteInput,
    *,
    against_all: int = 0,
    invalid: int = 0,
    election: str | None = None,
) -> MajorityResult:
    """The first round: elected with more than half of the base, or a runoff of the top two."""
    election = election or office_election(profile)
    rule = election_rule(profile, election)
    _majority_share(rule, election)
    if against_all < 0 or invalid < 0:
        raise InputError("'against all' and invalid ballots must not be negative")
    base = rule.majority_base or "valid_including_against_all"
    extra = against_all + (invalid if base == "all_ballots_cast" else 0)  # invalid: only all ballots
    return majority_runoff(votes, base_extra=extra, cites=_cites(rule))


@dataclass(frozen=True)
class SenateResult:
    result: SenateClassResult
    electors: dict[str, int]
    seat_class: str


def _elector_counts(profile: Profile, electors_of: str) -> dict[str, int]:
    """Electors per unit: the seats of the unit's local body (regional or city)."""
    counts: dict[str, int] = {}
    for inst in profile.institutions.values():
        if inst.kind != "local_body" or inst.per_unit is None or inst.election is None:
            continue
        rule = profile.elections.get(inst.election)
        if rule is None or rule.seats_per_body is None:
            continue
        for unit in units_of(profile, inst.per_unit):
            counts.setdefault(unit, rule.seats_per_body)
    return counts


def senate(
    profile: Profile,
    units: Mapping[str, VoteInput],
    *,
    seat_class: int = 1,
    chamber: str | None = None,
    ties: TieRuleName = "order",
    seed: int | None = None,
) -> SenateResult:
    """One class of senators: one seat per unit, elected by the unit's electors."""
    chamber = chamber or unit_chamber(profile)
    inst = profile.institutions.get(chamber)
    seat = next((r for r in (inst.seats.values() if inst else []) if r.per_unit), None)
    if inst is None or seat is None or seat.election is None:
        raise InputError(f"profile {profile.id!r} has no {chamber!r} seats elected per unit")
    rule = election_rule(profile, seat.election)
    _majority_share(rule, seat.election)
    if not 1 <= seat_class <= seat.classes:
        raise InputError(f"seat class {seat_class}: the {inst.name} has classes 1..{seat.classes}")
    expected = units_of(profile, seat.units)
    unknown = [u for u in units if u not in expected]
    missing = [u for u in expected if u not in units]
    if unknown:
        raise InputError(f"unknown unit(s) {', '.join(map(repr, unknown))} (units: {', '.join(expected)})")
    if missing:
        raise InputError(f"a class elects one senator in every unit; missing: {', '.join(missing)}")
    electors = _elector_counts(profile, seat.electors or "") if rule.majority_base == "electors" else {}
    for unit, votes in units.items():
        cast = sum(dict(votes).values()) if isinstance(votes, Mapping) else sum(v for _, v in votes)
        if unit in electors and cast > electors[unit]:
            raise InputError(f"unit {unit!r}: {cast} votes cast, but it has {electors[unit]} electors")
    result = senate_class_election(
        units, electors=electors or None, seat_class=str(seat_class), ties=ties, seed=seed, cites=_cites(rule)
    )
    return SenateResult(result, electors, str(seat_class))


def assembly(profile: Profile, votes: VoteInput, *, seed: int | None, chamber: str | None = None) -> PluralityResult:
    """The seats a body elects into ``chamber`` (the Assembly's nine): top candidates win."""
    chamber = chamber or body_vote_chamber(profile)
    inst = profile.institutions.get(chamber)
    seat = next((r for r in (inst.seats.values() if inst else []) if r.filled_by == "assembly"), None)
    if seat is None or seat.election is None:
        raise InputError(f"profile {profile.id!r} has no seats of {chamber!r} elected by an assembly")
    rule = election_rule(profile, seat.election)
    body = profile.institutions.get(rule.electors or "")
    cast = sum(dict(votes).values()) if isinstance(votes, Mapping) else sum(v for _, v in votes)
    seats = seat_count(profile, seat)
    if body is not None and body.size is not None and cast > body.size * seats:
        raise InputError(
            f"{cast} votes cast, but the {body.name}'s {body.size} members have at most {body.size * seats}"
        )
    return assembly_election(votes, seats, seed, ties=rule.ties, cites=_cites(rule))


def chamber_composition(
    profile: Profile,
    allocation: SeatAllocation,
    *,
    chamber: str | None = None,
    elected: date | None = None,
    assembly_result: PluralityResult | None = None,
) -> Composition:
    """The chamber's membership: list seats by party, then the other seat kinds."""
    chamber = chamber or list_chamber(profile)
    inst = profile.institutions[chamber]
    term_end = None
    if elected is not None and inst.term_years:
        term_end = add(elected, Duration(years=inst.term_years))
    seats: list[Seat] = pr_seats(allocation, filled_by="pr", term_end=term_end)
    for sid, rule in inst.seats.items():
        if rule.filled_by == "direct_pr":
            continue
        names = list(assembly_result.elected) if assembly_result and rule.filled_by == "assembly" else []
        for k in range(seat_count(profile, rule)):
            seats.append(Seat(names[k] if k < len(names) else None, None, rule.filled_by, seat_class=sid,
                              term_end=term_end))
    return Composition(chamber, tuple(seats), inst.size)


def describe_rule(profile: Profile, election: str) -> dict[str, Any]:
    """The rule an election applies, JSON-ready, with its citations."""
    rule = election_rule(profile, election)
    return {"election": election, **rule.model_dump(mode="json", exclude_defaults=True), "kind": rule.kind}


mazhilis_composition = chamber_composition
"""The name of 0.1 (kept: a public entry point)."""
