"""Rules and their guards: ``from``, ``when`` and ``require``, tried in order.

A rule applies when it is enabled, its ``from`` includes the matter's state (``any``: any
state that is not final; Republic rules use ``any``), every ``when`` key equals the act's
parameter (or, if the act has no such parameter, the matter's variable), and every enabled
requirement holds. Requirements read the Republic (``republic``), other matters
(``exists``), which chambers sit (``chambers_sitting``) and the calendar
(``before_end_of``, ``after_since``); ``negate`` turns a requirement round (``exists`` +
``negate``: no such matter).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from respublika.calendar import Duration, add, parse_duration
from respublika.procedure.model import World, to_date
from respublika.profile.schema import Outcome, Profile, Requirement, Rule

DISSOLVED: Final = "dissolved"
"""A Republic condition every profile has: some chamber does not sit."""


def from_matches(rule: Rule, state: str, final: bool) -> bool:
    return state in rule.from_ or ("any" in rule.from_ and state != "new" and not final)


def lookup(key: str, params: Mapping[str, Any], variables: Mapping[str, Any]) -> Any:
    """A ``when`` key reads the act's parameter, else the matter's variable."""
    if key in params:
        return params[key]
    return variables.get(key)


def when_holds(
    when: Mapping[str, Any], params: Mapping[str, Any], variables: Mapping[str, Any]
) -> bool:
    return all(_same(lookup(k, params, variables), v) for k, v in when.items())


def _same(actual: Any, wanted: Any) -> bool:
    if isinstance(wanted, bool) or isinstance(actual, bool):
        return isinstance(actual, bool) and isinstance(wanted, bool) and actual == wanted
    return bool(actual == wanted)


def first_outcome(
    outcomes: Sequence[Outcome], params: Mapping[str, Any], variables: Mapping[str, Any]
) -> Outcome | None:
    for outcome in outcomes:
        if outcome.enabled and when_holds(outcome.when, params, variables):
            return outcome
    return None


def republic_value(world: World, key: str) -> Any:
    if key == DISSOLVED:
        return world.dissolved
    return world.republic.get(key)


def _scaled(d: Duration, k: int) -> Duration:
    return Duration(years=d.years * k, months=d.months * k, days=d.days * k)


def term_start(first: date, term: Duration, on: date) -> date:
    """The start of the term running on ``on``: the latest ``first + k*term <= on`` (k >= 0).

    A term that has run out is taken to have been renewed (re-election) for the same
    length; before ``first`` the first term is assumed.
    """
    k = 0
    while add(first, _scaled(term, k + 1)) <= on:
        k += 1
    return add(first, _scaled(term, k))


@dataclass(frozen=True)
class Context:
    """What requirements read: the profile, the world and the act's date."""

    profile: Profile
    world: World
    on: date

    def duration(self, key: str) -> Duration:
        return parse_duration(self.profile.durations[key].duration)


def requirement_holds(req: Requirement, ctx: Context) -> bool:
    """Whether ``req`` holds on the context's date (its conditions, or with ``negate``, not)."""
    return _conditions_hold(req, ctx) != req.negate


def _conditions_hold(req: Requirement, ctx: Context) -> bool:
    world = ctx.world
    for key, wanted in req.republic.items():
        if not _same(republic_value(world, key), wanted):
            return False
    if req.exists:
        kind, state = req.exists.get("kind"), req.exists.get("state")
        if not any(
            (kind is None or m.kind == kind) and (state is None or m.state == state)
            for m in world.matters.values()
        ):
            return False
    if any(c in world.not_sitting for c in req.chambers_sitting):
        return False
    if req.before_end_of:
        start_key = req.before_end_of["start"]
        raw = world.setup.get(start_key)
        if raw not in (None, ""):
            term = ctx.duration(req.before_end_of["term"])
            start = term_start(to_date(raw, what=start_key), term, ctx.on)
            limit = add(add(start, term), ctx.duration(req.before_end_of["margin"]), sign=-1)
            if ctx.on >= limit:
                return False
    if req.after_since:
        since = world.republic.get(req.after_since["var"])
        if since not in (None, ""):
            earliest = add(to_date(since), ctx.duration(req.after_since["period"]))
            if ctx.on < earliest:
                return False
    return True


def failed_requirement(reqs: Iterable[Requirement], ctx: Context) -> Requirement | None:
    """The first enabled requirement that does not hold, if any."""
    for req in reqs:
        if req.enabled and not requirement_holds(req, ctx):
            return req
    return None


def param_keys(profile: Profile, act: str) -> set[str]:
    spec = profile.procedure.acts.get(act)
    return set(spec.params) if spec is not None else set()


def fixed_params(profile: Profile, rule: Rule) -> dict[str, Any]:
    """The parameters a rule's ``when`` fixes (e.g. ``chamber=mazhilis``)."""
    keys = param_keys(profile, rule.act)
    return {k: v for k, v in rule.when.items() if k in keys}


def var_conditions(profile: Profile, rule: Rule) -> dict[str, Any]:
    """The ``when`` conditions on variables (not parameters of the act)."""
    keys = param_keys(profile, rule.act)
    return {k: v for k, v in rule.when.items() if k not in keys}
