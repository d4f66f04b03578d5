"""The names of the acts (and of two of their parameters) the behaviour performs.

The simulation reads votes, deadlines and everything else from the profile's legal acts,
whatever their names; only the acts it *initiates* (introducing a bill, nominating a Prime
Minister, declaring and ending a crisis, trying to dissolve) and the President's and the
Government's decisions are named here, with the seed's names as defaults. A profile that
names them differently is run with ``--act ROLE=ACT`` (``SimulationConfig.acts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from respublika.errors import InputError


@dataclass(frozen=True)
class ActNames:
    """The profile's act and parameter names the behaviour uses (the seed's by default)."""

    introduce: str = "introduce"
    initiator: str = "initiator"
    budget: str = "budget_impact"
    opinion: str = "government_opinion"
    approve: str = "approve"
    sign: str = "sign"
    veto: str = "veto"
    nominate: str = "nominate_pm"
    candidate: str = "candidate"
    declare: str = "declare_crisis"
    end: str = "end_crisis"
    dissolve: str = "dissolve"

    @classmethod
    def with_overrides(cls, acts: Mapping[str, str] | None) -> ActNames:
        """The seed's names with some replaced (``{"declare": "declare_emergency"}``)."""
        roles = {f.name for f in fields(cls)}
        unknown = sorted(set(acts or {}) - roles)
        if unknown:
            raise InputError(f"unknown act role(s) {', '.join(unknown)} (roles: {', '.join(sorted(roles))})")
        return cls(**{k: str(v) for k, v in (acts or {}).items()})

    def changed(self) -> dict[str, str]:
        """The names that differ from the seed's."""
        default = ActNames()
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != getattr(default, f.name)}
