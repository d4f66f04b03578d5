"""The registry of power indices: each index is one decorated function over the swing counts.

The engine (:mod:`.engine`) counts, for one member of each group, the coalitions of the
other players for which that member is decisive: in total, or by the size of the coalition
when an index asks for it. An index turns those :class:`Counts` into values per group.
:func:`~respublika.games.analysis.power`, :func:`~respublika.games.analysis.analyze`,
:func:`~respublika.games.legislature.analyze_legislature` and the adapters iterate this
registry; no other module writes an index's name down.

An index is registered with its ``name`` (the spelling of ``--index`` and of the ``index``
field of the report, e.g. ``shapley-shubik``), its ``key`` (its JSON key, e.g.
``shapley_shubik``), a ``title`` for people, whether it needs the swings ``by_size``, and its
``measures``: the per-member values it returns, in the order they appear in the JSON (the
first defaults to the key; Banzhaf also reports the raw ``swings`` and ``banzhaf_absolute``).
The function returns, per group, a mapping of those measures to exact values (``int`` or
``Fraction``). In the report each ``Fraction`` measure ``m`` becomes ``"p/q"`` with an
``m_float`` rendering, each ``int`` stays a number, and ``KEY_total`` (the index times the
group's size) follows; ``summary`` adds report-level fields (default ``KEY_sum``, the index
summed over all players).

Adding an index: one decorated function, here or in a module of its own imported at the end
of this file, and its tests::

    @power_index("example", key="example", title="Example")
    def example(counts: Counts) -> list[dict[str, Value]]:
        return [{"example": Fraction(s, max(counts.swings) or 1)} for s in counts.swings]

Outside the package, ``power_index(...)`` registers the same way; :func:`unregister_index`
removes one again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from respublika.errors import InputError
from respublika.exact import format_fraction
from respublika.games.counting import CoalitionCounts
from respublika.games.packing import shapley_numerators

ALL = "all"
RESERVED = frozenset({"size", "veto", "blocking_minority", "values"})
"""Keys of a group's entry (and ``GroupPower`` attributes) that no measure may take."""

NEEDS = (None, "winning", "coalitions", "unions")
"""What an index may need beyond the swings (see ``PowerIndex.needs``)."""

Value = int | Fraction
Measures = Sequence[Mapping[str, Value]]


@dataclass(frozen=True)
class Counts:
    """What the engine counted, for one member of each group (groups in the game's order).

    ``swings[g]``: coalitions of the other players that lose, but win with the member.
    ``by_size[g][s]``: those of ``s`` players (``s = 0 .. players - 1``); set only when an
    index registered with ``by_size=True`` is computed, else ``None``. The sequences are
    the engine's own (not copied: a game of thousands of players has millions of counts);
    an index reads them and never changes them.
    """

    players: int
    sizes: Sequence[int]
    swings: Sequence[int]
    by_size: Sequence[Sequence[int]] | None
    coalitions: CoalitionCounts | None = None
    """Winning, minimal winning and vulnerable coalitions (:mod:`.counting`); set only when
    an index registered with ``needs="coalitions"`` is computed."""
    winning: int | None = None
    """The number of winning coalitions; set when an index ``needs`` it (``"winning"`` or
    ``"coalitions"``)."""
    owen: Sequence[Fraction] | None = None
    banzhaf_owen: Sequence[Fraction] | None = None
    """Per group, one member's Owen and Banzhaf-Owen values (:mod:`.owen`); set for a game
    with unions when an index that ``needs="unions"`` is computed."""

    @property
    def total_swings(self) -> int:
        """The swings of every player: ``sum(swings[g] * sizes[g])``."""
        return sum(s * n for s, n in zip(self.swings, self.sizes, strict=True))


IndexFunction = Callable[[Counts], Measures]
Summary = Callable[[Counts, Measures], dict[str, object]]


@dataclass(frozen=True)
class PowerIndex:
    """A registered index (see the module docstring)."""

    name: str
    key: str
    title: str
    by_size: bool
    measures: tuple[str, ...]
    compute: IndexFunction
    summary: Summary | None = None
    needs: str | None = None
    """What the index needs beyond the swings: ``"winning"`` (the number of winning
    coalitions), ``"coalitions"`` (:class:`~respublika.games.counting.CoalitionCounts`) or
    ``"unions"`` (the game's a-priori unions: computed only for a game that declares them)."""
    additive: bool = True
    """Whether a bloc's value is the sum of its members' (shares of power: Shapley–Shubik,
    normalized Banzhaf, Deegan–Packel, …). Coleman's powers are each member's probability, not a
    share: summed over a chamber they give numbers above 1 that mean nothing, so a report
    leaves them out of its totals per chamber, party and kind of seat."""

    def values(self, counts: Counts) -> list[dict[str, Value]]:
        """The measures per group, checked against the declared ones."""
        found = [dict(m) for m in self.compute(counts)]
        if len(found) != len(counts.sizes):
            raise ValueError(f"index {self.name!r} gave {len(found)} groups, not {len(counts.sizes)}")
        for group in found:
            if tuple(group) != self.measures:
                raise ValueError(
                    f"index {self.name!r} gave the measures {tuple(group)}, not {self.measures}"
                )
        return found

    def totals(self, counts: Counts, values: Measures) -> dict[str, object]:
        """The report-level fields: ``summary``'s, or ``KEY_sum`` over all players."""
        if self.summary is not None:
            return self.summary(counts, values)
        total = sum(
            (Fraction(v[self.key]) * n for v, n in zip(values, counts.sizes, strict=True)),
            Fraction(0),
        )
        return {f"{self.key}_sum": format_fraction(total)}


