"""The events of a world: an append-only log shared by the worlds made one from another.

Kept apart from :mod:`respublika.procedure.model` because the compiled build
(:mod:`respublika._accel`) compiles that module and a compiled class cannot derive from
``collections.abc.Sequence``: this one stays Python (``model`` re-exports it). The log of a
focused world, which only counts, is ``model.EventCount``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from respublika.procedure.model import Event

class EventLog(Sequence["Event"]):
    """The events of a world: an append-only list shared by the worlds made one from another.

    A log is a view of the first ``n`` events of a list. :meth:`appended` extends the list in
    place when the log is its last view (the usual case: each step's world is made from the
    previous one), so adding an event costs O(1) instead of copying the history; appending to
    an older world's log copies its prefix first, so every world keeps exactly its events.
    Compares equal to any sequence of the same events (tuples included)."""

    __slots__ = ("_items", "_n")

    def __init__(self, items: Sequence[Event] = (), n: int | None = None) -> None:
        self._items: list[Event] = items if isinstance(items, list) else list(items)
        self._n = len(self._items) if n is None else n

    def appended(self, event: Event) -> EventLog:
        if len(self._items) == self._n:
            self._items.append(event)
            return EventLog(self._items, self._n + 1)
        return EventLog([*self._items[:self._n], event])

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Event]:
        return islice(self._items, self._n)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self._items[:self._n][index])
        i = index + self._n if index < 0 else index
        if not 0 <= i < self._n:
            raise IndexError("event index out of range")
        return self._items[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventLog | tuple | list):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"EventLog({list(self)!r})"


def append_to_log(events: Sequence[Event], event: Event) -> EventLog:
    """``events`` with ``event`` added (see :class:`EventLog`; a tuple becomes a log)."""
    if type(events) is EventLog:  # (isinstance on an ABC's subclass is slow)
        return events.appended(event)
    if isinstance(events, EventLog):
        return events.appended(event)
    return EventLog([*events, event])
