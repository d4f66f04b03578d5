"""Term limits (generic): who may be elected to an office again."""

from __future__ import annotations

import pytest

from respublika.elections.eligibility import eligibility
from respublika.errors import InputError
from respublika.profile.schema import TermLimit


def test_two_terms_in_a_row():
    limit = TermLimit(terms=2, consecutive=True, cites=["X"])
    got = eligibility(limit, {"A": 1, "B": 2})
    assert got["A"]["eligible"] and not got["B"]["eligible"] and "in a row" in got["B"]["reason"]


def test_an_exempt_status_only_where_the_limit_names_one():
    assert eligibility(TermLimit(terms=2, consecutive=True, exempt=["founder"], cites=["X"]),
                       {"B": 3}, {"B"})["B"]["eligible"]
    assert not eligibility(TermLimit(terms=2, consecutive=True, cites=["X"]), {"B": 3}, {"B"})["B"]["eligible"]


def test_no_limit_and_bad_counts():
    assert eligibility(None, {"A": 9})["A"]["eligible"]
    with pytest.raises(InputError):
        eligibility(None, {"A": -1})
