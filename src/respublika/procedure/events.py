"""The events of a world: an append-only log shared by the worlds made one from another.

Kept apart from :mod:`respublika.procedure.model` because the compiled build
(:mod:`respublika._accel`) compiles that module and a compiled class cannot derive from
``collections.abc.Sequence``: this one stays Python (``model`` re-exports its names).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from respublika.errors import ProcedureError

if TYPE_CHECKING:
    from respublika.procedure.model import Event

_object_new = object.__new__


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


class EventCount(EventLog):
    """The number of events before a world, without the events: the log of a *focused*
    world whose history is kept elsewhere (the simulation's). The engine numbers the next
    event ``len + 1``, as in the whole log; the events themselves are not kept here."""

    __slots__ = ()

    def __init__(self, n: int = 0) -> None:
        self._items = _NO_ITEMS
        self._n = n

    def appended(self, event: Event) -> EventLog:
        new = _object_new(EventCount)  # the hot path: no __init__ call
        new._items = _NO_ITEMS
        new._n = self._n + 1
        return new

    def __iter__(self) -> Iterator[Event]:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def __getitem__(self, index: Any) -> Any:
        raise ProcedureError("this world keeps only the number of its events, not the events")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EventCount) and other._n == self._n

    def __hash__(self) -> int:
        return hash(("EventCount", self._n))

    def __repr__(self) -> str:
        return f"EventCount({self._n})"


_NO_ITEMS: list[Event] = []
"""An :class:`EventCount`'s items: never appended to (it overrides ``appended``)."""


def append_event(events: Sequence[Event], event: Event) -> EventLog:
    """``events`` with ``event`` added (see :class:`EventLog`; a tuple becomes a log)."""
    t = type(events)
    if t is EventCount or t is EventLog:  # (isinstance on an ABC's subclass is slow)
        return events.appended(event)  # type: ignore[attr-defined,no-any-return]
    if isinstance(events, EventLog):
        return events.appended(event)
    return EventLog([*events, event])
