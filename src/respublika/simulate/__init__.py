"""A calendar simulation of the Republic over years (issue 7); see ``docs/simulation.md``.

Python API (JSON-ready results for the CLI and the web app)::

    from respublika.simulate import SimParams, run_simulation, load_timeline
    result = run_simulation("seed", SimParams(rate=80), seed=1, years=30)   # in memory
    result.timeline()        # seats over time per chamber/party, bills per year by outcome, ...
    result.summary(); result.log()

    from respublika.store import Store
    from respublika.simulate import start_simulation, resume_simulation, SimulationConfig
    with Store(url) as store:
        start_simulation(store, "sim-1", SimulationConfig("seed", {}, SimParams(), 1, 30))
        resume_simulation(store, "sim-1")            # continue from the last checkpoint
        load_timeline(store, "sim-1")                # the same timeline, read from the database
        list_simulations(store)

Modules: :mod:`.queue` (the calendar), :mod:`.schedule` (cycles from the profile),
:mod:`.politics` and :mod:`.elect` (compositions, elections), :mod:`.behaviour` (models),
:mod:`.core` and :mod:`.republic` (the simulation), :mod:`.acts` (the act names it uses),
:mod:`.backend` (engine in memory / Store), :mod:`.recorder`
(statistics), :mod:`.power` (power over time), :mod:`.persist` and :mod:`.storelog`
(database), :mod:`.montecarlo` (many runs), :mod:`.report` and :mod:`.plots` (report).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from respublika.simulate.params import Party, SimParams
from respublika.simulate.run import SimulationConfig, SimulationResult, run_simulation

if TYPE_CHECKING:
    from collections.abc import Callable

    from respublika.store import Store


def start_simulation(store: Store, name: str, config: SimulationConfig, *, mode: str = "batch",
                     until: date | None = None, progress: Callable[[date], None] | None = None) -> SimulationResult:
    """A new run saved in ``store`` as ``name`` (see :func:`respublika.simulate.persist.start`)."""
    from respublika.simulate.persist import start

    return start(store, name, config, mode=mode, until=until, progress=progress)


def resume_simulation(store: Store, name: str, *, until: date | None = None,
                      progress: Callable[[date], None] | None = None) -> SimulationResult:
    """Continue the saved run ``name`` from its last checkpoint."""
    from respublika.simulate.persist import resume

    return resume(store, name, until=until, progress=progress)


def load_timeline(store: Store | str | None, name: str, power: bool = True) -> dict[str, Any]:
    """The timeline of the saved run ``name`` (a Store, a database URL, or None for the default)."""
    from respublika.simulate.persist import load_timeline as load

    return load(store, name, power)


def list_simulations(store: Store) -> list[dict[str, Any]]:
    """Every saved run: name, world, seed, years, start, finished, profile, updated_at."""
    from respublika.simulate.persist import simulations

    return simulations(store)


__all__ = [
    "Party",
    "SimParams",
    "SimulationConfig",
    "SimulationResult",
    "list_simulations",
    "load_timeline",
    "resume_simulation",
    "run_simulation",
    "start_simulation",
]
