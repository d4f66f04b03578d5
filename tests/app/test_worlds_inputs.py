"""Bad input to the act forms, uploaded tables and scenarios, and saved runs' names: clean
refusals (``InputError``: 422 in the web, exit 2 in the CLI), never a ``TypeError`` or an
unbounded YAML expansion (issue 14)."""

from __future__ import annotations

import pytest

from respublika.app import worlds
from respublika.app.profiles import DEFAULT_PROFILE
from respublika.errors import InputError
from respublika.procedure import Engine
from respublika.profile import load_profile
from respublika.profile.query import chambers

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))


def _vote_form() -> tuple[Engine, dict[str, str]]:
    profile = load_profile(DEFAULT_PROFILE)
    engine = Engine(profile)
    act = next(a for a, spec in profile.procedure.acts.items() if worlds.chamber_param(spec) is not None)
    chamber = next(iter(chambers(profile)))
    return engine, {"act": act, "date": "2010-03-01", "matter": "B1", "vote_chambers": chamber,
                    f"v.{chamber}.for": "70"}


def test_a_vote_form_without_against_is_an_input_error():
    engine, form = _vote_form()
    with pytest.raises(InputError, match="against"):
        worlds.step_from_form(engine, form)


def test_a_vote_form_with_against_is_a_step():
    engine, form = _vote_form()
    chamber = form["vote_chambers"]
    step = worlds.step_from_form(engine, {**form, f"v.{chamber}.against": "10"})
    assert step.act == form["act"]


@pytest.mark.parametrize("load", [lambda t: worlds.units_table(t, "units"), worlds.scenario_data])
def test_yaml_aliases_are_bounded(load):
    with pytest.raises(InputError, match=r"alias|too many|expand"):
        load(BOMB)


def test_units_table_still_reads_plain_yaml():
    assert worlds.units_table("north: {yes: 3, no: 1}\n", "units") == {"north": {"yes": 3, "no": 1}}


@pytest.mark.parametrize("name", ["", " ", " x", "a\tb"])
def test_simulate_refuses_a_bad_name(respublika, name):
    ran = respublika("simulate", "--years", "1", "--name", name)
    assert ran.code == 2, ran
    assert "Traceback" not in ran.err
    assert "--name" in ran.err + ran.out
