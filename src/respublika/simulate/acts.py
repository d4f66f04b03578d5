"""The acts (and four of their parameters) the behaviour performs, found by their role.

The simulation reads votes, deadlines and everything else from the profile's legal acts,
whatever their names. The acts it *initiates* (introducing a bill, nominating a Prime
Minister, declaring and ending a crisis, trying to dissolve) and the President's and the
Government's decisions are found by the ``role`` the profile gives them
(``[procedure.acts.X] role = "introduce"``; a parameter's ``role`` likewise). A profile
whose acts carry no roles, or a run that wants another act for a role, names it with
``--act ROLE=ACT`` (``SimulationConfig.acts``). A role the profile does not fill stays
empty: the behaviour then never performs it (no crises without a ``declare`` act).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from respublika.errors import InputError
from respublika.profile.schema import Profile

ACT_ROLES = ("introduce", "opinion", "sign", "veto", "nominate", "declare", "end", "dissolve")
PARAM_ROLES = {"initiator": "introduce", "budget": "introduce", "approve": "opinion", "candidate": "nominate"}
"""Parameter roles, each with the role of the act it belongs to."""


@dataclass(frozen=True)
class ActNames:
    """The profile's act and parameter names the behaviour uses ('' where it has none)."""

    introduce: str = ""
    initiator: str = ""
    budget: str = ""
    opinion: str = ""
    approve: str = ""
    sign: str = ""
    veto: str = ""
    nominate: str = ""
    candidate: str = ""
    declare: str = ""
    end: str = ""
    dissolve: str = ""

    @classmethod
    def roles(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def declared(cls, profile: Profile) -> ActNames:
        """The names the profile's ``role`` entries give."""
        acts = {role: next((aid for aid, spec in profile.procedure.acts.items() if spec.role == role), "")
                for role in ACT_ROLES}
        params: dict[str, str] = {}
        for role, act_role in PARAM_ROLES.items():
            spec = profile.procedure.acts.get(acts[act_role])
            params[role] = next((pid for pid, p in (spec.params.items() if spec else []) if p.role == role), "")
        return cls(**acts, **params)

    @classmethod
    def for_profile(cls, profile: Profile, acts: Mapping[str, str] | None = None) -> ActNames:
        """The profile's names, with ``acts`` (``{"declare": "declare_emergency"}``) replacing some."""
        unknown = sorted(set(acts or {}) - set(cls.roles()))
        if unknown:
            raise InputError(f"unknown act role(s) {', '.join(unknown)} (roles: {', '.join(cls.roles())})")
        base = cls.declared(profile)
        return cls(**{**{f: getattr(base, f) for f in cls.roles()}, **{k: str(v) for k, v in (acts or {}).items()}})

    def changed(self, profile: Profile) -> dict[str, str]:
        """The names that differ from those the profile declares."""
        default = ActNames.declared(profile)
        return {f: getattr(self, f) for f in self.roles() if getattr(self, f) != getattr(default, f)}
