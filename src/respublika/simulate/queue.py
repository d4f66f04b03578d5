"""The calendar: a queue of future events keyed by real dates, cancellable, persistable.

Entries are ordered by ``(date, priority, sequence)``: the date is a ``datetime.date`` (no
floats, no fixed-length years), the priority orders kinds of events on one day (elections
before deadlines before acts, see :mod:`respublika.simulate.core`), and the sequence number
(the order of scheduling) breaks the remaining ties, so the order is total and the same on
every run.

An entry may carry a ``key`` (e.g. ``"matter:B7"`` or ``"cycle:mazhilis"``): ``cancel_key``
withdraws every pending entry with that key at once, which is how a dissolution cancels
the regular elections it supersedes and how a bill that changed state drops the act that
was planned for its old state. Cancelled entries are dropped lazily from the heap.

``to_json()`` / ``EventQueue.from_json()`` round-trip the queue exactly (pending entries
and the sequence counter), so a saved simulation resumes identically.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, Final, NamedTuple


class Entry(NamedTuple):
    """One scheduled event: what (``kind`` and JSON-ready ``data``), when, in which order."""

    date: date
    priority: int
    seq: int
    kind: str
    data: Mapping[str, Any] = {}
    key: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "priority": self.priority, "seq": self.seq,
                "kind": self.kind, "data": dict(self.data), "key": self.key}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Entry:
        return cls(date=date.fromisoformat(d["date"]), priority=int(d["priority"]),
                   seq=int(d["seq"]), kind=str(d["kind"]), data=dict(d.get("data") or {}),
                   key=d.get("key"))


_SEQ_BITS: Final = 37
_PRIORITY_BITS: Final = 4
_PRIORITIES: Final = 1 << _PRIORITY_BITS
_SEQ_MASK: Final = (1 << _SEQ_BITS) - 1
_DAY_SHIFT: Final = _PRIORITY_BITS + _SEQ_BITS
_DAYS: Final = 1 << (62 - _DAY_SHIFT)
"""A key packs ``((date ordinal << 4 | priority) << 37) | seq`` in 62 bits (a machine integer
when compiled): keys compare in the order of the tuples while the priority is in 0..15 (the
simulation's are), the sequence number below 2**37 and the date before the year 5741."""

_entry: Final = tuple.__new__
"""``Entry(...)`` from a tuple of every field, without the named tuple's ``__new__``."""


class EventQueue:
    """A priority queue of :class:`Entry` with cancellation by sequence number or key."""

    def __init__(self) -> None:
        self._heap: list[int] = []
        """The order of the entries: each one's ``(date, priority, seq)`` packed in one integer
        (see ``_SEQ_BITS``: compared and made faster than a tuple)."""
        self._packed = True
        self._tuples: list[tuple[int, int, int]] = []
        """The same order as tuples, used instead (``_packed`` false, for good) once a priority,
        a sequence number or a date does not fit in a packed key."""
        self._live: dict[int, Entry] = {}
        self._keys: dict[str, set[int]] = {}
        self._next = 0

    def __len__(self) -> int:
        return len(self._live)

    def __iter__(self) -> Iterator[Entry]:
        """Pending entries in order (a sorted copy; the queue is not changed)."""
        return iter(sorted(self._live.values(), key=lambda e: (e.date, e.priority, e.seq)))

    def push(self, on: date, priority: int, kind: str, data: Mapping[str, Any] | None = None,
             key: str | None = None, copy: bool = True) -> Entry:
        """Schedule ``kind`` on ``on``; returns the entry (its ``seq`` cancels it). ``copy``:
        the entry keeps a copy of ``data`` (``False``: ``data`` itself, a dict the caller made for it)."""
        self._next += 1
        entry = _entry(Entry, (on, priority, self._next, kind, (dict(data) if copy else data) if data else {}, key))
        self._add(entry)
        return entry

    def _add(self, entry: Entry) -> None:
        self._live[entry.seq] = entry
        day, priority, seq = entry.date.toordinal(), entry.priority, entry.seq
        if self._packed and not (0 <= priority < _PRIORITIES and 0 <= seq <= _SEQ_MASK and day < _DAYS):
            self._unpack()
        if self._packed:
            heapq.heappush(self._heap, (((day << _PRIORITY_BITS) | priority) << _SEQ_BITS) | seq)
        else:
            heapq.heappush(self._tuples, (day, priority, seq))
        if entry.key is not None:
            self._keys.setdefault(entry.key, set()).add(entry.seq)

    def _discard(self, seq: int) -> Entry | None:
        entry = self._live.pop(seq, None)
        if entry is not None and entry.key is not None:
            seqs = self._keys.get(entry.key)
            if seqs is not None:
                seqs.discard(seq)
                if not seqs:
                    del self._keys[entry.key]
        return entry

    def _unpack(self) -> None:
        """From packed keys to ``(date, priority, seq)`` tuples, for good."""
        self._tuples = [(k >> _DAY_SHIFT, (k >> _SEQ_BITS) & (_PRIORITIES - 1), k & _SEQ_MASK) for k in self._heap]
        heapq.heapify(self._tuples)
        self._heap = []
        self._packed = False

    def _first(self) -> int:
        """The sequence number of the first live entry, or -1 (cancelled ones dropped on the way)."""
        live = self._live
        if self._packed:
            heap = self._heap
            while heap:
                seq = heap[0] & _SEQ_MASK
                if seq in live:
                    return seq
                heapq.heappop(heap)
            return -1
        tuples = self._tuples
        while tuples:
            seq = tuples[0][2]
            if seq in live:
                return seq
            heapq.heappop(tuples)
        return -1

    def _day_of_first(self) -> int:
        return self._heap[0] >> _DAY_SHIFT if self._packed else self._tuples[0][0]

    def peek(self) -> Entry | None:
        """The next entry, without removing it."""
        seq = self._first()
        return None if seq < 0 else self._live[seq]

    def pop_before(self, stop: date) -> Entry | None:
        """Remove and return the next entry if it is dated before ``stop``, else ``None``."""
        seq = self._first()
        if seq < 0 or self._day_of_first() >= stop.toordinal():
            return None
        self._drop_first()
        return self._discard(seq)

    def pop(self) -> Entry | None:
        """Remove and return the next entry (``None`` when nothing is pending)."""
        seq = self._first()
        if seq < 0:
            return None
        self._drop_first()
        return self._discard(seq)

    def _drop_first(self) -> None:
        if self._packed:
            heapq.heappop(self._heap)
        else:
            heapq.heappop(self._tuples)

    def cancel(self, seq: int) -> bool:
        """Withdraw one entry; ``False`` if it was not pending."""
        return self._discard(seq) is not None

    def cancel_key(self, key: str) -> list[Entry]:
        """Withdraw every pending entry with ``key``; returns them in order."""
        seqs = sorted(self._keys.get(key, ()))
        return [e for e in (self._discard(s) for s in seqs) if e is not None]

    def drop_key(self, key: str) -> None:
        """:meth:`cancel_key` without collecting the entries (the simulation's re-planning)."""
        seqs = self._keys.pop(key, None)
        if seqs:
            live = self._live
            for seq in seqs:
                live.pop(seq, None)

    def pending(self, key: str) -> list[Entry]:
        """The pending entries with ``key``, in order."""
        entries = [self._live[s] for s in self._keys.get(key, ())]
        return sorted(entries, key=lambda e: (e.date, e.priority, e.seq))

    def keys(self) -> list[str]:
        return sorted(self._keys)

    # ------------------------------------------------------------------ state

    def to_json(self) -> dict[str, Any]:
        return {"next": self._next, "entries": [e.to_json() for e in self]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EventQueue:
        queue = cls()
        for raw in data.get("entries", ()):
            queue._add(Entry.from_json(raw))
        queue._next = int(data.get("next", 0))
        return queue
