"""Every version's procedure, run through the same engine by scenario files.

Each file in tests/kz/scenarios pins a version with `profile: kz@YYYY-MM-DD`. Together they
exercise every rule of every version (a rule counts as the same across versions when only
its citations or wording differ), reach every state and fire every deadline.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from respublika.procedure import Engine, load_scenario, run_in_memory
from respublika.profile import load_profile
from respublika.profile.schema import Profile, Rule


@cache
def kz_at(day: object) -> Profile:
    """The kz profile as of ``day`` (loaded once per date: profiles are immutable)."""
    return load_profile("kz", as_of=day)  # type: ignore[arg-type]

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


@cache
def _run(path: Path) -> tuple[Any, Engine, Any]:
    """Run a scenario once; the tests below share the (immutable) result."""
    scenario = load_scenario(path)
    engine = Engine(load_profile(scenario.profile_ref(), overrides=dict(scenario.overrides)))
    return scenario, engine, run_in_memory(scenario, engine)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_scenario_meets_its_expectations(path):
    scenario, engine, result = _run(path)
    assert result.expect_met, "\n".join(result.unmet)
    assert engine.replay(result.world.events, scenario.setup) == result.world


def test_each_scenario_pins_a_dated_version():
    versions = {v.id for v in load_profile("kz").versions}
    pinned = set()
    for path in SCENARIOS:
        scenario, engine, _ = _run(path)
        assert scenario.profile.startswith("kz@"), path.name
        pinned.add(engine.profile.version)
    assert pinned <= versions
    # the texts whose procedure differs: 1995 (and 1997/1998 sizes), 2007, 2017, 2022b, 2023, 2026
    # (2018-july: the 2017 procedure with the 2018 Senate; its changes are the Security Council and
    # the maslikhats' lists, which no procedure rule reads)
    assert {"1995", "1999", "2011", "2018-july", "2022b", "2022a-2023", "2026"} <= pinned


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in ("cites", "description")}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _key(kind: str | None, rule: Rule) -> tuple[str | None, str, str]:
    return kind, rule.id, json.dumps(_strip(rule.model_dump(mode="json", by_alias=True)), sort_keys=True)


def _rules(profile: Profile) -> dict[tuple[str | None, str], Rule]:
    out: dict[tuple[str | None, str], Rule] = {
        (kind, rule.id): rule for kind, spec in profile.procedure.matters.items() for rule in spec.rules
    }
    out.update({(None, rule.id): rule for rule in profile.procedure.republic.rules})
    return out


def test_scenarios_cover_every_rule_state_and_deadline_of_every_version():
    required: dict[tuple[str | None, str, str], str] = {}
    states: set[tuple[str, str]] = set()
    deadlines: set[tuple[str, str]] = set()
    for version in load_profile("kz").versions:
        profile = kz_at(version.effective)
        for (kind, _), rule in _rules(profile).items():
            required.setdefault(_key(kind, rule), version.id)
        for kind, spec in profile.procedure.matters.items():
            for state, state_spec in spec.states.items():
                states.add((kind, state))
                if state_spec.deadline is not None:
                    deadlines.add((kind, state_spec.deadline.event))
    used: set[tuple[str | None, str, str]] = set()
    reached: set[tuple[str, str]] = set()
    fired: set[tuple[str, str]] = set()
    for path in SCENARIOS:
        _, engine, result = _run(path)
        rules = _rules(engine.profile)
        for event in result.world.events:
            kind = result.world.matters[event.matter].kind if event.matter else None
            if event.kind in ("act", "scheduled") and event.rule:
                used.add(_key(kind, rules[(kind, event.rule)]))
            if kind is not None and event.to_state:
                reached.add((kind, event.to_state))
            if kind is not None and event.kind == "deadline":
                fired.add((kind, event.act))
    missing = sorted(f"{required[k]}: {k[0]}.{k[1]}" for k in set(required) - used)
    assert missing == []
    assert states - reached == set()
    assert deadlines - fired == set()
