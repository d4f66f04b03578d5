"""The seed's readings of its text (issue 15): every choice the sentences do not make is an
assumption with switches, each switch loads and is shown at work, and the choices that are
not procedure (the three powers, the maslikhats' formula, S15's "half") are shown here.

The procedure choices (A15-A18) are shown by the scenario files their ``shown_by`` names,
which ``tests/procedure/test_procedure_scenarios.py`` runs; here we check that each of them
switches on exactly its alternative.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from respublika.profile import load_profile
from respublika.profile.query import BRANCH_ORDER, cite, composition

ROOT = Path(__file__).resolve().parents[2]
NEW = [f"A{n}" for n in range(15, 24)]
READ = {"S03": ["A19"], "S09": ["A15"], "S10": ["A16", "A17"], "S11": ["A18"], "S15": ["A21"], "S26": ["A20"]}


@pytest.fixture(scope="module")
def seed():
    return load_profile("seed")


# ---------------------------------------------------------------- every choice declared


@pytest.mark.parametrize(("sentence", "readers"), READ.items())
def test_cite_lists_the_reading_and_its_switches(seed, sentence, readers):
    data = cite(seed, sentence)
    assert data["reading"] == "interpreted"
    assert [r["id"] for r in data["readings"]] == readers
    for reading in data["readings"]:
        for alt in reading["alternatives"]:
            assert alt["switch"].startswith("--set "), (reading["id"], alt["id"])


@pytest.mark.parametrize("sentence", ["S03", "S09", "S10", "S11", "S26"])
def test_the_command_line_cite_prints_the_switches(respublika, seed, sentence):
    ran = respublika("cite", sentence)
    assert ran.code == 0, ran.err
    for aid in READ[sentence]:
        assert f"Assumption {aid}:" in ran.out
        for alt in seed.assumptions[aid].alternatives:
            assert f"- {alt.id}:" in ran.out
            for key in alt.set:
                assert f"--set {key}=" in ran.out or f"--set '{key}=" in ran.out  # shell-quoted


def test_the_new_assumptions_are_complete(seed):
    for aid in NEW:
        a = seed.assumptions[aid]
        assert a.origin == "project" and a.default and a.reason, aid
        assert cite(seed, aid)["implemented_by"], f"{aid} is cited by no entry"
    # every alternative of the new assumptions is shown at work, and so is the default
    for aid in NEW[:-1]:
        a = seed.assumptions[aid]
        assert a.shown_by, aid
        for alt in a.alternatives:
            assert alt.shown_by, (aid, alt.id)
    # the ones the issue names offer the alternatives it names
    ids = {aid: [alt.id for alt in seed.assumptions[aid].alternatives] for aid in NEW}
    assert ids["A15"] == ["also_parliament", "also_government"]
    assert ids["A16"] == ["suspended"]
    assert ids["A17"] == ["replaces", "extends"]
    assert ids["A18"] == ["either_order", "joint_session"]
    assert ids["A20"]


def _shown_by(seed):
    for sid, source in seed.sources.items():
        for path in source.shown_by:
            yield sid, None, path
    for aid, a in seed.assumptions.items():
        for path in a.shown_by:
            yield aid, None, path
        for alt in a.alternatives:
            for path in alt.shown_by:
                yield aid, alt, path


def test_every_file_named_by_shown_by_exists(seed):
    for owner, _, path in _shown_by(seed):
        assert (ROOT / path).is_file(), f"{owner}: {path} does not exist"


def test_each_scenario_switches_on_exactly_its_alternative(seed):
    """A scenario that shows an alternative sets its overrides; one that shows a default
    (or a sentence) sets none of the alternatives' overrides."""
    switched = {key for a in seed.assumptions.values() for alt in a.alternatives for key in alt.set}
    for owner, alt, path in _shown_by(seed):
        if not path.endswith(".yaml"):
            continue
        data = yaml.safe_load((ROOT / path).read_text("utf-8"))
        overrides = data.get("set") or {}
        assert data.get("profile", "seed") == "seed", path
        if alt is None:
            assert not set(overrides) & switched, f"{owner}: {path} switches an alternative on"
        else:
            assert overrides == alt.set, f"{owner}.{alt.id}: {path} sets {overrides}, not {alt.set}"


def test_a_test_that_shows_an_alternative_names_it(seed):
    for owner, alt, path in _shown_by(seed):
        if path.endswith(".py") and alt is not None:
            assert alt.id in (ROOT / path).read_text("utf-8"), f"{owner}.{alt.id}: {path} does not show it"


