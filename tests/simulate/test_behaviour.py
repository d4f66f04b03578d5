"""Behaviour models: counts that fit the chamber, and models that can be replaced."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from respublika.simulate import SimParams
from respublika.simulate.behaviour import Behaviour, Bloc, Voting
from respublika.simulate.run import SimulationConfig, result_of, simulation_for


def test_a_division_counts_every_member_once():
    rng = np.random.default_rng(0)
    blocs = [Bloc("A", 60, 0.1, 0.95), Bloc("B", 38, -0.3, 0.8), Bloc("assembly", 9, 0.1, 0.95)]
    voting = Voting(SimParams())
    for position in np.linspace(-1, 1, 21):
        f, a, ab = voting.division(blocs, float(position), rng)
        assert f + a + ab == 107 and min(f, a, ab) >= 0
    assert voting.division(blocs, 0.1, rng)[0] > 72 > voting.division(blocs, -1.0, rng)[0]


class Unanimous:
    def division(self, blocs, position, rng):
        return sum(b.seats for b in blocs), 0, 0


class AlwaysSigns:
    def silent(self, rng):
        return False

    def signs(self, president, position, rng):
        return True

    def approves(self, government, position, rng):
        return True


def test_models_are_pluggable():
    params = SimParams(rate=20, crisis_rate=0, chamber_silence=0.0)
    behaviour = replace(Behaviour.default(params), voting=Unanimous(), executive=AlwaysSigns())
    config = SimulationConfig("seed", {}, params, 1, 2)
    sim = simulation_for(config, behaviour=behaviour)
    sim.run()
    t = result_of(sim, config).timeline()
    assert sum(t["bills"]["failed"]) == 0 and sum(t["bills"]["vetoed"]) == 0
    assert sum(t["bills"]["passed"]) > 0
