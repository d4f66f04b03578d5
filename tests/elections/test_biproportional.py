"""Biproportional apportionment: peer cases, a hand-checked example, published Zürich city
council elections, the "no solution" reports, and the ``respublika biproportional`` command."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from respublika.app.biproportional import read_seats, read_votes
from respublika.elections import allocate_seats
from respublika.elections.biproportional import (
    BiproportionalResult,
    NoSolutionError,
    biproportional,
)
from respublika.errors import InputError

DATA = Path(__file__).parent / "data"


def rounds_to_seats(result: BiproportionalResult) -> bool:
    """Every cell's votes / (district divisor x party divisor), rounded by the method, is
    its seats, and no quotient sits exactly on a rounding boundary (no tie)."""
    for d, row in result.votes.items():
        for p, v in row.items():
            q = Fraction(v) / (result.district_divisors[d] * result.party_divisors[p])
            n = result.seats[d][p]
            if result.method == "sainte-lague":
                low, high = (n - Fraction(1, 2) if n else Fraction(0)), n + Fraction(1, 2)
            else:
                low, high = Fraction(n), Fraction(n + 1)
            inside = low < q < high or (n == 0 and q == 0)
            if not inside:
                return False
    return True


def margins_hold(result: BiproportionalResult) -> bool:
    rows = all(sum(r.values()) == result.district_seats[d] for d, r in result.seats.items())
    cols = all(
        sum(r[p] for r in result.seats.values()) == n for p, n in result.party_seats.items()
    )
    return rows and cols


# Peer cases: proporz (R, Flavio Poletti), tests/testthat/test-biproportional.R, which take
# them from Wikipedia: en "Biproportional apportionment" (specific example) and de
# "Doppeltproportionales Zuteilungsverfahren". Rows there are parties, columns districts.
WIKI_EN = {
    "Region I": {"Party A": 123, "Party B": 912, "Party C": 312},
    "Region II": {"Party A": 45, "Party B": 714, "Party C": 255},
    "Region III": {"Party A": 815, "Party B": 414, "Party C": 215},
}
WIKI_DE = {
    "A": {"Party 1": 51, "Party 2": 60, "Party 3": 63},
    "B": {"Party 1": 98, "Party 2": 100, "Party 3": 102},
    "C": {"Party 1": 45, "Party 2": 120, "Party 3": 144},
}


def test_wikipedia_en_example():
    result = biproportional(WIKI_EN, {"Region I": 7, "Region II": 5, "Region III": 8})
    assert result.party_seats == {"Party A": 5, "Party B": 11, "Party C": 4}
    assert result.seats == {
        "Region I": {"Party A": 1, "Party B": 4, "Party C": 2},
        "Region II": {"Party A": 0, "Party B": 4, "Party C": 1},
        "Region III": {"Party A": 4, "Party B": 3, "Party C": 1},
    }
    assert rounds_to_seats(result) and margins_hold(result)


def test_wikipedia_de_example():
    result = biproportional(WIKI_DE, {"A": 4, "B": 5, "C": 6})
    assert result.party_seats == {"Party 1": 4, "Party 2": 5, "Party 3": 6}
    assert result.seats == {
        "A": {"Party 1": 1, "Party 2": 1, "Party 3": 2},
        "B": {"Party 1": 2, "Party 2": 2, "Party 3": 1},
        "C": {"Party 1": 1, "Party 2": 2, "Party 3": 3},
    }
    assert rounds_to_seats(result)


def test_hand_checked_example():
    # X (3 seats): A 620, B 180; Y (2 seats): A 90, B 410. Upper: 1 300 votes for 5 seats,
    # divisor 260: A 710/260 = 2.73 -> 3, B 590/260 = 2.27 -> 2. Each district alone would
    # give X A 2 B 1 and Y B 2, i.e. A 2 and B 3: one seat too many for B. The only matrix with
    # both margins is X: A 3, Y: B 2, and its divisors say so: 620/(280 x 0.86) = 2.57 -> 3,
    # 180/(280 x 1.3) = 0.49 -> 0, 90/(210 x 0.86) = 0.50 (0.498) -> 0, 410/(210 x 1.3) = 1.50
    # (1.502) -> 2.
    result = biproportional({"X": {"A": 620, "B": 180}, "Y": {"A": 90, "B": 410}}, {"X": 3, "Y": 2})
    assert result.party_seats == {"A": 3, "B": 2}
    assert result.upper_weights == {"A": 710, "B": 590}
    assert result.seats == {"X": {"A": 3, "B": 0}, "Y": {"A": 0, "B": 2}}
    assert result.to_dict()["district_divisors"] == {"X": "280/1", "Y": "210/1"}
    assert result.to_dict()["party_divisors"] == {"A": "43/50", "B": "13/10"}
    assert rounds_to_seats(result)
    assert result.iterations == 3
    assert [s.kind for s in result.explain] == ["upper", "lower", "divisors", "result"]


def test_to_dict_contract():
    data = biproportional(WIKI_DE, {"A": 4, "B": 5, "C": 6}).to_dict()
    assert list(data)[:4] == ["seats", "party_seats", "district_divisors", "party_divisors"]
    assert data["seats"]["C"] == {"Party 1": 1, "Party 2": 2, "Party 3": 3}
    assert all(isinstance(x, str) and "/" in x for x in data["district_divisors"].values())
    assert all(isinstance(x, str) and "/" in x for x in data["party_divisors"].values())
    json.dumps(data)


@pytest.mark.parametrize("method", ["sainte-lague", "dhondt"])
def test_upper_apportionment_is_the_single_engines_count(method):
    result = biproportional(WIKI_EN, {"Region I": 7, "Region II": 5, "Region III": 8}, method=method)
    totals = {p: sum(row[p] for row in WIKI_EN.values()) for p in result.parties}
    assert result.party_seats == allocate_seats(totals, 20, method).seats
    assert rounds_to_seats(result) and margins_hold(result)


def test_dhondt_rounds_down():
    result = biproportional(WIKI_DE, {"A": 4, "B": 5, "C": 6}, method="dhondt")
    assert result.method == "dhondt"
    assert rounds_to_seats(result) and margins_hold(result)


def test_voter_numbers_round_each_district():
    # 7/2 = 3.5 rounds up to 4, 5/3 = 1.67 to 2, 4/3 = 1.33 to 1; B: 1/2 -> 1, 10/3 -> 3
    result = biproportional({"X": {"A": 7, "B": 1}, "Y": {"A": 5, "B": 10}}, {"X": 2, "Y": 3},
                            upper="voters")
    assert result.upper_weights == {"A": 6, "B": 4}
    assert result.upper == "voters"


def test_party_seats_given():
    result = biproportional(WIKI_EN, {"Region I": 7, "Region II": 5, "Region III": 8},
                            party_seats={"Party A": 4, "Party B": 12, "Party C": 4})
    assert result.upper is None and result.upper_weights is None
    assert result.party_seats == {"Party A": 4, "Party B": 12, "Party C": 4}
    assert rounds_to_seats(result) and margins_hold(result)


# ------------------------------------------------------------------------------ no solution


def test_no_solution_party_without_votes_where_its_seats_are():
    with pytest.raises(NoSolutionError, match=r"district\(s\) Y must fill 2 seat\(s\).*\(B\) have only 1"):
        biproportional({"X": {"A": 10, "B": 5}, "Y": {"A": 0, "B": 10}}, {"X": 2, "Y": 2},
                       party_seats={"A": 3, "B": 1})


def test_no_solution_from_the_upper_apportionment():
    # A wins nearly all seats overall but has votes only in the 1-seat district.
    with pytest.raises(NoSolutionError, match=r"parties A have 6 seat\(s\) but votes only in"):
        biproportional({"X": {"A": 1000, "B": 10}, "Y": {"A": 0, "B": 1}}, {"X": 1, "Y": 5})


def test_no_solution_district_without_votes():
    with pytest.raises(NoSolutionError, match="Y must fill 1 seat"):
        biproportional({"X": {"A": 10, "B": 5}, "Y": {"A": 0, "B": 0}}, {"X": 2, "Y": 1})


def test_exact_ties_are_reported_not_looped_on():
    # proporz's "undefined result" cases: a district that is exactly half another, and a
    # fully tied matrix. Rounding cannot decide; the scaling repeats itself and says so.
    with pytest.raises(NoSolutionError, match="repeats itself"):
        biproportional({"d1": {"A": 50, "B": 40, "C": 30, "D": 20},
                        "d2": {"A": 25, "B": 20, "C": 15, "D": 10}}, {"d1": 10, "d2": 10})
    with pytest.raises(NoSolutionError, match="no unique"):
        biproportional({"d1": {"A": 10, "B": 10}, "d2": {"A": 10, "B": 10}}, {"d1": 3, "d2": 1})


def test_iteration_bound():
    with pytest.raises(NoSolutionError, match="in 1 steps"):
        biproportional({"X": {"A": 620, "B": 180}, "Y": {"A": 90, "B": 410}}, {"X": 3, "Y": 2},
                       max_iterations=1)


@pytest.mark.parametrize(
    ("votes", "seats", "kwargs", "message"),
    [
        ({"X": {"A": -1}}, {"X": 1}, {}, "must not be negative"),
        ({"X": {"A": "7"}}, {"X": 1}, {}, "must be a whole number"),
        ({"X": {"A": 7}}, {"X": 1, "Z": 2}, {}, "unknown district"),
        ({"X": {"A": 7}, "Y": {"A": 1}}, {"X": 1}, {}, "no seats given for district"),
        ({"X": {"A": 7}}, {"X": 0}, {}, "at least 1"),
        ({"X": {"A": 7, "B": 1}}, {"X": 2}, {"party_seats": {"A": 1, "B": 2}}, "add up to 3"),
        ({"X": {"A": 7}}, {"X": 1}, {"party_seats": {"C": 1}}, "unknown party"),
        ({"X": {"A": 7}}, {"X": 1}, {"method": "hare"}, "method"),
        ({}, {}, {}, "non-empty"),
    ],
)
def test_bad_input(votes, seats, kwargs, message):
    with pytest.raises(InputError, match=message):
        biproportional(votes, seats, **kwargs)


# ------------------------------------------------------------------------------ Zürich


def published(year: int) -> tuple[dict[str, dict[str, int]], dict[str, int],
                                  dict[str, dict[str, int]], dict[str, Fraction],
                                  dict[str, Fraction]]:
    """Votes, district seats, the published seat matrix and divisors of a Zürich city council
    (Gemeinderat) election, from the files under data/ (sources in their headers)."""
    base = DATA / f"zurich-gemeinderat-{year}"
    votes = read_votes((base.parent / f"{base.name}-votes.csv").read_text("utf-8"))
    seats = read_seats((base.parent / f"{base.name}-seats.csv").read_text("utf-8"))
    lines = [line for line in (base.parent / f"{base.name}-result.csv").read_text("utf-8")
             .splitlines() if not line.startswith("#")]
    head, *body, last = (line.split(",") for line in lines)
    parties = head[1:-1]
    matrix = {r[0]: dict(zip(parties, map(int, r[1:-1]), strict=True)) for r in body}
    district_divisors = {r[0]: Fraction(r[-1]) for r in body}
    party_divisors = dict(zip(parties, map(Fraction, last[1:-1]), strict=True))
    return votes, seats, matrix, district_divisors, party_divisors


@pytest.mark.parametrize("year", [2014, 2018])
def test_zurich_city_council_reproduced_exactly(year):
    votes, seats, matrix, _, _ = published(year)
    result = biproportional(votes, seats, upper="voters")
    assert result.seats == matrix
    assert result.party_seats == {p: sum(r[p] for r in matrix.values()) for p in result.parties}
    assert rounds_to_seats(result) and margins_hold(result) and result.ties == ()


def test_zurich_2018_upper_apportionment_and_published_divisors():
    votes, seats, matrix, district_divisors, party_divisors = published(2018)
    result = biproportional(votes, seats, upper="voters")
    # the published voter numbers (Wählerzahl) and the divisor 770 (Wahlschlüssel) fit
    assert result.upper_weights == {"SP": 32892, "SVP": 12999, "FDP": 16312, "Grüne": 12064,
                                    "glp": 10580, "AL": 7892, "EVP/BDP": 2810}
    assert round(Fraction(32892, 770)) == result.party_seats["SP"] == 43
    # the published divisors give the published matrix by standard rounding (any divisors in
    # the intervals do; ours are others)
    for d, row in votes.items():
        for p, v in row.items():
            assert round(Fraction(v) / (district_divisors[d] * party_divisors[p])) == matrix[d][p]
    # with party totals instead of voter numbers SP would lose a seat to SVP
    assert biproportional(votes, seats).party_seats["SP"] == 42


# ------------------------------------------------------------------------------ the command


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def test_command_reproduces_zurich_2018_as_json(respublika):
    base = DATA / "zurich-gemeinderat-2018"
    ran = respublika("biproportional", f"{base}-votes.csv", "--district-seats",
                     f"{base}-seats.csv", "--upper", "voters", "--json")
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    assert list(data)[:4] == ["seats", "party_seats", "district_divisors", "party_divisors"]
    assert data["seats"] == published(2018)[2]
    assert data["party_seats"]["SP"] == 43 and data["upper"] == "voters"


def test_command_text_output(respublika, tmp_path):
    votes = write(tmp_path, "v.csv", "district,A,B\nX,620,180\nY,90,410\n")
    seats = write(tmp_path, "s.csv", "district,seats\nX,3\nY,2\n")
    ran = respublika("biproportional", votes, "--district-seats", seats)
    assert ran.code == 0, ran.err
    assert "District divisor" in ran.out and "Party divisor" in ran.out
    assert "280" in ran.out and "0.86" in ran.out and "1.3" in ran.out
    assert "upper" in ran.out and "lower" in ran.out
    dh = respublika("biproportional", votes, "--district-seats", seats, "--method", "dhondt",
                    "--json")
    assert dh.code == 0 and json.loads(dh.out)["method"] == "dhondt"


@pytest.mark.parametrize(
    ("votes", "seats", "extra", "message"),
    [
        ("district,A,B\nX,10,5\nY,3,4\n", "X,2\nZ,2\n", [], "unknown district"),
        ("district,A,B\nX,10,-5\n", "X,2\n", [], "must not be negative"),
        ("district,A,B\nX,10,many\n", "X,2\n", [], "must be a whole number"),
        ("district,A,B\nX,10\n", "X,2\n", [], "expected 3 fields"),
        ("district,A,A\nX,10,5\n", "X,2\n", [], "appears twice"),
        ("district,A,B\nX,10,5\n", "X,two\n", [], "must be a whole number"),
        ("district,A,B\nX,10,5\nY,0,0\n", "X,2\nY,1\n", [], "no biproportional apportionment"),
        ("district,A,B\nX,10,5\n", "X,2\n", ["--method", "hare"], "unknown 'hare'"),
    ],
)
def test_command_bad_input_exits_2(respublika, tmp_path, votes, seats, extra, message):
    ran = respublika("biproportional", write(tmp_path, "v.csv", votes), "--district-seats",
                     write(tmp_path, "s.csv", seats), *extra)
    assert ran.code == 2
    assert message in ran.err.replace("\n", " ")


def test_command_party_seats_that_do_not_add_up(respublika, tmp_path):
    ran = respublika("biproportional", write(tmp_path, "v.csv", "district,A,B\nX,10,5\n"),
                     "--district-seats", write(tmp_path, "s.csv", "X,3\n"),
                     "--party-seats", write(tmp_path, "p.csv", "party,seats\nA,1\nB,1\n"))
    assert ran.code == 2 and "add up to 2" in ran.err


def test_read_votes_comments_and_empty_cells():
    votes = read_votes("# source: somewhere\ndistrict,A,B\n\nX,7,\n# note\nY,1,2\n")
    assert votes == {"X": {"A": 7, "B": 0}, "Y": {"A": 1, "B": 2}}
    with pytest.raises(InputError, match="line 3: the district name is missing"):
        read_votes("district,A\nX,1\n,2\n")
