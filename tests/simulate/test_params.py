"""Parameters: defaults, exact JSON round trip, clear errors naming the parameter."""

from __future__ import annotations

import pytest

from respublika.errors import InputError
from respublika.simulate import Party, SimParams


def test_round_trip_and_changes():
    p = SimParams()
    assert SimParams.from_dict(p.to_dict()) == p
    q = p.with_values({"rate": 50, "parties.Centre.position": 0.3, "delays.president": 5})
    assert q.rate == 50 and q.parties[0].position == 0.3 and q.delays["president"] == 5


@pytest.mark.parametrize("changes, message", [
    ({"rate": -1}, "rate: must not be negative"),
    ({"turnout": 1.5}, "turnout: must be between 0 and 1"),
    ({"parties.Centre.discipline": 2}, "parties.Centre.discipline"),
    ({"nonsense": 1}, "unknown simulation parameter"),
    ({"crisis_days": 0}, "crisis_days: must be positive"),
    ({"rate": "many"}, "rate: expected a number"),
    ({"start": "2000-13-01"}, "start"),
])
def test_bad_values_are_refused(changes, message):
    with pytest.raises(InputError, match=message):
        SimParams().with_values(changes)


def test_parties_must_be_distinct():
    with pytest.raises(InputError, match="unique"):
        SimParams(parties=(Party("A", 0.5, 0, 1), Party("A", 0.5, 0, 1)))


def test_bloc_labels_are_reserved():
    with pytest.raises(InputError, match="reserved"):
        SimParams(parties=(Party("appointed", 1.0, 0, 1),))
