"""The engine's rules, refusals, explanations and values, one behaviour at a time."""

from __future__ import annotations

import ast
import copy
from datetime import date
from pathlib import Path

import pytest

from respublika.calendar import parse_duration
from respublika.errors import InputError, ProcedureError
from respublika.procedure import Engine, Event, Step
from respublika.procedure.rules import term_start
from respublika.profile import load_profile

SEED = Engine(load_profile("seed"))
D = date.fromisoformat


def steps(engine, *items, setup=None):
    world = engine.initial(setup)
    for day, act, matter, params in items:
        world, _ = engine.apply(world, Step(D(day), act, matter, params))
    return world


def in_senate(engine=SEED):
    return steps(engine, ("2010-02-01", "introduce", "B1", {"initiator": "deputies"}),
                 ("2010-03-01", "vote", "B1", {"chamber": "mazhilis", "for": 75, "against": 30, "abstain": 2}))


def test_refusal_names_the_state_the_parameter_and_what_is_legal():
    world = in_senate()
    with pytest.raises(ProcedureError) as err:
        SEED.apply(world, Step(D("2010-03-02"), "vote", "B1", {"chamber": "mazhilis", "for": 80, "against": 27}))
    assert str(err.value) == ("no rule allows vote on B1 in state in_senate with chamber=mazhilis; "
                              "legal now: vote (chamber=senate) [S23, S24, A1]")


def test_refusal_in_a_final_state_cites_it():
    world = steps(SEED, ("2012-05-01", "security_decision", "S1", {}))
    with pytest.raises(ProcedureError, match=r"^S1 is decided, which is final \[S12\]$"):
        SEED.apply(world, Step(D("2012-05-02"), "vote", "S1", {"chamber": "mazhilis", "for": 80, "against": 0}))


def test_failed_requirement_gives_its_message_and_citations():
    with pytest.raises(ProcedureError) as err:
        SEED.apply(SEED.initial(), Step(D("2013-01-05"), "decree", "L1", {}))
    assert "only while Parliament has delegated its legislative powers [S10, A9] (rule decree)" in str(err.value)


def test_refusal_mentions_deadlines_that_fired_first():
    world = in_senate()
    with pytest.raises(ProcedureError, match="senate_silence -> with_president"):
        SEED.apply(world, Step(D("2010-05-01"), "vote", "B1", {"chamber": "senate", "for": 40, "against": 7}))


def test_a_refused_act_leaves_the_world_untouched():
    world = in_senate()
    before = copy.deepcopy(world)
    for bad in (Step(D("2010-03-02"), "sign", "B1"), Step(D("2010-01-01"), "vote", "B1"),
                Step(D("2010-03-02"), "vote", "B1", {"chamber": "senate", "for": 48, "against": 0})):
        with pytest.raises(ProcedureError):
            SEED.apply(world, bad)
    assert world == before


def test_step_moves_time_even_when_the_act_is_refused():
    world = in_senate()
    result = SEED.step(world, Step(D("2010-05-01"), "vote", "B1", {"chamber": "senate", "for": 40, "against": 7}))
    assert not result.ok
    assert result.world.matters["B1"].state == "with_president"
    assert result.world.clock == D("2010-05-01")
    assert SEED.replay(result.world.events) == result.world


def test_legal_acts_show_thresholds_and_deadline():
    acts = SEED.legal_acts(in_senate(), "B1")
    assert [a.label() for a in acts] == ["vote (chamber=senate)"]
    assert acts[0].votes[0].required == 32 and acts[0].votes[0].size == 47
    assert acts[0].last_day == D("2010-04-30")
    assert acts[0].cites == ("S23", "S24", "A1")


def test_legal_acts_without_a_matter_list_republic_and_creating_acts():
    labels = {a.label() for a in SEED.legal_acts(SEED.initial(), None, D("2010-01-01"))}
    assert "declare_crisis" in labels and "introduce" in labels and "dissolve" not in labels
    assert "decree" not in labels  # no delegation


def test_deadline_restarts_when_the_state_is_entered_again():
    world = steps(SEED, ("2010-01-04", "introduce", "B1", {"initiator": "government"}),
                  ("2010-01-10", "vote", "B1", {"chamber": "mazhilis", "for": 90, "against": 17}),
                  ("2010-02-01", "vote", "B1", {"chamber": "senate", "for": 20, "against": 27}),
                  ("2010-03-01", "vote", "B1", {"chamber": "mazhilis", "for": 72, "against": 35}))
    assert SEED.legal_acts(world, "B1")[0].last_day == D("2010-04-30")


