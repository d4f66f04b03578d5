"""The calendar: order by (date, priority, sequence), cancellation, exact round trip."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from respublika.simulate.queue import EventQueue


def drain(queue: EventQueue) -> list[tuple[date, int, int, str]]:
    out = []
    while (entry := queue.pop()) is not None:
        out.append((entry.date, entry.priority, entry.seq, entry.kind))
    return out


def test_order_is_date_then_priority_then_sequence():
    q = EventQueue()
    q.push(date(2001, 1, 1), 5, "late")
    q.push(date(2000, 6, 1), 9, "b")
    q.push(date(2000, 6, 1), 1, "a")
    q.push(date(2000, 6, 1), 9, "c")
    assert [k for *_, k in drain(q)] == ["a", "b", "c", "late"]


def test_cancel_by_sequence_and_by_key():
    q = EventQueue()
    first = q.push(date(2000, 1, 1), 0, "x", key="matter:B1")
    q.push(date(2000, 1, 2), 0, "y", key="matter:B1")
    keep = q.push(date(2000, 1, 3), 0, "z", key="matter:B2")
    assert q.cancel(first.seq) and not q.cancel(first.seq)
    assert [e.kind for e in q.cancel_key("matter:B1")] == ["y"]
    assert q.cancel_key("matter:B1") == []
    assert q.pending("matter:B2") == [keep]
    assert len(q) == 1 and q.peek() == keep
    assert [k for *_, k in drain(q)] == ["z"]
    assert q.pop() is None


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3), st.booleans()), max_size=40))
def test_json_round_trip_resumes_identically(items):
    q = EventQueue()
    for day, prio, cancel in items:
        entry = q.push(date(2000, 1, 1).fromordinal(730120 + day), prio, "k", {"d": day}, key=f"k{day % 3}")
        if cancel:
            q.cancel(entry.seq)
    copy = EventQueue.from_json(q.to_json())
    assert list(copy) == list(q)
    a, b = q.push(date(2001, 1, 1), 0, "new"), copy.push(date(2001, 1, 1), 0, "new")
    assert a == b
    assert drain(q) == drain(copy)


@given(st.lists(st.tuples(st.integers(0, 400), st.sampled_from([0, 1, 6, 10, 65535, 65536, -1, 10**9]),
                          st.booleans()), max_size=60))
def test_any_priority_keeps_the_total_order(items):
    """Priorities outside the packed range (negative, above 65535) switch the queue to tuples
    on the way, and the order stays (date, priority, sequence) throughout."""
    q = EventQueue()
    expected = []
    for day, prio, cancel in items:
        entry = q.push(date.fromordinal(730120 + day), prio, "k")
        if cancel:
            q.cancel(entry.seq)
        else:
            expected.append((entry.date, prio, entry.seq, "k"))
    assert drain(q) == sorted(expected)


def test_pop_before_stops_at_the_date_in_both_forms():
    for prio in (3, -5):  # packed, then tuples
        q = EventQueue()
        q.push(date(2000, 1, 2), prio, "a")
        q.push(date(2000, 1, 1), 9, "b")
        assert q.pop_before(date(2000, 1, 1)) is None
        assert q.pop_before(date(2000, 1, 2)).kind == "b"
        assert q.pop_before(date(2000, 1, 2)) is None
        assert q.pop_before(date(2000, 1, 3)).kind == "a" and q.pop() is None


def test_a_date_past_the_packed_range_keeps_the_order():
    q = EventQueue()
    q.push(date(2000, 1, 1), 2, "a")
    q.push(date(9000, 1, 1), 0, "far")  # beyond the packed keys' dates: the queue goes on in tuples
    q.push(date(2001, 1, 1), 1, "b")
    assert [k for *_, k in drain(q)] == ["a", "b", "far"]
