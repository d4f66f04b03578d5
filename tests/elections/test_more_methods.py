"""The seat methods of issue 17, checked against the peers' own test cases and by properties.

Peer cases are copied as data, each with its source (the peers' code is not):

* ``apportionment``: martinlackner/apportionment, ``tests/test_methods.py`` at commit
  25f7a872267b549e60d67ca3899f219dff0deff0 (its examples 1 and 2 are from M. L. Balinski and
  H. P. Young, "The Quota Method of Apportionment", Amer. Math. Monthly 82(7), 1975);
* ``votelib``: simberaj/votelib at commit 94af16c3ab6fda5cd65f27d0fb9c43baba58dd41,
  ``tests/evaluate/test_proportional.py`` and ``tests/real/test_real_proportional.py`` (the
  Slovak National Council 2020, ``tests/elections/data/sk_nr_2020.csv``, copied from its
  ``tests/real/data/sk_nr_2020.csv``: list; alliance flag; votes; seats).
"""

from __future__ import annotations

import csv
import heapq
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from respublika.elections import allocate_many, allocate_seats
from respublika.elections.highest_averages import HighestAverages
from respublika.elections.inputs import MAX_SEATS
from respublika.elections.registry import get_method, method_names
from respublika.elections.votes_text import parse_vote_file
from respublika.errors import InputError

DATA = Path(__file__).parent / "data"
NEW = ("huntington-hill", "adams", "dean", "danish", "imperiali", "quota", "hagenbach-bischoff",
       "imperiali-quota")
DIVISOR = ("dhondt", "sainte-lague", "huntington-hill", "adams", "dean", "danish", "imperiali")


def seats(votes: list[int], n: int, method: str, **options: object) -> list[int]:
    table = [(chr(65 + i) if i < 26 else f"P{i}", v) for i, v in enumerate(votes)]
    return allocate_seats(table, n, method, **options).seat_list()  # type: ignore[arg-type]


def test_every_new_method_is_registered() -> None:
    assert set(NEW) <= set(method_names())
    assert get_method("hill").name == "huntington-hill"
    assert get_method("Balinski-Young").name == "quota"


# ------------------------------------------------------ apportionment's test_methods.py

# (name in apportionment, respublika's method, options)
APPORTIONMENT = [
    ("quota", "quota", {}),
    ("largest_remainder", "hare", {}),
    ("dhondt", "dhondt", {}),
    ("saintelague", "sainte-lague", {}),
    ("modified_saintelague", "sainte-lague", {"first_divisor": "1.4"}),
    ("huntington", "huntington-hill", {}),
    ("adams", "adams", {}),
    ("dean", "dean", {}),
]
ALL = [pytest.param(m, o, id=name) for name, m, o in APPORTIONMENT]


@pytest.mark.parametrize(("method", "options"), ALL)
def test_apportionment_weak_proportionality(method: str, options: dict[str, object]) -> None:
    assert seats([14, 28, 7, 35], 12, method, **options) == [2, 4, 1, 5]


@pytest.mark.parametrize(("method", "options"), ALL)
def test_apportionment_zero_parties(method: str, options: dict[str, object]) -> None:
    assert seats([0, 14, 28, 0, 0], 6, method, **options) == [0, 2, 4, 0, 0]


@pytest.mark.parametrize(("method", "options"), ALL)
def test_apportionment_fewer_seats_than_parties(method: str, options: dict[str, object]) -> None:
    assert seats([10, 9, 8, 8, 11, 12], 3, method, **options) == [1, 0, 0, 0, 1, 1]


@pytest.mark.parametrize(("method", "options"), ALL)
def test_apportionment_tiebreaking(method: str, options: dict[str, object]) -> None:
    assert seats([2, 1, 1, 2, 2], 2, method, **options) == [1, 0, 0, 1, 0]


@pytest.mark.parametrize(("method", "options"), [p for p in ALL if p.id != "quota"])
def test_apportionment_no_ties_needed(method: str, options: dict[str, object]) -> None:
    assert seats([12, 12, 11, 12], 3, method, **options) == [1, 1, 0, 1]


