"""The procedure engine: the state machine a profile declares, interpreted generically.

Public API (pure: no I/O besides reading scenario files, no database)::

    from respublika.procedure import Engine, Step
    engine = Engine(load_profile("seed"))
    world = engine.initial({"president_elected": "2011-04-03"})
    world, events = engine.apply(world, Step(date(2010, 2, 1), "introduce", "B1",
                                             {"initiator": "deputies"}))
    engine.legal_acts(world, "B1")          # what may be done next, with deadlines
    engine.replay(world.events)             # == world

A :class:`WorldHolder` is where a world lives and where its steps go (in memory:
:class:`MemorySession`; in a database: ``respublika.store.StoredWorld``); the scenario
runner and the simulation act through it.

See ``docs/procedure.md``.
"""

from respublika._accel import extend

extend(__path__, __name__)  # the compiled build, when current (respublika._accel)

from respublika.procedure.engine import Engine
from respublika.procedure.holder import WorldHolder
from respublika.procedure.legal import LegalAct, VoteNeed
from respublika.procedure.model import (
    ADVANCE,
    Event,
    Matter,
    ReferendumTally,
    Step,
    StepResult,
    Tally,
    Timer,
    World,
)
from respublika.procedure.scenario import (
    MemorySession,
    RunResult,
    Scenario,
    ScenarioError,
    load_scenario,
    parse_scenario,
    run,
    run_in_memory,
)

__all__ = [
    "ADVANCE",
    "Engine",
    "Event",
    "LegalAct",
    "Matter",
    "MemorySession",
    "ReferendumTally",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "Step",
    "StepResult",
    "Tally",
    "Timer",
    "VoteNeed",
    "World",
    "WorldHolder",
    "load_scenario",
    "parse_scenario",
    "run",
    "run_in_memory",
]
