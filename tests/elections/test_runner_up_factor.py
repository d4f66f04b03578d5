"""The runner-up rule's correction factor and minimum (generic; kz uses 7/10 and 2)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from respublika.elections.party_list import allocate_seats
from respublika.errors import InputError
from respublika.profile.schema import ElectionRule

VOTES = {"Big": 9000, "Second": 500, "Third": 300, "Small": 200}


def test_without_factor_the_runner_up_shares_by_the_method():
    seats = allocate_seats(VOTES, 100, "hare", threshold="10%", runner_up=True).seats
    assert seats == {"Big": 95, "Second": 5, "Third": 0, "Small": 0}


def test_the_factor_scales_the_runner_ups_quotient():
    # quota 9500/100 = 95; Second 500/95 x 7/10 = 3.68 -> 3; Big the rest
    result = allocate_seats(VOTES, 100, "hare", threshold="10%", runner_up=True,
                            runner_up_factor="7/10", runner_up_min_seats=2)
    assert result.seats == {"Big": 97, "Second": 3, "Third": 0, "Small": 0}
    assert any("7/10" in s.text and "Second" in s.text for s in result.explain)
    assert result.eligible == ("Big", "Second")


def test_the_minimum_applies_when_the_factor_gives_less():
    votes = {"Big": 9900, "Second": 100}
    seats = allocate_seats(votes, 50, "hare", threshold="10%", runner_up=True,
                           runner_up_factor=Fraction(7, 10), runner_up_min_seats=2).seats
    assert seats == {"Big": 48, "Second": 2}


def test_no_effect_when_two_lists_clear_the_threshold():
    votes = {"A": 6000, "B": 4000}
    assert allocate_seats(votes, 10, "hare", threshold="10%", runner_up=True,
                          runner_up_factor="7/10", runner_up_min_seats=2).seats == {"A": 6, "B": 4}


def test_the_profile_field_is_checked():
    with pytest.raises(ValueError, match="runner_up_factor"):
        ElectionRule(kind="party_list_pr", runner_up_factor="3/2", cites=["X"])
    with pytest.raises(InputError):
        allocate_seats(VOTES, 10, runner_up=True, runner_up_factor="2")
