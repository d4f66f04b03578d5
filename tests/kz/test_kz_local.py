"""Local government in the dated kz profile (issue 16): how the maslikhats are elected, by period.

1995 to the law of 29 Jun 2018: single-member districts (each district's election, U22); from
12 Jul 2018 (version 2018-july, U25): party lists in one constituency (7 %, U23), first at the
elections of 10 Jan 2021; from 1 Jan 2023 (the elections of 19 Mar 2023): the regional and city
maslikhats half by party lists (5 %, "against all" in the base, U23), half in single-member
districts (U6). The akims of rural districts, villages and towns are elected since 5 Jun 2021
(version 2021-rural-akims, U26). The Security Council: formed by the President; a constitutional
body chaired for life by the First President from 12 Jul 2018, chaired by the President from
19 Feb 2022 (U25). Sources in kz.toml.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from functools import cache

import pytest

from respublika.app.elections import Body, bodies, elect
from respublika.elections.profiled import party_list
from respublika.profile import Profile, load_profile

MASLIKHATS = ("maslikhat", "city_maslikhat")


@cache
def kz_at(day: date) -> Profile:
    return load_profile("kz", as_of=day)


def _body(profile: Profile, eid: str) -> Body:
    return next(b for b in bodies(profile) if b.id == eid)


@pytest.mark.parametrize("day", [date(1995, 12, 1), date(2012, 1, 1), date(2018, 7, 11)])
def test_maslikhats_are_majoritarian_until_the_law_of_2018(day: date) -> None:
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


@pytest.mark.parametrize("day", [date(2018, 7, 12), date(2021, 1, 10), date(2022, 12, 31)])
def test_every_maslikhat_is_elected_by_party_lists_from_the_law_of_2018(day: date) -> None:
    profile = kz_at(day)
    rule = profile.elections["maslikhat"]
    assert rule.kind == "party_list_pr" and rule.method == "hare" and rule.threshold == Fraction(7, 100)
    assert rule.threshold_base == "party_list_votes"    # no "against all" on the ballot until 2023
    assert rule.majority is None
    assert {"Maslikhat lists law (2018)", "U23"} <= set(rule.cites)
    for iid in MASLIKHATS:
        assert "party lists in one constituency" in " ".join(profile.institutions[iid].responsibilities)
    assert _body(profile, "maslikhat").form == "local_lists"


def test_rudny_2021_as_published() -> None:
    """Rudny's city maslikhat, 10 Jan 2021, one constituency of 15 seats: Nur Otan 48,640 votes
    (79.07 %) and 12 seats, Ak Zhol 12,110 and 3, ADAL 769 and none (qostanai.media)."""
    profile = kz_at(date(2021, 1, 10))
    result = party_list(profile, "maslikhat", {"Nur Otan": 48640, "Ak Zhol": 12110, "ADAL": 769}, seats=15)
    assert dict(result.seats) == {"Nur Otan": 12, "Ak Zhol": 3, "ADAL": 0}


def test_the_assumptions_say_what_is_modelled() -> None:
    profile = kz_at(date(2024, 1, 1))
    u6 = profile.assumptions["U6"].default
    assert "NOT YET" not in u6 and "29 Jun 2018" in u6 and "2023" in u6
    assert "rural_akim" in profile.assumptions["U24"].default
    for aid in ("U22", "U23", "U24", "U25", "U26"):
        assert profile.assumptions[aid].origin == "unknown"


def test_rural_akims_are_elected_from_5_june_2021() -> None:
    assert "rural_akim" not in kz_at(date(2021, 6, 4)).institutions
    assert "rural_akim" not in kz_at(date(2021, 6, 4)).elections
    profile = kz_at(date(2021, 7, 25))
    akim = profile.institutions["rural_akim"]
    assert (akim.level, akim.kind, akim.elected_by, akim.term_years) == ("local", "local_executive", "people", 4)
    assert akim.election == "rural_akim" and {"Rural akims law (2021)", "U26"} <= set(akim.cites)
    assert _body(profile, "rural_akim").form == "office"
    result = elect(profile, "rural_akim", "candidate,votes\nA,600\nB,300\nC,100\n")
    assert result["form"] == "office" and "A" in str(result)
    with pytest.raises(Exception, match="no elected body 'rural_akim'"):
        elect(kz_at(date(2021, 6, 4)), "rural_akim", "candidate,votes\nA,600\n")
    assert "rural_akim" in kz_at(date(2026, 8, 1)).institutions   # the 2026 text keeps them


def test_the_security_council_by_period() -> None:
    def council(day: date) -> tuple[str, list[str]]:
        inst = kz_at(day).institutions["security_council"]
        assert inst.kind == "council" and inst.appointed_by == "president"
        return " ".join(inst.responsibilities), inst.cites

    text, cites = council(date(2012, 1, 1))
    assert "consultative" in text and "Art. 44(20)" in cites
    text, cites = council(date(2018, 7, 12))
    assert "First President" in text and "for life" in text and "Security Council law (2018)" in cites
    assert "First President" in council(date(2022, 2, 18))[0]
    text, cites = council(date(2022, 2, 19))
    assert "First President" not in text and "chaired by the President" in text
    assert "Security Council law (2022)" in cites
    assert "Art. 46(21) (2026)" in council(date(2026, 7, 1))[1]


def test_article_55_is_cited_by_its_sub_items_with_the_russian_text() -> None:
    for day in (date(2012, 1, 1), date(2024, 1, 1)):
        profile = kz_at(day)
        assert "Art. 55(3)" not in profile.sources
        consent = profile.sources["Art. 55(2)"]
        assert "дача согласия на назначение" in consent.text_ru
    war = kz_at(date(2012, 1, 1)).sources["Art. 53(4)-(5)"]
    assert "решает вопросы войны и мира" in war.text_ru and war.url_ru.startswith("https://adilet.zan.kz/rus/")
