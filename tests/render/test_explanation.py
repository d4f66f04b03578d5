"""Explanations: the engine's events in words, through the one message catalogue."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from respublika.i18n import catalogue
from respublika.procedure import Engine, Step
from respublika.profile import load_profile
from respublika.render.explanation import describe, legal_line, phrase, tally_line
from respublika.render.labels import chamber_name, kind_text, state_text, threshold_text

SEED = Engine(load_profile("seed"))
SRC = Path(__file__).resolve().parents[2] / "src" / "respublika"
D = date.fromisoformat


def in_senate():
    world = SEED.initial()
    for day, act, params in (("2010-02-01", "introduce", {"initiator": "deputies"}),
                             ("2010-03-01", "vote", {"chamber": "mazhilis", "for": 75, "against": 30, "abstain": 2})):
        world, _ = SEED.apply(world, Step(D(day), act, "B1", params))
    return world


def test_vote_explanation_has_numbers_threshold_and_citations():
    world = in_senate()
    vote = world.trail("B1")[-1]
    assert vote.votes[0].required == 72 and vote.votes[0].passed
    line = tally_line(SEED.profile, vote.votes[0], ("S22", "A1"))
    assert line == ("Mazhilis: 75 of 107 in favour, 72 required — two thirds of the total "
                    "membership [S22, A1] → passed")
    de = tally_line(SEED.profile, vote.votes[0], ("S22", "A1"), lang="de")
    assert de.startswith("Mazhilis: 75 von 107 dafür, 72 erforderlich — zwei Drittel") and de.endswith("angenommen")

    # the trail step as a sentence: date in the language's form, chamber, numbers, threshold, citations, next state
    assert describe(SEED.profile, vote)[0] == (
        "1 March 2010 — Mazhilis passed B1: 75 of 107 in favour, 72 required (two thirds of the total "
        "membership) [S22, S24, A1]. Now: in the Senate.")
    assert describe(SEED.profile, vote, "de")[0] == (
        "1. März 2010 — Mazhilis hat B1 angenommen: 75 von 107 dafür, 72 erforderlich (zwei Drittel der "
        "Gesamtzahl der Mitglieder) [S22, S24, A1]. Jetzt: im Senat.")


def test_an_act_step_names_who_took_it_and_its_parameters_by_their_labels():
    introduce = in_senate().trail("B1")[0]
    en, de = describe(SEED.profile, introduce)[0], describe(SEED.profile, introduce, "de")[0]
    assert en == ("1 February 2010 — The deputies: introduce a bill, B1 (affects the budget: no) [S21, A12]. "
                  "Now: in the Mazhilis.")
    assert de.startswith("1. Februar 2010 — Die Abgeordneten: Gesetzentwurf einbringen, B1 (berührt den Haushalt: nein)")
    for text in (en, de):
        assert not any(i in text for i in ("initiator", "budget_impact", "in_mazhilis", "deputies=", "→"))


def test_legal_acts_in_words_in_both_languages():
    world = in_senate()
    [act] = SEED.legal_acts(world, "B1")
    en, de = legal_line(SEED.profile, act), legal_line(SEED.profile, act, "de")
    assert en.startswith("vote (chamber: the Senate) — Senate 32/47: two thirds") and "; last day 30 April 2010" in en
    assert de.startswith("abstimmen (Kammer: der Senat)") and "; letzter Tag 30. April 2010" in de and "zwei Drittel" in de


def test_labels_fall_back_to_english_and_then_to_a_readable_id():
    profile = SEED.profile
    assert chamber_name(profile, "mazhilis", "de") == "Mazhilis"
    assert chamber_name(profile, "senate", "de") == profile.institutions["senate"].name_de
    assert chamber_name(profile, "nobody") == "nobody"
    # the last resort is a readable form of the id
    assert kind_text(profile, "bill") == "Bill" and kind_text(profile, "no_kind") == "no kind"
    assert state_text(profile, "bill", "no_state") == "no state"
    assert threshold_text(profile, "no_threshold", "de") == "no threshold"


def test_phrase_translates_through_the_catalogue_and_formats():
    assert phrase("{n} voting", "en", n=3) == "3 voting"
    assert phrase("{n} voting", "de", n=3) == "3 Abstimmende"
    assert phrase("a message nobody translated", "de") == "a message nobody translated"


def _messages(path: Path) -> list[str]:
    """The literal first arguments of ``phrase(...)`` and ``_(...)`` (a translator) calls in a
    module, and the messages it passes on (``bars``' title and axis)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "bars"
                and len(node.args) >= 3):
            found += [a.value for a in node.args[1:3] if isinstance(a, ast.Constant)]
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("phrase", "_")
                and node.args):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
            elif isinstance(first, ast.IfExp):
                found += [b.value for b in (first.body, first.orelse) if isinstance(b, ast.Constant)]
    return found


RENDER = sorted((SRC / "render").glob("*.py"))


@pytest.mark.parametrize("path", RENDER, ids=lambda p: p.name)
def test_every_phrase_of_the_renderers_has_a_german_message(path):
    german = catalogue("de")
    assert [m for m in _messages(path) if m not in german] == []


@pytest.mark.parametrize("package", ["procedure", "games", "simulate", "render"])
def test_no_second_translation_table(package):
    """Words in other languages live in the catalogue or in a profile, not in code: no dict
    literal in these packages is keyed by a language."""
    offenders = []
    for path in sorted((SRC / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "de" for k in node.keys):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []
