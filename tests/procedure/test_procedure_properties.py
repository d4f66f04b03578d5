"""Random act sequences never corrupt a world: a refused act leaves it as it was, and
replaying what was accepted reproduces it exactly."""

from __future__ import annotations

import copy
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from respublika.errors import ProcedureError
from respublika.procedure import Engine, Step, World
from respublika.profile import load_profile

ENGINE = Engine(load_profile("seed"))
UNITS = list(ENGINE.profile.units)
IDS = ["B1", "B2", "P1", "A1", "D1", "L1", "S1"]
NATURAL = {
    "introduce": ["B1", "B2"], "government_opinion": ["B1", "B2"], "sign": ["B1", "B2"],
    "veto": ["B1", "B2"], "nominate_pm": ["P1"], "propose_amendment": ["A1"],
    "call_referendum": ["A1"], "referendum_vote": ["A1"], "request_delegation": ["D1"],
    "decree": ["L1", "L2"], "security_decision": ["S1"], "vote": ["B1", "B2", "P1", "A1", "D1"],
}
SIZE = {"mazhilis": 107, "senate": 47}
SMALL = st.integers(min_value=0, max_value=12)


def counts(chamber):
    count = st.one_of(st.integers(min_value=SIZE[chamber] // 3, max_value=SIZE[chamber] - 12),
                      st.integers(min_value=-2, max_value=115))
    return st.fixed_dictionaries({"for": count, "against": SMALL}, optional={"abstain": SMALL})


ACTS = {
    "introduce": st.fixed_dictionaries({"initiator": st.sampled_from(["deputies", "president", "government", "king"])},
                                       optional={"budget_impact": st.booleans()}),
    "government_opinion": st.fixed_dictionaries({"approve": st.booleans()}),
    "vote": st.one_of(
        st.builds(lambda v: {"chamber": "mazhilis", **v}, counts("mazhilis")),
        st.builds(lambda v: {"chamber": "senate", **v}, counts("senate")),
        st.fixed_dictionaries({"mazhilis": counts("mazhilis"), "senate": counts("senate")}),
    ),
    "sign": st.just({}),
    "veto": st.just({}),
    "nominate_pm": st.just({"candidate": "X"}),
    "propose_amendment": st.fixed_dictionaries({}, optional={"initiator": st.sampled_from(["president", "deputies"])}),
    "call_referendum": st.just({}),
    "referendum_vote": st.builds(
        lambda e, t, units: {"electorate": e, "turnout": t, "units": units},
        st.integers(0, 2000), st.integers(0, 2000),
        st.dictionaries(st.sampled_from([*UNITS, "narnia"]),
                        st.fixed_dictionaries({"yes": st.integers(0, 80), "no": st.integers(0, 80)}), max_size=16),
    ),
    "request_delegation": st.fixed_dictionaries({}, optional={"until": st.integers(-5, 400)}),
    "decree": st.just({}),
    "security_decision": st.just({}),
    "declare_crisis": st.just({}),
    "end_crisis": st.just({}),
    "dissolve": st.just({}),
    "convene": st.just({}),
    "advance": st.just({}),
}
REPUBLIC = {"declare_crisis", "end_crisis", "dissolve", "convene", "advance"}


@st.composite
def raw_steps(draw):
    act = draw(st.sampled_from(sorted(ACTS)))
    params = dict(draw(ACTS[act]))
    gap = draw(st.one_of(st.integers(min_value=0, max_value=10), st.integers(min_value=-3, max_value=70)))
    if act in REPUBLIC:
        matter = None if draw(st.integers(0, 9)) else draw(st.sampled_from(IDS))
    else:
        matter = draw(st.sampled_from(NATURAL[act] if draw(st.integers(0, 5)) else IDS))
    return gap, act, matter, params


def materialise(start: date, raws):
    day, out = start, []
    for gap, act, matter, params in raws:
        day = day + timedelta(days=gap)
        if "until" in params:
            params = {**params, "until": (day + timedelta(days=params["until"])).isoformat()}
        out.append(Step(day, act, matter, params))
    return out


PREAMBLE = [
    ("introduce", "B1", {"initiator": "government"}),
    ("introduce", "B2", {"initiator": "deputies", "budget_impact": True}),
    ("nominate_pm", "P1", {"candidate": "X"}),
    ("propose_amendment", "A1", {}),
    ("request_delegation", "D1", {}),
]


def preamble(start: date) -> list[Step]:
    return [Step(start, act, matter, params) for act, matter, params in PREAMBLE]


def invariants(world: World) -> None:
    kinds = ENGINE.profile.procedure.matters
    for m in world.matters.values():
        assert m.state in kinds[m.kind].states
    assert [e.seq for e in world.events] == list(range(1, len(world.events) + 1))
    dates = [e.date for e in world.events]
    assert dates == sorted(dates)
    assert set(world.not_sitting) <= set(ENGINE.profile.institutions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_steps(), min_size=1, max_size=30))
def test_refused_acts_change_nothing_and_replay_reproduces(raws):
    world = ENGINE.initial({"president_elected": "2010-01-01"})
    accepted = []
    for step in preamble(date(2010, 1, 1)) + materialise(date(2010, 1, 1), raws):
        snapshot = copy.deepcopy(world)
        try:
            world, events = ENGINE.apply(world, step)
        except ProcedureError:
            assert world == snapshot
            continue
        accepted.append(step)
        assert events and events[-1].date == step.date
        invariants(world)
    setup = {"president_elected": "2010-01-01"}
    assert ENGINE.replay(accepted, setup) == world
    assert ENGINE.replay(world.events, setup) == world


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_steps(), min_size=1, max_size=30))
def test_scenario_semantics_replay_from_events(raws):
    world = ENGINE.initial()
    for step in preamble(date(2012, 6, 1)) + materialise(date(2012, 6, 1), raws):
        snapshot = copy.deepcopy(world)
        result = ENGINE.step(world, step)
        if not result.ok:
            assert result.world.matters.keys() == snapshot.matters.keys()
            assert result.world.republic == snapshot.republic or any(e.kind == "scheduled" for e in result.events)
        world = result.world
        invariants(world)
    assert ENGINE.replay(world.events) == world
