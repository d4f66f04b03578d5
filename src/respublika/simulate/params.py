"""The simulation's parameters: voters, parties, bills, timing, crises (all with defaults).

Everything here is an assumption of the simulation, not of the constitution (the profile
holds the constitution). :class:`SimParams` is frozen, JSON round-trips exactly
(``to_dict`` / ``from_dict``) and is checked when built: a negative rate or a share above
one is an :class:`~respublika.errors.InputError` naming the parameter.

``with_values({"rate": 50, "parties.Centre.position": 0.2})`` returns a copy with some
values changed (the CLI's ``--rate`` and ``--param KEY=VALUE``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from respublika.errors import InputError


@dataclass(frozen=True)
class Party:
    """A party: its national vote share at the start, position on [-1, 1], discipline."""

    name: str
    share: float
    position: float
    discipline: float

    def check(self) -> None:
        where = f"parties.{self.name}"
        if not self.name or not self.name.strip():
            raise InputError("parties: every party needs a name")
        _positive(f"{where}.share", self.share)
        _within(f"{where}.position", self.position, -1.0, 1.0)
        _within(f"{where}.discipline", self.discipline, 0.0, 1.0)


DEFAULT_PARTIES = (
    Party("Centre", 0.58, 0.15, 0.95),
    Party("Business", 0.12, 0.55, 0.85),
    Party("People's", 0.11, -0.45, 0.85),
    Party("Rural", 0.08, -0.05, 0.80),
    Party("Reform", 0.06, 0.75, 0.80),
    Party("Greens", 0.05, -0.70, 0.75),
)
"""Illustrative parties: one dominant centre party and five smaller ones."""

RESERVED = ("appointed", "assembly", "President")
"""Labels of the blocs that are not parties (appointees, a body's delegates) and of the
President in the power game; no party may take them."""

DEFAULT_INITIATORS = {"deputies": 0.45, "government": 0.45, "president": 0.10}
DEFAULT_PARTY_INITIATORS = ("deputies",)
"""The initiators whose bills lie near a party's position (the seed's word for members of
parliament; the others' bills lie near the President's)."""
DEFAULT_DELAYS = {"chamber": 25.0, "joint": 10.0, "president": 12.0, "government": 20.0}


@dataclass(frozen=True)
class SimParams:
    """Behaviour parameters (see ``docs/simulation.md`` for each one's role).

    Rates are per year, durations in days, positions on [-1, 1], probabilities in [0, 1].
    """

    start: date = date(2000, 1, 1)
    rate: float = 120.0
    budget_share: float = 0.3
    initiators: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_INITIATORS))
    party_initiators: tuple[str, ...] = DEFAULT_PARTY_INITIATORS
    parties: tuple[Party, ...] = DEFAULT_PARTIES
    drift: float = 300.0
    regional: float = 15.0
    electorate: int = 10_000_000
    turnout: float = 0.65
    against_all: float = 0.02
    candidate_share: float = 0.05
    tolerance: float = 0.55
    scale: float = 0.15
    abstain: float = 0.02
    bloc_discipline: float = 0.95
    president_tolerance: float = 0.6
    president_silence: float = 0.05
    government_tolerance: float = 0.7
    chamber_silence: float = 0.05
    override_attempt: float = 0.6
    delays: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_DELAYS))
    bill_spread: float = 0.35
    crisis_rate: float = 0.08
    crisis_days: float = 150.0
    dissolve_chance: float = 0.5
    dissolve_days: float = 20.0
    pm_days: float = 14.0
    pm_attempts: int = 3
    assembly_candidates: int = 12

    def __post_init__(self) -> None:
        object.__setattr__(self, "initiators", dict(self.initiators))
        object.__setattr__(self, "party_initiators", _names("party_initiators", self.party_initiators))
        object.__setattr__(self, "delays", {**DEFAULT_DELAYS, **dict(self.delays)})
        object.__setattr__(self, "parties", tuple(self.parties))
        self.check()

    # ------------------------------------------------------------------ checks

    def check(self) -> None:
        """Raise :class:`InputError` naming the first bad parameter."""
        if not isinstance(self.start, date):
            raise InputError(f"start: expected a date, got {self.start!r}")
        _non_negative("rate", self.rate)
        _non_negative("drift", self.drift)
        _non_negative("regional", self.regional)
        _non_negative("crisis_rate", self.crisis_rate)
        for name in ("crisis_days", "dissolve_days", "pm_days", "scale"):
            _positive(name, getattr(self, name))
        for name in ("budget_share", "turnout", "against_all", "candidate_share", "abstain",
                     "bloc_discipline", "president_silence", "chamber_silence",
                     "override_attempt", "dissolve_chance"):
            _within(name, getattr(self, name), 0.0, 1.0)
        for name in ("tolerance", "president_tolerance", "government_tolerance", "bill_spread"):
            _within(name, getattr(self, name), 0.0, 2.0)
        if isinstance(self.electorate, bool) or not isinstance(self.electorate, int) or self.electorate < 1000:
            raise InputError(f"electorate: expected a whole number of at least 1000, got {self.electorate!r}")
        for name in ("pm_attempts", "assembly_candidates"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InputError(f"{name}: expected a whole number of at least 1, got {value!r}")
        if not self.parties:
            raise InputError("parties: at least one party is needed")
        names = [p.name for p in self.parties]
        if len(set(names)) != len(names):
            raise InputError(f"parties: names must be unique, got {names}")
        reserved = sorted(set(names) & set(RESERVED))
        if reserved:
            raise InputError(f"parties: {', '.join(reserved)} names a bloc of the simulation (reserved: {', '.join(RESERVED)})")
        for party in self.parties:
            party.check()
        if not self.initiators or not any(v > 0 for v in self.initiators.values()):
            raise InputError("initiators: give at least one initiator a positive weight")
        for key, value in self.initiators.items():
            _non_negative(f"initiators.{key}", value)
        for key, value in self.delays.items():
            _positive(f"delays.{key}", value)
        unknown = sorted(set(self.delays) - set(DEFAULT_DELAYS))
        if unknown:
            raise InputError.of("delays: unknown key(s) {keys} (known: {known})", keys=", ".join(map(repr, unknown)),
                                known=", ".join(DEFAULT_DELAYS))

    def check_initiators(self, choices: Sequence[str]) -> None:
        """Refuse initiator weights for names the profile's ``introduce`` does not offer (else
        they would be ignored, and the draw fall back to uniform weights). The defaults are
        exempt: they name the seed's initiators and fall back on a profile without them."""
        for what, names, default in (("initiators", set(self.initiators), dict(self.initiators) == DEFAULT_INITIATORS),
                                     ("party_initiators", set(self.party_initiators),
                                      self.party_initiators == DEFAULT_PARTY_INITIATORS)):
            unknown = sorted(names - set(choices))
            if unknown and not default:
                raise InputError.of("{what}: unknown initiator(s) {names} (the profile's: {known})", what=what,
                                    names=", ".join(map(repr, unknown)), known=", ".join(choices))

    # ------------------------------------------------------------------- JSON

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["parties"] = [asdict(p) for p in self.parties]
        data["initiators"] = dict(self.initiators)
        data["party_initiators"] = list(self.party_initiators)
        data["delays"] = dict(self.delays)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SimParams:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(f"unknown simulation parameter(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        values = dict(data)
        if "start" in values:
            values["start"] = _date(values["start"])
        if "parties" in values:
            values["parties"] = tuple(_party(p) for p in values["parties"])
        try:
            return cls(**values)
        except TypeError as exc:
            raise InputError(f"simulation parameters: {exc}") from None

    def with_values(self, changes: Mapping[str, Any]) -> SimParams:
        """A copy with ``changes`` applied; keys are field names, ``initiators.X``,
        ``delays.X`` or ``parties.NAME.FIELD``."""
        data = self.to_dict()
        for key, value in changes.items():
            _assign(data, key, value)
        return SimParams.from_dict(data)


def _assign(data: dict[str, Any], key: str, value: Any) -> None:
    head, _, rest = key.partition(".")
    if head not in data:
        raise InputError(f"unknown simulation parameter {key!r} (known: {', '.join(sorted(data))})")
    if not rest:
        data[head] = value
        return
    if head in ("initiators", "delays"):
        data[head] = {**data[head], rest: value}
        return
    if head == "parties":
        name, _, attr = rest.rpartition(".")
        party = next((p for p in data["parties"] if p["name"] == name), None)
        if party is None or attr not in ("share", "position", "discipline"):
            known = ", ".join(p["name"] for p in data["parties"])
            raise InputError(f"{key}: expected parties.NAME.share|position|discipline (parties: {known})")
        party[attr] = value
        return
    raise InputError(f"{key}: {head} has no parts")


def _names(what: str, value: Any) -> tuple[str, ...]:
    """A tuple of names from a list of them or a comma-separated text (``--param``)."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items or not all(isinstance(i, str) and i.strip() for i in items):
        raise InputError(f"{what}: expected names (a list, or a comma-separated text), got {value!r}")
    return tuple(i.strip() for i in items)


def _party(value: Any) -> Party:
    if isinstance(value, Party):
        return value
    if not isinstance(value, Mapping):
        raise InputError(f"parties: expected {{name, share, position, discipline}}, got {value!r}")
    try:
        return Party(name=str(value["name"]), share=float(value["share"]),
                     position=float(value["position"]), discipline=float(value["discipline"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"parties: bad party {value!r} ({exc})") from None


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"start: {value!r} is not a date (write YYYY-MM-DD)") from None


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{name}: expected a number, got {value!r}")
    return float(value)


def _non_negative(name: str, value: Any) -> None:
    if _number(name, value) < 0:
        raise InputError(f"{name}: must not be negative, got {value}")


def _positive(name: str, value: Any) -> None:
    if _number(name, value) <= 0:
        raise InputError(f"{name}: must be positive, got {value}")


def _within(name: str, value: Any, low: float, high: float) -> None:
    number = _number(name, value)
    if not low <= number <= high:
        raise InputError(f"{name}: must be between {low:g} and {high:g}, got {value}")


def normalized_shares(params: SimParams) -> list[float]:
    """The parties' starting shares, scaled to sum to one."""
    total = sum(p.share for p in params.parties)
    return [p.share / total for p in params.parties]


__all__ = ["DEFAULT_PARTIES", "Party", "SimParams", "normalized_shares"]
