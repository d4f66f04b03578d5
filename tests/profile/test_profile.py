"""The seed profile, its validation, derivation and overrides."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from respublika.errors import ProfileError
from respublika.profile import load_profile, load_raw
from respublika.profile.loader import from_data, merge, set_path
from respublika.profile.query import (
    chambers,
    cite,
    composition,
    implementing,
    resolve_institution,
    threshold_count,
)
from respublika.profile.validate import cited_entries, seat_count

DATA = Path(__file__).parent / "data"
SENTENCES = [f"S{n:02d}" for n in range(1, 28)]


@pytest.fixture(scope="module")
def seed():
    return load_profile("seed")


def test_seed_composition(seed):
    data = composition(seed)
    senate = data["institutions"]["senate"]
    assert senate["size"] == 47
    elected, appointed = senate["seats"]
    assert elected["seats"] == 32 and [c["seats"] for c in elected["classes"]] == [16, 16]
    assert appointed["seats"] == 15
    mazhilis = data["institutions"]["mazhilis"]
    assert mazhilis["size"] == 107
    assert [(s["id"], s["seats"]) for s in mazhilis["seats"]] == [("party_lists", 98), ("assembly", 9)]
    assert len(data["units"]) == 16
    assert sum(u["kind"] == "region" for u in data["units"].values()) == 14
    assert data["institutions"]["maslikhat"]["bodies"] == 14
    assert data["institutions"]["akim"]["bodies"] == 14
    assert data["institutions"]["assembly"]["size"] == 382
    assert data["institutions"]["assembly"]["ethnic_groups"] == 140
    assert data["state"]["independence"] == "1991-12-16"
    assert data["state"]["constitution"] == "1995-08-30"


def test_every_entry_cites_something(seed):
    data = composition(seed)
    for iid, inst in data["institutions"].items():
        assert inst["cites"], iid
        for seat in inst.get("seats", []):
            assert seat["cites"], (iid, seat["id"])
    for section in ("thresholds", "durations"):
        for key, entry in data[section].items():
            assert entry["cites"], (section, key)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_sentence_is_implemented(seed, sentence):
    assert implementing(seed, sentence), f"{sentence} is cited by no profile entry"
    assert cite(seed, sentence)["text_de"]


def test_every_assumption_is_used_and_switchable(seed):
    for aid, assumption in seed.assumptions.items():
        assert implementing(seed, aid), f"{aid} is cited by no profile entry"
        for alt in assumption.alternatives:
            switched = load_profile("seed", overrides=alt.set)  # each switch must validate
            assert switched != seed, (aid, alt.id)


def test_thresholds_are_exact(seed):
    assert threshold_count(seed, "two_thirds", 107) == 72
    assert threshold_count(seed, "two_thirds", 47) == 32
    assert threshold_count(seed, "majority", 107) == 54
    assert threshold_count(seed, "majority", 47) == 24
    assert threshold_count(seed, "three_quarters", 107) == 81
    assert threshold_count(seed, "three_quarters", 47) == 36
    assert seed.thresholds["two_thirds"].share == Fraction(2, 3)


def test_aliases(seed):
    for name in ("Majlis", "Majilis", "mazhilis", "MAZHILIS", "Madschilis"):
        assert resolve_institution(seed, name) == "mazhilis"
    assert resolve_institution(seed, "Senat") == "senate"
    with pytest.raises(ValueError, match="unknown institution 'Kurultai'"):
        resolve_institution(seed, "Kurultai")
    assert chambers(seed) == ["senate", "mazhilis"]


def test_cite_assumption_has_switches(seed):
    a4 = cite(seed, "a4")
    assert a4["type"] == "assumption" and a4["alternatives"][0]["id"] == "fails"
    assert "--set procedure.matters.bill.states.in_senate.deadline.to=failed" in a4["alternatives"][0]["switch"]
    with pytest.raises(ValueError, match="not cited"):
        cite(seed, "S99")


def test_derived_profile_changes_thresholds_and_sizes():
    reform = load_profile(str(DATA / "reform.toml"))
    assert reform.extends == "seed"
    assert reform.institutions["senate"].size == 26
    assert seat_count(reform, reform.institutions["senate"].seats["elected"]) == 16
    assert reform.institutions["mazhilis"].size == 120
    rules = {r.id: r for r in reform.procedure.matters["bill"].rules}
    assert rules["mazhilis_vote"].vote is not None
    assert rules["mazhilis_vote"].vote.threshold == "majority"
    # rules not named in the reform are kept, in order
    assert [r.id for r in reform.procedure.matters["bill"].rules] == [
        r.id for r in load_profile("seed").procedure.matters["bill"].rules
    ]
    assert threshold_count(reform, "majority", 120) == 61


def test_set_overrides():
    p = load_profile("seed", overrides=["thresholds.two_thirds.share=3/5", "elections.mazhilis.method=dhondt"])
    assert p.thresholds["two_thirds"].share == Fraction(3, 5)
    assert p.elections["mazhilis"].method == "dhondt"
    p = load_profile("seed", overrides=["procedure.matters.bill.rules.senate_vote.rejected.second_rejection.enabled=false"])
    senate_vote = next(r for r in p.procedure.matters["bill"].rules if r.id == "senate_vote")
    assert senate_vote.rejected[0].enabled is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["institutions.senate.seats.appointed.count=16"],
         "institutions.senate.size: 47 != 2 seats x 16 units + 16 appointed = 48"),
        (["institutions.mazhilis.size=108"],
         "institutions.mazhilis.size: 108 != 98 party lists + 9 assembly = 107"),
        (["institutions.assembly.seats.other_members.count=372"],
         "institutions.assembly.size: 382 != 9 delegates in mazhilis + 372 other members = 381"),
        (["thresholds.two_thirds.share=3/2"], "thresholds.two_thirds.share: 3/2 is not in (0, 1]"),
        (["thresholds.majority.share=0"], "thresholds.majority.share: 0 is not in (0, 1]"),
        (["durations.senate_review.duration=P0D"], "durations.senate_review.duration: P0D is not positive"),
        (["durations.senate_review.duration=60 days"], "durations.senate_review.duration"),
        (["institutions.senate.cites=[\"S99\"]"], "institutions.senate.cites: 'S99' is neither"),
        (["units.astana.name=Almaty"], "units: the name 'almaty' is used by 2 units"),
        (["elections.mazhilis.threshold=1"], "elections.mazhilis.threshold: 1 is not in [0, 1)"),
        (["procedure.matters.bill.rules.mazhilis_vote.vote.threshold=most"], "unknown threshold 'most'"),
        (["procedure.matters.bill.states.in_senate.deadline.to=limbo"], "unknown state 'limbo'"),
        (["institutions.senate.colour=red"], "institutions.senate.colour: unknown key"),
        (["institutions.senate.seats.elected.count=32"], "give exactly one of count or per_unit"),
        (["elections.mazhilis.seats=97"], "institutions.mazhilis.seats.party_lists.count: 98 != elections.mazhilis.seats = 97"),
    ],
)
def test_broken_profiles_are_refused_with_precise_messages(overrides, message):
    with pytest.raises(ProfileError) as err:
        load_profile("seed", overrides=overrides)
    assert any(message in problem for problem in err.value.problems), err.value.problems


def test_broken_file_lists_problem():
    with pytest.raises(ProfileError) as err:
        load_profile(str(DATA / "broken_senate.toml"))
    assert err.value.problems == ["institutions.senate.size: 47 != 2 seats x 16 units + 16 appointed = 48"]


def test_every_problem_is_reported_at_once():
    with pytest.raises(ProfileError) as err:
        load_profile("seed", overrides=["thresholds.majority.share=2", "institutions.mazhilis.size=1"])
    assert len(err.value.problems) == 2


def test_syntax_errors_and_missing_files(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("id = \n")
    with pytest.raises(ProfileError, match="TOML syntax"):
        load_profile(str(bad))
    with pytest.raises(ProfileError, match="no profile named 'nope'"):
        load_profile("nope")
    loop = tmp_path / "loop.toml"
    loop.write_text(f'extends = "{loop}"\n')
    with pytest.raises(ProfileError, match="loop"):
        load_profile(str(loop))


def test_set_path_errors():
    data = load_raw("seed")
    with pytest.raises(ProfileError, match="no item with id 'nope'"):
        set_path(data, "procedure.matters.bill.rules.nope.enabled", False)
    with pytest.raises(ProfileError, match="is a value, not a table"):
        set_path(data, "id.x", 1)


def test_merge_by_id_and_replace():
    base = {"a": [{"id": "x", "v": 1}, {"id": "y", "v": 2}], "b": [1, 2], "c": {"d": 1, "e": 2}}
    over = {"a": [{"id": "y", "v": 3}, {"id": "z", "v": 4}], "b": [3], "c": {"e": 5}}
    assert merge(base, over) == {
        "a": [{"id": "x", "v": 1}, {"id": "y", "v": 3}, {"id": "z", "v": 4}],
        "b": [3],
        "c": {"d": 1, "e": 5},
    }
    assert base["a"][1]["v"] == 2  # inputs are untouched


def test_loading_fails_whole(seed):
    data = load_raw("seed")
    data["institutions"]["senate"]["size"] = 1
    with pytest.raises(ProfileError):
        from_data(data)
    assert load_profile("seed") == seed


def test_cited_entries_have_paths(seed):
    paths = [path for path, _ in cited_entries(seed)]
    assert "institutions.senate.seats.elected" in paths
    assert "procedure.matters.bill.rules[senate_vote].rejected[second_rejection]" in paths
    assert all(re.match(r"^[a-z_]", p) for p in paths)


def test_dated_profile_resolves_by_date():
    path = str(DATA / "dated.toml")
    v1 = load_profile(path, as_of="1999-12-31")
    assert v1.version == "v1" and v1.institutions["senate"].size == 47
    v2 = load_profile(path, as_of="2000-01-01")
    assert v2.version == "v2" and v2.institutions["senate"].size == 46
    assert load_profile(f"{path}@2005-06-01").version == "v2"
    assert [v.id for v in v2.versions] == ["v1", "v2", "v3"]
    assert v2.versions[1].source == "https://example.org/v2"


def test_dated_profile_refusals():
    path = str(DATA / "dated.toml")
    with pytest.raises(ProfileError, match="before the first version"):
        load_profile(path, as_of="1990-01-01")
    with pytest.raises(ProfileError, match="not a date"):
        load_profile(f"{path}@yesterday")
    with pytest.raises(ProfileError, match="not dated"):
        load_profile("seed", as_of="2000-01-01")
    # removing a chamber that rules still name is refused, naming every rule
    with pytest.raises(ProfileError) as err:
        load_profile(path, as_of="2011-01-01")
    assert any("senate_vote" in p and "'senate' is not a body" in p for p in err.value.problems)


def test_impossible_file_names_are_just_missing():
    with pytest.raises(ProfileError, match="no profile named"):
        load_profile("0" * 400)
