"""Majority/runoff, senate classes, assembly and plurality elections, maslikhats, composition."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from respublika.elections import (
    Composition,
    Seat,
    allocate_seats,
    appointed_seats,
    assembly_election,
    majority_runoff,
    maslikhat_election,
    plurality_election,
    plurality_seats,
    pr_seats,
    runoff,
    senate_class_election,
    unit_seats,
)
from respublika.errors import InputError

DATA = Path(__file__).parent / "data"


# --- majority and runoff ----------------------------------------------------------------


def test_presidential_2022_is_won_in_the_first_round_on_either_base():
    data = json.loads((DATA / "presidential-2022.json").read_text("utf-8"))
    votes = [(c["candidate"], c["votes"]) for c in data["candidates"]]
    against = data["against_all_votes"]
    valid = majority_runoff(votes, base_extra=against, cites=["Constitution art. 41(5)"])
    assert valid.status == "elected" and valid.winner == "Kassym-Jomart Tokayev"
    assert valid.base == 7_940_478 and valid.needed == 3_970_240
    assert all(s.cites == ("Constitution art. 41(5)",) for s in valid.explain)
    assert "81.31 %" in valid.explain[0].text  # the published share, from exact integers
    ballots = majority_runoff(votes, base_extra=against, electors=data["ballots_received"])
    assert ballots.status == "elected" and ballots.base == 8_300_046


def test_more_than_half_is_strict():
    assert majority_runoff({"A": 50, "B": 50}).status == "runoff"
    assert majority_runoff({"A": 51, "B": 49}).winner == "A"
    # against-all in the base can deny a majority
    r = majority_runoff({"A": 51, "B": 40}, base_extra=11)
    assert r.status == "runoff" and r.runoff_candidates == ("A", "B") and r.needed == 52


def test_runoff_of_the_two_leading_candidates_in_registration_order():
    r = majority_runoff([("A", 10), ("B", 40), ("C", 30), ("D", 20)])
    assert r.status == "runoff" and r.runoff_candidates == ("B", "C") and not r.ties
    second = r.runoff({"C": 60, "B": 40})
    assert second.status == "elected" and second.winner == "C"


def test_tie_for_second_place_is_broken_and_reported():
    r = majority_runoff([("A", 40), ("B", 30), ("C", 30)])
    assert r.runoff_candidates == ("A", "B")
    assert r.ties[0].kind == "runoff place" and r.ties[0].losers == ("C",)
    lot = majority_runoff([("A", 40), ("B", 30), ("C", 30)], ties="lot", seed=5)
    assert lot.runoff_candidates[0] == "A" and lot.ties[0].rule == "lot"
    three = majority_runoff([("A", 30), ("B", 30), ("C", 30)])
    assert three.runoff_candidates == ("A", "B") and three.ties[0].places == 2


def test_single_candidate_without_majority_elects_no_one():
    r = majority_runoff({"A": 40}, base_extra=60)
    assert r.status == "no winner" and r.winner is None and r.runoff_candidates == ()


def test_exact_runoff_tie_is_reported_not_decided_unless_asked():
    first = majority_runoff({"A": 40, "B": 35, "C": 25})
    tied = first.runoff({"A": 50, "B": 50})
    assert tied.status == "tied" and tied.winner is None
    decided = first.runoff({"A": 50, "B": 50}, ties="order")
    assert decided.winner == "A" and decided.ties[0].kind == "runoff"


def test_runoff_can_require_a_majority_of_its_base():
    r = runoff(["A", "B"], {"A": 45, "B": 40}, base_extra=15, require_majority=True)
    assert r.status == "no winner"
    assert runoff(["A", "B"], {"A": 45, "B": 40}, base_extra=15).winner == "A"


def test_majority_bad_input():
    with pytest.raises(InputError, match=r"electors .* smaller"):
        majority_runoff({"A": 10, "B": 5}, electors=12)
    with pytest.raises(InputError, match="no votes were cast"):
        majority_runoff({"A": 0, "B": 0})
    with pytest.raises(InputError, match="empty"):
        majority_runoff({})
    with pytest.raises(InputError, match="no runoff is needed"):
        majority_runoff({"A": 10}).runoff({"A": 1, "B": 0})
    with pytest.raises(InputError, match="exactly 'A' and 'B'"):
        runoff(["A", "B"], {"A": 1, "C": 2})
    with pytest.raises(InputError, match="two different candidates"):
        runoff(["A"], {"A": 1})


# --- senate class -------------------------------------------------------------------------


def test_senate_class_one_seat_per_unit_with_runoffs():
    units = {
        "Region 1": {"X": 60, "Y": 30},
        "Region 2": {"P": 40, "Q": 35, "R": 25},
        "City 3": [("M", 20), ("N", 20), ("O", 10)],
    }
    result = senate_class_election(units, electors={"Region 1": 100}, seat_class="2023")
    assert result.elected == {"Region 1": "X"}
    assert result.pending == {"Region 2": ("P", "Q"), "City 3": ("M", "N")}
    assert result.results["Region 1"].base == 100
    done = result.with_runoffs({"Region 2": {"P": 45, "Q": 55}, "City 3": {"M": 25, "N": 25}})
    assert done.elected == {"Region 1": "X", "Region 2": "Q"}
    assert done.pending == {} and done.runoffs["City 3"].status == "tied"
    seats = unit_seats(done.elected, seat_class="2023", term_end=date(2029, 1, 1))
    assert [s.unit for s in seats] == ["Region 1", "Region 2"]
    assert all(s.filled_by == "unit_election" for s in seats)
    json.dumps(done.to_dict())


def test_senate_lots_are_salted_per_unit_and_reproducible():
    units = {f"U{i}": {"A": 10, "B": 10, "C": 10} for i in range(8)}
    one = senate_class_election(units, ties="lot", seed=1)
    two = senate_class_election(units, ties="lot", seed=1)
    pairs = [r.runoff_candidates for r in one.results.values()]
    assert pairs == [r.runoff_candidates for r in two.results.values()]
    assert len(set(pairs)) > 1  # units do not share draws


def test_senate_bad_input_names_the_unit():
    with pytest.raises(InputError, match=r"unit 'U2': .*negative"):
        senate_class_election({"U1": {"A": 1}, "U2": {"A": -1}})
    with pytest.raises(InputError, match="unknown unit"):
        senate_class_election({"U1": {"A": 1}}, electors={"U9": 5})
    with pytest.raises(InputError, match="at least one unit"):
        senate_class_election({})


# --- assembly and plurality ---------------------------------------------------------------


def test_assembly_elects_the_top_candidates():
    votes = {"A": 300, "B": 250, "C": 120, "D": 90}
    r = assembly_election(votes, 2, seed=1)
    assert r.elected == ("A", "B") and not r.ties and r.vacant == 0


def test_assembly_tie_for_the_last_seat_is_drawn_by_lot_and_reported():
    votes = {"A": 300, "B": 200, "C": 200, "D": 200}
    r = assembly_election(votes, 2, seed=11)
    assert r.elected[0] == "A" and r.elected[1] in {"B", "C", "D"}
    (tie,) = r.ties
    assert tie.kind == "last seat" and tie.rule == "lot" and tie.seed == 11
    assert tie.contenders == ("B", "C", "D") and len(tie.winners) == 1
    assert assembly_election(votes, 2, seed=11).elected == r.elected
    assert {assembly_election(votes, 2, seed=s).elected[1] for s in range(30)} == {"B", "C", "D"}
    with pytest.raises(InputError, match="no seed"):
        assembly_election(votes, 2)


def test_candidates_without_votes_are_not_elected():
    r = assembly_election({"A": 3, "B": 0}, 3, seed=0)
    assert r.elected == ("A",) and r.vacant == 2


def test_plurality_single_seat():
    assert plurality_election({"A": 5, "B": 7}).winner == "B"
    assert plurality_election({"A": 7, "B": 7}, ties="order").winner == "A"


# --- maslikhat -----------------------------------------------------------------------------


def test_mixed_maslikhat():
    r = maslikhat_election(
        name="City",
        list_votes={"P1": 600, "P2": 300, "P3": 40},
        list_seats=10,
        threshold="5%",
        districts={"D1": {"x": 10, "y": 5}, "D2": {"z": 8, "w": 9}},
        seed=3,
    )
    assert r.party_list is not None and r.party_list.seats == {"P1": 7, "P2": 3, "P3": 0}
    assert {d: res.winner for d, res in r.districts.items()} == {"D1": "x", "D2": "w"}
    assert r.seats_by_party({"x": "P1", "w": "P2"}) == {"P1": 8, "P2": 4}


def test_maslikhat_needs_some_tier():
    with pytest.raises(InputError, match="give list votes, districts, or both"):
        maslikhat_election()
    with pytest.raises(InputError, match="district 'D1'"):
        maslikhat_election(districts={"D1": {}})


# --- composition ---------------------------------------------------------------------------


def test_composition_from_results():
    pr = allocate_seats({"P1": 700, "P2": 300}, 10)
    apk = assembly_election({"a": 5, "b": 4, "c": 1}, 2, seed=0)
    chamber = Composition.build(
        "Lower house",
        pr_seats(pr, term_end=date(2028, 1, 1)),
        plurality_seats(apk, filled_by="assembly"),
        size=13,
    )
    assert chamber.filled == 12 and chamber.vacancies == 1
    assert chamber.by_party() == {"P1": 7, "P2": 3, None: 2}
    assert chamber.by_filled_by() == {"pr": 10, "assembly": 2}
    upper = Composition("Upper", tuple(appointed_seats(["x", "y"]) + appointed_seats(3)))
    assert upper.by_filled_by() == {"appointed": 5} and upper.vacancies == 0
    assert json.loads(json.dumps(chamber.to_dict()))["by_party"] == {"P1": 7, "P2": 3, "unaffiliated": 2}
    named = pr_seats(pr, holders={"P1": [f"m{i}" for i in range(7)]})
    assert named[0].holder == "m0" and named[-1].holder is None


def test_composition_bad_input():
    with pytest.raises(InputError, match="filled_by"):
        Seat("x", None, "")
    with pytest.raises(InputError, match="3 seats filled but the chamber has 2"):
        Composition("C", tuple(appointed_seats(3)), size=2)
    with pytest.raises(InputError, match="names only 1"):
        pr_seats(allocate_seats({"P": 1}, 2), holders={"P": ["one"]})
    with pytest.raises(InputError, match="term_end must be a date"):
        Seat("x", None, "appointed", term_end="2029")  # type: ignore[arg-type]
