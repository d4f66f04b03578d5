"""Elections under a profile's rules: `respublika elect` and `respublika forecast`."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from respublika.elections import profiled
from respublika.elections.forecast import ForecastSpec, forecast, parse_shares
from respublika.errors import InputError
from respublika.profile import load_profile

DATA = Path(__file__).parent / "data"


def published(year: int) -> tuple[dict[str, int], dict[str, int]]:
    data = json.loads((DATA / f"mazhilis-{year}.json").read_text("utf-8"))
    votes = {p["party"]: p["votes"] for p in data["parties"]}
    seats = {p["party"]: p["published_seats"] for p in data["parties"]}
    return votes, seats


@pytest.mark.parametrize("year", [2016, 2021])
def test_published_results_under_the_seed_profile(year):
    votes, seats = published(year)
    profile = load_profile("seed")
    _, election, n = profiled.pr_election_for(profile, "mazhilis")
    allocation = profiled.party_list(profile, election, votes, seats=n)
    assert allocation.seats == seats
    composition = profiled.mazhilis_composition(profile, allocation)
    assert composition.filled == 107 and composition.by_filled_by() == {"pr": 98, "assembly": 9}


def test_profile_switch_changes_the_method():
    votes, _ = published(2021)
    profile = load_profile("seed", overrides=["elections.mazhilis.method=dhondt"])
    allocation = profiled.party_list(profile, "mazhilis", votes)
    assert allocation.method == "dhondt" and sum(allocation.seats.values()) == 98


def test_against_all_only_where_the_profile_counts_it():
    profile = load_profile("seed")
    with pytest.raises(InputError, match="do not count in its threshold base"):
        profiled.party_list(profile, "mazhilis", {"A": 90, "B": 10}, against_all=5)
    switched = load_profile("seed", overrides=["elections.mazhilis.threshold_base=party_list_and_against_all"])
    # B has 7 of 100 list votes: exactly 7 % passes; with 10 against-all votes it no longer does
    assert profiled.party_list(switched, "mazhilis", {"A": 93, "B": 7}).seats["B"] > 0
    assert profiled.party_list(switched, "mazhilis", {"A": 93, "B": 7}, against_all=10).seats["B"] == 0


def test_president_majority_and_runoff():
    profile = load_profile("seed")
    first = profiled.president(profile, {"A": 50, "B": 30, "C": 20})
    assert first.status == "runoff" and first.runoff_candidates == ("A", "B")
    assert profiled.president(profile, {"A": 51, "B": 49}).status == "elected"
    # 'against all' counts in the base: 51 of 51 + 49 + 5 is not more than half... of 105: 51 < 53
    assert profiled.president(profile, {"A": 51, "B": 49}, against_all=5).status == "runoff"


def test_senate_class_needs_every_unit_and_respects_electors():
    profile = load_profile("seed")
    units = {u: {"X": 20, "Y": 10} for u in ("akmola", "aktobe")}
    with pytest.raises(InputError, match="missing"):
        profiled.senate(profile, units)
    everyone = {u: {"X": 20, "Y": 10} for u in profile.units}
    result = profiled.senate(profile, everyone)
    assert len(result.result.elected) == 16 and result.electors["astana"] == 30
    with pytest.raises(InputError, match="unknown unit"):
        profiled.senate(profile, {**everyone, "atlantis": {"X": 1}})
    with pytest.raises(InputError, match="31 votes cast, but it has 30 electors"):
        profiled.senate(profile, {**everyone, "akmola": {"X": 21, "Y": 10}})
    with pytest.raises(InputError, match=r"classes 1\.\.2"):
        profiled.senate(profile, everyone, seat_class=3)


def test_assembly_elects_nine_and_refuses_too_many_votes():
    profile = load_profile("seed")
    votes = {f"C{i}": 200 - i for i in range(12)}
    assert len(profiled.assembly(profile, votes, seed=1).elected) == 9
    with pytest.raises(InputError, match="at most 3438"):
        profiled.assembly(profile, {"A": 3439}, seed=1)


def test_forecast_is_reproducible_and_bounded():
    profile = load_profile("seed")
    spec = ForecastSpec(shares=parse_shares("A=0.6,B=0.2,C=0.1"), seats=98, method="hare",
                        threshold=Fraction(7, 100), runner_up=False, chamber_size=107,
                        targets={"majority": 54, "two_thirds": 72}, bloc=9, bloc_with="A",
                        concentration=200, draws=2_000, seed=3, chunk=700)
    one, two = forecast(spec), forecast(spec)
    assert one == two
    assert set(one["parties"]) == {"A", "B", "C"} and one["others"]["share"] == "1/10"
    a = one["parties"]["A"]
    assert sum(a["distribution"].values()) == 2_000
    assert a["p_two_thirds_with_bloc"] >= a["p_two_thirds"]
    assert a["p5"] <= a["median"] <= a["p95"]
    assert profile.thresholds["two_thirds"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("A=0.6,B=0.6", "more than 1"), ("A", "not PARTY=SHARE"), ("A=0.5,A=0.1", "twice"), ("A=1.5", "below 1")],
)
def test_forecast_refusals(text, message):
    with pytest.raises(InputError, match=message):
        spec = ForecastSpec(shares=parse_shares(text), seats=98, method="hare", threshold=Fraction(0),
                            runner_up=False, chamber_size=107, targets={})
        forecast(spec)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("respublika")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120)


def test_elect_and_forecast_cli(tmp_path):
    votes, seats = published(2016)
    path = tmp_path / "votes.json"
    path.write_text(json.dumps(votes))
    result = _cli("elect", "mazhilis", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["seats"] == seats and data["rule"]["threshold"] == "7/100"
    text = _cli("elect", "mazhilis", str(path))
    assert "Largest remainder, Hare quota" in text.stdout
    bad = _cli("elect", "mazhilis", str(path), "--against-all", "-3")
    assert bad.returncode == 2 and "negative" in bad.stderr
    out = _cli("forecast", "mazhilis", "--shares", "A=0.55,B=0.12", "--draws", "500", "--seed", "1", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["targets"] == {"majority": 54, "two_thirds": 72, "three_quarters": 81}
    assert _cli("forecast", "mazhilis", "--shares", "A=0.55", "--draws", "0").returncode == 2
