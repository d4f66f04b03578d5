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
