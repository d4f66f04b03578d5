"""Voting power: exact Banzhaf and Shapley-Shubik indices of games of groups of players.

A game (``Game``) is a set of groups of interchangeable members and a winning rule, a formula
of ``All`` / ``Any`` over ``Leaf`` weighted quotas; ``weighted_game`` builds the plain
weighted voting game. ``power`` computes every index exactly (big integers and ``Fraction``),
and ``analyze`` does the same from the JSON form and returns JSON-ready data. The format and
the algorithms are described in ``docs/games.md``.

    >>> from respublika.games import weighted_game, shapley_shubik
    >>> shapley_shubik(weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6))["A"]
    Fraction(5, 12)
"""

from respublika.games.analysis import (
    INDEXES,
    GroupPower,
    PowerReport,
    analyze,
    banzhaf,
    power,
    shapley_shubik,
    swings,
)
from respublika.games.spec import All, Any, Formula, Game, Leaf, weighted_game

__all__ = [
    "INDEXES",
    "All",
    "Any",
    "Formula",
    "Game",
    "GroupPower",
    "Leaf",
    "PowerReport",
    "analyze",
    "banzhaf",
    "power",
    "shapley_shubik",
    "swings",
    "weighted_game",
]
