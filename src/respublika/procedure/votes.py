"""Votes: a division of one or more chambers, or a referendum, against exact thresholds.

A division passes when, in every chamber the rule names, ``for >= required_count(base,
share, strict)`` (and at least one member is in favour), where the base is the chamber's
size (``total_membership``), ``for + against + abstain`` (``members_voting``) or
``for + against`` (``votes_cast``). One chamber's counts are given flat (``for``,
``against``, ``abstain``); a joint session gives each chamber's counts under its name.

A referendum passes when turnout meets ``threshold`` of the electorate and the number of
units where ``yes`` meets ``unit_threshold`` of the unit's ``yes + no`` meets
``units_share`` of the profile's units.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from respublika.errors import ProcedureError
from respublika.exact import required_count
from respublika.procedure.model import ReferendumTally, Tally, UnitResult, World, tally_of
from respublika.procedure.params import COUNT_KEYS, cite
from respublika.profile.schema import Profile, ThresholdRule, VoteSpec


def _threshold(profile: Profile, name: str) -> ThresholdRule:
    return profile.thresholds[name]


def _base(rule: ThresholdRule, size: int, counts: Mapping[str, int]) -> int:
    if rule.of == "members_voting":
        return counts["for"] + counts["against"] + counts["abstain"]
    if rule.of == "votes_cast":
        return counts["for"] + counts["against"]
    return size


def required_for(profile: Profile, threshold: str, chamber: str) -> int:
    """Votes needed in ``chamber`` when the base is its size (for previews of a vote)."""
    size = profile.institutions[chamber].size or 0
    t = _threshold(profile, threshold)
    return required_count(size, t.share, strict=t.strict)


def _chamber_counts(vote: VoteSpec, params: Mapping[str, Any], act: str) -> dict[str, dict[str, int]]:
    flat = "for" in params or "against" in params
    named = {c: params[c] for c in vote.chambers if c in params}
    if "chamber" in params and params["chamber"] not in vote.chambers:
        raise ProcedureError(
            f"{act}: the {params['chamber']} does not vote here; this vote is by {', '.join(vote.chambers)}"
        )
    if len(vote.chambers) > 1:
        if flat:
            raise ProcedureError(
                f"{act}: a joint session needs each chamber's counts, e.g. "
                + ", ".join(f"{c}: {{for: .., against: ..}}" for c in vote.chambers)
            )
        missing = [c for c in vote.chambers if c not in named]
        if missing:
            raise ProcedureError(f"{act}: joint session: counts missing for {', '.join(missing)}")
        return {c: dict(named[c]) for c in vote.chambers}
    chamber = vote.chambers[0]
    if flat and named:
        raise ProcedureError(f"{act}: give the {chamber}'s counts once, flat or under its name")
    if named:
        return {chamber: dict(named[chamber])}
    missing = [k for k in ("for", "against") if k not in params]
    if missing:
        raise ProcedureError(f"{act}: the vote needs {' and '.join(missing)}")
    return {chamber: {k: int(params.get(k, 0)) for k in COUNT_KEYS}}


def division(
    profile: Profile, world: World, vote: VoteSpec, params: Mapping[str, Any], act: str
) -> tuple[Tally, ...]:
    """Tally a division; raise if a chamber does not sit or counts exceed its size."""
    counts = _chamber_counts(vote, params, act)
    stray = [k for k, v in params.items() if isinstance(v, Mapping) and k not in vote.chambers]
    if stray:
        raise ProcedureError(f"{act}: {', '.join(stray)} does not vote here (voting: {', '.join(vote.chambers)})")
    t = _threshold(profile, vote.threshold)
    tallies = []
    for chamber, c in counts.items():
        inst = profile.institutions[chamber]
        name = inst.name
        if chamber in world.not_sitting:
            raise ProcedureError(
                f"{act}: the {name} does not sit: it was dissolved on {world.not_sitting[chamber]} "
                f"and has not been convened since{cite(_dissolution_cites(profile, chamber))}"
            )
        if inst.first_sitting is not None and world.clock is not None and world.clock < inst.first_sitting:
            raise ProcedureError(
                f"{act}: the {name} does not sit yet: it first sits on {inst.first_sitting}{cite(inst.cites)}"
            )
        size = inst.size or 0
        total = c["for"] + c["against"] + c["abstain"]
        if total > size:
            raise ProcedureError(
                f"{act}: the {name} has {size} members, but {c['for']} + {c['against']} + "
                f"{c['abstain']} = {total} votes were counted{cite(inst.cites)}"
            )
        base = _base(t, size, c)
        n, d = t.share.numerator, t.share.denominator  # required_count's exact arithmetic, inlined
        required = base * n // d + 1 if t.strict else -((-base * n) // d)
        passed = c["for"] >= required and c["for"] > 0
        tallies.append(tally_of(chamber, size, c["for"], c["against"], c["abstain"], base, required,
                                vote.threshold, passed))
    return tuple(tallies)


def _dissolution_cites(profile: Profile, chamber: str) -> list[str]:
    for rule in profile.procedure.republic.rules:
        if chamber in rule.effects.get("dissolve", []):
            return list(rule.cites)
    return []


def _whole(act: str, what: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProcedureError(f"{act}: {what} must be a non-negative whole number, got {value!r}")
    return value


def referendum(profile: Profile, vote: VoteSpec, params: Mapping[str, Any], act: str) -> ReferendumTally:
    """Tally a referendum; raise on unknown units or impossible numbers."""
    electorate = _whole(act, "electorate", params.get("electorate"))
    turnout = _whole(act, "turnout", params.get("turnout"))
    if turnout > electorate:
        raise ProcedureError(f"{act}: turnout {turnout} exceeds the electorate {electorate}")
    table = params.get("units") or {}
    unknown = [u for u in table if u not in profile.units]
    if unknown:
        raise ProcedureError(
            f"{act}: unknown units {', '.join(map(str, unknown))} (units: {', '.join(profile.units)})"
        )
    if vote.unit_threshold is not None and vote.units_share is None:
        return _national(profile, vote, params, act, electorate, turnout)
    if vote.unit_threshold is None or vote.units_share is None:
        raise ProcedureError(f"{act}: the profile's referendum needs unit_threshold and units_share")
    t_turnout = _threshold(profile, vote.threshold)
    t_unit = _threshold(profile, vote.unit_threshold)
    t_units = _threshold(profile, vote.units_share)
    results = []
    cast = 0
    for unit in profile.units:
        entry = table.get(unit, {"yes": 0, "no": 0})
        if not isinstance(entry, Mapping) or set(entry) - {"yes", "no"}:
            raise ProcedureError(f"{act}: units.{unit} must be {{yes: n, no: n}}, got {entry!r}")
        yes = _whole(act, f"units.{unit}.yes", entry.get("yes", 0))
        no = _whole(act, f"units.{unit}.no", entry.get("no", 0))
        cast += yes + no
        need = required_count(yes + no, t_unit.share, strict=t_unit.strict)
        results.append(UnitResult(unit=unit, yes=yes, no=no, required=need, carried=yes >= need and yes > 0))
    if cast > turnout:
        raise ProcedureError(f"{act}: {cast} yes/no votes in the units exceed the turnout {turnout}")
    turnout_required = required_count(electorate, t_turnout.share, strict=t_turnout.strict)
    carried = sum(1 for r in results if r.carried)
    units_required = required_count(len(results), t_units.share, strict=t_units.strict)
    return ReferendumTally(
        electorate=electorate, turnout=turnout, turnout_required=turnout_required,
        turnout_threshold=vote.threshold, units=tuple(results), unit_threshold=vote.unit_threshold,
        units_total=len(results), units_carried=carried, units_required=units_required,
        units_threshold=vote.units_share,
        passed=turnout >= turnout_required and turnout > 0 and carried >= units_required,
    )


def _national(
    profile: Profile, vote: VoteSpec, params: Mapping[str, Any], act: str, electorate: int, turnout: int,
) -> ReferendumTally:
    """A referendum decided by the nation's votes alone (a vote with ``unit_threshold`` and no
    ``units_share``): the turnout against the electorate, then ``yes`` against ``unit_threshold``
    of all who took part in the whole country (the turnout: blank and invalid ballots count
    as not yes), with ``params`` ``yes_votes`` and ``no_votes``."""
    yes = _whole(act, "yes_votes", params.get("yes_votes"))
    no = _whole(act, "no_votes", params.get("no_votes"))
    if yes + no > turnout:
        raise ProcedureError(f"{act}: {yes + no} yes/no votes exceed the turnout {turnout}")
    t_turnout = _threshold(profile, vote.threshold)
    t_yes = _threshold(profile, str(vote.unit_threshold))
    turnout_required = required_count(electorate, t_turnout.share, strict=t_turnout.strict)
    yes_required = required_count(turnout, t_yes.share, strict=t_yes.strict)
    carried = yes >= yes_required and yes > 0
    return ReferendumTally(
        electorate=electorate, turnout=turnout, turnout_required=turnout_required,
        turnout_threshold=vote.threshold, units=(), unit_threshold=str(vote.unit_threshold),
        units_total=1, units_carried=1 if carried else 0, units_required=1, units_threshold="",
        passed=turnout >= turnout_required and turnout > 0 and carried, yes=yes, no=no, yes_required=yes_required,
    )
