"""Voting power: exact power indices (Banzhaf, Shapley-Shubik, ...) of games of groups of players.

A game (``Game``) is a set of groups of interchangeable members and a winning rule, a formula
of ``All`` / ``Any`` over ``Leaf`` weighted quotas; ``weighted_game`` builds the plain
weighted voting game. ``power`` (in :mod:`.analysis`) computes every index exactly (big
integers and ``Fraction``), and ``analyze`` does the same from the JSON form and returns
JSON-ready data. The indices live in one registry, :mod:`.indices` (``power_index``,
``index_names``). The format and the algorithms are described in ``docs/games.md``.

    >>> from respublika.games import weighted_game, shapley_shubik
    >>> shapley_shubik(weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6))["A"]
    Fraction(5, 12)
"""

from typing import TYPE_CHECKING

from respublika.games.analysis import (
    GroupPower,
    PowerReport,
    analyze,
    banzhaf,
    power,
    shapley_shubik,
    swings,
)
from respublika.games.indices import (
    Counts,
    PowerIndex,
    get_index,
    index_names,
    indices,
    power_index,
    unregister_index,
)
from respublika.games.spec import All, Any, Formula, Game, Leaf, weighted_game

if TYPE_CHECKING:
    INDEXES: tuple[str, ...]


def __getattr__(name: str) -> object:
    """``INDEXES`` (kept for callers of earlier versions) is ``index_names()`` when asked."""
    if name == "INDEXES":
        return index_names()
    raise AttributeError(f"module 'respublika.games' has no attribute {name!r}")


__all__ = [
    "INDEXES",
    "All",
    "Any",
    "Counts",
    "Formula",
    "Game",
    "GroupPower",
    "Leaf",
    "PowerIndex",
    "PowerReport",
    "analyze",
    "banzhaf",
    "get_index",
    "index_names",
    "indices",
    "power",
    "power_index",
    "shapley_shubik",
    "swings",
    "unregister_index",
    "weighted_game",
]
