"""Party-list PR: published Mazhilis results, threshold semantics, ties, explanations, bad input."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from respublika.elections import (
    PartyListRule,
    Threshold,
    allocate_seats,
    get_method,
    method_names,
    register_method,
    unregister_method,
)
from respublika.elections.highest_averages import HighestAverages
from respublika.errors import InputError

DATA = Path(__file__).parent / "data"


def mazhilis(year: int) -> tuple[list[tuple[str, int]], dict[str, int], dict[str, object]]:
    data = json.loads((DATA / f"mazhilis-{year}.json").read_text("utf-8"))
    votes = [(p["party"], p["votes"]) for p in data["parties"]]
    published = {p["party"]: p["published_seats"] for p in data["parties"]}
    return votes, published, data


@pytest.mark.parametrize("year", [2016, 2021])
def test_published_mazhilis_results_come_out_of_hare_and_seven_percent(year):
    votes, published, data = mazhilis(year)
    assert data["seats"] == 98 and data["threshold"] == "7/100" and data["sources"]
    result = allocate_seats(votes, data["seats"], "hare", threshold=data["threshold"])
    assert result.seats == published
    assert not result.ties


def test_mazhilis_2016_and_2021_exact_figures():
    votes, _, _ = mazhilis(2016)
    r = allocate_seats(votes, 98, "hare", threshold="7%")
    assert list(r.seats.values()) == [84, 7, 7, 0, 0, 0]
    assert r.eligible == ("Nur Otan", "Ak Zhol", "Communist People's Party of Kazakhstan")
    assert r.threshold_base == 7_522_868 and r.threshold_votes == 526_601
    assert r.quota == Fraction(6_183_757 + 540_406 + 537_123, 98)
    votes, _, _ = mazhilis(2021)
    r = allocate_seats(votes, 98, "hare", threshold=Fraction(7, 100))
    assert list(r.seats.values()) == [76, 12, 10, 0, 0]
    # Exact quotients 76.442 / 11.772 / 9.786 (docs/real-constitution/elections.md)
    shares = [Fraction(v) / r.quota for p, v in votes if p in r.eligible]  # type: ignore[operator]
    assert [round(float(s), 3) for s in shares] == [76.442, 11.772, 9.786]
    remainder_step = next(s for s in r.explain if s.kind == "remainders")
    assert (
        "People's Party of Kazakhstan 0.7856; Ak Zhol 0.7724; Nur Otan 0.4420"
        in remainder_step.text
    )


def test_dhondt_would_have_changed_2021():
    votes, _, _ = mazhilis(2021)
    r = allocate_seats(votes, 98, "dhondt", threshold="7/100")
    assert list(r.seats.values()) == [77, 12, 9, 0, 0]
    assert r.quota is None and r.last_quotient == Fraction(66069)


def test_sainte_lague_and_droop_on_2016():
    votes, _, _ = mazhilis(2016)
    for method in ("sainte-lague", "droop"):
        assert list(allocate_seats(votes, 98, method, threshold="7/100").seats.values())[:3] == [
            84,
            7,
            7,
        ]
    assert allocate_seats(votes, 98, "droop", threshold="7/100").quota == Fraction(
        7_261_286 // 99 + 1
    )


# --- threshold -------------------------------------------------------------------------


@pytest.mark.parametrize("votes", [[93, 7], [930, 70], [9300, 700]])
def test_exactly_seven_percent_passes(votes):
    table = [("A", votes[0]), ("B", votes[1])]
    result = allocate_seats(table, 10, "hare", threshold="7/100")
    assert result.eligible == ("A", "B")
    assert result.seats == {"A": 9, "B": 1}


def test_just_below_seven_percent_fails():
    result = allocate_seats([("A", 9301), ("B", 699)], 10, threshold="7%")
    assert result.eligible == ("A",) and result.seats == {"A": 10, "B": 0}


def test_base_extra_counts_in_the_base_only():
    # 7 of 100 list votes is 7 %, but with 1 "against all" it is 7 of 101: below.
    r = allocate_seats([("A", 93), ("B", 7)], 10, threshold="7/100", base_extra=1)
    assert r.eligible == ("A",) and r.threshold_base == 101
    # and against-all never gets a seat nor enters the quota
    assert r.quota == Fraction(93, 10)


def test_threshold_zero_admits_every_list_with_votes():
    r = allocate_seats([("A", 5), ("B", 0), ("C", 1)], 3)
    assert r.eligible == ("A", "C") and r.seats["B"] == 0


def test_runner_up_rule_is_off_by_default_and_admits_the_next_list():
    table = [("A", 900), ("B", 50), ("C", 40), ("D", 10)]
    assert allocate_seats(table, 10, threshold="7%").eligible == ("A",)
    r = allocate_seats(table, 10, threshold="7%", runner_up=True)
    assert r.eligible == ("A", "B")
    assert any("runner-up B" in s.text for s in r.explain)


def test_runner_up_tie_is_broken_and_reported():
    table = [("A", 900), ("B", 50), ("C", 50)]
    r = allocate_seats(table, 10, threshold="7%", runner_up=True)
    assert r.eligible == ("A", "B")
    assert r.ties[0].kind == "runner-up" and r.ties[0].losers == ("C",)


def test_runner_up_rule_does_nothing_when_two_lists_pass():
    table = [("A", 800), ("B", 150), ("C", 50)]
    assert allocate_seats(table, 10, threshold="7%", runner_up=True).eligible == ("A", "B")


def test_no_list_reaching_the_threshold_is_an_input_error():
    with pytest.raises(InputError, match="no list reaches the threshold"):
        allocate_seats([("A", 1), ("B", 1), ("C", 1)], 3, threshold="1/2")
    with pytest.raises(InputError, match="no list has any votes"):
        allocate_seats([("A", 0), ("B", 0)], 3)


# --- ties ------------------------------------------------------------------------------


def test_equal_remainders_go_by_registration_order_and_are_reported():
    r = allocate_seats([("A", 1), ("B", 1), ("C", 1)], 2, "hare")
    assert r.seats == {"A": 1, "B": 1, "C": 0}
    (tie,) = r.ties
    assert tie.kind == "remainder" and tie.rule == "order"
    assert tie.contenders == ("A", "B", "C") and tie.winners == ("A", "B") and tie.places == 2
    assert any(s.kind == "tie" for s in r.explain)


def test_equal_quotients_go_by_registration_order():
    r = allocate_seats([("A", 10), ("B", 20), ("C", 10)], 2, "dhondt")
    assert r.seats == {"A": 1, "B": 1, "C": 0}
    assert r.ties[0].kind == "quotient" and r.ties[0].value == 10


def test_lot_is_reproducible_and_reported_with_its_seed():
    table = [(c, 1) for c in "ABCDEFGH"]
    first = allocate_seats(table, 3, "sainte-lague", ties="lot", seed=42)
    again = allocate_seats(table, 3, "sainte-lague", ties="lot", seed=42)
    assert first.seats == again.seats and sum(first.seats.values()) == 3
    assert first.ties[0].rule == "lot" and first.ties[0].seed == 42
    draws = {tuple(allocate_seats(table, 3, ties="lot", seed=s).seats.values()) for s in range(20)}
    assert len(draws) > 1  # the lot really varies with the seed


def test_lot_without_seed_is_refused_only_when_a_lot_is_drawn():
    assert allocate_seats([("A", 3), ("B", 1)], 4, ties="lot").seats == {"A": 3, "B": 1}
    with pytest.raises(InputError, match="no seed"):
        allocate_seats([("A", 1), ("B", 1)], 1, ties="lot")


def test_irrelevant_equal_remainders_are_not_reported():
    assert not allocate_seats([("A", 1), ("B", 1)], 2).ties


# --- methods and composition -------------------------------------------------------------


def test_registry_and_custom_method():
    assert method_names()[:4] == ("hare", "dhondt", "sainte-lague", "droop")
    assert get_method(" Hare ").name == "hare"
    with pytest.raises(InputError, match="unknown seat method 'hamilton'"):
        get_method("hamilton")
    imperiali = HighestAverages("imperiali-test", "Imperiali", lambda k: k + 2, "2, 3, 4, ...")
    register_method(imperiali)
    with pytest.raises(InputError, match="already registered"):
        register_method(imperiali)
    r = allocate_seats([("A", 60), ("B", 40)], 5, "imperiali-test")
    assert sum(r.seats.values()) == 5
    unregister_method("imperiali-test")  # leave the registry as the other tests expect it


def test_rule_object_composes_threshold_and_method():
    rule = PartyListRule(get_method("hare"), Threshold.of("5%", base_extra=10))
    r = rule.evaluate({"A": 100, "B": 5}, 4)
    assert r.eligible == ("A",) and r.threshold == Fraction(1, 20) and r.threshold_base == 115


def test_droop_with_more_seats_left_than_lists():
    r = allocate_seats([("A", 2), ("B", 1)], 10, "droop")
    assert r.quota == 1 and sum(r.seats.values()) == 10
    assert r.seats == {"A": 6, "B": 4}  # floors 2/1, then 3 each, the odd seat to A


# --- explanations and citations -------------------------------------------------------------


def test_explain_steps_and_cites_as_list():
    votes, _, _ = mazhilis(2021)
    r = allocate_seats(
        votes, 98, threshold="7/100", cites=["Constitution art. 51", "Election Act art. 97"]
    )
    kinds = [s.kind for s in r.explain]
    assert kinds[:5] == ["threshold", "threshold", "quota", "floors", "remainders"]
    assert all(s.cites == ("Constitution art. 51", "Election Act art. 97") for s in r.explain)
    assert r.cites == ("Constitution art. 51", "Election Act art. 97")
    text = " ".join(s.text for s in r.explain)
    assert "506,910 votes" in text and "Auyl 383,023 = 5.289 % below the threshold" in text


def test_cites_by_step_kind():
    r = allocate_seats(
        [("A", 60), ("B", 40)],
        5,
        threshold="7%",
        cites={"threshold": ["EA 97(1)"], "*": ["EA 97(2)"]},
    )
    assert {s.cites for s in r.explain if s.kind == "threshold"} == {("EA 97(1)",)}
    assert {s.cites for s in r.explain if s.kind != "threshold"} == {("EA 97(2)",)}
    assert r.cites == ("EA 97(1)", "EA 97(2)")


def test_divisor_explanation_lists_last_quotients():
    r = allocate_seats([("A", 600), ("B", 300)], 3, "dhondt")
    text = next(s.text for s in r.explain if s.kind == "last quotients")
    assert "A: 2 seats, last winning quotient 600/2 = 300" in text
    assert "B: 1 seat, last winning quotient 300/1 = 300" in text


def test_to_dict_shape():
    d = allocate_seats([("A", 93), ("B", 7)], 10, threshold="7/100").to_dict()
    assert list(d)[:5] == ["seats", "eligible", "quota", "ties", "explain"]
    assert d["quota"] == "10/1" and d["seats"] == {"A": 9, "B": 1}
    json.dumps(d)


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "seats", "kwargs", "message"),
    [
        ([("A", -1)], 1, {}, "must not be negative"),
        ([("A", 1.5)], 1, {}, "whole number"),
        ([("A", 2.0)], 1, {}, "whole number"),
        ([("A", "12")], 1, {}, "whole number"),
        ([("A", True)], 1, {}, "whole number"),
        ([("A", None)], 1, {}, "missing"),
        ([], 1, {}, "empty"),
        ({}, 1, {}, "empty"),
        ([("A", 1), ("A", 2)], 1, {}, "more than once"),
        ([("", 1)], 1, {}, "no name"),
        ([("A", 1, 2)], 1, {}, "not a \\(name, votes\\) pair"),
        ("A,1", 1, {}, "expected a mapping"),
        ([("A", 1)], 0, {}, "seats must be at least 1"),
        ([("A", 1)], -3, {}, "seats must be at least 1"),
        ([("A", 1)], 2.0, {}, "seats must be a whole number"),
        ([("A", 1)], 1, {"method": "hamilton"}, "unknown seat method"),
        ([("A", 1)], 1, {"threshold": 1}, "below 1"),
        ([("A", 1)], 1, {"threshold": "3/2"}, "below 1"),
        ([("A", 1)], 1, {"threshold": "-1/2"}, "cannot read"),
        ([("A", 1)], 1, {"threshold": 0.07}, "float"),
        ([("A", 1)], 1, {"threshold": "1/0"}, "zero denominator"),
        ([("A", 1)], 1, {"base_extra": -1}, "must not be negative"),
        ([("A", 1)], 1, {"ties": "coin"}, "unknown tie rule"),
        ([("A", 1)], 1, {"ties": "lot", "seed": "x"}, "seed must be a whole number"),
        ([("A", 1)], 1, {"cites": "art. 51"}, "list of references"),
    ],
)
def test_bad_input_is_refused_by_name(votes, seats, kwargs, message):
    with pytest.raises(InputError, match=message):
        allocate_seats(votes, seats, **kwargs)
