"""The seat-method registry: one place binds a name to a method, everything else asks it.

A toy method registered here is accepted by a profile, used by ``allocate_seats``, the
profile's elections, ``allocate_many`` and the forecasts; an unknown method in a profile is
refused when it loads, with the known names listed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pytest

from respublika.elections import allocate_seats, profiled
from respublika.elections.base import Family, MethodOutcome
from respublika.elections.forecast import ForecastSpec, forecast
from respublika.elections.registry import (
    aliases_of,
    canonical_name,
    get_method,
    is_method,
    method_names,
    register_method,
    unregister_method,
    vectorized_form,
    vectorized_names,
)
from respublika.elections.ties import TieBreaker
from respublika.elections.vectorized import Block, VectorForm, allocate_many, builtin_bound
from respublika.errors import InputError, ProfileError
from respublika.profile import load_profile

BUILTIN = ("hare", "dhondt", "sainte-lague", "droop")


@dataclass(frozen=True)
class WinnerTakesAll:
    """Every seat to the list with the most votes (the first of equal ones)."""

    name: str = "toy-winner"
    title: str = "Winner takes all (a test method)"

    @property
    def family(self) -> Family:
        return "divisor"

    def apportion(
        self, parties: Sequence[str], votes: Sequence[int], seats: int, ties: TieBreaker
    ) -> MethodOutcome:
        best = max(range(len(votes)), key=lambda i: (votes[i], -i))
        won = tuple(seats if i == best else 0 for i in range(len(parties)))
        return MethodOutcome(won, None, Fraction(votes[best]), (("toy", f"{parties[best]} takes all"),))


def _winner_block(b: Block) -> np.ndarray:
    best = b.votes.argmax(axis=0)  # the first of equal maxima: registration order
    seats = np.zeros_like(b.votes)
    seats[best, np.arange(b.votes.shape[1])] = b.seats
    return seats


@pytest.fixture
def toy() -> Iterator[WinnerTakesAll]:
    method = WinnerTakesAll()
    register_method(method, aliases=("Toy-WTA",))
    try:
        yield method
    finally:
        unregister_method(method.name)
    assert not is_method(method.name) and not is_method("toy-wta")


VOTES = {"A": 500, "B": 300, "C": 200}


def test_builtin_methods_are_registered_with_vectorized_forms():
    assert method_names()[:4] == BUILTIN
    assert set(BUILTIN) <= set(vectorized_names())
    assert all(vectorized_form(name) is not None for name in BUILTIN)
    assert canonical_name(" DHONDT ") == "dhondt"


def test_a_registered_method_is_found_by_name_and_alias(toy):
    assert "toy-winner" in method_names() and "toy-wta" not in method_names()
    assert get_method("TOY-WTA") is toy and aliases_of("toy-winner") == ("toy-wta",)
    assert allocate_seats(VOTES, 10, "toy-wta").seats == {"A": 10, "B": 0, "C": 0}
    assert vectorized_form("toy-winner") is None


def test_names_and_aliases_cannot_be_taken_twice(toy):
    with pytest.raises(InputError, match="already registered"):
        register_method(WinnerTakesAll())
    with pytest.raises(InputError, match=r"'toy-wta' is already registered \(an alias of 'toy-winner'\)"):
        register_method(WinnerTakesAll(name="other"), aliases=("toy-wta",))
    with pytest.raises(InputError, match="'hare' is already registered"):
        register_method(WinnerTakesAll(name="other"), aliases=("hare",))
    with pytest.raises(InputError, match="lower case"):
        register_method(WinnerTakesAll(name="Upper"))
    assert not is_method("other")


def test_a_profile_naming_a_registered_method_loads_and_the_election_uses_it(toy):
    profile = load_profile("seed", overrides=["elections.mazhilis.method=toy-winner"])
    rule = profile.elections["mazhilis"]
    assert rule.method == "toy-winner"
    votes = {"A": 600, "B": 300, "C": 100}
    result = allocate_seats(votes, 98, rule.method, threshold=rule.threshold or 0)
    assert result.method == "toy-winner" and result.seats == {"A": 98, "B": 0, "C": 0}
    assert profiled.party_list(profile, "mazhilis", votes).seats == {"A": 98, "B": 0, "C": 0}
    assert load_profile("seed", overrides=["elections.mazhilis.method=Toy-WTA"])


def test_a_profile_naming_an_unknown_method_is_refused_with_the_known_names():
    with pytest.raises(ProfileError) as caught:
        load_profile("seed", overrides=["elections.mazhilis.method=toy-winner"])
    message = str(caught.value)
    assert "elections.mazhilis.method: unknown seat method 'toy-winner'" in message
    assert "known: " + ", ".join(method_names()) in message


def test_unregister_refuses_an_unknown_name():
    with pytest.raises(InputError, match="unknown seat method 'nothing'; known: hare, dhondt"):
        unregister_method("nothing")


def test_allocate_many_counts_a_method_without_a_vectorized_form_exactly(toy):
    votes = np.array([[5, 3, 2], [1, 4, 4], [2, 2, 1]])
    got = allocate_many(votes, 7, "toy-winner", "10%")
    assert got.tolist() == [[7, 0, 0], [0, 7, 0], [7, 0, 0]]


def test_a_vectorized_form_is_used_by_allocate_many_and_forecast(monkeypatch):
    calls: list[int] = []

    def count(b: Block) -> np.ndarray:
        calls.append(b.votes.shape[1])
        return _winner_block(b)

    method = WinnerTakesAll(name="toy-vector")
    register_method(method, vectorized=VectorForm(count, builtin_bound))
    try:
        assert "toy-vector" in vectorized_names()
        votes = np.array([[5, 3, 2], [1, 4, 4], [2, 2, 1]])
        assert allocate_many(votes, 7, "toy-vector").tolist() == [[7, 0, 0], [0, 7, 0], [7, 0, 0]]
        assert calls == [3]
        spec = ForecastSpec(
            shares={"A": Fraction(1, 2), "B": Fraction(1, 2)}, seats=10, method="toy-vector",
            threshold=Fraction(0), runner_up=False, chamber_size=10, targets={}, draws=50, seed=1,
        )
        result = forecast(spec)
        assert calls[1:] == [50]
        for party in result["parties"].values():
            assert set(party["distribution"]) <= {0, 10}
    finally:
        unregister_method("toy-vector")


def test_forecast_refuses_an_unknown_method_before_drawing():
    spec = ForecastSpec(
        shares={"A": Fraction(1, 2), "B": Fraction(1, 2)}, seats=10, method="hamilton",
        threshold=Fraction(0), runner_up=False, chamber_size=10, targets={}, draws=5, seed=1,
    )
    with pytest.raises(InputError, match="unknown seat method 'hamilton'; known: hare"):
        forecast(spec)
