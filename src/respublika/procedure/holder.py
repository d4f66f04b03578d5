"""A world holder: where a world lives and where its steps go (memory or a database).

The scenario runner (:func:`respublika.procedure.scenario.run`) and the simulation
(:class:`respublika.simulate.core.Simulation`) both act through this one protocol, and never
know where the world is kept. The holders:

* :class:`respublika.procedure.scenario.MemorySession` — the whole world, in memory;
* :class:`respublika.simulate.backend.MemoryBackend` — in memory, on *focused* worlds: the
  Republic and the live matters, each step applied to the Republic plus the matters it
  concerns (see that module for why this is exact for the simulation, and fast);
* :class:`respublika.store.StoredWorld` — a world in the database: each write is one
  transaction that states the sequence number the holder last saw, so a holder that finds
  another writer's events there refuses and writes nothing.

``focus`` names the matters a caller is about to look at or act on. A holder may then
hand out or act on a smaller world in which only the Republic and those matters (and any
matter a profile guard may refer to) are current; holders that keep the whole world
ignore it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from respublika.procedure.engine import Engine
from respublika.procedure.model import Event, Matter, Step, StepResult, World


class WorldHolder(Protocol):
    """Where a world lives and where its steps go (see the module docstring)."""

    @property
    def engine(self) -> Engine:
        """The engine (profile) the world runs on."""
        ...

    @property
    def world(self) -> World:
        """The present world: every matter the holder keeps (a focused holder drops final
        matters that no guard can refer to; their events are in the log)."""
        ...

    @property
    def republic(self) -> World:
        """A world whose Republic (variables, sitting chambers, timers, clock) is current;
        its matters may be missing or out of date. Cheap: no world is built."""
        ...

    def view(self, focus: Iterable[str] | None = None) -> World:
        """A world in which the Republic and the matters in ``focus`` are current
        (``None``: the whole :attr:`world`)."""
        ...

    def matter(self, matter_id: str) -> Matter | None:
        """A matter as it is now (``None``: no such matter, or final and dropped)."""
        ...

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        """Apply ``step`` (to the Republic, ``step.matter`` and the matters in ``focus``) and
        return its events, numbered as in the whole log; a refused step raises
        :class:`~respublika.errors.ProcedureError` and changes nothing."""
        ...

    def step(self, step: Step) -> StepResult:
        """Scenario semantics (:meth:`Engine.step`): a refused step still moves time to its
        date (deadlines fire), and the refusal is in the result."""
        ...


class WholeWorld:
    """The reads of a holder that keeps the whole world in ``_world`` (``focus`` changes
    nothing); a holder adds ``engine``, ``apply`` and ``step``."""

    _world: World

    @property
    def world(self) -> World:
        return self._world

    @property
    def republic(self) -> World:
        return self._world

    def view(self, focus: Iterable[str] | None = None) -> World:
        return self._world

    def matter(self, matter_id: str) -> Matter | None:
        return self._world.matters.get(matter_id)
