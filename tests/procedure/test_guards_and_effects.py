"""Generic engine features, shown on a profile that is not the seed
(``data/licences.toml``): a negated guard, and an outcome that supersedes other matters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from respublika.errors import ProcedureError
from respublika.procedure import Engine, Step
from respublika.profile import load_profile

PROFILE = str(Path(__file__).parent / "data" / "licences.toml")


def _engine(**overrides: object) -> Engine:
    return Engine(load_profile(PROFILE, overrides=dict(overrides)))


def _steps(engine: Engine, *steps: Step):
    world = engine.initial()
    events = []
    for step in steps:
        world, new = engine.apply(world, step)
        events += new
    return world, events


def test_a_negated_guard_refuses_while_the_condition_holds():
    engine = _engine()
    world, _ = _steps(engine, Step(date(2020, 1, 1), "apply", "L1"),
                      Step(date(2020, 1, 2), "vote", "L1", {"for": 5, "against": 4}))
    with pytest.raises(ProcedureError, match="a licence is granted already"):
        engine.apply(world, Step(date(2020, 1, 3), "apply", "L2"))
    assert [a.act for a in engine.legal_acts(world) if a.rule == "apply"] == []


def test_a_negated_guard_holds_when_the_condition_does_not():
    engine = _engine()
    world, _ = _steps(engine, Step(date(2020, 1, 1), "apply", "L1"),
                      Step(date(2020, 1, 2), "vote", "L1", {"for": 4, "against": 5}),
                      Step(date(2020, 1, 3), "apply", "L2"))
    assert world.status() == {"L1": "denied", "L2": "asked"}
    assert "apply" in {a.rule for a in engine.legal_acts(world)}


def test_switching_the_negated_guard_off():
    engine = _engine(**{"procedure.matters.licence.rules.apply.require.one_at_a_time.enabled": False})
    world, _ = _steps(engine, Step(date(2020, 1, 1), "apply", "L1"),
                      Step(date(2020, 1, 2), "vote", "L1", {"for": 5, "against": 4}),
                      Step(date(2020, 1, 3), "apply", "L2"))
    assert world.status() == {"L1": "granted", "L2": "asked"}


def test_an_outcome_supersedes_the_other_matters_and_records_it():
    engine = _engine()
    world, events = _steps(engine, Step(date(2020, 1, 1), "apply", "L1"),
                           Step(date(2020, 1, 2), "vote", "L1", {"for": 5, "against": 4}),
                           Step(date(2020, 2, 1), "apply", "L2", {"renewal": True}),
                           Step(date(2020, 2, 2), "vote", "L2", {"for": 5, "against": 4}))
    assert world.status() == {"L1": "renewed", "L2": "granted"}
    assert world.matters["L1"].entered == date(2020, 2, 2)
    last = events[-1]
    assert last.matter == "L2" and last.effects == {"supersede": {"L1": "renewed"}}
    assert last in world.trail("L1")  # the moved matter's trail shows what moved it
    assert engine.replay(world.events) == world


def test_a_rejected_vote_supersedes_nothing_and_a_disabled_outcome_neither():
    engine = _engine()
    world, events = _steps(engine, Step(date(2020, 1, 1), "apply", "L1"),
                           Step(date(2020, 1, 2), "vote", "L1", {"for": 5, "against": 4}),
                           Step(date(2020, 2, 1), "apply", "L2", {"renewal": True}),
                           Step(date(2020, 2, 2), "vote", "L2", {"for": 4, "against": 5}))
    assert world.status() == {"L1": "granted", "L2": "denied"} and "supersede" not in events[-1].effects
    engine = _engine(**{"procedure.matters.licence.rules.decide.passed.renewal.enabled": False})
    world, _ = _steps(engine, Step(date(2020, 1, 1), "apply", "L1"),
                      Step(date(2020, 1, 2), "vote", "L1", {"for": 5, "against": 4}),
                      Step(date(2020, 2, 1), "apply", "L2", {"renewal": True}),
                      Step(date(2020, 2, 2), "vote", "L2", {"for": 5, "against": 4}))
    assert world.status() == {"L1": "granted", "L2": "granted"}
