"""Local government in the dated kz profile (issue 16): how the maslikhats are elected, by period.

1995-2022: single-member districts (each district's election, U22); from 1 Jan 2023 (the
elections of 19 Mar 2023): the regional and city maslikhats half by party lists (5 %, "against
all" in the base, U23), half in single-member districts (U6). Sources: "Maslikhat elections
2021", "Maslikhat elections 2023" in kz.toml. Not yet modelled (U6, U24): the party lists of
2021-2022 and the rural akims elected since 25 Jul 2021 (they need a version of 2021).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from functools import cache

import pytest

from respublika.app.elections import Body, bodies
from respublika.elections.profiled import party_list
from respublika.profile import Profile, load_profile

MASLIKHATS = ("maslikhat", "city_maslikhat")


@cache
def kz_at(day: date) -> Profile:
    return load_profile("kz", as_of=day)


def _body(profile: Profile, eid: str) -> Body:
    return next(b for b in bodies(profile) if b.id == eid)


@pytest.mark.parametrize("day", [date(1995, 12, 1), date(2012, 1, 1), date(2020, 6, 1)])
def test_maslikhats_are_majoritarian_before_2023(day: date) -> None:
    profile = kz_at(day)
    for iid in MASLIKHATS:
        assert profile.institutions[iid].election == "maslikhat"
        assert "single-member" in " ".join(profile.institutions[iid].responsibilities)
    rule = profile.elections["maslikhat"]
    assert rule.kind == "majority_runoff" and rule.majority == Fraction(1, 2)
    assert _body(profile, "maslikhat").form == "office"   # one district's election
    assert "U22" in rule.cites


@pytest.mark.parametrize("day", [date(2023, 3, 19), date(2024, 1, 1), date(2026, 8, 1)])
def test_regional_and_city_maslikhats_are_mixed_from_2023(day: date) -> None:
    profile = kz_at(day)
    rule = profile.elections["maslikhat"]
    assert rule.kind == "party_list_pr" and rule.method == "hare"
    assert rule.threshold == Fraction(5, 100)
    assert rule.threshold_base == "party_list_and_against_all"
    assert rule.majority is None    # the single-member rule was removed, not merged
    assert {"Maslikhat elections 2023", "U23"} <= set(rule.cites)
    for iid in MASLIKHATS:
        text = " ".join(profile.institutions[iid].responsibilities)
        assert "half" in text and "party lists" in text
    assert _body(profile, "maslikhat").form == "local_lists"


def test_the_maslikhat_list_tier_applies_its_threshold() -> None:
    profile = kz_at(date(2024, 1, 1))
    votes = {"A": 500, "B": 298, "C": 150, "D": 52}    # D: 5.2 % of the list votes
    assert party_list(profile, "maslikhat", votes, seats=20).seats["D"] == 1
    # with "against all" in the base D has 52 of 1,100 = 4.7 % and misses the 5 %
    result = party_list(profile, "maslikhat", votes, seats=20, against_all=100)
    assert result.seats["D"] == 0 and sum(result.seats.values()) == 20


def test_the_assumption_no_longer_says_not_modelled() -> None:
    u6 = kz_at(date(2024, 1, 1)).assumptions["U6"]
    assert not u6.default.startswith("Not modelled")
    assert "2023" in u6.default and "NOT YET MODELLED" in u6.default
    for aid in ("U22", "U23", "U24"):
        assert kz_at(date(2024, 1, 1)).assumptions[aid].origin == "unknown"


def test_no_rural_akim_yet() -> None:
    # the rural akims elected since 25 Jul 2021 are a known gap (U24), not a silent one
    for day in (date(2020, 1, 1), date(2024, 1, 1)):
        assert "rural_akim" not in kz_at(day).institutions
    assert "rural akims" in kz_at(date(2024, 1, 1)).assumptions["U24"].default