# --------------------------------------------------------------------- S03: three powers


def test_every_institution_belongs_to_one_of_the_three_powers(seed):
    data = composition(seed)
    assert tuple(data["branches"]) == BRANCH_ORDER == ("executive", "legislative", "judicial")
    placed = [iid for members in data["branches"].values() for iid in members]
    assert sorted(placed) == sorted(seed.institutions)  # each exactly once
    assert data["branches"]["judicial"] == ["constitutional_council", "supreme_court"]
    assert set(data["branches"]["legislative"]) == {"parliament", "senate", "mazhilis"}
    # the level is an attribute of its own; national bodies come first within a power
    assert data["levels"]["regional"] == ["maslikhat", "city_maslikhat", "akim"]
    executive = data["branches"]["executive"]
    assert executive[-3:] == ["maslikhat", "city_maslikhat", "akim"]
    assert data["institutions"]["assembly"]["level"] == "national"


def test_the_maslikhats_keep_the_texts_words_and_the_state_is_secular(seed):
    assert "local executive bodies" in seed.institutions["maslikhat"].description["en"].lower()
    assert "Lokale Exekutivorgane" in seed.institutions["maslikhat"].description["de"]
    assert "local executive bodies" in seed.sources["S26"].text_en
    assert "Art. 86 §1" in seed.assumptions["A19"].note
    assert seed.state.attributes == ["secular"]
    assert "S02" in seed.state.cites


@pytest.mark.parametrize(
    ("alternative", "moved"),
    [("maslikhats_legislative", ["maslikhat", "city_maslikhat"]), ("assembly_legislative", ["assembly"])],
)
def test_a19_alternatives_move_bodies_to_the_legislative_power(seed, alternative, moved):
    alt = next(a for a in seed.assumptions["A19"].alternatives if a.id == alternative)
    data = composition(load_profile("seed", overrides=alt.set))
    for iid in moved:
        assert iid in data["branches"]["legislative"] and iid not in data["branches"]["executive"]
    assert sorted(i for m in data["branches"].values() for i in m) == sorted(seed.institutions)


def test_show_groups_by_the_three_powers(respublika):
    ran = respublika("show")
    assert ran.code == 0, ran.err
    for word in ("executive", "legislative", "judicial"):
        assert f"── {word}" in ran.out
    for old in ("representative", "regional\n"):
        assert f"── {old}" not in ran.out


# ------------------------------------------------------------ A20: the maslikhats' formula

VOTES = {"akmola": {"A": 5232, "B": 2415, "C": 763, "D": 512, "E": 436}}
SEATS = {
    "default": {"A": 19, "B": 8, "C": 3},
    "dhondt": {"A": 19, "B": 9, "C": 2},
    "sainte_lague": {"A": 18, "B": 9, "C": 3},
    "threshold_5": {"A": 18, "B": 8, "C": 2, "D": 2},
    "no_threshold": {"A": 17, "B": 8, "C": 2, "D": 2, "E": 1},
}


@pytest.mark.parametrize("alternative", list(SEATS))
def test_a20_each_formula_elects_a_maslikhat_differently(respublika, seed, tmp_path, alternative):
    votes = tmp_path / "units.json"
    votes.write_text(json.dumps(VOTES), "utf-8")
    sets = [] if alternative == "default" else next(
        a.set for a in seed.assumptions["A20"].alternatives if a.id == alternative).items()
    args = [arg for key, value in sets for arg in ("--set", f"{key}={json.dumps(value)}")]
    ran = respublika("elect", "maslikhat", str(votes), "--json", *args)
    assert ran.code == 0, ran.err
    seats = {p: n for p, n in json.loads(ran.out)["units"]["akmola"]["seats"].items() if n}
    assert seats == SEATS[alternative]


# ---------------------------------------------------------------------- A21: S15's "half"


def test_a21_half_of_the_elected_senators_every_three_years(seed):
    senate = composition(seed)["institutions"]["senate"]
    elected, appointed = senate["seats"]
    assert [c["seats"] for c in elected["classes"]] == [16, 16] == [elected["seats"] // 2] * 2
    assert all(c["renewed_every_years"] == 3 for c in elected["classes"])
    assert "classes" not in appointed and appointed["seats"] == 15
    assert senate["size"] % 2 == 1  # half of 47 is no whole number: the reading A21 states
