"""What may be done now: the acts legal on a matter (or on the Republic), with their
thresholds and the deadline of the matter's current state.

Used for refusals ("legal now: ..."), for ``respublika bill show`` and for the web app's
buttons. A rule is listed when it is enabled, its ``from`` matches, its conditions on
variables hold, its requirements hold on the date, and (for a division) every chamber
it names sits; conditions on the act's parameters are shown as fixed values
(``vote (chamber=mazhilis)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from respublika.procedure.deadlines import deadline_of, last_day
from respublika.procedure.model import Matter, World
from respublika.procedure.params import cite
from respublika.procedure.rules import (
    Context,
    failed_requirement,
    fixed_params,
    from_matches,
    var_conditions,
    when_holds,
)
from respublika.procedure.votes import required_for
from respublika.profile.schema import Profile, Rule


@dataclass(frozen=True)
class VoteNeed:
    """Votes a chamber needs (on the base of its size) under a threshold."""

    chamber: str
    size: int
    required: int
    threshold: str


@dataclass(frozen=True)
class LegalAct:
    """An act legal now: which rule allows it, fixed parameters, votes needed, deadline."""

    act: str
    rule: str
    kind: str | None
    matter: str | None
    fixed: Mapping[str, Any] = field(default_factory=dict)
    votes: tuple[VoteNeed, ...] = ()
    referendum: bool = False
    creates: bool = False
    last_day: date | None = None
    cites: tuple[str, ...] = ()

    def label(self) -> str:
        """``vote (chamber=mazhilis)``."""
        if not self.fixed:
            return self.act
        args = ", ".join(f"{k}={_show(v)}" for k, v in self.fixed.items())
        return f"{self.act} ({args})"

    def text(self) -> str:
        return self.label() + cite(self.cites)

    def to_dict(self) -> dict[str, Any]:
        return {
            "act": self.act, "rule": self.rule, "kind": self.kind, "matter": self.matter,
            "fixed": dict(self.fixed), "creates": self.creates, "referendum": self.referendum,
            "votes": [
                {"chamber": v.chamber, "size": v.size, "required": v.required, "threshold": v.threshold}
                for v in self.votes
            ],
            "last_day": None if self.last_day is None else self.last_day.isoformat(),
            "cites": list(self.cites),
        }


def _show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _allowed(profile: Profile, world: World, rule: Rule, variables: Mapping[str, Any], on: date) -> bool:
    if not rule.enabled or not when_holds(var_conditions(profile, rule), {}, variables):
        return False
    if failed_requirement(rule.require, Context(profile, world, on)) is not None:
        return False
    vote = rule.vote
    if vote is not None and vote.kind == "division" and any(
        (profile.institutions[c].first_sitting or date.min) > on for c in vote.chambers
    ):
        return False  # a chamber that has not yet first sat
    return not (vote is not None and vote.kind == "division" and any(c in world.not_sitting for c in vote.chambers))


def _entry(profile: Profile, rule: Rule, kind: str | None, matter: str | None, **extra: Any) -> LegalAct:
    vote = rule.vote
    needs: tuple[VoteNeed, ...] = ()
    if vote is not None and vote.kind == "division":
        needs = tuple(
            VoteNeed(c, profile.institutions[c].size or 0, required_for(profile, vote.threshold, c), vote.threshold)
            for c in vote.chambers
        )
    return LegalAct(
        act=rule.act, rule=rule.id, kind=kind, matter=matter, fixed=fixed_params(profile, rule),
        votes=needs, referendum=vote is not None and vote.kind == "referendum",
        cites=tuple(rule.cites), **extra,
    )


def on_matter(profile: Profile, world: World, matter: Matter, on: date) -> list[LegalAct]:
    kind = profile.procedure.matters[matter.kind]
    spec = kind.states[matter.state]
    if spec.final:
        return []
    until = last_day(profile, matter) if deadline_of(profile, matter) is not None else None
    return [
        _entry(profile, rule, matter.kind, matter.id, last_day=until)
        for rule in kind.rules
        if from_matches(rule, matter.state, spec.final) and _allowed(profile, world, rule, matter.vars, on)
    ]


def creating(profile: Profile, world: World, on: date, act: str | None = None) -> list[LegalAct]:
    """Rules that create a matter (``from = ["new"]``), legal now."""
    out = []
    for kid, kind in profile.procedure.matters.items():
        for rule in kind.rules:
            if "new" in rule.from_ and (act is None or rule.act == act) and _allowed(profile, world, rule, kind.vars, on):
                out.append(_entry(profile, rule, kid, None, creates=True))
    return out


allowed = _allowed
entry = _entry
"""The checks and the entry of one rule (the engine's dispatch tables call them)."""


def on_republic(profile: Profile, world: World, on: date) -> list[LegalAct]:
    return [
        _entry(profile, rule, None, None)
        for rule in profile.procedure.republic.rules
        if _allowed(profile, world, rule, world.republic, on)
    ]
