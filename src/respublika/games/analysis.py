"""Power indices from swing counts, and the report ``analyze`` returns.

For one member ``i`` of a group, with ``n`` players in all:

* raw Banzhaf ``swings``: coalitions ``S`` of the other players that lose but win with ``i``;
* absolute Banzhaf: ``swings / 2**(n-1)``;
* normalized Banzhaf: ``swings`` over the sum of every player's swings (0 when that sum is 0,
  i.e. when nobody is ever decisive);
* Shapley-Shubik: ``sum over those S of |S|! (n - |S| - 1)! / n!``, the share of the ``n!``
  orders of the players in which ``i`` is pivotal.

Everything is a ``Fraction``; floats appear only as renderings next to the exact values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from respublika.errors import InputError
from respublika.exact import format_fraction
from respublika.games.coalitions import (
    NotListed,
    blocking_minority,
    minimal_coalitions,
    veto_groups,
)
from respublika.games.engine import plan, swing_counts
from respublika.games.packing import shapley_numerators
from respublika.games.rules import compile_game
from respublika.games.spec import Game

INDEXES = ("all", "banzhaf", "shapley-shubik")


@dataclass(frozen=True)
class GroupPower:
    """The power of one member of a group (``None``: that index was not asked for)."""

    size: int
    swings: int | None
    banzhaf: Fraction | None
    banzhaf_absolute: Fraction | None
    shapley_shubik: Fraction | None
    veto: bool
    blocking_minority: int | None


@dataclass(frozen=True)
class PowerReport:
    """Everything ``power`` finds about a game."""

    game: Game
    index: str
    method: str
    groups: dict[str, GroupPower]
    veto_players: list[str]
    dummies: list[str]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    minimal_winning_coalitions: list[dict[str, int]] | None = None
    blocking_coalitions: list[dict[str, int]] | None = None

    @property
    def players(self) -> int:
        return self.game.players

    def to_dict(self) -> dict[str, object]:
        """The JSON form (see ``docs/games.md``): exact ``"p/q"`` values and float renderings."""
        groups: dict[str, object] = {}
        for name, p in self.groups.items():
            entry: dict[str, object] = {"size": p.size}
            if p.swings is not None and p.banzhaf is not None and p.banzhaf_absolute is not None:
                entry |= {
                    "swings": p.swings,
                    "banzhaf": format_fraction(p.banzhaf),
                    "banzhaf_float": float(p.banzhaf),
                    "banzhaf_absolute": format_fraction(p.banzhaf_absolute),
                    "banzhaf_absolute_float": float(p.banzhaf_absolute),
                    "banzhaf_total": format_fraction(p.banzhaf * p.size),
                }
            if p.shapley_shubik is not None:
                entry |= {
                    "shapley_shubik": format_fraction(p.shapley_shubik),
                    "shapley_shubik_float": float(p.shapley_shubik),
                    "shapley_shubik_total": format_fraction(p.shapley_shubik * p.size),
                }
            entry |= {"veto": p.veto, "blocking_minority": p.blocking_minority}
            groups[name] = entry
        out: dict[str, object] = {
            "players": self.players,
            "index": self.index,
            "method": self.method,
            "groups": groups,
            "veto_players": list(self.veto_players),
            "dummies": list(self.dummies),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "minimal_winning_coalitions": self.minimal_winning_coalitions,
            "blocking_coalitions": self.blocking_coalitions,
        }
        if self.index != "shapley-shubik":
            out["banzhaf_swings_total"] = sum(
                (p.swings or 0) * p.size for p in self.groups.values()
            )
        if self.index != "banzhaf":
            out["shapley_shubik_sum"] = format_fraction(
                sum(
                    ((p.shapley_shubik or Fraction(0)) * p.size for p in self.groups.values()),
                    Fraction(0),
                )
            )
        return out


def _index(index: str) -> str:
    name = index.strip().lower().replace("_", "-")
    if name not in INDEXES:
        raise InputError(f"unknown index {index!r}; expected one of {', '.join(INDEXES)}")
    return name


def power(
    game: Game, index: str = "all", *, coalitions: bool = True, method: str | None = None
) -> PowerReport:
    """Exact power indices of every group's members, veto players, dummies, coalitions.

    ``index`` is ``"all"``, ``"banzhaf"`` or ``"shapley-shubik"``. ``coalitions=False`` skips
    the search for minimal winning and blocking coalitions (both are then ``None``).
    ``method`` forces one of the counting methods (``engine.METHODS``), for testing.
    """
    index = _index(index)
    compiled = compile_game(game)
    names = compiled.names
    n = compiled.players
    by_size = index != "banzhaf"
    if method is None and not isinstance(compiled.rule, bool):
        method = plan(compiled, by_size=by_size)
    counts = swing_counts(compiled, by_size=by_size, method=method)
    swings = [sum(c) for c in counts]
    total_swings = sum(s * size for s, size in zip(swings, compiled.sizes, strict=True))
    ss: list[Fraction] = []
    if by_size:
        n_factorial = math.factorial(n)
        ss = [Fraction(num, n_factorial) for num in shapley_numerators(counts, n)]
    vetoes = set(veto_groups(compiled))
    groups: dict[str, GroupPower] = {}
    for g, name in enumerate(names):
        banzhaf_wanted = index != "shapley-shubik"
        groups[name] = GroupPower(
            size=compiled.sizes[g],
            swings=swings[g] if banzhaf_wanted else None,
            banzhaf=Fraction(swings[g], total_swings or 1) if banzhaf_wanted else None,
            banzhaf_absolute=Fraction(swings[g], 2 ** (n - 1)) if banzhaf_wanted else None,
            shapley_shubik=ss[g] if by_size else None,
            veto=g in vetoes,
            blocking_minority=blocking_minority(compiled, g),
        )
    warnings = list(compiled.warnings)
    everyone = compiled.predicate(compiled.full_sums)
    nobody = compiled.predicate([0] * len(compiled.dims))
    if not everyone:
        warnings.append("no coalition wins, not even all players together: every index is 0")
    elif nobody:
        warnings.append("the empty coalition wins, so every coalition does: every index is 0")
    notes: list[str] = []
    listed: dict[bool, list[dict[str, int]] | None] = {False: None, True: None}
    for blocking in (False, True) if coalitions and everyone and not nobody else ():
        what = "blocking" if blocking else "winning"
        try:
            found = minimal_coalitions(compiled, blocking=blocking)
        except NotListed as reason:
            notes.append(f"minimal {what} coalitions not listed: {reason}")
            continue
        listed[blocking] = [{names[g]: k for g, k in enumerate(vec) if k} for vec in found]
    return PowerReport(
        game=game,
        index=index,
        method=method or "trivial",
        groups=groups,
        veto_players=[names[g] for g in sorted(vetoes)],
        dummies=[names[g] for g in range(len(names)) if swings[g] == 0],
        warnings=warnings,
        notes=notes,
        minimal_winning_coalitions=listed[False],
        blocking_coalitions=listed[True],
    )


def analyze(spec: Mapping[str, object] | Game, index: str = "all") -> dict[str, object]:
    """Read a game (the JSON form as a dict, or a ``Game``) and return ``power(...).to_dict()``."""
    game = spec if isinstance(spec, Game) else Game.from_dict(spec)
    return power(game, index).to_dict()


def swings(game: Game) -> dict[str, int]:
    """Raw Banzhaf swings of one member of each group."""
    report = power(game, "banzhaf", coalitions=False)
    return {name: p.swings or 0 for name, p in report.groups.items()}


def banzhaf(game: Game) -> dict[str, Fraction]:
    """Normalized Banzhaf index of one member of each group."""
    report = power(game, "banzhaf", coalitions=False)
    return {name: p.banzhaf or Fraction(0) for name, p in report.groups.items()}


def shapley_shubik(game: Game) -> dict[str, Fraction]:
    """Shapley-Shubik index of one member of each group."""
    report = power(game, "shapley-shubik", coalitions=False)
    return {name: p.shapley_shubik or Fraction(0) for name, p in report.groups.items()}
