"""What each assumption's alternative does to the law-making power indices, computed."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from respublika.errors import InputError, ProfileError
from respublika.games.alternatives import INDICES, alternatives_power, game_power, switched
from respublika.profile import load_profile

MAJORITY = str(Path(__file__).resolve().parents[1] / "profiles" / "majority.toml")


@pytest.fixture(scope="module")
def seed():
    return load_profile("seed")


@pytest.fixture(scope="module")
def result(seed):
    return alternatives_power(seed)


def _rows(result):
    return {f"{r['assumption']}.{r['alternative']}": r for r in result["alternatives"]}


def test_the_default_veto_adds_no_power_and_the_indices_add_up(result):
    bodies = result["default"]["bodies"]
    assert result["game"] == "lawmaking"
    assert bodies["president"]["shapley_shubik"] == "0/1" and bodies["president"]["banzhaf"] == "0/1"
    assert "president" in result["default"]["dummies"]
    for index in INDICES:
        assert sum(Fraction(b[index]) for b in bodies.values()) == 1


def test_every_alternative_of_the_seed_switches_and_is_computed(seed, result):
    rows = _rows(result)
    expected = {f"{aid}.{alt.id}" for aid, a in seed.assumptions.items() for alt in a.alternatives}
    assert set(rows) == expected
    assert all(r["status"] == "ok" for r in rows.values())
    for row in rows.values():
        for index in INDICES:
            assert sum(Fraction(b[index]) for b in row["bodies"].values()) == 1


def test_only_counting_the_senates_silence_changes_the_seeds_indices(result):
    """With passage and override both at two thirds of each chamber, no procedure switch
    (who proposes amendments, what a delegation does, the override's order or joint session)
    changes who can make a law: the indices are computed and found equal."""
    assert result["changed_by"] == ["A22.senate_silence"]
    rows = _rows(result)
    for key in ("A15.also_parliament", "A16.suspended", "A17.replaces", "A18.either_order",
                "A18.joint_session", "A19.maslikhats_legislative", "A20.dhondt"):
        row = rows[key]
        assert row["changed"] is False, key
        assert all(b[f"{i}_change"] == "0/1" for b in row["bodies"].values() for i in INDICES), key


def test_the_joint_session_game_is_built_from_the_joint_vote(result):
    row = _rows(result)["A18.joint_session"]
    override = [r for r in row["requirements"] if r["path"] == "override"]
    assert {(r["rule"], r["chamber"], r["required"]) for r in override} >= {
        ("override_joint", "mazhilis", 72), ("override_joint", "senate", 32)}
    assert not any(r["rule"] in ("override_mazhilis", "override_senate") for r in override)


def test_senate_silence_moves_power_from_the_senate_to_the_president_and_the_mazhilis(result):
    row = _rows(result)["A22.senate_silence"]
    before, after = result["default"]["bodies"], row["bodies"]
    for index in INDICES:
        assert Fraction(after["president"][index]) > 0 == Fraction(before["president"][index])
        assert Fraction(after["senate"][index]) < Fraction(before["senate"][index])
        assert Fraction(after["mazhilis"][index]) > Fraction(before["mazhilis"][index])
        change = Fraction(after["senate"][f"{index}_change"])
        assert change == Fraction(after["senate"][index]) - Fraction(before["senate"][index])
    assert "president" not in row["dummies"]


def test_a_reform_profile_has_its_own_defaults():
    reform = alternatives_power(load_profile(MAJORITY), assumptions=["A18", "A22"])
    assert [r["assumption"] for r in reform["alternatives"]] == ["A18", "A18", "A22"]
    president = Fraction(reform["default"]["bodies"]["president"]["shapley_shubik"])
    assert president > 0  # passage by a majority, override by two thirds: the veto counts
    assert reform["changed_by"] == ["A22.senate_silence"]


def test_a_dated_profile_reports_switches_that_do_not_apply_instead_of_failing():
    kz = alternatives_power(load_profile("kz"))
    statuses = {r["status"] for r in kz["alternatives"]}
    assert statuses <= {"ok", "invalid"} and "ok" in statuses
    for row in kz["alternatives"]:
        if row["status"] == "invalid":
            assert row["error"] and row["changed"] is None


def test_bad_requests_are_refused(seed):
    with pytest.raises(InputError, match="no assumption 'A99'"):
        alternatives_power(seed, assumptions=["A99"])
    with pytest.raises(InputError, match="declares no game 'nope'"):
        game_power(seed, "nope")
    with pytest.raises(ProfileError):
        switched(seed, {"thresholds.two_thirds.share": "3/2"})
    assert switched(seed, {}) == seed
