"""The power game is built from the profile's thresholds, not from written numbers."""

from __future__ import annotations

from pathlib import Path

from respublika.profile import load_profile
from respublika.simulate.power import PowerSeries, legislature_spec, paths

MAJORITY = str(Path(__file__).resolve().parents[1] / "profiles" / "majority.toml")
SEATS = {"mazhilis": {"A": 70, "B": 28, "assembly": 9}, "senate": {"A": 32, "appointed": 15}}


def quotas(spec):
    passage, override = spec["wins"]["any"]
    return [leaf["quota"] for leaf in passage["all"]], [leaf["quota"] for leaf in override["all"]]


def test_seed_two_thirds_and_override():
    profile = load_profile("seed")
    assert paths(profile) == ({"mazhilis": "two_thirds", "senate": "two_thirds"},
                              {"mazhilis": "two_thirds", "senate": "two_thirds"})
    assert quotas(legislature_spec(profile, SEATS)) == ([72, 32, 1], [72, 32])


def test_derived_profile_changes_the_game():
    profile = load_profile(MAJORITY)
    assert quotas(legislature_spec(profile, SEATS)) == ([54, 24, 1], [72, 32])
    indices = PowerSeries(profile).indices(SEATS)
    assert abs(sum(indices.values()) - 1) < 1e-12
    # A wins with the President's signature (70 >= 54, 32 >= 24) or over a veto with B or the
    # Assembly's delegates (>= 72); the appointees are never needed
    assert indices["A"] == 0.75
    assert indices["President"] == indices["B"] == indices["assembly"] == 1 / 12
    assert indices["appointed"] == 0


def test_overrides_change_the_game():
    profile = load_profile("seed", overrides=["thresholds.two_thirds.share=3/5"])
    assert quotas(legislature_spec(profile, SEATS)) == ([65, 29, 1], [65, 29])
