"""A calendar simulation of the Republic over years (issue 7); see ``docs/simulation.md``.

Python API (an engine: JSON-ready results, no database)::

    from respublika.simulate import SimParams, run_simulation
    result = run_simulation("seed", SimParams(rate=80), seed=1, years=30)   # in memory
    result.timeline()        # seats over time per chamber/party, bills per year by outcome, ...
    result.summary(); result.log()

Saved runs (a run written to the database as it goes, resumed, read back) are the store's:
:mod:`respublika.store.simulations` (``start``, ``resume``, ``timeline``, ``runs``).

Modules: :mod:`.queue` (the calendar), :mod:`.schedule` (cycles from the profile),
:mod:`.politics` and :mod:`.elect` (compositions, elections), :mod:`.behaviour` (models),
:mod:`.core` and :mod:`.republic` (the simulation), :mod:`.acts` (the act names it uses),
:mod:`.backend` (the world in memory, on focused worlds), :mod:`.recorder` (statistics),
:mod:`.power` (power over time), :mod:`.run` (a run and its result), :mod:`.montecarlo`
(many runs).
"""

from __future__ import annotations

from respublika._accel import extend

extend(__path__, __name__)  # the compiled build, when current (respublika._accel)

from respublika.simulate.params import Party, SimParams
from respublika.simulate.run import SimulationConfig, SimulationResult, run_simulation

__all__ = [
    "Party",
    "SimParams",
    "SimulationConfig",
    "SimulationResult",
    "run_simulation",
]
