"""The games engine's entry point: ``power`` (a ``PowerReport``) and ``analyze`` (its JSON).

``power`` compiles a game, lets the planner choose how to count (``engine.plan``), counts
each group's swings once (by coalition size when an index needs it), and hands the counts
to every index asked for, from the registry in :mod:`.indices` (Banzhaf and
Shapley-Shubik are built in). Veto players, blocking minorities, dummies and the minimal
winning and blocking coalitions come from :mod:`.coalitions`.

Everything is a ``Fraction``; floats appear only as renderings next to the exact values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from respublika.exact import format_fraction
from respublika.games.coalitions import (
    NotListed,
    blocking_minority,
    minimal_coalitions,
    veto_groups,
)
from respublika.games.engine import plan, swing_counts
from respublika.games.indices import Counts, PowerIndex, Value, get_index, indices, select
from respublika.games.rules import compile_game
from respublika.games.spec import Game


def _measure(name: str) -> bool:
    return any(name in index.measures for index in indices())


@dataclass(frozen=True)
class GroupPower:
    """The power of one member of a group.

    ``values`` holds the measures of the indices computed, by JSON key (``swings``,
    ``banzhaf``, ``banzhaf_absolute``, ``shapley_shubik``, ...); each is also an attribute,
    ``None`` when its index was not asked for (``p.shapley_shubik``).
    """

    size: int
    values: Mapping[str, Value]
    veto: bool
    blocking_minority: int | None

    def __getattr__(self, name: str) -> Value | None:
        if name.startswith("_") or name == "values" or not _measure(name):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return self.values.get(name)


@dataclass(frozen=True)
class PowerReport:
    """Everything ``power`` finds about a game; ``indices`` names the indices computed (in
    the registry's order), ``totals`` holds their report-level fields
    (``banzhaf_swings_total``, ``shapley_shubik_sum``)."""

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
    indices: tuple[str, ...] = ()
    totals: dict[str, object] = field(default_factory=dict)

    @property
    def players(self) -> int:
        return self.game.players

    def to_dict(self) -> dict[str, object]:
        """The JSON form (see ``docs/games.md``): exact ``"p/q"`` values and float renderings."""
        computed = [get_index(name) for name in self.indices]
        groups: dict[str, object] = {}
        for name, p in self.groups.items():
            entry: dict[str, object] = {"size": p.size}
            for index in computed:
                entry |= _entry(index, p)
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
        return out | self.totals


def _entry(index: PowerIndex, p: GroupPower) -> dict[str, object]:
    """One index's fields of a group: each measure (``int``, or ``"p/q"`` and ``_float``),
    then ``KEY_total``, the index times the group's size."""
    entry: dict[str, object] = {}
    for measure in index.measures:
        value = p.values[measure]
        if isinstance(value, Fraction):
            entry[measure] = format_fraction(value)
            entry[f"{measure}_float"] = float(value)
        else:
            entry[measure] = value
    entry[f"{index.key}_total"] = format_fraction(Fraction(p.values[index.key]) * p.size)
    return entry


def power(
    game: Game, index: str = "all", *, coalitions: bool = True, method: str | None = None
) -> PowerReport:
    """Exact power indices of every group's members, veto players, dummies, coalitions.

    ``index`` is ``"all"`` or a registered index (``indices.index_names()``: ``"banzhaf"``,
    ``"shapley-shubik"``, ...). ``coalitions=False`` skips the search for minimal winning and
    blocking coalitions (both are then ``None``). ``method`` forces one of the counting
    methods (``engine.METHODS``), for testing.
    """
    index, chosen = select(index)
    compiled = compile_game(game)
    names = compiled.names
    by_size = any(ix.by_size for ix in chosen)
    if method is None and not isinstance(compiled.rule, bool):
        method = plan(compiled, by_size=by_size)
    counts = swing_counts(compiled, by_size=by_size, method=method)
    swings = [sum(c) for c in counts]
    counted = Counts(compiled.players, compiled.sizes, swings, counts if by_size else None)
    values: list[dict[str, Value]] = [{} for _ in names]
    totals: dict[str, object] = {}
    for ix in chosen:
        measured = ix.values(counted)
        for of_group, measures in zip(values, measured, strict=True):
            of_group |= measures
        totals |= ix.totals(counted, measured)
    vetoes = set(veto_groups(compiled))
    groups = {
        name: GroupPower(
            size=compiled.sizes[g],
            values=values[g],
            veto=g in vetoes,
            blocking_minority=blocking_minority(compiled, g),
        )
        for g, name in enumerate(names)
    }
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
        indices=tuple(ix.name for ix in chosen),
        totals=totals,
    )


def analyze(spec: Mapping[str, object] | Game, index: str = "all") -> dict[str, object]:
    """Read a game (the JSON form as a dict, or a ``Game``) and return ``power(...).to_dict()``."""
    game = spec if isinstance(spec, Game) else Game.from_dict(spec)
    return power(game, index).to_dict()


def swings(game: Game) -> dict[str, int]:
    """Raw Banzhaf swings of one member of each group."""
    report = power(game, "banzhaf", coalitions=False)
    return {name: int(p.values["swings"]) for name, p in report.groups.items()}


def banzhaf(game: Game) -> dict[str, Fraction]:
    """Normalized Banzhaf index of one member of each group."""
    report = power(game, "banzhaf", coalitions=False)
    return {name: Fraction(p.values["banzhaf"]) for name, p in report.groups.items()}


def shapley_shubik(game: Game) -> dict[str, Fraction]:
    """Shapley-Shubik index of one member of each group."""
    report = power(game, "shapley-shubik", coalitions=False)
    return {name: Fraction(p.values["shapley_shubik"]) for name, p in report.groups.items()}
