"""The Python API validates at its boundary (issue 14, item 6): the public functions called with
wrong types raise the project's own errors (``RespublikaError``), never ``AttributeError``,
``TypeError`` or a raw SQLAlchemy error from deep inside."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from respublika.errors import RespublikaError

WRONG: list[Any] = [None, 5, 3.5, b"bytes", ["a"], {"a": 1}, object()]


def _profile() -> Any:
    from respublika.profile import load_profile

    return load_profile("seed")


def _calls() -> list[tuple[str, Callable[[Any], Any]]]:
    from respublika.elections import (
        allocate_seats,
        majority_runoff,
        parse_votes,
        plurality_election,
    )
    from respublika.games import analyze, banzhaf, get_index, power, shapley_shubik, weighted_game
    from respublika.procedure import Engine, Step, load_scenario, parse_scenario
    from respublika.profile import load_profile, load_raw
    from respublika.simulate import SimParams
    from respublika.store import Store

    day = datetime.date(2020, 1, 1)
    return [
        ("load_profile(ref)", lambda bad: load_profile(bad)),
        ("load_profile(overrides=)", lambda bad: load_profile("seed", overrides=bad if bad is not None else 5)),
        ("load_profile(as_of=)", lambda bad: load_profile("kz", as_of=bad if bad is not None else 5)),
        ("load_raw(ref)", lambda bad: load_raw(bad)),
        ("Engine(profile)", lambda bad: Engine(bad)),
        ("Step(date=)", lambda bad: Step(bad, "introduce", "B1")),
        ("Step(act=)", lambda bad: Step(day, bad, "B1")),
        ("Step(matter=)", lambda bad: Step(day, "introduce", bad if bad is not None else 5)),
        ("Step(params=)", lambda bad: Step(day, "introduce", "B1", bad if not isinstance(bad, dict) else 5)),
        ("Store(url)", lambda bad: Store(bad) if bad is not None else Store(5)),
        ("allocate_seats(votes)", lambda bad: allocate_seats(bad, 10)),
        ("allocate_seats(seats)", lambda bad: allocate_seats({"A": 10, "B": 5}, bad)),
        ("allocate_seats(method)", lambda bad: allocate_seats({"A": 10, "B": 5}, 10, bad)),
        ("majority_runoff(votes)", lambda bad: majority_runoff(bad)),
        ("plurality_election(votes)", lambda bad: plurality_election(bad)),
        ("parse_votes(text)", lambda bad: parse_votes(bad)),
        ("analyze(spec)", lambda bad: analyze(bad)),
        ("analyze(index)", lambda bad: analyze({"groups": {"A": 1}, "wins": {"quota": 1, "weights": {"A": 1}}},
                                                bad if bad is not None else 5)),
        ("get_index(name)", lambda bad: get_index(bad)),
        ("weighted_game(weights)", lambda bad: weighted_game(bad, 1)),
        ("power(game)", lambda bad: power(bad)),
        ("shapley_shubik(game)", lambda bad: shapley_shubik(bad)),
        ("banzhaf(game)", lambda bad: banzhaf(bad)),
        ("load_scenario(path)", lambda bad: load_scenario(bad)),
        ("parse_scenario(data)", lambda bad: parse_scenario(bad)),
        ("SimParams(rate=)", lambda bad: SimParams(rate=bad)),
    ]


# Entry points of files this work did not own: still leaking, flipped when fixed there.
OPEN: dict[str, str] = {}

CASES = [
    pytest.param(name, i, id=f"{name}-{type(WRONG[i]).__name__}",
                 marks=[pytest.mark.xfail(strict=False, reason=OPEN[name])] if name in OPEN else [])
    for name, _ in _calls() for i in range(len(WRONG))
]


@pytest.mark.parametrize(("name", "which"), CASES)
def test_wrong_types_are_the_projects_errors(name: str, which: int) -> None:
    call = dict(_calls())[name]
    bad = WRONG[which]
    try:
        call(bad)
    except RespublikaError as exc:
        assert str(exc), name
    except Exception as exc:  # the failure this test exists for
        pytest.fail(f"{name} with {bad!r}: {type(exc).__name__}: {exc}")
    # (a call that accepts the value is allowed: e.g. a mapping where a table is fine)


def test_the_test_can_fail() -> None:
    """A function that leaks a TypeError is caught by the check above."""
    def leaky(value: Any) -> None:
        raise TypeError("boom")

    with pytest.raises(pytest.fail.Exception):
        try:
            leaky(1)
        except RespublikaError:
            pass
        except Exception as exc:
            pytest.fail(f"leaky: {type(exc).__name__}: {exc}")


def test_engine_step_checks_are_at_the_entry() -> None:
    """The engine checks its profile once, in its constructor; a right Step passes."""
    from respublika.procedure import Engine, Step

    engine = Engine(_profile())
    world = engine.initial({})
    step = Step(datetime.date(2020, 1, 1), "introduce", "B1", {"initiator": "deputies"})
    world, events = engine.apply(world, step)
    assert events
