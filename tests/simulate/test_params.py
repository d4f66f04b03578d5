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


def test_party_initiators_come_from_a_list_or_a_comma_separated_text():
    assert SimParams().party_initiators == ("deputies",)
    p = SimParams().with_values({"party_initiators": "deputies, president"})
    assert p.party_initiators == ("deputies", "president")
    assert SimParams.from_dict(p.to_dict()) == p
    assert p.to_dict()["party_initiators"] == ["deputies", "president"]  # JSON-ready


@pytest.mark.parametrize("value", ["", [], [""], 3])
def test_party_initiators_must_name_someone(value):
    with pytest.raises(InputError, match="party_initiators: expected names"):
        SimParams().with_values({"party_initiators": value})


def test_party_initiators_the_profile_does_not_offer_are_refused():
    p = SimParams().with_values({"party_initiators": "senators"})
    with pytest.raises(InputError, match=r"party_initiators: unknown initiator.*'senators'"):
        p.check_initiators(["deputies", "president", "government"])
    SimParams().check_initiators(["members"])  # the default is exempt (the seed's word)


def test_which_initiators_draft_near_a_party_is_a_parameter():
    """Bills of a party initiator lie near a party's position, the others' near the President's:
    with every initiator a party initiator, the President's bills move away from his position."""
    import numpy as np

    from respublika.simulate.behaviour import Bills, Bloc

    blocs = [Bloc("A", 60, -0.8, 0.9), Bloc("B", 40, -0.6, 0.9)]

    def centres(params: SimParams) -> float:
        rng = np.random.default_rng(7)
        bills = Bills(params.with_values({"bill_spread": 0.01}))
        return float(np.mean([bills.draft(["president"], 0.9, blocs, rng).position for _ in range(50)]))

    assert centres(SimParams()) > 0.8  # the President's own bills: near 0.9
    assert centres(SimParams().with_values({"party_initiators": "president"})) < -0.5  # near the parties