_INDICES: dict[str, PowerIndex] = {}


def _spelling(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def power_index(
    name: str,
    *,
    key: str | None = None,
    title: str | None = None,
    by_size: bool = False,
    measures: Sequence[str] | None = None,
    summary: Summary | None = None,
    needs: str | None = None,
    additive: bool = True,
) -> Callable[[IndexFunction], IndexFunction]:
    """Register the decorated function as the index ``name`` (see the module docstring);
    the function is returned unchanged. A name, key or measure already taken is refused."""
    if _spelling(name) != name or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) or name == ALL:
        raise InputError(f"an index name is lower case words joined by '-' (not 'all'), got {name!r}")
    json_key = key if key is not None else name.replace("-", "_")
    declared = tuple(measures) if measures is not None else (json_key,)
    if json_key not in declared:
        raise InputError(f"index {name!r}: its key {json_key!r} must be one of its measures")
    if set(declared) & RESERVED:
        raise InputError(f"index {name!r}: {sorted(set(declared) & RESERVED)} are the report's own keys")
    if needs not in NEEDS:
        raise InputError(f"index {name!r}: needs is one of {', '.join(map(str, NEEDS))}, got {needs!r}")

    def register(function: IndexFunction) -> IndexFunction:
        for other in _INDICES.values():
            if name == other.name or json_key == other.key:
                raise InputError(f"an index named {name!r} or keyed {json_key!r} is already registered")
            if set(declared) & set(other.measures):
                taken = sorted(set(declared) & set(other.measures))
                raise InputError(f"index {name!r}: the measures {taken} are taken by {other.name!r}")
        _INDICES[name] = PowerIndex(
            name, json_key, title or name, by_size, declared, function, summary, needs, additive
        )
        return function

    return register


def unregister_index(name: str) -> None:
    """Remove a registered index (for tests and plug-ins that unload)."""
    del _INDICES[get_index(name).name]


def indices() -> tuple[PowerIndex, ...]:
    """Every registered index, built-in ones first."""
    return tuple(_INDICES.values())


def index_names() -> tuple[str, ...]:
    """What ``--index`` accepts: ``"all"``, then every registered index's name."""
    return (ALL, *_INDICES)


def index_pattern() -> str:
    """A regular expression matching exactly :func:`index_names` (for input validation).
    Names are words of ``[a-z0-9]`` joined by ``-``, so none needs escaping."""
    return "^(" + "|".join(index_names()) + ")$"


def get_index(name: str) -> PowerIndex:
    """A registered index by name or JSON key (case, spaces, ``-``/``_`` ignored)."""
    found = None
    if isinstance(name, str):
        found = _INDICES.get(_spelling(name)) or next(
            (ix for ix in _INDICES.values() if ix.key == name.strip()), None
        )
    if found is None:
        raise InputError(f"unknown index {name!r}; expected one of {', '.join(index_names())}")
    return found


def select(index: str) -> tuple[str, tuple[PowerIndex, ...]]:
    """``index`` (``"all"`` or an index's name or key) -> its spelling and the indices."""
    if isinstance(index, str) and _spelling(index) == ALL:
        return ALL, indices()
    chosen = get_index(index)
    return chosen.name, (chosen,)


# --------------------------------------------------------------------------- built-in indices


def _banzhaf_totals(counts: Counts, values: Measures) -> dict[str, object]:
    return {"banzhaf_swings_total": counts.total_swings}


@power_index(
    "banzhaf",
    title="Banzhaf (normalized)",
    measures=("swings", "banzhaf", "banzhaf_absolute"),
    summary=_banzhaf_totals,
)
def banzhaf_index(counts: Counts) -> Measures:
    """Raw ``swings``; normalized Banzhaf ``swings`` over every player's swings (0 when
    nobody is ever decisive); absolute Banzhaf ``swings / 2**(n-1)``."""
    total = counts.total_swings
    half = 2 ** (counts.players - 1) if counts.players else 1
    return [
        {"swings": s, "banzhaf": Fraction(s, total or 1), "banzhaf_absolute": Fraction(s, half)}
        for s in counts.swings
    ]


