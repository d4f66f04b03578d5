"""The profile's rules compiled once, for the engine's hot path.

:class:`Engine` interprets the profile; this module turns the parts it reads on every step
into plain values built once per engine: an act's parameter checks (:func:`normalizer`), a
rule's guards, outcomes, recorded variables and resolved ``set`` (:class:`CompiledRule`),
and a division's chambers with their exact thresholds (:class:`DivisionPlan`).

Every compiled check covers the common, valid case only. Anything else (a key given by an
alias, a value of the wrong type, a chamber that does not sit, a count over a chamber's
size) falls back to the reference function (``params.normalize``, ``votes.division``),
which gives the result or raises the error it always did. The compiled path therefore
changes no result and no message: it only skips work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Final, cast

from respublika.procedure.model import Tally, World, jsonable, tally_of
from respublika.procedure.params import COUNT_KEYS, _typed, act_spec, normalize
from respublika.procedure.rules import _same
from respublika.procedure.votes import division
from respublika.profile.schema import Outcome, Profile, Requirement, Rule, VoteSpec

Normalizer = Callable[[Mapping[str, Any], date, str | None], dict[str, Any]]
"""``(raw params, the act's date, its matter or None) -> params``."""

_SCALARS: Final = (str, int, float, bool, type(None))
_FALLBACK: Final = object()


def normalizer(profile: Profile, act: str) -> Normalizer:
    """``normalize(profile, act, raw, on, label())`` for ``act``, with its common case
    (every key an id of the act's parameters, every value of its type) checked without the
    generic walk. Messages name the act as ``act on MATTER`` (the reference path's label)."""
    spec = act_spec(profile, act)
    params = spec.params
    if any(p.type in ("date", "table") for p in params.values()) or any(
        p.default is not None and not isinstance(p.default, _SCALARS) for p in params.values()
    ):
        def slow(raw: Mapping[str, Any], on: date, matter: str | None) -> dict[str, Any]:
            return normalize(profile, act, raw, on, label(act, matter))
        return slow

    names = frozenset(params)
    # (name, type, choices, required, the typed default or _FALLBACK when none)
    plan: list[tuple[str, str, frozenset[str], bool, Any]] = []
    for name, p in params.items():
        default: Any = _FALLBACK
        if p.default is not None and not p.required:
            default = _typed_default(profile, act, name)
        plan.append((name, p.type, frozenset(p.choices), p.required, default))

    def fast(raw: Mapping[str, Any], on: date, matter: str | None) -> dict[str, Any]:
        if type(raw) is not dict:  # (another mapping: the reference path; a dict's own lookups below)
            return normalize(profile, act, raw, on, label(act, matter))
        given = cast(dict[str, Any], raw)
        for key in given:
            if key not in names:
                return normalize(profile, act, raw, on, label(act, matter))
        out: dict[str, Any] = {}
        for name, kind, choices, required, default in plan:
            value = given.get(name)
            if value is None:
                if required:
                    return normalize(profile, act, raw, on, label(act, matter))
                if default is not _FALLBACK:
                    out[name] = default
                continue
            t = type(value)
            if kind == "int":
                if t is not int or value < 0:
                    return normalize(profile, act, raw, on, label(act, matter))
            elif kind == "bool":
                if t is not bool:
                    return normalize(profile, act, raw, on, label(act, matter))
            elif kind == "choice":
                if t is not str or value not in choices:
                    return normalize(profile, act, raw, on, label(act, matter))
            elif kind == "str":
                if t is not str:
                    return normalize(profile, act, raw, on, label(act, matter))
            else:  # counts
                counts = _counts(value)
                if counts is None:
                    return normalize(profile, act, raw, on, label(act, matter))
                value = counts
            out[name] = value
        return out

    return fast


def label(act: str, matter: str | None) -> str:
    """How messages name an act: ``vote on B1``, or ``dissolve``."""
    return act if matter is None else f"{act} on {matter}"


def _typed_default(profile: Profile, act: str, name: str) -> Any:
    """The default ``normalize`` fills in for ``name`` (a scalar: shared safely)."""
    p = profile.procedure.acts[act].params[name]
    return _typed(profile, act, name, p, p.default)


def _counts(value: Any) -> dict[str, int] | None:
    if type(value) is not dict or "for" not in value or "against" not in value:
        return None
    out = {}
    for key in COUNT_KEYS:
        n = value.get(key, 0)
        if type(n) is not int or n < 0:
            return None
        out[key] = n
    if any(k not in out for k in value):
        return None
    return out


class DivisionPlan:
    """A one-chamber division's constants: the chamber, its size and first sitting, and the
    threshold's exact numerator, denominator, strictness and base."""

    __slots__ = ("chamber", "d", "first_sitting", "n", "of", "size", "spec", "strict", "threshold")

    def __init__(self, profile: Profile, spec: VoteSpec) -> None:
        self.spec = spec
        self.chamber = spec.chambers[0] if len(spec.chambers) == 1 else None
        inst = profile.institutions.get(self.chamber or "")
        self.size = (inst.size or 0) if inst is not None else 0
        self.first_sitting = inst.first_sitting if inst is not None else None
        t = profile.thresholds[spec.threshold]
        self.n, self.d, self.strict, self.of = t.share.numerator, t.share.denominator, t.strict, t.of
        self.threshold = spec.threshold

    def tally(self, profile: Profile, world: World, params: Mapping[str, Any], act: str, matter: str | None
              ) -> tuple[Tally, ...]:
        """``votes.division`` for one chamber's flat counts; any other case (and every
        refusal) is the reference function's."""
        chamber = self.chamber
        if type(params) is not dict:  # (another mapping: the reference path; a dict's own lookups below)
            return division(profile, world, self.spec, params, label(act, matter))
        given = cast(dict[str, Any], params)
        nested = False
        for v in given.values():  # (a loop, not any(...): no generator object per division when compiled)
            if type(v) is dict:
                nested = True
                break
        if (chamber is None or nested or "for" not in given or "against" not in given
                or chamber in world.not_sitting or given.get("chamber", chamber) != chamber
                or (self.first_sitting is not None and world.clock is not None and world.clock < self.first_sitting)):
            return division(profile, world, self.spec, params, label(act, matter))
        f, a, ab = given["for"], given["against"], given.get("abstain", 0)
        if f + a + ab > self.size:
            return division(profile, world, self.spec, params, label(act, matter))
        of = self.of
        base = self.size if of == "total_membership" else f + a + ab if of == "members_voting" else f + a
        required = base * self.n // self.d + 1 if self.strict else -((-base * self.n) // self.d)
        return (tally_of(chamber, self.size, f, a, ab, base, required, self.threshold, f >= required and f > 0),)


def _static(values: Mapping[str, Any]) -> dict[str, Any] | None:
    """``values`` as the engine's ``_resolve`` makes them, when that does not depend on the act
    (no ``$date`` or ``$param``, scalars only); else ``None``."""
    if any(not isinstance(v, _SCALARS) or (isinstance(v, str) and v.startswith("$")) for v in values.values()):
        return None
    return {str(k): jsonable(v) for k, v in values.items()}


class CompiledOutcome:
    """A vote's outcome with the rule's own ``set``, effects and citations merged in."""

    __slots__ = ("cites", "effects", "outcome", "set", "static", "to", "when")

    def __init__(self, rule: Rule, outcome: Outcome) -> None:
        self.outcome = outcome
        self.when = tuple(outcome.when.items())
        self.to = outcome.to if outcome.to is not None else rule.to
        self.set = {**rule.set, **outcome.set}
        self.static = _static(self.set)
        self.effects = {**rule.effects, **outcome.effects}
        cites = list(rule.cites)
        cites += [c for c in outcome.cites if c not in cites]
        self.cites = tuple(cites)


class CompiledRule:
    """What the engine reads of a rule on every step, built once."""

    __slots__ = (
        "cites",
        "effects",
        "id",
        "keep",
        "passed",
        "plan",
        "rejected",
        "require",
        "rule",
        "set",
        "sitting",
        "static",
        "to",
        "vote",
        "when",
    )

    def __init__(self, profile: Profile, kid: str | None, rule: Rule) -> None:
        self.rule = rule
        self.id = rule.id
        self.when = tuple(rule.when.items())
        self.require = tuple(q for q in rule.require if q.enabled)  # a switched-off guard always holds
        # requirements that only ask chambers to sit are checked inline; others need a Context
        self.sitting: tuple[tuple[str, ...], bool] | None = None
        if len(self.require) == 1 and _only_sitting(self.require[0]):
            req = self.require[0]
            self.sitting = (tuple(req.chambers_sitting), req.negate)
        self.vote = rule.vote
        self.plan = DivisionPlan(profile, rule.vote) if rule.vote is not None and rule.vote.kind == "division" else None
        self.to = rule.to
        self.set = dict(rule.set)
        self.static = _static(self.set)
        self.effects = dict(rule.effects)
        self.cites = tuple(rule.cites)
        self.passed = tuple(CompiledOutcome(rule, o) for o in rule.passed if o.enabled)
        self.rejected = tuple(CompiledOutcome(rule, o) for o in rule.rejected if o.enabled)
        keep: frozenset[str] = frozenset()
        if kid is not None and rule.act in profile.procedure.acts:
            keep = frozenset(profile.procedure.acts[rule.act].params) & frozenset(profile.procedure.matters[kid].vars)
        self.keep = keep

    def sitting_holds(self, world: World) -> bool:
        """The inline form of a requirement that only names chambers that must sit."""
        assert self.sitting is not None
        chambers, negate = self.sitting
        not_sitting = world.not_sitting
        holds = True
        if not_sitting:
            for c in chambers:
                if c in not_sitting:
                    holds = False
                    break
        return holds != negate


def _only_sitting(req: Requirement) -> bool:
    return req.enabled and not (req.republic or req.exists or req.before_end_of or req.after_since)


def reads_only_sitting(req: Requirement) -> bool:
    """Whether the requirement reads nothing but which chambers sit (or is switched off)."""
    return not req.enabled or _only_sitting(req)


def when_matches(when: tuple[tuple[str, Any], ...], params: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    """``rules.when_holds`` on a compiled ``when``."""
    for key, wanted in when:
        actual = params[key] if key in params else variables.get(key)
        if not _same(actual, wanted):
            return False
    return True


def first_compiled(outcomes: tuple[CompiledOutcome, ...], params: Mapping[str, Any],
                   variables: Mapping[str, Any]) -> CompiledOutcome | None:
    for outcome in outcomes:
        if not outcome.when or when_matches(outcome.when, params, variables):
            return outcome
    return None
