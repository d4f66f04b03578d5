"""Succession, a generic engine feature shown on a profile that is not the seed
(``data/guild.toml``): an institution's ``succession`` names who holds it when it falls
vacant, and a rule's (or a vote outcome's) ``vacate`` effect makes it vacant."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from respublika.errors import ProcedureError
from respublika.procedure import Engine, Step
from respublika.profile import load_profile

PROFILE = str(Path(__file__).parent / "data" / "guild.toml")


def _engine() -> Engine:
    return Engine(load_profile(PROFILE))


def test_a_resignation_leaves_the_office_to_its_successor() -> None:
    engine = _engine()
    world, events = engine.apply(engine.initial(), Step(date(2020, 3, 19), "resign"))
    assert world.republic["acting.master"] == "council.chair"
    assert events[-1].effects["vacate"] == {"master": {"acting": "council.chair", "until": "end_of_term",
                                                        "cites": ["G1"]}}
    with pytest.raises(ProcedureError, match="already vacant"):
        engine.apply(world, Step(date(2020, 3, 20), "resign"))


def test_an_office_without_a_successor_cannot_be_vacated() -> None:
    engine = _engine()
    world = engine.initial()
    with pytest.raises(ProcedureError, match="no successor"):
        engine.apply(world, Step(date(2020, 1, 1), "resign_treasurer"))


def test_a_removal_vote_vacates_the_office_only_when_it_passes() -> None:
    engine = _engine()
    world = engine.initial()
    for step in (Step(date(2020, 1, 1), "charge", "R1"),
                 Step(date(2020, 1, 2), "vote", "R1", {"for": 7, "against": 5})):
        world, _ = engine.apply(world, step)
    assert world.matters["R1"].state == "charged"
    failed, _ = engine.apply(world, Step(date(2020, 1, 3), "vote", "R1", {"for": 8, "against": 4}))
    assert failed.matters["R1"].state == "dropped" and "acting.master" not in failed.republic
    removed, events = engine.apply(world, Step(date(2020, 1, 3), "vote", "R1", {"for": 9, "against": 3}))
    assert removed.matters["R1"].state == "removed"
    assert removed.republic["acting.master"] == "council.chair"
    assert "master" in events[-1].effects["vacate"]


def _poll(**votes: int):
    engine = _engine()
    world, _ = engine.apply(engine.initial(), Step(date(2024, 1, 1), "ask", "Q1"))
    return engine.apply(world, Step(date(2024, 2, 1), "poll", "Q1", votes))


def test_a_national_referendum_is_decided_by_the_nations_votes() -> None:
    world, events = _poll(electorate=1000, turnout=601, yes_votes=400, no_votes=200)
    assert world.matters["Q1"].state == "approved"
    tally = events[-1].referendum.to_dict()
    assert (tally["yes"], tally["no"], tally["yes_required"], tally["turnout_required"]) == (400, 200, 301, 501)
    assert _poll(electorate=1000, turnout=601, yes_votes=300, no_votes=300)[0].matters["Q1"].state == "declined"
    assert _poll(electorate=1000, turnout=500, yes_votes=450, no_votes=50)[0].matters["Q1"].state == "declined"
    with pytest.raises(ProcedureError, match="exceed the turnout"):
        _poll(electorate=1000, turnout=600, yes_votes=500, no_votes=200)
