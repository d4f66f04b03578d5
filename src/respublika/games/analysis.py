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

from respublika.errors import InputError
from respublika.exact import format_fraction
from respublika.games.coalitions import (
    NotListed,
    blocking_minority,
    minimal_coalitions,
    veto_groups,
)
from respublika.games.counting import (
    MAX_VECTORS,
    CoalitionCounts,
    coalition_counts,
    vector_count,
    winning_count,
)
from respublika.games.engine import merge_interchangeable, plan, swing_counts
from respublika.games.indices import Counts, PowerIndex, Value, get_index, indices, select
from respublika.games.owen import owen_values
from respublika.games.rules import Compiled, compile_game
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
    if not isinstance(game, Game):
        raise InputError.of("power: expected a game (respublika.games.Game, e.g. from parse_game "
                            "or weighted_game), got {got}", got=type(game).__name__)
    index, chosen = select(index)
    compiled = compile_game(game)
    names = compiled.names
    notes: list[str] = []
    chosen, coalition_data = _coalitions(compiled, index, chosen, notes)
    owen = banzhaf_owen = None
    if any(ix.needs == "unions" for ix in chosen):
        if not game.unions:
            if index != "all":
                raise InputError(f"{index}: the game declares no unions (\"unions\": [[group, ...], ...])")
            chosen = tuple(ix for ix in chosen if ix.needs != "unions")
        else:
            position = {name: g for g, name in enumerate(names)}
            owen, banzhaf_owen = owen_values(
                compiled, [[position[name] for name in union] for union in game.unions]
            )
    by_size = any(ix.by_size for ix in chosen)
    if method is None and not isinstance(compiled.rule, bool):
        method = plan(compiled, by_size=by_size)
    counts = swing_counts(compiled, by_size=by_size, method=method)
    swings = [sum(c) for c in counts]
    winning = None
    if any(ix.needs in ("winning", "coalitions") for ix in chosen):
        winning = coalition_data.winning if coalition_data else _winning(compiled)
    counted = Counts(
        compiled.players, compiled.sizes, swings, counts if by_size else None,
        coalitions=coalition_data, winning=winning, owen=owen, banzhaf_owen=banzhaf_owen,
    )  # fmt: skip
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


def _winning(compiled: Compiled) -> int:
    rule = compiled.rule
    if isinstance(rule, bool):
        return 2**compiled.players if rule else 0
    merged, _ = merge_interchangeable(compiled)
    return winning_count(merged)


def _coalitions(
    compiled: Compiled, index: str, chosen: tuple[PowerIndex, ...], notes: list[str]
) -> tuple[tuple[PowerIndex, ...], CoalitionCounts | None]:
    """The minimal winning and vulnerable coalitions, counted by count vectors, when an index
    chosen needs them. Beyond :data:`MAX_VECTORS` count vectors such an index is refused
    when asked for by name, and left out with a note under ``"all"``."""
    wanted = [ix for ix in chosen if ix.needs == "coalitions"]
    if not wanted:
        return chosen, None
    rule = compiled.rule
    groups = len(compiled.sizes)
    if isinstance(rule, bool):
        n = compiled.players
        zeros = [0] * groups
        return chosen, CoalitionCounts(
            2**n if rule else 0, int(rule), zeros, [Fraction(0)] * groups, [Fraction(0)] * groups
        )
    merged, merged_of = merge_interchangeable(compiled)
    vectors = vector_count(merged)
    if vectors > MAX_VECTORS:
        names = ", ".join(ix.name for ix in wanted)
        why = (
            f"they count the minimal winning coalitions by count vectors of the groups, and "
            f"this game has {vectors:.3g} of them (at most {MAX_VECTORS:,}); fewer distinct "
            "weights or groups make it smaller"
        )
        if index != "all":
            raise InputError(f"{names}: not computed exactly here: {why}")
        notes.append(f"{names} not computed: {why}")
        return tuple(ix for ix in chosen if ix.needs != "coalitions"), None
    found = coalition_counts(merged)

    # A merged group's member stands for a member of each original group it merged.
    return chosen, CoalitionCounts(
        found.winning,
        found.minimal,
        [found.in_minimal[m] for m in merged_of],
        [found.minimal_by_size[m] for m in merged_of],
        [found.johnston[m] for m in merged_of],
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
