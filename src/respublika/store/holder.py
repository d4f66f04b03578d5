"""A stored world as a :class:`~respublika.procedure.holder.WorldHolder`.

The scenario runner and the simulation act on a database world through this holder
exactly as on a world in memory. It keeps the world as its last write left it, with the
sequence number of its last row, and every write states that number
(:meth:`Store.apply` / :meth:`Store.step` with ``expect_seq``): if another writer has
appended in between, the write raises :class:`~respublika.errors.ConflictError` and
writes nothing; :meth:`StoredWorld.reload` reads the world afresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from respublika.procedure import Engine, Event, Step, StepResult, World
from respublika.procedure.holder import WholeWorld
from respublika.store.log import Store


class StoredWorld(WholeWorld):
    """The world ``name`` of ``store`` (see the module docstring)."""

    def __init__(self, store: Store, name: str, *, engine: Engine | None = None,
                 world: World | None = None, seq: int | None = None, owner: str | None = None) -> None:
        """``world`` and ``seq`` (its last row) start the holder from a known state
        instead of reading it. ``owner``: the simulation run writing through this holder
        (a world a running simulation owns refuses every other writer)."""
        self.store = store
        self.name = name
        self.owner = owner
        if world is None or seq is None:
            self._engine, self._world, self.seq = store.latest(name)
        else:
            self._engine = engine if engine is not None else store.engine(store.world(name))
            self._world, self.seq = world, seq

    def reload(self) -> None:
        """Read the world as it is in the database now."""
        self._engine, self._world, self.seq = self.store.latest(self.name)

    @property
    def engine(self) -> Engine:
        return self._engine

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        self._world, events, self.seq = self.store._apply(self.name, step, self.seq, self.owner)
        return events

    def step(self, step: Step) -> StepResult:
        result, self.seq = self.store._step(self.name, step, self.seq, self.owner)
        self._world = result.world
        return result


DbSession = StoredWorld
"""The name this holder had when it served only scenarios."""
