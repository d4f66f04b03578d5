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
from typing import Any, NamedTuple


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


_entry = tuple.__new__
"""``Entry(...)`` from a tuple of every field, without the named tuple's ``__new__``."""


class EventQueue:
    """A priority queue of :class:`Entry` with cancellation by sequence number or key."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, int]] = []
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
        heapq.heappush(self._heap, (entry.date.toordinal(), entry.priority, entry.seq))
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

    def _settle(self) -> None:
        while self._heap and self._heap[0][2] not in self._live:
            heapq.heappop(self._heap)

    def peek(self) -> Entry | None:
        """The next entry, without removing it."""
        self._settle()
        return self._live[self._heap[0][2]] if self._heap else None

    def pop_before(self, stop: date) -> Entry | None:
        """Remove and return the next entry if it is dated before ``stop``, else ``None``."""
        self._settle()
        if not self._heap or self._heap[0][0] >= stop.toordinal():
            return None
        _, _, seq = heapq.heappop(self._heap)
        return self._discard(seq)

    def pop(self) -> Entry | None:
        """Remove and return the next entry (``None`` when nothing is pending)."""
        self._settle()
        if not self._heap:
            return None
        _, _, seq = heapq.heappop(self._heap)
        return self._discard(seq)

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
