"""Running a simulation in memory, and what a run returns.

    from respublika.simulate import run_simulation, SimParams
    result = run_simulation("seed", SimParams(rate=80), seed=1, years=30)
    result.timeline()     # seats over time, bills per year by outcome, deadlines, power ...
    result.summary()      # totals
    result.log()          # the event log: procedure events and the simulation's records
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from respublika.errors import InputError
from respublika.procedure import Engine, Event, Step
from respublika.profile import Profile, load_profile
from respublika.profile.loader import DEFAULT_PROFILE, overrides_dict
from respublika.simulate.acts import ActNames
from respublika.simulate.backend import MemoryBackend
from respublika.simulate.behaviour import Behaviour
from respublika.simulate.core import Simulation
from respublika.simulate.params import SimParams
from respublika.simulate.power import PowerSeries
from respublika.simulate.recorder import Recorder


@dataclass(frozen=True)
class SimulationConfig:
    """What reproduces a run: the profile (name or file) and overrides, parameters, seed, years."""

    profile: str = DEFAULT_PROFILE
    overrides: Mapping[str, Any] = field(default_factory=dict)
    params: SimParams = field(default_factory=SimParams)
    seed: int = 0
    years: int = 30
    acts: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile, "overrides": dict(self.overrides), "params": self.params.to_dict(),
                "seed": self.seed, "years": self.years, "acts": dict(self.acts)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SimulationConfig:
        return cls(profile=str(d.get("profile", DEFAULT_PROFILE)), overrides=dict(d.get("overrides") or {}),
                   params=SimParams.from_dict(d.get("params") or {}), seed=int(d.get("seed", 0)),
                   years=int(d.get("years", 30)), acts=dict(d.get("acts") or {}))

    def load(self) -> Profile:
        return load_profile(self.profile, overrides=dict(self.overrides))

    @property
    def names(self) -> ActNames:
        """The act names the behaviour uses: the profile's roles, with ``acts`` replacing some."""
        return ActNames.for_profile(self.load(), self.acts)


MAX_YEARS = 1000
"""The most years one run simulates (documented in docs/simulation.md)."""


def check_years(years: Any, start: date) -> None:
    """``years`` if a run may simulate them from ``start``: 1 to :data:`MAX_YEARS`, ending
    before the calendar does (year 9999)."""
    if isinstance(years, bool) or not isinstance(years, int):
        raise InputError(f"years: expected a whole number, got {years!r}")
    if not 1 <= years <= MAX_YEARS:
        raise InputError.of("--years must be between 1 and {cap}, got {years}", cap=MAX_YEARS, years=years)
    if start.year + years > 9998:
        raise InputError.of("--years {years} from {start}: the run would end after the year 9998 "
                            "(the calendar's last years)", years=years, start=start.isoformat())


def anchors_setup(engine: Engine, start: date) -> dict[str, str]:
    """The engine's calendar anchors (e.g. ``president_elected``) set to the start."""
    return {key: start.isoformat() for key in engine.anchors}


@dataclass
class SimulationResult:
    """A finished (or stopped) run: its configuration, log and statistics."""

    config: SimulationConfig
    profile: Profile
    recorder: Recorder
    events: list[Event]
    steps: list[Step]
    records: list[dict[str, Any]]
    setup: dict[str, Any]
    name: str | None = None
    finished: bool = True

    def timeline(self, power: bool = True) -> dict[str, Any]:
        """JSON-ready: ``config``, ``seats`` (chamber -> [{date, seats: {party: n}}]), ``bills``
        (``years`` and per-outcome lists), ``days_to_law``, ``deadlines``, ``power`` ..."""
        data = self.recorder.timeline()
        data["power"] = PowerSeries(self.profile).over_time(data["seats"]) if power else []
        start = self.config.params.start
        return {"name": self.name, "config": self.config.to_dict(), "profile_title": self.profile.title,
                "start": start.isoformat(), "years": self.config.years, "finished": self.finished, **data}

    def summary(self) -> dict[str, Any]:
        return {"name": self.name, "seed": self.config.seed, "years": self.config.years,
                **self.recorder.summary()}

    def log(self) -> dict[str, Any]:
        """The whole log as JSON-ready data (two equal logs mean two identical runs)."""
        return {"events": [e.to_dict() for e in self.events], "records": list(self.records)}


def simulation_for(config: SimulationConfig, profile: Profile | None = None,
                   behaviour: Behaviour | None = None, keep_log: bool = True) -> Simulation:
    """A fresh in-memory simulation (not yet run)."""
    engine = Engine(profile if profile is not None else config.load())
    backend = MemoryBackend(engine, anchors_setup(engine, config.params.start))
    return Simulation(engine, backend, config.params, config.seed, config.years, behaviour=behaviour,
                      names=config.names, keep_log=keep_log)


def result_of(sim: Simulation, config: SimulationConfig, name: str | None = None) -> SimulationResult:
    return SimulationResult(config=config, profile=sim.profile, recorder=sim.recorder, events=sim.events,
                            steps=sim.steps, records=sim.records,
                            setup=anchors_setup(sim.engine, config.params.start), name=name,
                            finished=sim.finished)


def run_simulation(
    profile: Profile | str = "seed",
    params: SimParams | Mapping[str, Any] | None = None,
    seed: int = 0,
    years: int = 30,
    *,
    overrides: Mapping[str, Any] | list[str] | None = None,
    behaviour: Behaviour | None = None,
    keep_log: bool = True,
    until: date | None = None,
    progress: Callable[[date], None] | None = None,
    acts: Mapping[str, str] | None = None,
) -> SimulationResult:
    """Run in memory. ``profile``: a loaded profile, a shipped name or a file (then
    ``overrides`` apply). ``until`` stops early (the result is then not ``finished``).
    ``acts`` renames the acts the behaviour uses (:class:`ActNames`), e.g.
    ``{"declare": "declare_emergency", "end": "end_emergency"}``."""
    if params is None:
        params = SimParams()
    elif not isinstance(params, SimParams):
        params = SimParams.from_dict(params)
    loaded = profile if isinstance(profile, Profile) else None
    ref = loaded.id if loaded is not None else str(profile)
    config = SimulationConfig(ref, overrides_dict(overrides) if loaded is None else {}, params, seed, years,
                              dict(acts or {}))
    sim = simulation_for(config, loaded, behaviour, keep_log)
    sim.run(until=until, progress=progress)
    return result_of(sim, config)
