"""Exact thresholds, fractions from text, calendar durations, message catalogues."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from respublika.calendar import Duration, add, parse_duration
from respublika.errors import InputError
from respublika.exact import format_fraction, parse_fraction, required_count
from respublika.i18n import catalogue, languages, pick, translator


def test_required_counts():
    assert required_count(107, Fraction(2, 3)) == 72
    assert required_count(47, Fraction(2, 3)) == 32
    assert required_count(107, Fraction(1, 2), strict=True) == 54
    assert required_count(48, Fraction(1, 2), strict=True) == 25
    assert required_count(48, Fraction(1, 2)) == 24
    assert required_count(99, Fraction(2, 3)) == 66


@given(st.integers(0, 10**6), st.fractions(min_value=0, max_value=1))
def test_required_count_is_the_least_that_meets(base, share):
    k = required_count(base, share)
    assert Fraction(k) >= share * base and (k == 0 or Fraction(k - 1) < share * base)
    s = required_count(base, share, strict=True)
    assert Fraction(s) > share * base and Fraction(s - 1) <= share * base


@pytest.mark.parametrize(
    ("text", "value"),
    [("2/3", Fraction(2, 3)), ("7%", Fraction(7, 100)), ("0.07", Fraction(7, 100)),
     (" 7 / 100 ", Fraction(7, 100)), (3, Fraction(3)), ("12.5%", Fraction(1, 8))],
)
def test_parse_fraction(text, value):
    assert parse_fraction(text) == value


@pytest.mark.parametrize("bad", ["1/0", "two thirds", 0.07, True, None, "-1/2"])
def test_parse_fraction_refuses(bad):
    with pytest.raises(InputError):
        parse_fraction(bad)


def test_format_fraction():
    assert format_fraction(Fraction(2, 3)) == "2/3" and format_fraction(Fraction(1)) == "1/1"


def test_durations():
    assert parse_duration("P60D") == Duration(days=60)
    assert parse_duration("P1Y6M") == Duration(years=1, months=6)
    assert add(date(2010, 3, 1), parse_duration("P60D")) == date(2010, 4, 30)
    assert add(date(2010, 1, 31), parse_duration("P1M")) == date(2010, 2, 28)
    assert add(date(2012, 2, 29), parse_duration("P1Y")) == date(2013, 2, 28)
    assert add(date(2016, 4, 3), parse_duration("P6M"), sign=-1) == date(2015, 10, 3)
    for bad in ("60D", "P", "P-1D", "PT5H"):
        with pytest.raises(InputError):
            parse_duration(bad)


def test_catalogue():
    assert languages()[:2] == ["en", "de"] and {"ru", "kk"} <= set(languages())
    assert translator("en")("seats") == "seats"
    assert translator("de")("seats") == "Sitze"
    assert translator("de")("no such message") == "no such message"
    assert all(catalogue("de").values())
    assert pick({"en": "Law", "de": "Gesetz"}, "de") == "Gesetz"
    assert pick({"en": "Law"}, "de") == "Law"
