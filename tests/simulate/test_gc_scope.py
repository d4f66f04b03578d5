"""A run keeps the cyclic collector off the heap that was there before it (``gc.freeze``),
and gives that heap back when it ends, also when it fails; it leaves alone a permanent
generation someone else made, and a collector that is switched off."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from respublika.simulate.run import SimulationConfig, simulation_for


def _sim(small, years=2):
    return simulation_for(SimulationConfig("seed", {}, small, 3, years), keep_log=False)


@pytest.fixture(autouse=True)
def _clean_gc():
    assert gc.get_freeze_count() == 0
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_frozen_during_the_run_and_given_back_after(small):
    sim = _sim(small)
    seen: list[int] = []
    sim.run(progress=lambda on: seen.append(gc.get_freeze_count()))
    assert seen and all(n > 1000 for n in seen[:-1])  # the heap before the run: thousands of objects
    assert seen[-1] == 0  # the last progress call comes after the run's loop
    assert gc.get_freeze_count() == 0


def test_given_back_when_the_run_fails(small):
    sim = _sim(small)

    def boom(on: date) -> None:
        if gc.get_freeze_count():
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        sim.run(progress=boom)
    assert gc.get_freeze_count() == 0


def test_someone_elses_permanent_generation_is_left_alone(small):
    gc.freeze()
    before = gc.get_freeze_count()
    _sim(small).run()
    assert gc.get_freeze_count() > before // 2 > 0  # not unfrozen by the run (a few freed since)


def test_nothing_frozen_with_the_collector_off(small):
    gc.disable()
    seen: list[int] = []
    _sim(small).run(progress=lambda on: seen.append(gc.get_freeze_count()))
    assert set(seen) == {0}


def test_the_log_is_the_same_with_and_without(small):
    one = _sim(small, 3)
    one.run()
    gc.disable()
    two = _sim(small, 3)
    two.run()
    assert one.recorder.summary() == two.recorder.summary()