BY_1 = {"quota": [52, 44, 2, 1, 1], "largest_remainder": [51, 44, 2, 2, 1], "dhondt": [52, 45, 1, 1, 1],
        "saintelague": [51, 43, 2, 2, 2], "modified_saintelague": [51, 43, 2, 2, 2],
        "huntington": [51, 43, 2, 2, 2], "adams": [51, 43, 2, 2, 2], "dean": [51, 43, 2, 2, 2]}
BY_2 = {"quota": [10, 7, 5, 3, 1], "largest_remainder": [9, 7, 5, 4, 1], "dhondt": [10, 7, 5, 3, 1],
        "saintelague": [9, 8, 5, 3, 1], "modified_saintelague": [9, 8, 5, 3, 1],
        "huntington": [9, 7, 6, 3, 1], "adams": [9, 7, 5, 3, 2], "dean": [9, 7, 5, 4, 1]}


@pytest.mark.parametrize(("name", "method", "options"), APPORTIONMENT)
def test_balinski_young_examples(name: str, method: str, options: dict[str, object]) -> None:
    assert seats([5117, 4400, 162, 161, 160], 100, method, **options) == BY_1[name]
    assert seats([9061, 7179, 5259, 3319, 1182], 26, method, **options) == BY_2[name]


def test_apportionment_modified_sainte_lague_differs() -> None:
    assert seats([6, 1], 4, "sainte-lague") == [3, 1]
    assert seats([6, 1], 4, "sainte-lague", first_divisor="1.4") == [4, 0]


# ------------------------------------------------------------------------- votelib's

CZ_PSP_PK_2021 = [("ANO", 73556), ("PirSTAN", 38628), ("Spolu", 78163), ("SPD", 25673)]


def test_votelib_imperiali_quota_takes_back_the_over_award() -> None:
    """votelib ``LargestRemainder('imperiali', on_overaward='subtract')``; the official
    result is https://volby.cz/pls/ps2021/ps55?xjazyk=CZ (Pardubice region)."""
    result = allocate_seats(CZ_PSP_PK_2021, 10, "imperiali-quota")
    assert result.seats == {"ANO": 3, "PirSTAN": 2, "Spolu": 4, "SPD": 1}
    assert any("taken back" in s.text for s in result.explain)


def test_votelib_imperiali_quota_tied_take_back() -> None:
    """votelib: B keeps one seat and one more goes to a tie of A, B, C (reported here)."""
    result = allocate_seats([("A", 200), ("B", 400), ("C", 200)], 2, "imperiali-quota")
    assert result.seats["B"] >= 1 and sum(result.seats.values()) == 2
    assert result.ties and set(result.ties[0].contenders) == {"A", "B", "C"}


def test_votelib_sainte_lague_biproportional_margins() -> None:
    assert seats([1347, 1014, 1444], 20, "sainte-lague") == [7, 5, 8]
    assert seats([983, 2040, 782], 20, "sainte-lague") == [5, 11, 4]


def test_votelib_slovakia_2020_rounded_hagenbach_bischoff_with_alliance_threshold() -> None:
    """Slovak National Council 2020: 150 seats, Hagenbach-Bischoff quota rounded, 5 % for a
    party and 7 % for an alliance of two or three (PS-SPOLU, 6.96 %, is left out)."""
    rows = list(csv.reader((DATA / "sk_nr_2020.csv").open(encoding="utf8"), delimiter=";"))
    table = [(name, int(votes)) for name, _, votes, _ in rows]
    alliances = [name for name, flag, _, _ in rows if int(flag)]
    result = allocate_seats(table, 150, "hagenbach-bischoff", threshold="5/100", quota_rounding="round",
                            alliance_threshold="7/100", alliances=alliances)
    assert result.seats == {name: int(won) for name, _, _, won in rows}
    # with the party threshold only, the alliance would have had seats
    assert allocate_seats(table, 150, "hagenbach-bischoff", threshold="5/100",
                          quota_rounding="round").seats["Progresívne Slovensko-SPOLU"] > 0


# --------------------------------------------------------------- the options and checks


