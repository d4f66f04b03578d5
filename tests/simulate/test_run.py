"""Runs: reproducible, legal under the profile (replayed through a fresh engine), the
schedules kept, dissolutions handled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from respublika.procedure import Engine
from respublika.profile import load_profile
from respublika.simulate import SimParams, run_simulation

MAJORITY = str(Path(__file__).resolve().parents[1] / "profiles" / "majority.toml")


def replayed(result):
    """The log rebuilt by a fresh engine on the full world from the requested steps."""
    world = Engine(load_profile(result.config.profile, overrides=dict(result.config.overrides))).replay(
        result.steps, result.setup)
    return [e.to_dict() for e in world.events]


def test_same_seed_same_log_other_seed_other_log(small):
    a = run_simulation("seed", small, seed=7, years=4)
    b = run_simulation("seed", small, seed=7, years=4)
    c = run_simulation("seed", small, seed=8, years=4)
    assert a.log() == b.log()
    assert a.log() != c.log()
    assert a.timeline() == b.timeline()


@pytest.mark.parametrize("profile, overrides", [
    ("seed", {}),
    (MAJORITY, {}),
    ("seed", {"procedure.republic.rules.dissolve.require.crisis.enabled": False,
              "thresholds.two_thirds.share": "3/5"}),
])
def test_every_event_is_legal_under_the_profile(small, profile, overrides):
    result = run_simulation(profile, small, seed=3, years=6, overrides=overrides)
    assert len(result.events) > 300
    assert replayed(result) == [e.to_dict() for e in result.events]
    kinds = {e.kind for e in result.events}
    assert {"act", "deadline"} <= kinds


def test_dissolution_cancels_elections_and_calls_early_ones(small):
    result = run_simulation("seed", small, seed=3, years=12)
    dissolutions = [r for r in result.records if r["kind"] == "dissolution"]
    assert dissolutions, "the parameters make crises and dissolution attempts frequent"
    first = dissolutions[0]
    assert set(first["chambers"]) == {"mazhilis", "senate"}
    early = [r for r in result.records if r["kind"] == "election" and r["early"]]
    assert {r["date"] for r in early} >= {first["early"]}
    # two months after the dissolution (durations.early_elections), when the chambers convene
    assert first["early"] > first["date"]
    convened = [e for e in result.events if e.act == "convene" and e.kind == "scheduled"]
    assert convened and convened[0].date.isoformat() == first["early"]
    # the regular elections the dissolution superseded were cancelled; cycles restart early
    assert "general:mazhilis" in first["cancelled"]
    mazhilis = [r["date"] for r in result.records if r["kind"] == "election" and r["cycle"] == "general:mazhilis"]
    assert first["early"] in mazhilis
    assert not [d for d in mazhilis if first["date"] < d < first["early"]]


def test_refused_acts_are_tried_and_recorded():
    params = SimParams(rate=10, crisis_rate=4, crisis_days=40, dissolve_chance=1.0, dissolve_days=3)
    result = run_simulation("seed", params, seed=1, years=6)
    messages = {r["message"] for r in result.records if r["kind"] == "refusal"}
    assert any("no dissolution within a year of the previous one" in m for m in messages)
    assert result.timeline()["refusals"]


def test_elections_keep_the_profiles_cycles():
    result = run_simulation("seed", SimParams(rate=5, crisis_rate=0), seed=1, years=13)
    by_cycle: dict[str, list[int]] = {}
    for r in result.records:
        if r["kind"] == "election":
            by_cycle.setdefault(r["cycle"], []).append(int(r["date"][:4]))
    assert by_cycle["president:president"] == [2000, 2005, 2010]
    assert by_cycle["general:mazhilis"] == [2000, 2000, 2005, 2005, 2010, 2010]  # party lists + Assembly
    assert by_cycle["local:maslikhat"] == [2000, 2002, 2004, 2006, 2008, 2010, 2012]
    assert by_cycle["class:senate.elected.1"] == [2000, 2003, 2009]
    assert by_cycle["class:senate.elected.2"] == [2000, 2006, 2012]
    assert [int(r["date"][:4]) for r in result.records if r["kind"] == "appointment" and r.get("office") == "akim"] \
        == [2000, 2005, 2010]
    nominations = [e for e in result.events if e.act == "nominate_pm"]
    assert [e.date.year for e in nominations][:3] == [2000, 2005, 2010]


def test_compositions_fit_the_chambers():
    result = run_simulation("seed", SimParams(rate=5, crisis_rate=0), seed=2, years=7)
    timeline = result.timeline()
    sizes = {"mazhilis": 107, "senate": 47}
    for chamber, rows in timeline["seats"].items():
        for row in rows:
            assert 0 < sum(row["seats"].values()) <= sizes[chamber]
    last = timeline["seats"]["senate"][-1]["seats"]
    assert last["appointed"] == 15 and sum(last.values()) == 47
    for point in timeline["power"]:
        assert abs(sum(point["shapley_shubik"].values()) - 1) < 1e-9


def test_bills_are_counted_consistently():
    result = run_simulation("seed", SimParams(rate=40, crisis_rate=0), seed=5, years=3)
    t = result.timeline()
    bills = t["bills"]
    introduced, passed, failed = sum(bills["introduced"]), sum(bills["passed"]), sum(bills["failed"])
    assert introduced == sum(1 for e in result.events if e.act == "introduce")
    assert passed + failed + t["open_bills"] == introduced
    assert sum(t["became_law_by"].values()) == passed == len(t["days_to_law"])
    assert sum(bills["overridden"]) <= sum(bills["vetoed"])
    assert t["deadlines"] == {k: sum(1 for e in result.events if e.kind == "deadline" and e.act == k)
                              for k in t["deadlines"]}


def test_stopping_early_then_continuing_is_the_same_run(small):
    from respublika.simulate.run import SimulationConfig, simulation_for

    whole = run_simulation("seed", small, seed=4, years=5)
    sim = simulation_for(SimulationConfig("seed", {}, small, 4, 5))
    sim.run(until=date(2002, 7, 1))
    assert not sim.finished
    sim.run()
    assert sim.finished
    assert [e.to_dict() for e in sim.events] == [e.to_dict() for e in whole.events]
    assert sim.records == whole.records


def test_the_log_does_not_depend_on_the_process(small):
    """Another interpreter with another hash seed gives the same log (no set-order leaks)."""
    import hashlib
    import json
    import os
    import subprocess
    import sys

    code = ("import hashlib, json, sys; from respublika.simulate import SimParams, run_simulation; "
            "r = run_simulation('seed', SimParams.from_dict(json.loads(sys.argv[1])), seed=5, years=4); "
            "print(hashlib.sha256(json.dumps(r.log(), sort_keys=True).encode()).hexdigest())")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code, json.dumps(small.to_dict())], env=env,
                         capture_output=True, text=True, check=True)
    here = run_simulation("seed", small, seed=5, years=4)
    assert out.stdout.strip() == hashlib.sha256(json.dumps(here.log(), sort_keys=True).encode()).hexdigest()