@power_index("shapley-shubik", title="Shapley-Shubik", by_size=True)
def shapley_shubik_index(counts: Counts) -> Measures:
    """``sum over the swings S of |S|! (n - |S| - 1)! / n!``: the share of the ``n!`` orders
    of the players in which the member is pivotal."""
    assert counts.by_size is not None
    n_factorial = math.factorial(counts.players)
    numerators = shapley_numerators(counts.by_size, counts.players)
    return [{"shapley_shubik": Fraction(num, n_factorial)} for num in numerators]


# ------------------------------------------------- Coleman, Deegan-Packel, Holler, Johnston


def _game_totals(counts: Counts, values: Measures) -> dict[str, object]:
    """The report's ``game``: the winning coalitions and Coleman's power to act."""
    assert counts.winning is not None
    act = Fraction(counts.winning, 2**counts.players)
    return {
        "game": {
            "winning_coalitions": str(counts.winning),
            "power_to_act": format_fraction(act),
            "power_to_act_float": float(act),
        }
    }


@power_index(
    "coleman-prevent", title="Coleman (power to prevent)", needs="winning", summary=_game_totals,
    additive=False,
)
def coleman_prevent_index(counts: Counts) -> Measures:
    """Coleman's power to prevent action: the share of the winning coalitions that the
    member can turn into losing ones by leaving, ``swings / winning`` (0 when none wins)."""
    assert counts.winning is not None
    return [{"coleman_prevent": Fraction(s, counts.winning or 1)} for s in counts.swings]


@power_index(
    "coleman-initiate", title="Coleman (power to initiate)", needs="winning", summary=_game_totals,
    additive=False,
)
def coleman_initiate_index(counts: Counts) -> Measures:
    """Coleman's power to initiate action: the share of the losing coalitions that the member
    can turn into winning ones by joining, ``swings / (2**n - winning)`` (0 when none loses)."""
    assert counts.winning is not None
    losing = 2**counts.players - counts.winning
    return [{"coleman_initiate": Fraction(s, losing or 1)} for s in counts.swings]


@power_index("deegan-packel", title="Deegan-Packel", needs="coalitions")
def deegan_packel_index(counts: Counts) -> Measures:
    """Deegan and Packel (1978): each minimal winning coalition is equally likely to form and
    shares its power equally among its members: ``sum over the minimal winning S that hold
    the member of 1/|S|``, over the number of minimal winning coalitions."""
    found = counts.coalitions
    assert found is not None
    return [{"deegan_packel": v / (found.minimal or 1)} for v in found.minimal_by_size]


@power_index("public-good", title="Holler (public good)", needs="coalitions")
def public_good_index(counts: Counts) -> Measures:
    """Holler's public good index (1982): the minimal winning coalitions that hold the member,
    over that number summed over all players (0 when no minimal winning coalition holds
    anybody)."""
    found = counts.coalitions
    assert found is not None
    total = sum(m * n for m, n in zip(found.in_minimal, counts.sizes, strict=True))
    return [{"public_good": Fraction(m, total or 1)} for m in found.in_minimal]


@power_index("johnston", title="Johnston", needs="coalitions")
def johnston_index(counts: Counts) -> Measures:
    """Johnston (1978): each winning coalition that some member can defeat by leaving gives
    each of its critical members ``1 / (number of critical members)``; normalized over all
    players (0 when nobody is ever critical)."""
    found = counts.coalitions
    assert found is not None
    total = sum((j * n for j, n in zip(found.johnston, counts.sizes, strict=True)), Fraction(0))
    return [{"johnston": j / (total or 1)} for j in found.johnston]


# ----------------------------------------------------------------- a-priori unions (Owen)


@power_index("owen", title="Owen (a-priori unions)", needs="unions")
def owen_index(counts: Counts) -> Measures:
    """Owen's value for a game with a-priori unions: the Shapley value of the orders in which
    the unions arrive one after another and the members within their union (:mod:`.owen`)."""
    assert counts.owen is not None
    return [{"owen": v} for v in counts.owen]


@power_index("banzhaf-owen", title="Banzhaf-Owen (a-priori unions)", needs="unions")
def banzhaf_owen_index(counts: Counts) -> Measures:
    """The Banzhaf-Owen value: Owen's sum with the Banzhaf weights, ``1/2**(M-1)`` over the
    other unions and ``1/2**(u-1)`` inside the member's union."""
    assert counts.banzhaf_owen is not None
    return [{"banzhaf_owen": v} for v in counts.banzhaf_owen]
