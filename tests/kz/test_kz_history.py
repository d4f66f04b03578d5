"""Power across history: `respublika.games.history` over the dated `kz` profile."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise
from math import comb

import pytest

from respublika.errors import InputError
from respublika.games.history import power_history
from respublika.profile import load_profile


@pytest.fixture(scope="module")
def rows():
    return power_history("kz")


def _ss(row, body):
    return Fraction(row["bodies"][body]["shapley_shubik"])


def _bz(row, body):
    return Fraction(row["bodies"][body]["banzhaf"])


def test_one_row_per_version_then_the_seed(rows):
    versions = load_profile("kz").versions
    assert [r["version"] for r in rows[:-1]] == [v.id for v in versions]
    assert [r["effective"] for r in rows[:-1]] == [v.effective.isoformat() for v in versions]
    assert rows[-1]["profile"] == "seed" and rows[-1]["effective"] is None
    for row, nxt in pairwise(rows[:-1]):
        assert row["until"] < nxt["effective"]
    assert rows[-2]["until"] is None
    assert load_profile(rows[3]["ref"]).version == rows[3]["version"]


def test_indices_are_exact_shares_that_sum_to_one(rows):
    for row in rows:
        for index in ("shapley_shubik", "banzhaf"):
            total = sum(Fraction(b[index]) for b in row["bodies"].values())
            assert total == 1, (row["ref"], index)
            for body in row["bodies"].values():
                assert body[f"{index}_float"] == pytest.approx(float(Fraction(body[index])))


def test_bodies_by_version(rows):
    by_version = {r["version"]: r for r in rows[:-1]}
    for vid in ("1995", "2007", "2022a-2023"):
        assert set(by_version[vid]["bodies"]) == {"president", "mazhilis", "senate"}
    assert set(by_version["2026"]["bodies"]) == {"president", "kurultai"}
    assert by_version["2026"]["bodies"]["kurultai"]["size"] == 145
    # the President's assent matters in every real version: a majority passes, two thirds override
    for row in rows[:-1]:
        assert _ss(row, "president") > 0 and "president" not in row["dummies"]
        assert row["veto_players"] == []


def test_the_seed_president_is_a_dummy(rows):
    seed = rows[-1]
    assert _ss(seed, "president") == 0 and _bz(seed, "president") == 0
    assert "president" in seed["dummies"]


def test_2007_equals_the_documented_majority_game(rows):
    # 54 of 107 and 24 of 47 to pass, 72 and 32 to override: docs/games.md's `majority` profile
    row = next(r for r in rows if r["version"] == "2007-mazhilis")  # the Mazhilis of 107 (N9)
    assert _ss(row, "president") == Fraction(624156876061932145757125049842, 3790409191793314838531628744405)
    majority = power_history("majority", compare=None)[0]
    assert row["bodies"]["president"]["banzhaf"] == majority["bodies"]["president"]["banzhaf"]


def test_2026_against_closed_forms(rows):
    # one chamber of n = 145, the President P; wins: P and 73 members, or 97 members
    row = next(r for r in rows if r["version"] == "2026")
    n, passage, override = 145, 73, 97
    # P is pivotal when 73..96 members precede it; their number is uniform on 0..145
    assert _ss(row, "president") == Fraction(override - passage, n + 1) == Fraction(12, 73)
    swings_p = sum(comb(n, k) for k in range(passage, override))
    swings_member = comb(n - 1, passage - 1) + comb(n - 1, override - 1)
    assert _bz(row, "president") == Fraction(swings_p, swings_p + n * swings_member)


def test_requirements_cite_the_rules(rows):
    row = next(r for r in rows if r["version"] == "2022a-2023")
    needs = {(q["path"], q["chamber"], q["required"]) for q in row["requirements"]}
    assert ("passage", "mazhilis", 50) in needs and ("passage", "senate", 26) in needs
    assert ("senate_overridden", "mazhilis", 66) in needs
    assert ("override", "senate", 34) in needs
    assert all(q["cites"] for q in row["requirements"])


def test_constitutional_laws_history():
    rows = power_history("kz", game="constitutional_law", compare=None)
    by_version = {r["version"]: r for r in rows}
    # to 2022 two thirds pass and two thirds override: the President adds nothing (U14)
    assert _ss(by_version["2022b"], "president") == 0
    # from 2023 three quarters override: the President's objection counts
    assert _ss(by_version["2022a-2023"], "president") > 0
    assert _ss(by_version["2026"], "president") == Fraction(109 - 97, 146)


def test_an_undated_profile_gives_one_row_and_errors_are_input_errors():
    rows = power_history("seed", compare=None)
    assert len(rows) == 1 and rows[0]["version"] is None and rows[0]["profile"] == "seed"
    with pytest.raises(InputError, match="declares no game"):
        power_history("kz", game="budget")
