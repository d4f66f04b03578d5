"""The law-making game built from a profile's declared procedure."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from respublika.errors import InputError, ProfileError
from respublika.games import analyze
from respublika.games.legislature import analyze_legislature, build, parse_seats
from respublika.profile import load_profile


def test_seed_president_is_a_dummy():
    data = analyze_legislature(build(load_profile("seed")))
    assert data["offices"]["president"]["shapley_shubik"] == "0/1"
    assert "president" in data["dummies"]
    assert any("adds no voting power" in f for f in data["findings"])
    chambers = data["chambers"]
    assert Fraction(chambers["mazhilis"]["shapley_shubik"]) + Fraction(chambers["senate"]["shapley_shubik"]) == 1
    needs = {(r["path"], r["rule"]): r["required"] for r in data["requirements"]}
    assert needs[("passage", "mazhilis_vote")] == 72 and needs[("passage", "senate_vote")] == 32


def test_majority_passage_gives_the_president_power():
    data = analyze_legislature(build(load_profile("majority")))
    ss = Fraction(data["offices"]["president"]["shapley_shubik"])
    assert round(float(ss), 3) == 0.165
    assert "president" not in data["dummies"]
    needs = {(r["path"], r["rule"]): r["required"] for r in data["requirements"]}
    assert needs[("passage", "mazhilis_vote")] == 54 and needs[("passage", "senate_vote")] == 24
    assert needs[("override", "override_mazhilis")] == 72


def test_the_game_matches_the_handwritten_spec():
    """The issue's JSON game for the seed gives the same indices as the profile's builder."""
    spec = {"groups": {"mazhilis": 107, "senate": 47, "president": 1},
            "wins": {"any": [
                {"all": [{"quota": 72, "weights": {"mazhilis": 1}}, {"quota": 32, "weights": {"senate": 1}},
                         {"quota": 1, "weights": {"president": 1}}]},
                {"all": [{"quota": 72, "weights": {"mazhilis": 1}}, {"quota": 32, "weights": {"senate": 1}}]}]}}
    by_hand = analyze(spec)
    built = analyze_legislature(build(load_profile("seed")))
    assert built["chambers"]["senate"]["shapley_shubik"] == by_hand["groups"]["senate"]["shapley_shubik_total"]
    assert built["chambers"]["mazhilis"]["shapley_shubik"] == by_hand["groups"]["mazhilis"]["shapley_shubik_total"]


def test_party_blocs_and_findings():
    seats = {"mazhilis": {"Nur Otan": 76, "Ak Zhol": 12, "People's Party": 10}}
    data = analyze_legislature(build(load_profile("seed"), compositions=seats, blocs=True))
    assert data["groups"]["mazhilis:Nur Otan"]["size"] == 1
    assert data["groups"]["mazhilis:unaffiliated"]["size"] == 9
    assert "mazhilis:Nur Otan" in data["veto_players"]
    assert "Nur Otan can block every bill alone: without it no path can be carried." in data["findings"]
    assert data["parties"]["Ak Zhol"]["shapley_shubik"] == "0/1"
    members = analyze_legislature(build(load_profile("seed"), compositions=seats, blocs=False))
    assert members["groups"]["mazhilis:Nur Otan"]["size"] == 76


def test_a_party_with_two_thirds_everywhere_overrides_alone():
    seats = {"mazhilis": {"Big": 80, "Small": 27}, "senate": {"Big": 40, "Small": 7}}
    data = analyze_legislature(build(load_profile("seed"), compositions=seats, blocs=True))
    assert "Big alone can carry the override path." in data["findings"]


def test_appointed_senators_are_a_seat_kind():
    data = analyze_legislature(build(load_profile("seed")))
    assert set(data["kinds"]) == {"mazhilis:party_lists", "mazhilis:assembly", "senate:elected", "senate:appointed"}


def test_bad_compositions():
    profile = load_profile("seed")
    with pytest.raises(InputError, match="hold 108 seats, but the chamber has 107"):
        build(profile, compositions={"mazhilis": {"A": 108}})
    with pytest.raises(InputError, match="not a chamber"):
        build(profile, compositions={"president": {"A": 1}})
    with pytest.raises(InputError, match="no game 'nope'"):
        build(profile, "nope")
    for text, message in (("A", "not NAME=SEATS"), ("A=x", "whole number"), ("A=1,A=2", "twice"),
                          ("=3", "no party name"), ("A=-1", "negative"), ("", "no parties")):
        with pytest.raises(InputError, match=message):
            parse_seats(text)


def test_game_references_are_validated():
    with pytest.raises(ProfileError, match="no rule 'nope'"):
        load_profile("seed", overrides={"games.lawmaking.paths.passage.votes": ["nope"]})
    with pytest.raises(ProfileError, match="is not a chamber vote"):
        load_profile("seed", overrides={"games.lawmaking.paths.passage.votes": ["sign"]})
    with pytest.raises(ProfileError, match="is a chamber"):
        load_profile("seed", overrides={"games.lawmaking.paths.passage.assent": ["senate"]})


def _cli(*args):
    exe = Path(sys.executable).with_name("respublika")
    return subprocess.run([str(exe), "power", *args], capture_output=True, text=True, timeout=120)


def test_cli_profile_mode():
    result = _cli("--profile", "seed", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"] == "seed" and data["offices"]["president"]["shapley_shubik"] == "0/1"
    text = _cli("--profile", "majority", "--mazhilis", "A=60,B=38", "--blocs")
    assert text.returncode == 0 and "office: President of the Republic" in text.stdout
    bad = _cli("--mazhilis", "A=60,B=60")
    assert bad.returncode == 2 and "hold 120 seats" in bad.stderr


def test_cli_history(tmp_path):
    svg = tmp_path / "history.svg"
    result = _cli("--profile", "kz", "--history", "--json", "--svg", str(svg))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[-1]["profile"] == "seed" and rows[0]["profile"] == "kz"
    assert svg.read_text("utf-8").lstrip().startswith(("<svg", "<?xml"))
    assert _cli("--history", "--mazhilis", "A=1").returncode == 2
    assert _cli("--svg", str(svg)).returncode == 2


def test_bloc_totals_are_shares_and_coleman_stays_per_member():
    """A chamber's, party's or seat kind's power is the sum of its members' shares; Coleman's
    powers are probabilities (summed over the Mazhilis they gave 38.6), so a bloc of more than
    one member does not report them, and every reported total lies in [0, 1]."""
    data = analyze_legislature(build(load_profile("seed")))
    for section in ("chambers", "kinds", "parties"):
        for label, values in data[section].items():
            assert "coleman_prevent" not in values and "coleman_initiate_float" not in values, label
            for key, value in values.items():
                if key.endswith("_float"):
                    assert 0 <= value <= 1 + 1e-12, (section, label, key, value)
    president = data["offices"]["president"]
    assert Fraction(president["coleman_prevent"]) == 0 == Fraction(president["banzhaf"])
    total = sum(Fraction(v["shapley_shubik"]) for v in data["chambers"].values()) + Fraction(
        president["shapley_shubik"])
    assert total == 1
