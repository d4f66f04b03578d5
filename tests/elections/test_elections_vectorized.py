"""``allocate_many`` equals the exact single-election engine, seat for seat, on every path."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from respublika.elections import allocate_many, allocate_seats
from respublika.elections.vectorized import working_dtype
from respublika.errors import InputError

METHODS = ["hare", "dhondt", "sainte-lague", "droop"]
DATA = Path(__file__).parent / "data"


def exact_rows(votes, seats, method, threshold=0, base_extra=0, runner_up=False):
    """Each row through the exact engine; ``None`` where it refuses (no list admitted)."""
    rows = []
    extras = np.broadcast_to(np.asarray(base_extra), (len(votes),))
    for row, extra in zip(votes, extras, strict=True):
        try:
            result = allocate_seats(
                [(str(j), int(v)) for j, v in enumerate(row)],
                seats,
                method,
                threshold=threshold,
                base_extra=int(extra),
                runner_up=runner_up,
            )
            rows.append(result.seat_list())
        except InputError:
            rows.append(None)
    return rows


def assert_same(votes, seats, method, threshold=0, base_extra=0, runner_up=False, chunk_rows=None):
    expected = exact_rows(votes, seats, method, threshold, base_extra, runner_up)
    if any(r is None for r in expected):
        first = next(i for i, r in enumerate(expected) if r is None)
        with pytest.raises(InputError, match=f"draw {first}:"):
            allocate_many(
                votes,
                seats,
                method,
                threshold,
                base_extra=base_extra,
                runner_up=runner_up,
                chunk_rows=chunk_rows,
            )
        return
    got = allocate_many(
        votes,
        seats,
        method,
        threshold,
        base_extra=base_extra,
        runner_up=runner_up,
        chunk_rows=chunk_rows,
    )
    assert got.dtype == np.int64 and got.shape == np.shape(votes)
    assert got.tolist() == expected


def test_mazhilis_rows():
    rows = []
    for year in (2016, 2021):
        data = json.loads((DATA / f"mazhilis-{year}.json").read_text("utf-8"))
        votes = [p["votes"] for p in data["parties"]]
        rows.append(votes + [0] * (6 - len(votes)))
    seats = allocate_many(np.array(rows), 98, "hare", "7/100")
    assert seats.tolist() == [[84, 7, 7, 0, 0, 0], [76, 12, 10, 0, 0, 0]]
    assert working_dtype(max(map(max, rows)), 0, 6, 98, Fraction(7, 100)) is np.int32


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("threshold", ["0", "7/100", "1/4"])
def test_random_small_votes_full_of_ties(method, threshold):
    rng = np.random.default_rng(7)
    for parties in (1, 2, 3, 6, 9):
        votes = rng.integers(0, 6, size=(120, parties))
        for seats in (1, 2, 5, 17):
            expected = exact_rows(votes, seats, method, threshold)
            keep = [i for i, row in enumerate(expected) if row is not None]
            got = allocate_many(votes[keep], seats, method, threshold, chunk_rows=37)
            assert got.tolist() == [expected[i] for i in keep]


@pytest.mark.parametrize("method", METHODS)
def test_threshold_boundaries_row_by_row(method):
    # Lists exactly on 7 %, one vote below, one above, with and without base_extra.
    rows = np.array(
        [
            [93, 7, 0],
            [930, 70, 0],
            [9301, 699, 0],
            [9299, 701, 0],
            [86, 7, 7],
            [860, 70, 70],
            [100, 7, 0],
        ]
    )
    assert_same(rows, 10, method, "7/100")
    assert_same(rows, 10, method, "7/100", base_extra=np.array([0, 0, 0, 0, 0, 0, 0]))
    assert_same(rows, 10, method, "7/100", base_extra=1)
    if method in ("hare", "sainte-lague"):  # B is admitted by all; D'Hondt and Droop favour A
        assert allocate_many(rows[:2], 10, method, "7/100").tolist() == [[9, 1, 0], [9, 1, 0]]


@pytest.mark.parametrize("method", METHODS)
def test_runner_up_rule(method):
    rows = np.array([[900, 50, 40, 10], [900, 50, 50, 0], [800, 150, 50, 0], [1000, 0, 0, 0]])
    assert_same(rows, 10, method, "7/100", runner_up=True)
    assert allocate_many(rows[:2], 10, method, "7/100", runner_up=True)[:, 1].tolist() == [
        allocate_seats(
            {"A": 900, "B": 50, "C": 40, "D": 10}, 10, method, threshold="7%", runner_up=True
        ).seats["B"],
        allocate_seats(
            {"A": 900, "B": 50, "C": 50}, 10, method, threshold="7%", runner_up=True
        ).seats["B"],
    ]


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(
        np.int64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=8),
        elements=st.integers(0, 40),
    ),
    st.integers(1, 40),
    st.sampled_from(METHODS),
    st.sampled_from(["0", "1/20", "7/100", "1/3"]),
    st.booleans(),
    st.integers(1, 5),
)
def test_matches_the_exact_engine_on_random_arrays(
    votes, seats, method, threshold, runner_up, chunk
):
    assert_same(votes, seats, method, threshold, runner_up=runner_up, chunk_rows=chunk)


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.int64, st.tuples(st.integers(1, 20), st.integers(1, 7)), elements=st.integers(0, 10**12)
    ),
    st.integers(1, 1000),
    st.sampled_from(METHODS),
)
def test_large_votes_use_int64_and_stay_exact(votes, seats, method):
    assert_same(votes, seats, method, "7/100")


def test_dtype_is_chosen_by_proven_bounds():
    share = Fraction(7, 100)
    assert working_dtype(5_000_000, 0, 6, 98, share) is np.int32
    assert working_dtype(10**9, 0, 6, 98, share) is np.int64
    assert working_dtype(10**12, 0, 100, 1000, share) is np.int64
    assert working_dtype(2**62, 0, 6, 98, share) is None


def test_beyond_int64_falls_back_to_exact_python():
    big = 10**30
    votes = np.array([[big, big // 3, 7], [5, 5, 5]], dtype=object)
    got = allocate_many(votes, 10, "sainte-lague")
    assert got.tolist() == exact_rows(votes, 10, "sainte-lague")
    near = np.array([[2**62, 2**61, 1]], dtype=np.uint64)
    assert allocate_many(near, 10, "dhondt").tolist() == exact_rows(
        near.astype(object), 10, "dhondt"
    )


def test_int32_int64_switch_is_exact_on_both_sides():
    share, parties, seats = Fraction(7, 100), 4, 98
    lo, hi = 1, 2**31  # find the largest vote count still counted in int32
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (
            (mid, hi) if working_dtype(mid, 0, parties, seats, share) is np.int32 else (lo, mid)
        )
    assert working_dtype(hi, 0, parties, seats, share) is np.int64
    for vmax in (lo, hi):
        # equal lists hit the bound's worst case: total = parties * vmax
        votes = np.array([[vmax] * parties, [vmax, vmax - 1, vmax // 2, 1], [vmax, 3, 2, 1]])
        for method in METHODS:
            assert_same(votes, seats, method, "7/100")


def test_chunking_gives_the_same_result():
    rng = np.random.default_rng(3)
    votes = rng.integers(0, 1000, size=(2000, 5))
    votes[:, 0] += 1
    whole = allocate_many(votes, 50, "dhondt", "1/20", chunk_rows=10**6)
    for rows in (1, 7, 999):
        assert np.array_equal(allocate_many(votes, 50, "dhondt", "1/20", chunk_rows=rows), whole)


def test_empty_draws_and_accepted_dtypes():
    assert allocate_many(np.zeros((0, 3), dtype=np.int64), 5).shape == (0, 3)
    for dtype in (np.int8, np.int16, np.int32, np.uint16, np.uint32, np.uint64):
        assert allocate_many(np.array([[3, 1]], dtype=dtype), 4).tolist() == [[3, 1]]
    assert allocate_many([[3, 1], [1, 3]], 4).tolist() == [[3, 1], [1, 3]]


@pytest.mark.parametrize(
    ("votes", "kwargs", "message"),
    [
        (np.array([[1.0, 2.0]]), {}, "integer array"),
        (np.array([[True, False]]), {}, "integer array"),
        (np.array([1, 2]), {}, "2-D"),
        (np.zeros((2, 0), dtype=int), {}, "no parties"),
        (np.array([[1, -2]]), {}, r"votes\[0, 1\] must not be negative"),
        (np.array([[1, "2"]], dtype=object), {}, "whole number"),
        (np.array([[1, 2]]), {"method": "hamilton"}, "unknown seat method"),
        (np.array([[1, 2]]), {"threshold": "1"}, "below 1"),
        (np.array([[1, 2]]), {"seats": 0}, "at least 1"),
        (np.array([[1, 2]]), {"base_extra": -1}, "must not be negative"),
        (np.array([[1, 2]]), {"base_extra": np.array([1, 2])}, "one per draw"),
        (np.array([[1, 2]]), {"base_extra": 1.5}, "whole numbers"),
        (np.array([[1, 2]]), {"chunk_rows": 0}, "chunk_rows"),
        (np.array([[5, 5], [0, 0]]), {}, "draw 1: no list has any votes"),
        (np.array([[5, 5], [1, 1], [1, 1]]), {"threshold": "2/3"}, "draw 0: no list reaches"),
    ],
)
def test_bad_input(votes, kwargs, message):
    args = {"seats": 4, "method": "hare", **kwargs}
    with pytest.raises(InputError, match=message):
        allocate_many(votes, **args)