def test_staying_in_a_state_keeps_its_clock():
    world = steps(SEED, ("2010-01-04", "introduce", "B1", {"initiator": "government"}),
                  ("2010-01-10", "vote", "B1", {"chamber": "mazhilis", "for": 90, "against": 17}),
                  ("2010-01-20", "vote", "B1", {"chamber": "senate", "for": 40, "against": 7}),
                  ("2010-02-01", "veto", "B1", {}),
                  ("2010-02-20", "vote", "B1", {"chamber": "mazhilis", "for": 72, "against": 35}))
    assert world.matters["B1"].vars["override_mazhilis"] is True
    assert SEED.legal_acts(world, "B1")[0].last_day == D("2010-03-01")


def test_delegation_end_date_defaults_to_one_year_and_is_recorded():
    world = steps(SEED, ("2013-01-10", "request_delegation", "D1", {}))
    assert world.matters["D1"].vars["until"] == "2014-01-10"
    assert world.matters["D1"].params["until"] == "2014-01-10"


def test_events_round_trip_through_json():
    world = steps(SEED, ("2015-01-10", "propose_amendment", "R1", {}),
                  ("2015-01-12", "call_referendum", "R1", {}),
                  ("2015-03-01", "referendum_vote", "R1",
                   {"electorate": 100, "turnout": 70, "units": {u: {"yes": 3, "no": 1} for u in SEED.profile.units}}))
    world = steps(SEED, *[(e.date.isoformat(), e.act, e.matter, dict(e.params)) for e in world.events])
    for event in [*world.events, *in_senate().events]:
        assert Event.from_dict(event.to_dict()) == event
    assert world.matters["R1"].state == "adopted"


def test_setup_is_checked():
    with pytest.raises(InputError, match="unknown key 'king'"):
        SEED.initial({"king": "Arthur"})
    world = SEED.initial({"president_elected": "2011-04-03", "crisis": True})
    assert world.setup == {"president_elected": "2011-04-03"} and world.republic["crisis"] is True


def test_term_start_assumes_reelection():
    five = parse_duration("P5Y")
    assert term_start(D("2011-04-03"), five, D("2012-01-01")) == D("2011-04-03")
    assert term_start(D("2011-04-03"), five, D("2016-04-03")) == D("2016-04-03")
    assert term_start(D("2011-04-03"), five, D("2026-05-01")) == D("2026-04-03")


@pytest.mark.parametrize(("of", "counts", "required", "passed"), [
    ("total_membership", (60, 29, 0), 72, False),
    ("members_voting", (60, 29, 0), 60, True),
    ("members_voting", (60, 20, 18), 66, False),
    ("votes_cast", (60, 20, 18), 54, True),
])
def test_threshold_bases(of, counts, required, passed):
    engine = Engine(load_profile("seed", overrides={"thresholds.two_thirds.of": of}))
    world = steps(engine, ("2010-02-01", "introduce", "B1", {"initiator": "government"}),
                  ("2010-03-01", "vote", "B1", dict(zip(("for", "against", "abstain"), counts, strict=True), chamber="mazhilis")))
    tally = world.events[-1].votes[0]
    assert (tally.required, tally.passed) == (required, passed)


def test_nobody_in_favour_never_carries():
    engine = Engine(load_profile("seed", overrides={"thresholds.two_thirds.of": "members_voting"}))
    world = steps(engine, ("2010-02-01", "introduce", "B1", {"initiator": "government"}),
                  ("2010-03-01", "vote", "B1", {"chamber": "mazhilis", "for": 0, "against": 0}))
    assert world.matters["B1"].state == "failed"


def test_chamber_aliases_are_accepted():
    world = steps(SEED, ("2012-01-20", "nominate_pm", "PM1", {"candidate": "A"}),
                  ("2012-01-21", "vote", "PM1", {"Majlis": {"for": 54, "against": 0}, "Senat": {"for": 24, "against": 0}}))
    assert world.matters["PM1"].state == "appointed"


ENGINE_FILES = sorted((Path(__file__).resolve().parents[2] / "src" / "respublika" / "procedure").glob("*.py"))
FORBIDDEN = ("mazhilis", "majlis", "senate", "kazakh", "president", "parliament", "107", "47")


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_engine_code_names_no_institution_or_number_of_the_constitution(path):
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body.pop(0)  # docstrings may give examples
    code = ast.unparse(tree).lower()
    assert [w for w in FORBIDDEN if w in code] == []
