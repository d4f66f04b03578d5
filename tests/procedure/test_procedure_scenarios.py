"""Every scenario file runs and meets its expectations; together they exercise every rule,
every outcome, every deadline and every state of the seed profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from respublika.procedure import Engine, load_scenario, run_in_memory
from respublika.profile import load_profile

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted([*(ROOT / "tests" / "scenarios").glob("*.y*ml"), *(ROOT / "tests" / "scenarios").glob("*.json")])
EXAMPLES = sorted((ROOT / "src" / "respublika" / "data" / "examples").glob("*.y*ml"))
SHARED = ROOT.parent / "shared" / "examples"


def _run(path: Path, profile: str | None = None):
    scenario = load_scenario(path)
    engine = Engine(load_profile(profile or scenario.profile_ref(), overrides=dict(scenario.overrides)))
    return scenario, engine, run_in_memory(scenario, engine)


@pytest.mark.parametrize("path", SCENARIOS + EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scenario_meets_its_expectations(path):
    scenario, engine, result = _run(path)
    assert result.expect_met, "\n".join(result.unmet)
    assert engine.replay(result.world.events, scenario.setup) == result.world


def test_there_are_scenarios_and_examples():
    assert len(SCENARIOS) >= 20
    assert len(EXAMPLES) == 5


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/examples is not present")
@pytest.mark.parametrize("name", ["01-law", "02-budget-veto-override", "03-second-reading",
                                  "04-prime-minister", "05-crisis-dissolution"])
def test_shared_examples_run_unchanged(name):
    path = SHARED / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    _, _, result = _run(path)
    assert result.expect_met, "\n".join(result.unmet)


def test_derived_profile_changes_the_outcome_not_the_code():
    path = ROOT / "tests" / "scenarios" / "majority-profile.yaml"
    _, _, derived = _run(path)
    assert derived.expect_met
    _, _, seed = _run(path, profile="seed")
    assert not seed.expect_met
    assert seed.final["B1"] == "failed"  # 54 of 107 is not two thirds


def _coverage(switched: bool = False):
    """What the seed's scenarios exercise: without overrides, or (``switched``) also those
    that switch an assumption's alternative on (``set:``)."""
    rules, deadlines, states = set(), set(), set()
    for path in SCENARIOS + EXAMPLES:
        scenario, engine, result = _run(path)
        if engine.profile.id != "seed" or (scenario.overrides and not switched):
            continue
        for event in result.world.events:
            kind = result.world.matters[event.matter].kind if event.matter else None
            if event.kind in ("act", "scheduled"):
                rules.add((kind, event.rule))
            if event.kind == "deadline":
                deadlines.add((kind, event.act))
            if event.to_state:
                states.add((kind, event.to_state))
            for moved, state in (event.effects.get("supersede") or {}).items():
                states.add((result.world.matters[moved].kind, state))
    return rules, deadlines, states


def test_seed_scenarios_cover_every_rule_deadline_and_state():
    seed = load_profile("seed")
    rules, deadlines, _ = _coverage()
    expected_rules = {(k, r.id) for k, kind in seed.procedure.matters.items() for r in kind.rules if r.enabled}
    expected_rules |= {(None, r.id) for r in seed.procedure.republic.rules if r.enabled}
    assert expected_rules - rules == set()
    expected_deadlines = {(k, s.deadline.event) for k, kind in seed.procedure.matters.items()
                          for s in kind.states.values() if s.deadline}
    assert expected_deadlines - deadlines == set()


def test_alternatives_rules_and_every_state_are_exercised_by_switched_scenarios():
    """A rule that only an assumption's alternative switches on (``enabled = false``) runs
    in a scenario that switches it on; every state is reached by some seed scenario."""
    seed = load_profile("seed")
    rules, _, states = _coverage(switched=True)
    expected_rules = {(k, r.id) for k, kind in seed.procedure.matters.items() for r in kind.rules}
    expected_rules |= {(None, r.id) for r in seed.procedure.republic.rules}
    assert expected_rules - rules == set()
    expected_states = {(k, s) for k, kind in seed.procedure.matters.items() for s in kind.states}
    assert expected_states - states == set()