def test_quota_roundings() -> None:
    # 100 votes, 3 seats: Hare 100/3 -> floor 33, round 33, ceil 34
    votes = [("A", 50), ("B", 34), ("C", 16)]
    assert allocate_seats(votes, 3, "hare", quota_rounding="ceil").quota == 34
    assert allocate_seats(votes, 3, "hare", quota_rounding="floor").quota == 33
    assert allocate_seats(votes, 3, "hagenbach-bischoff", quota_rounding="round").quota == 25
    with pytest.raises(InputError, match="quota rounding"):
        allocate_seats(votes, 3, "hare", quota_rounding="up")
    with pytest.raises(InputError, match="takes no quota rounding"):
        allocate_seats(votes, 3, "dhondt", quota_rounding="ceil")
    with pytest.raises(InputError, match="below the second"):
        allocate_seats(votes, 3, "adams", first_divisor="1.4")
    with pytest.raises(InputError, match="takes no first divisor"):
        allocate_seats(votes, 3, "hare", first_divisor="1.4")


def test_hagenbach_bischoff_over_award_by_one() -> None:
    # 30 votes, 2 seats: quota 10, integer parts 2 + 1 = 3 > 2: C (smallest remainder 0, later) gives one back
    result = allocate_seats([("A", 20), ("B", 10)], 2, "hagenbach-bischoff")
    assert result.seat_list() in ([1, 1], [2, 0])
    assert sum(result.seat_list()) == 2


def test_threshold_votes_alliance_and_district_seats() -> None:
    votes = [("A", 600), ("B", 300), ("C", 60), ("D", 40)]
    assert allocate_seats(votes, 10, "dhondt", threshold_votes=100).eligible == ("A", "B")
    assert allocate_seats(votes, 10, "dhondt", threshold_votes=60).eligible == ("A", "B", "C")
    admitted = allocate_seats(votes, 10, "dhondt", threshold="5/100", district_seats=3,
                              district_won={"D": 3}).eligible
    assert admitted == ("A", "B", "C", "D")
    out = allocate_seats(votes, 10, "dhondt", threshold="5/100", alliance_threshold="35/100",
                         alliances=["B"]).eligible
    assert out == ("A", "C")
    with pytest.raises(InputError, match="not a list"):
        allocate_seats(votes, 10, "dhondt", alliance_threshold="1/10", alliances=["Z"])


def test_votes_file_alliance_and_district_columns() -> None:
    parsed = parse_vote_file("party,votes,alliance,district_seats\nA,10,,\nB,5,X+Y,2\n")
    assert parsed.table == [("A", 10), ("B", 5)]
    assert parsed.alliances == {"B": ("X", "Y")} and parsed.district_seats == {"B": 2}
    with pytest.raises(InputError, match="at least two"):
        parse_vote_file("party,votes,alliance\nA,10,X\n")
    with pytest.raises(InputError, match="column"):
        parse_vote_file("party,votes,colour\nA,10,red\n")


def test_seat_cap_is_checked_first() -> None:
    with pytest.raises(InputError, match="at most"):
        allocate_seats([("A", 1)], MAX_SEATS + 1, "dhondt")
    assert seats([5117, 4400, 162, 161, 160], MAX_SEATS, "huntington-hill")[0] == 511_700_000


def test_quota_method_refuses_huge_counts() -> None:
    with pytest.raises(InputError, match="one at a time"):
        allocate_seats([("A", 1), ("B", 2)], 10**7, "quota")


def test_the_quota_hint_names_an_accepted_form() -> None:
    from respublika.games.spec import Leaf

    with pytest.raises(InputError) as caught:
        Leaf("abc", {"A": 1})
    assert "%" not in str(caught.value)
    assert Leaf("2/3", {"A": 1}).quota == Fraction(2, 3) and Leaf("0.5", {"A": 1}).quota == Fraction(1, 2)


def test_new_methods_in_allocate_many_match_the_exact_engine() -> None:
    rng = np.random.default_rng(17)
    votes = rng.integers(0, 1000, size=(20, 5))
    votes[:, 0] += 1
    for method in NEW:
        many = allocate_many(votes, 7, method)
        for row, got in zip(votes, many, strict=True):
            assert list(got) == seats([int(v) for v in row], 7, method)
    first = allocate_many(votes, 7, "sainte-lague", first_divisor="1.4")
    assert list(first[0]) == seats([int(v) for v in votes[0]], 7, "sainte-lague", first_divisor="1.4")


