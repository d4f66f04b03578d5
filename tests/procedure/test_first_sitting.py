"""A chamber's `first_sitting`: no vote of it before that date (generic; tested on the seed)."""

from __future__ import annotations

from datetime import date

from respublika.errors import ProcedureError
from respublika.procedure import Engine
from respublika.procedure.model import Step
from respublika.profile import load_profile


def _engine(first: str | None) -> Engine:
    overrides = {} if first is None else {"institutions.mazhilis.first_sitting": first}
    return Engine(load_profile("seed", overrides=overrides))


def _vote_on(engine: Engine, day: date) -> str | None:
    world = engine.initial()
    world, _ = engine.apply(world, Step(date=date(2030, 1, 1), act="introduce", matter="B1",
                                        params={"initiator": "president"}))
    legal_before = {a.act for a in engine.legal_acts(world, "B1", day)}
    try:
        engine.apply(world, Step(date=day, act="vote", matter="B1",
                                 params={"chamber": "mazhilis", "for": 100, "against": 7}))
    except ProcedureError as exc:
        assert "vote" not in legal_before
        return str(exc)
    assert "vote" in legal_before
    return None


def test_without_first_sitting_the_chamber_votes():
    assert _vote_on(_engine(None), date(2030, 1, 2)) is None


def test_no_vote_before_the_first_sitting_then_it_votes():
    engine = _engine("2030-02-01")
    error = _vote_on(engine, date(2030, 1, 2))
    assert error is not None and "does not sit yet" in error and "2030-02-01" in error
    assert _vote_on(engine, date(2030, 2, 1)) is None
