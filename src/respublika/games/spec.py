"""Game specifications: groups of interchangeable players and a monotone winning rule.

A game is a set of *groups* (``{"mazhilis": 107, "senate": 47, "president": 1}``), each a
number of interchangeable members, and a winning rule ``wins``: a formula of ``All`` / ``Any``
over ``Leaf`` quotas. A leaf is met by a coalition when the sum, over the groups, of
(members of the group in the coalition) x (the leaf's weight for that group) reaches the
leaf's quota; a group the leaf does not name has weight 0 there. Weights and quotas are
exact non-negative numbers (integers or ``Fraction``; in JSON, integers or ``"p/q"`` /
decimal strings). Every rule built this way is monotone: adding members never loses.

``Game.from_dict`` reads the JSON form (documented in ``docs/games.md``) and names the place
of every problem (``wins.any[0].all[1].quota: ...``); the constructors validate the same
rules, so a game built in Python is checked just as a game read from a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TypeAlias

from respublika.errors import InputError
from respublika.exact import format_fraction, parse_fraction

Number: TypeAlias = int | Fraction | str
"""A weight or a quota as given: an int, a Fraction, or text such as ``"2/3"`` or ``"0.5"``."""

MAX_DEPTH = 64
"""The deepest nesting of ``all`` / ``any`` a game may have."""

MAX_PLAYERS = 10_000
"""The most players (members of all groups together) a game may have."""


def _number(value: object, what: str) -> Fraction:
    """Read a non-negative exact number; percentages are refused (weights are not shares)."""
    if isinstance(value, str) and "%" in value:
        raise InputError(f"{what}: {value!r} is a percentage; give a number of weight units")
    if isinstance(value, str) and value.strip().startswith("-"):
        raise InputError(f"{what}: must be non-negative, got {value!r}")
    number = parse_fraction(value, what=what, percent=False)
    if number < 0:
        raise InputError(f"{what}: must be non-negative, got {value!r}")
    return number


@dataclass(frozen=True, init=False)
class Leaf:
    """``sum over groups of members x weight >= quota``; unnamed groups weigh 0."""

    quota: Fraction
    weights: Mapping[str, Fraction]

    def __init__(self, quota: Number, weights: Mapping[str, Number], *, where: str = "leaf"):
        if not isinstance(weights, Mapping):
            raise InputError(f"{where}.weights: expected an object of group: weight")
        if not weights:
            raise InputError(f"{where}.weights: must name at least one group")
        parsed: dict[str, Fraction] = {}
        for name, weight in weights.items():
            if not isinstance(name, str) or not name:
                raise InputError(f"{where}.weights: group names must be non-empty strings")
            parsed[name] = _number(weight, f"{where}.weights.{name}")
        object.__setattr__(self, "quota", _number(quota, f"{where}.quota"))
        object.__setattr__(self, "weights", MappingProxyType(parsed))

    def __hash__(self) -> int:
        return hash((self.quota, frozenset(self.weights.items())))

    def to_dict(self) -> dict[str, object]:
        return {
            "quota": _dump(self.quota),
            "weights": {g: _dump(w) for g, w in self.weights.items()},
        }


@dataclass(frozen=True, init=False)
class All:
    """Met when every child is met."""

    children: tuple[Formula, ...]

    def __init__(self, *children: Formula, where: str = "all") -> None:
        object.__setattr__(self, "children", _children(children, where))

    def to_dict(self) -> dict[str, object]:
        return {"all": [child.to_dict() for child in self.children]}


@dataclass(frozen=True, init=False)
class Any:  # the name is the contract; this module never needs typing.Any
    """Met when at least one child is met."""

    children: tuple[Formula, ...]

    def __init__(self, *children: Formula, where: str = "any") -> None:
        object.__setattr__(self, "children", _children(children, where))

    def to_dict(self) -> dict[str, object]:
        return {"any": [child.to_dict() for child in self.children]}


Formula: TypeAlias = Leaf | All | Any


def _children(children: tuple[object, ...], where: str) -> tuple[Formula, ...]:
    if not children:
        raise InputError(f"{where}: an empty list is not a rule; give at least one condition")
    for i, child in enumerate(children):
        if not isinstance(child, Leaf | All | Any):
            raise InputError(f"{where}[{i}]: expected Leaf, All or Any, got {child!r}")
    return tuple(children)  # type: ignore[arg-type]  # checked just above


def _dump(value: Fraction) -> int | str:
    return value.numerator if value.denominator == 1 else format_fraction(value)


@dataclass(frozen=True, init=False)
class Game:
    """Groups (name -> number of interchangeable members, in order) and the winning rule;
    optionally a-priori ``unions``: disjoint lists of groups whose members vote together
    (for the Owen and Banzhaf-Owen values). A group in no union is a union of one member
    per member."""

    groups: Mapping[str, int]
    wins: Formula
    unions: tuple[tuple[str, ...], ...] = ()

    def __init__(
        self,
        groups: Mapping[str, int],
        wins: Formula,
        unions: Sequence[Sequence[str]] = (),
        *,
        where: str = "unions",
    ) -> None:
        if not isinstance(groups, Mapping):
            raise InputError("groups: expected an object of name: number of members")
        if not groups:
            raise InputError("groups: the game is empty; give at least one group of players")
        sizes: dict[str, int] = {}
        for name, size in groups.items():
            if not isinstance(name, str) or not name:
                raise InputError("groups: group names must be non-empty strings")
            if isinstance(size, bool) or not isinstance(size, int):
                raise InputError(f"groups.{name}: the size must be a whole number, got {size!r}")
            if size < 1:
                raise InputError(f"groups.{name}: the size must be at least 1, got {size}")
            sizes[name] = size
        total = sum(sizes.values())
        if total > MAX_PLAYERS:
            raise InputError(f"groups: {total} players; at most {MAX_PLAYERS} are supported")
        if not isinstance(wins, Leaf | All | Any):
            raise InputError(f"wins: expected Leaf, All or Any, got {wins!r}")
        _check_groups(wins, sizes, "wins", 0)
        object.__setattr__(self, "groups", MappingProxyType(sizes))
        object.__setattr__(self, "wins", wins)
        object.__setattr__(self, "unions", _unions(unions, sizes, where))

    def __hash__(self) -> int:
        return hash((frozenset(self.groups.items()), self.wins, self.unions))

    @property
    def players(self) -> int:
        """The number of players: all members of all groups."""
        return sum(self.groups.values())

    def wins_with(self, counts: Mapping[str, int]) -> bool:
        """Does a coalition with ``counts[g]`` members of each group ``g`` win? (Exact.)"""
        for name, count in counts.items():
            if name not in self.groups:
                raise InputError(f"unknown group {name!r}")
            if not 0 <= count <= self.groups[name]:
                raise InputError(f"{name}: {count} members of {self.groups[name]}")
        return _holds(self.wins, counts)

    @classmethod
    def from_dict(cls, spec: object) -> Game:
        """Read and validate the JSON form; every problem is an ``InputError`` naming its place."""
        if not isinstance(spec, Mapping):
            raise InputError("a game must be a JSON object with 'groups' and 'wins'")
        unknown = sorted(set(spec) - {"groups", "wins", "unions", "name", "description"})
        if unknown:
            raise InputError(
                f"unknown key(s) {', '.join(map(repr, unknown))}; "
                "a game has 'groups', 'wins' and optionally 'unions', 'name', 'description'"
            )
        for key in ("groups", "wins"):
            if key not in spec:
                raise InputError(f"the game has no {key!r}")
        for key in ("name", "description"):
            if key in spec and not isinstance(spec[key], str):
                raise InputError(f"{key}: expected text, got {spec[key]!r}")
        unions = spec.get("unions", ())
        if not isinstance(unions, list | tuple):
            raise InputError("unions: expected a list of lists of groups")
        return cls(spec["groups"], _formula(spec["wins"], "wins", 0), unions)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"groups": dict(self.groups), "wins": self.wins.to_dict()}
        if self.unions:
            out["unions"] = [list(union) for union in self.unions]
        return out


def _unions(unions: object, groups: Mapping[str, int], where: str) -> tuple[tuple[str, ...], ...]:
    """Disjoint, non-empty lists of known groups."""
    if not isinstance(unions, list | tuple):
        raise InputError(f"{where}: expected a list of lists of groups")
    seen: dict[str, int] = {}
    out: list[tuple[str, ...]] = []
    for i, union in enumerate(unions):
        if not isinstance(union, list | tuple) or not union:
            raise InputError(f"{where}[{i}]: expected a non-empty list of groups")
        for name in union:
            if not isinstance(name, str) or name not in groups:
                raise InputError(
                    f"{where}[{i}]: unknown group {name!r} (the groups are {', '.join(groups)})"
                )
            if name in seen:
                raise InputError(f"{where}[{i}]: group {name!r} is already in union {seen[name]}")
            seen[name] = i
        out.append(tuple(union))
    return tuple(out)


def _formula(node: object, where: str, depth: int) -> Formula:
    if depth > MAX_DEPTH:
        raise InputError(f"{where}: rules nest deeper than {MAX_DEPTH} levels")
    if not isinstance(node, Mapping):
        raise InputError(f"{where}: expected an object with 'all', 'any' or 'quota'")
    keys = set(node)
    if keys in ({"all"}, {"any"}):
        (kind,) = keys
        items = node[kind]
        if not isinstance(items, list):
            raise InputError(f"{where}.{kind}: expected a list of conditions")
        children = [_formula(c, f"{where}.{kind}[{i}]", depth + 1) for i, c in enumerate(items)]
        node_type = All if kind == "all" else Any
        return node_type(*children, where=f"{where}.{kind}")
    if keys == {"quota", "weights"}:
        return Leaf(node["quota"], node["weights"], where=where)
    if keys and keys <= {"quota", "weights"}:
        missing = "weights" if "quota" in keys else "quota"
        raise InputError(
            f"{where}: a quota condition needs both 'quota' and 'weights' (no {missing!r})"
        )
    listed = ", ".join(map(repr, sorted(keys, key=str))) or "none"
    raise InputError(
        f"{where}: unexpected key(s) {listed}; a condition is exactly one of "
        "{'all': [...]}, {'any': [...]} or {'quota': ..., 'weights': {...}}"
    )


def _check_groups(node: Formula, groups: Mapping[str, int], where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise InputError(f"{where}: rules nest deeper than {MAX_DEPTH} levels")
    if isinstance(node, Leaf):
        for name in node.weights:
            if name not in groups:
                raise InputError(
                    f"{where}.weights: unknown group {name!r} (the groups are {', '.join(groups)})"
                )
        return
    kind = "all" if isinstance(node, All) else "any"
    for i, child in enumerate(node.children):
        _check_groups(child, groups, f"{where}.{kind}[{i}]", depth + 1)


def _holds(node: Formula, counts: Mapping[str, int]) -> bool:
    if isinstance(node, Leaf):
        total = sum((w * counts.get(g, 0) for g, w in node.weights.items()), Fraction(0))
        return total >= node.quota
    if isinstance(node, All):
        return all(_holds(child, counts) for child in node.children)
    return any(_holds(child, counts) for child in node.children)


def weighted_game(weights: Mapping[str, Number], quota: Number) -> Game:
    """A weighted voting game: one player (or bloc) per name, winning at ``quota``."""
    if not isinstance(weights, Mapping) or not weights:
        raise InputError("weights: give at least one player with a weight")
    return Game({name: 1 for name in weights}, Leaf(quota, weights, where="wins"))


def leaf_total(leaf: Leaf, groups: Mapping[str, int]) -> Fraction:
    """The weight of the grand coalition in ``leaf``: the most the leaf can ever count."""
    return sum((w * groups[g] for g, w in leaf.weights.items()), Fraction(0))