# ---------------------------------------------------------------------------- properties


def naive(method: HighestAverages, votes: list[int], n: int) -> list[int]:
    """Seat by seat, the highest quotient (earlier list first on ties): the definition."""
    held = [0] * len(votes)
    heap = [((-t, -q), i) for i, v in enumerate(votes) if v for t, q in [method.key(v, 0)]]
    heapq.heapify(heap)
    for _ in range(n):
        _, i = heapq.heappop(heap)
        held[i] += 1
        t, q = method.key(votes[i], held[i])
        heapq.heappush(heap, ((-t, -q), i))
    return held


methods = st.sampled_from(DIVISOR)
vote_lists = st.lists(st.integers(1, 10_000), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(methods, vote_lists, st.integers(1, 300), st.sampled_from([None, "1.4", "1.2", "7/10"]))
def test_fast_divisor_path_agrees_with_seat_by_seat(
    name: str, votes: list[int], n: int, first: str | None
) -> None:
    method = get_method(name)
    assert isinstance(method, HighestAverages)
    options: dict[str, object] = {}
    if first and not method.squared and Fraction(first) < method.d(1):
        method = method.with_first_divisor(first)
        options["first_divisor"] = first
    assert seats(votes, n, name, **options) == naive(method, votes, n)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from((*DIVISOR, "quota")), vote_lists, st.integers(1, 120))
def test_house_monotone(name: str, votes: list[int], n: int) -> None:
    smaller, larger = seats(votes, n, name), seats(votes, n + 1, name)
    assert all(b >= a for a, b in zip(smaller, larger, strict=True))


@settings(max_examples=150, deadline=None)
@given(vote_lists, st.integers(1, 200))
def test_quota_method_satisfies_quota(votes: list[int], n: int) -> None:
    total = sum(votes)
    for v, s in zip(votes, seats(votes, n, "quota"), strict=True):
        assert v * n // total <= s <= -(-v * n // total)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(("hare", "hagenbach-bischoff", "imperiali-quota")), vote_lists, st.integers(1, 60),
       st.sampled_from(("exact", "floor", "round", "ceil")))
def test_largest_remainder_fills_exactly_the_seats(name: str, votes: list[int], n: int, rounding: str) -> None:
    assert sum(seats(votes, n, name, quota_rounding=rounding)) == n


# ------------------------------------------------------------- the command and a profile


def test_seats_command_takes_the_new_options(respublika, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    votes = tmp_path / "v.csv"
    votes.write_text("party,votes,alliance,district_seats\nA,6000,,\nB,1000,,\nC,400,X+Y,\nD,300,,2\n")
    ran = respublika("seats", str(votes), "--seats", "10", "--method", "sainte-lague", "--first-divisor",
                     "1.4", "--threshold", "5/100", "--alliance-threshold", "10/100", "--district-seats",
                     "2", "--json")
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    assert data["eligible"] == ["A", "B", "D"]
    assert "first divisor 1.4" in data["explain"][-3]["text"] or "1.4" in json.dumps(data["explain"])
    ran = respublika("seats", str(votes), "--seats", "10", "--method", "hare", "--quota-rounding", "up")
    assert ran.code == 2 and "quota-rounding" in ran.err
    ran = respublika("seats", str(votes), "--seats", "100000000", "--method", "dhondt", "--threshold", "0",
                     "--json")
    assert ran.code == 0 and sum(json.loads(ran.out)["seats"].values()) == 100_000_000


def test_a_profile_declares_the_new_rule_fields() -> None:
    from respublika.elections.profiled import list_options
    from respublika.profile.schema import ElectionRule

    rule = ElectionRule(kind="party_list_pr", method="sainte-lague", first_divisor="1.4", threshold="4/100",
                        threshold_votes=1000, alliance_threshold="8/100", qualifying_district_seats=3,
                        cites=["test"])
    options = list_options(rule)
    assert options["first_divisor"] == Fraction(7, 5) and options["district_seats"] == 3
    result = allocate_seats([("A", 50_000), ("B", 3_000), ("C", 2_000)], 10, alliances=["B"],
                            district_won={"C": 3}, **options)
    assert result.eligible == ("A", "C")
