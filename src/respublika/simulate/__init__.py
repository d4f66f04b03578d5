"""A calendar simulation of the Republic over years (issue 7); see ``docs/simulation.md``."""

from respublika.simulate.params import Party, SimParams
from respublika.simulate.run import SimulationConfig, SimulationResult, run_simulation

__all__ = ["Party", "SimParams", "SimulationConfig", "SimulationResult", "run_simulation"]
