"""Dates within sense (issue 13): an act's date falls within the profile's validity and a
horizon after the world's first step, in the application layer the CLI and the web share."""

from __future__ import annotations

from datetime import date

import pytest

from respublika.app import worlds
from respublika.app.profiles import ProfileRequest, open_profile
from respublika.errors import InputError
from respublika.procedure import Engine


@pytest.fixture()
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'w.db'}"


def test_far_future_is_refused_after_the_first_step():
    seed = open_profile(ProfileRequest.of("seed"))
    first = date(2012, 1, 1)
    assert worlds.check_date(seed, date(2111, 12, 31), first) == date(2111, 12, 31)
    with pytest.raises(InputError, match="more than 100 years after the world's first step"):
        worlds.check_date(seed, date(2112, 1, 2), first)
    with pytest.raises(InputError, match="latest date allowed"):
        worlds.check_date(seed, date(9999, 12, 31), first)
    with pytest.raises(InputError, match="more than 100 years after today"):
        worlds.check_date(seed, date(9999, 12, 31), None)
    with pytest.raises(InputError, match="before 1000-01-01"):
        worlds.check_date(seed, date(1, 1, 1), None)


def test_the_horizon_is_configurable(monkeypatch):
    seed = open_profile(ProfileRequest.of("seed"))
    first = date(2012, 1, 1)
    monkeypatch.setenv(worlds.HORIZON_ENV, "5")
    with pytest.raises(InputError, match="more than 5 years"):
        worlds.check_date(seed, date(2018, 1, 1), first)
    assert worlds.check_date(seed, date(2018, 1, 1), first, horizon=10)
    monkeypatch.setenv(worlds.HORIZON_ENV, "abc")
    with pytest.raises(InputError, match=worlds.HORIZON_ENV):
        worlds.check_date(seed, date(2013, 1, 1), first)
    monkeypatch.setenv(worlds.HORIZON_ENV, "100000")
    with pytest.raises(InputError, match="between 1 and 1000"):
        worlds.horizon_years()


def test_a_dated_profile_is_valid_only_while_its_version_is_in_force():
    kz = open_profile(ProfileRequest.of("kz@2012-01-01"))
    start, end = worlds.validity(kz)
    assert start == date(2011, 2, 2) and end == date(2017, 3, 9)
    assert worlds.check_date(kz, date(2012, 2, 1), None)
    with pytest.raises(InputError, match="until 2017-03-09"):
        worlds.check_date(kz, date(2017, 3, 10), date(2012, 2, 1))
    with pytest.raises(InputError, match="takes effect"):
        worlds.check_date(kz, date(2010, 1, 1), None)
    assert worlds.validity(open_profile(ProfileRequest.of("seed"))) == (None, None)


def test_the_cli_path_refuses_a_far_date_and_writes_nothing(db):
    with worlds.store(db) as opened:
        worlds.act(opened, "w", "introduce", "B1", {"initiator": "deputies"}, date(2012, 1, 10),
                   ProfileRequest.of("seed"))
        with pytest.raises(InputError, match="more than 100 years"):
            worlds.act(opened, "w", "introduce", "FAR", {"initiator": "deputies"}, date(9999, 12, 31))
        assert len(opened.steps("w")) == 1
        after = worlds.act(opened, "w", "introduce", "B2", {"initiator": "deputies"}, date(2012, 1, 11))
        assert "B2" in after.world.matters


def test_the_cli_command_refuses_a_far_date(respublika, tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    ran = respublika("bill", "act", "FAR", "introduce", "--date", "9999-12-31", "--param", "initiator=deputies",
                     "--db", db, "-w", "w")
    assert ran.code != 0 and "latest date allowed" in (ran.out + ran.err)
    assert "Traceback" not in ran.err


def test_step_of_checks_ids_and_dates():
    engine = Engine(open_profile(ProfileRequest.of("seed")))
    world = engine.initial()
    for bad in ("x/y z", "../../etc/passwd", "B\u202e1", "", "a" * 41, "-B1"):
        if bad:
            with pytest.raises(InputError, match="is not an id"):
                worlds.step_of(engine, world, "2012-01-01", "introduce", bad, {"initiator": "deputies"})
    step = worlds.step_of(engine, world, "2012-01-01", "introduce", "B1.a-2_x", {"initiator": "deputies"})
    assert step.matter == "B1.a-2_x"
    with pytest.raises(InputError, match="at most 300 characters"):
        worlds.step_of(engine, world, "2012-01-01", "introduce", "B1", {"initiator": "deputies", "title": "x" * 301})


# ------------------------------------------------------------------ 2. worlds can be recovered


def test_fork_copies_the_log_up_to_a_step_and_leaves_the_world_alone(db):
    with worlds.store(db) as opened:
        for day, bill in ((10, "B1"), (11, "B2"), (12, "B3")):
            worlds.act(opened, "w", "introduce", bill, {"initiator": "deputies"}, date(2012, 1, day),
                       ProfileRequest.of("seed"))
        forked = worlds.fork(opened, "w", "w2", "2")
        assert forked == {"name": "w2", "from": "w", "at": 2, "steps": 2, "profile": "seed"}
        _, branch = opened.load("w2")
        assert sorted(branch.matters) == ["B1", "B2"]
        assert len(opened.steps("w")) == 3 and opened.check() == []
        worlds.act(opened, "w2", "introduce", "C3", {"initiator": "deputies"}, date(2012, 1, 12))
        assert sorted(opened.load("w2")[1].matters) == ["B1", "B2", "C3"]
        assert sorted(opened.load("w")[1].matters) == ["B1", "B2", "B3"]
        assert worlds.fork(opened, "w", "empty", 0)["steps"] == 0
        for args, message in ((("w", "w2", 1), "exists already"), (("w", "w3", 4), "no step 4"),
                              (("w", "w3", -1), "≥ 0"), (("w", "w3", "x"), "whole number"),
                              (("w", "../x", 1), "world name"), (("nope", "w3", 1), "no world named")):
            with pytest.raises(InputError, match=message):
                worlds.fork(opened, *args)
        assert {w["name"] for w in worlds.worlds(opened)} == {"w", "w2", "empty"}


def test_world_fork_command(respublika, tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    for day, bill in (("2012-01-10", "B1"), ("2012-01-11", "B2")):
        assert respublika("bill", "act", bill, "introduce", "--date", day, "--param", "initiator=deputies",
                          "--db", db, "-w", "w").code == 0
    ran = respublika("world", "fork", "w", "w1", "--at", "1", "--db", db)
    assert ran.code == 0 and "'w1'" in ran.out and "after step 1" in ran.out
    listed = respublika("world", "list", "--db", db)
    assert "w1" in listed.out
    bad = respublika("world", "fork", "w", "w9", "--at", "9", "--db", db)
    assert bad.code != 0 and "no step 9" in (bad.out + bad.err) and "Traceback" not in bad.err
