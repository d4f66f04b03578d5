"""The procedure's records (data, in procedure/) and their words (render/)."""

from __future__ import annotations

import json
from datetime import date

import yaml

from respublika.procedure import Engine, Step, parse_scenario, run_in_memory
from respublika.procedure.records import deadline_record, matter_record, run_record
from respublika.profile import load_profile
from respublika.render.procedure_text import (
    matter_dict,
    matter_text,
    republic_text,
    run_dict,
    run_text,
)

SEED = Engine(load_profile("seed"))
D = date.fromisoformat
WORDS = {"text", "kind_text", "state_text", "act_text"}

SCENARIO = """
profile: seed
steps:
  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}
  - {date: 2010-03-01, act: vote, bill: B1, chamber: mazhilis, for: 75, against: 30, abstain: 2}
  - {date: 2010-03-02, act: vote, bill: B1, chamber: mazhilis, for: 1, expect_error: true}
expect: {B1: in_senate}
"""


def in_senate():
    world = SEED.initial()
    for day, act, params in (("2010-02-01", "introduce", {"initiator": "deputies"}),
                             ("2010-03-01", "vote", {"chamber": "mazhilis", "for": 75, "against": 30, "abstain": 2})):
        world, _ = SEED.apply(world, Step(D(day), act, "B1", params))
    return world


def _keys(value):
    if isinstance(value, dict):
        yield from value
        for v in value.values():
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


def test_a_matter_record_holds_ids_numbers_and_citations_but_no_words():
    world = in_senate()
    record = matter_record(SEED, world, "B1")
    assert set(_keys(record)) & WORDS == set()
    assert record["state"] == "in_senate" and record["trail"][-1]["votes"][0]["required"] == 72
    assert record["deadline"] == deadline_record(SEED.profile, world.matter("B1"))
    assert record["deadline"]["last_day"].startswith("2010-") and record["deadline"]["cites"]
    assert json.loads(json.dumps(record)) == record


def test_the_matter_dict_is_the_record_with_words_beside_the_ids():
    world = in_senate()
    record, words = matter_record(SEED, world, "B1"), matter_dict(SEED, world, "B1", "de")
    assert words["deadline_record"] == record["deadline"]
    assert words["deadline"].startswith("letzter Tag 30. April 2010; danach beim Präsidenten: ")
    assert record["deadline"]["last_day"] == "2010-04-30"
    assert words["kind_text"] and words["state_text"]
    assert all(e["text"] for e in words["trail"]) and all(a["text"] and a["act_text"] for a in words["legal"])
    for key in ("id", "kind", "state", "final", "params", "vars", "as_of"):
        assert words[key] == record[key]
    assert [{k: v for k, v in e.items() if k != "text"} for e in words["trail"]] == record["trail"]


def test_text_lines_in_both_languages():
    world = in_senate()
    en, de = matter_text(SEED, world, "B1"), matter_text(SEED, world, "B1", "de")
    assert en[-1].startswith("deadline: last day ") and de[-1].startswith("Frist: letzter Tag ")
    assert "next legal acts (as of 1 March 2010):" in en and "nächste zulässige Handlungen (Stand 1. März 2010):" in de
    assert republic_text(SEED, world, "de")[0] == "Stand 1. März 2010"
    assert "legal now:" in republic_text(SEED, world)


def test_a_run_record_and_its_words():
    result = run_in_memory(parse_scenario(yaml.safe_load(SCENARIO)), SEED)
    record, words = run_record(SEED, result), run_dict(SEED, result, "de")
    assert set(_keys(record)) & WORDS == set()
    assert record["expect_met"] and [s["ok"] for s in record["steps"]] == [True, True, False]
    assert [len(s["events"]) for s in words["steps"]] == [len(s["events"]) for s in record["steps"]]
    assert all(e["text"] for s in words["steps"] for e in s["events"])
    lines = run_text(SEED, result, "de")
    assert lines[-1] == "Erwartungen erfüllt" and any("zurückgewiesen (wie erwartet)" in line for line in lines)
    assert run_text(SEED, result)[-1] == "expect met"
