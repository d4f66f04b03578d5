"""Saved runs: the Store's log, checkpoints, resume (also after a crash), timelines by name."""

from __future__ import annotations

from datetime import date

import pytest

from respublika.errors import InputError
from respublika.simulate import SimParams, run_simulation
from respublika.simulate.run import SimulationConfig
from respublika.store import Store, simulations


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'sim.db'}") as s:
        yield s


def stored(store, name):
    return [e.to_dict() for s in store.steps(name) for e in s.events]


PARAMS = SimParams(rate=25, crisis_rate=0.5, dissolve_chance=1.0, dissolve_days=5, crisis_days=60)
CONFIG = SimulationConfig("seed", {}, PARAMS, 11, 5)
# one transaction per act is slow: fewer acts in "step" mode
CONFIGS = {"batch": CONFIG, "step": SimulationConfig("seed", {}, PARAMS.with_values({"rate": 8}), 11, 4)}
_memory: dict[str, object] = {}


def memory_run(mode):
    if mode not in _memory:
        c = CONFIGS[mode]
        _memory[mode] = run_simulation("seed", c.params, seed=c.seed, years=c.years)
    return _memory[mode]


@pytest.mark.parametrize("mode", ["batch", "step"])
def test_a_saved_run_is_the_memory_run_and_checks(store, mode):
    memory = memory_run(mode)
    result = simulations.start(store, "sim-11", CONFIGS[mode], mode=mode)
    assert result.log() == memory.log()
    assert stored(store, "sim-11") == [e.to_dict() for e in memory.events]
    assert store.check("sim-11") == []          # the Store replays every row through a fresh engine
    timeline = simulations.timeline(store, "sim-11")
    expected = memory.timeline()
    for key in ("seats", "bills", "days_to_law", "deadlines", "power", "presidents", "refusals"):
        assert timeline[key] == expected[key], key
    assert simulations.runs(store)[0]["finished"] is True


@pytest.mark.parametrize("mode", ["batch", "step"])
def test_save_and_resume_gives_the_uninterrupted_log(store, mode):
    memory = memory_run(mode)
    simulations.start(store, "r", CONFIGS[mode], mode=mode, until=date(2001, 9, 1))
    assert simulations.runs(store)[0]["finished"] is False
    simulations.resume(store, "r", until=date(2003, 2, 1))
    result = simulations.resume(store, "r")
    assert stored(store, "r") == [e.to_dict() for e in memory.events]
    assert result.records == memory.records
    assert result.timeline()["bills"] == memory.timeline()["bills"]


def test_resume_after_a_crash_checks_the_steps_already_logged(store, monkeypatch):
    memory = memory_run("step")
    simulations.start(store, "c", CONFIGS["step"], mode="step", until=date(2001, 9, 1))
    with monkeypatch.context() as m:   # the process "dies": steps appended, no checkpoint written
        m.setattr(simulations._Saver, "__call__", lambda self, sim: None)
        simulations.resume(store, "c", until=date(2002, 6, 1))
    logged = len(store.steps("c"))
    simulations.resume(store, "c")
    assert stored(store, "c") == [e.to_dict() for e in memory.events]
    assert logged < len(store.steps("c"))


def test_names_are_checked_before_any_work(store):
    simulations.start(store, "taken", SimulationConfig("seed", {}, SimParams(rate=5), 1, 1))
    with pytest.raises(InputError, match="exists already"):
        simulations.start(store, "taken", CONFIG)
    with pytest.raises(InputError, match="no simulation named 'missing'"):
        simulations.resume(store, "missing")
    with pytest.raises(InputError, match="no simulation named"):
        simulations.timeline(store, "missing")
