"""Simulations as a user asks for them: one saved run (started or resumed), or many in memory.

:func:`config` checks every input before any work starts and returns the run's
configuration; :func:`run_saved` runs (or resumes) one run in a store; :func:`run_many`
runs several in memory on worker processes and aggregates them. The behaviour finds the
profile's acts by their roles (``--act ROLE=ACT`` names another act for a role).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from respublika.app.profiles import DEFAULT_PROFILE, ProfileRequest, open_profile, parse_pairs
from respublika.errors import InputError

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported where a run is saved or read
    from respublika.store import Store

MAX_SEED = 2**63
MAX_YEARS = 1000
"""The most years one run simulates (``respublika.simulate.run.MAX_YEARS``; documented
in docs/simulation.md)."""


def config(request: ProfileRequest, *, years: int, seed: int, rate: float | None = None,
           params: Sequence[str] = (), start: str | None = None, acts: Sequence[str] = ()) -> Any:
    """A checked :class:`~respublika.simulate.run.SimulationConfig` (nothing is simulated yet)."""
    from respublika.simulate import SimParams
    from respublika.simulate.acts import ActNames
    from respublika.simulate.run import SimulationConfig, check_years

    if years < 1:
        raise InputError(f"--years must be at least 1, got {years}")
    if years > MAX_YEARS:
        raise InputError.of("--years must be between 1 and {cap}, got {years}", cap=MAX_YEARS, years=years)
    if not 0 <= seed < MAX_SEED:
        raise InputError(f"--seed must be a whole number in [0, 2**63), got {seed}")
    changes: dict[str, Any] = parse_pairs(params, what="--param")
    if rate is not None:
        if rate < 0:
            raise InputError(f"--rate must not be negative, got {rate}")
        changes["rate"] = rate
    if start is not None:
        changes["start"] = start
    sim_params = SimParams().with_values(changes)
    check_years(years, sim_params.start)
    loaded = open_profile(request)  # an unknown or broken profile fails here
    renamed: dict[str, str] = {}
    for text in acts:
        role, _, act = (part.strip() for part in text.partition("="))
        if not act:
            raise InputError(f"--act {text!r}: expected ROLE=ACT, e.g. declare=declare_emergency")
        if act not in loaded.procedure.acts:
            raise InputError(f"--act {text!r}: the profile has no act {act!r} "
                             f"(acts: {', '.join(sorted(loaded.procedure.acts))})")
        renamed[role] = act
    ActNames.for_profile(loaded, renamed)  # unknown roles fail here
    ref = request.ref or DEFAULT_PROFILE
    if request.as_of and "@" not in ref:
        ref = f"{ref}@{request.as_of}"
    return SimulationConfig(ref, request.overrides(), sim_params, seed, years, renamed)


def run_name(name: str | None, seed: int) -> str:
    """The saved run's name (and its world's): ``name``, else ``sim-SEED``. A name that is
    given must be one the store keeps (not empty, no surrounding blanks, ...)."""
    if name is None:
        return f"sim-{seed}"
    from respublika.store.log import check_name

    return check_name(name, "--name (the saved run's name)")


def run_saved(opened: Store, name: str, cfg: Any | None, *, each_step: bool = False,
              progress: Callable[[date], None] | None = None) -> Any:
    """Start the run ``name`` with ``cfg``, or resume it from its last checkpoint (``cfg`` None)."""
    from respublika.store import simulations

    if cfg is None:
        return simulations.resume(opened, name, progress=progress)
    if simulations.exists(opened, name):
        raise InputError(f"a simulation or world named {name!r} exists already "
                         "(choose another --name, or --resume it)")
    return simulations.start(opened, name, cfg, mode="step" if each_step else "batch", progress=progress)


def run_memory(cfg: Any, name: str, progress: Callable[[date], None] | None = None) -> Any:
    """One run in memory (nothing is written): the result, named ``name`` in its report."""
    from respublika.simulate.run import result_of, simulation_for

    sim = simulation_for(cfg)
    sim.run(progress=progress)
    return result_of(sim, cfg, name)


def run_many(cfg: Any, runs: int, workers: int, progress: Callable[[int], None] | None = None,
             scheduler: str | None = None) -> dict[str, Any]:
    """``runs`` runs (seeds ``seed`` .. ``seed+runs-1``) in memory on ``workers`` local
    processes, or on the Dask cluster at ``scheduler`` (``tcp://HOST:PORT``), aggregated; the
    result is the same whatever runs them."""
    from respublika.simulate import montecarlo

    if runs < 1:
        raise InputError(f"--runs must be at least 1, got {runs}")
    if workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    summaries = montecarlo.run_many(cfg, runs, workers, progress=progress, scheduler=scheduler)
    result: dict[str, Any] = montecarlo.aggregate(cfg, summaries)
    return result


def saved_runs(opened: Store) -> list[dict[str, Any]]:
    from respublika.store import simulations

    return simulations.runs(opened)


def saved_run(opened: Store, name: str) -> dict[str, Any]:
    """A saved run's timeline (refused with the saved names when there is none)."""
    from respublika.store import simulations

    known = [r["name"] for r in simulations.runs(opened)]
    if name not in known:
        raise InputError(f"no simulation named {name!r} (saved: {', '.join(known) or 'none'})")
    result: dict[str, Any] = simulations.timeline(opened, name, power=False)
    return result
