"""The winning rule compiled to integers: dimensions, quotas and a simplified formula.

Every leaf is scaled to integers (weights and quota times the common denominator), divided by
the gcd of its weights (the quota rounded up, which keeps ``sum >= quota`` exact) and folded
to a constant when it is always or never met. Leaves whose weight vectors coincide share one
*dimension*: a coalition's position in that dimension is its weight sum there, and each leaf
is ``sum[dimension] >= quota``. ``all`` / ``any`` are flattened, constants folded, duplicates
dropped, and sibling leaves on one dimension merged (``all`` keeps the largest quota, ``any``
the smallest). What remains is a monotone formula over a few weight sums, which the engines
evaluate through the functions built here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import TypeAlias

from respublika.games.spec import All, Formula, Game, Leaf

# A simplified rule: ("leaf", dimension, quota) | ("all", children) | ("any", children),
# or a bool for a rule that does not depend on the coalition at all.
Node: TypeAlias = tuple[object, ...]
Rule: TypeAlias = Node | bool


@dataclass(frozen=True)
class Compiled:
    """A game in integer form. ``dims[d][g]`` is group ``g``'s weight per member in ``d``."""

    names: tuple[str, ...]
    sizes: tuple[int, ...]
    dims: tuple[tuple[int, ...], ...]
    caps: tuple[int, ...]
    rule: Rule
    warnings: tuple[str, ...]

    @property
    def players(self) -> int:
        return sum(self.sizes)

    def sums(self, counts: Sequence[int]) -> list[int]:
        """The weight sums, per dimension, of a coalition with ``counts[g]`` of each group."""
        return [sum(w * k for w, k in zip(dim, counts, strict=True)) for dim in self.dims]

    @cached_property
    def full_sums(self) -> tuple[int, ...]:
        """The weight sums of the coalition of all players."""
        return tuple(self.sums(self.sizes))

    @cached_property
    def predicate(self) -> Callable[[Sequence[int]], bool]:
        """Weight sums per dimension -> is the rule met?"""
        rule = self.rule
        if isinstance(rule, bool):
            return lambda sums: rule
        return make_predicate(rule)

    @cached_property
    def wins(self) -> Callable[[Sequence[int]], bool]:
        """Members per group (``counts[g]`` of group ``g``) -> does the coalition win?"""
        rule = self.rule
        if isinstance(rule, bool):
            return lambda counts: rule
        return make_count_predicate(rule, self.dims)

    def threshold(self) -> int | None:
        """For a rule over one dimension: the least weight sum that wins, else ``None``."""
        return self._threshold

    @cached_property
    def _threshold(self) -> int | None:
        if isinstance(self.rule, bool) or len(self.dims) != 1:
            return None
        quotas = sorted({q for _, q in leaves(self.rule)})
        return next(q for q in quotas if self.predicate([q]))


def compile_game(game: Game) -> Compiled:
    """Scale, simplify and index the rule of ``game``."""
    names = tuple(game.groups)
    sizes = tuple(game.groups.values())
    dim_index: dict[tuple[int, ...], int] = {}
    warnings: list[str] = []

    def leaf(node: Leaf, where: str) -> Rule:
        weights = [node.weights.get(name, Fraction(0)) for name in names]
        scale = math.lcm(node.quota.denominator, *(w.denominator for w in weights))
        ints = [w.numerator * (scale // w.denominator) for w in weights]
        quota = node.quota.numerator * (scale // node.quota.denominator)
        divisor = math.gcd(*ints)
        if divisor == 0:  # every weight is zero
            return quota <= 0
        ints = [w // divisor for w in ints]
        quota = -(-quota // divisor)
        if quota <= 0:
            return True
        total = sum(w * n for w, n in zip(ints, sizes, strict=True))
        if quota > total:
            warnings.append(
                f"quota {_show(node.quota)} exceeds the total weight "
                f"{_show(sum((w * n for w, n in zip(weights, sizes, strict=True)), Fraction(0)))}"
                f" at {where}: that condition can never be met"
            )
            return False
        key = tuple(ints)
        return ("leaf", dim_index.setdefault(key, len(dim_index)), quota)

    def simplify(node: Formula, where: str) -> Rule:
        if isinstance(node, Leaf):
            return leaf(node, where)
        kind = "all" if isinstance(node, All) else "any"
        absorbing = kind != "all"  # the constant that decides the node: False for all
        kids: list[Node] = []
        for i, sub in enumerate(node.children):
            child = simplify(sub, f"{where}.{kind}[{i}]")
            if isinstance(child, bool):
                if child is absorbing:
                    return absorbing
                continue
            kids.extend(child[1] if child[0] == kind else [child])  # type: ignore[arg-type]
        return _merge(kind, kids)

    rule = simplify(game.wins, "wins")
    # Renumber dimensions to those the simplified rule still uses.
    used = sorted({d for d, _ in leaves(rule)}) if not isinstance(rule, bool) else []
    renumber = {old: new for new, old in enumerate(used)}
    vectors = {d: v for v, d in dim_index.items()}
    dims = tuple(vectors[d] for d in used)
    if not isinstance(rule, bool):
        rule = _renumber(rule, renumber)
    caps = [0] * len(dims)
    for d, q in leaves(rule) if not isinstance(rule, bool) else []:
        caps[d] = max(caps[d], q)
    return Compiled(names, sizes, dims, tuple(caps), rule, tuple(warnings))


def _show(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def _merge(kind: str, kids: list[Node]) -> Rule:
    if not kids:
        return kind == "all"  # every child was the neutral constant
    best: dict[int, int] = {}  # leaf quotas per dimension, merged
    others: list[Node] = []
    for kid in kids:
        if kid[0] == "leaf":
            d, q = kid[1], kid[2]
            assert isinstance(d, int) and isinstance(q, int)
            old = best.get(d)
            best[d] = q if old is None else (max(old, q) if kind == "all" else min(old, q))
        elif kid not in others:
            others.append(kid)
    merged: list[Node] = [("leaf", d, q) for d, q in best.items()] + others
    return merged[0] if len(merged) == 1 else (kind, tuple(merged))


def _renumber(node: Node, renumber: dict[int, int]) -> Node:
    if node[0] == "leaf":
        d = node[1]
        assert isinstance(d, int)
        return ("leaf", renumber[d], node[2])
    kids = node[1]
    assert isinstance(kids, tuple)
    return (node[0], tuple(_renumber(k, renumber) for k in kids))


def leaves(node: Node) -> list[tuple[int, int]]:
    if node[0] == "leaf":
        d, q = node[1], node[2]
        assert isinstance(d, int) and isinstance(q, int)
        return [(d, q)]
    kids = node[1]
    assert isinstance(kids, tuple)
    return [pair for kid in kids for pair in leaves(kid)]


def _expression(node: Node, sums: Sequence[str]) -> str:
    if node[0] == "leaf":
        d, q = node[1], node[2]
        assert isinstance(d, int) and isinstance(q, int)
        return f"{sums[d]} >= {q}"
    kids = node[1]
    assert isinstance(kids, tuple)
    joiner = " and " if node[0] == "all" else " or "
    return "(" + joiner.join(_expression(kid, sums) for kid in kids) + ")"


def _function(lines: list[str]) -> Callable[[Sequence[int]], bool]:
    # The rule is evaluated millions of times, so it is compiled to one Python function.
    # The source holds nothing but integers and fixed names: no user text reaches it.
    namespace: dict[str, object] = {}
    exec("\n".join(lines), {"__builtins__": {}}, namespace)
    function = namespace["holds"]
    assert callable(function)
    return function


def make_predicate(node: Node) -> Callable[[Sequence[int]], bool]:
    """A compiled function: weight sums per dimension -> does the rule hold?"""
    dims = 1 + max(d for d, _ in leaves(node))
    return _function(
        ["def holds(s):", f"    return {_expression(node, [f's[{d}]' for d in range(dims)])}"]
    )


def _balanced_sum(terms: list[str]) -> str:
    """``a + b + ...`` nested as a balanced tree: a flat chain of thousands of terms would
    overflow the recursion of Python's compiler."""
    if len(terms) <= 32:
        return " + ".join(terms) or "0"
    half = len(terms) // 2
    return f"({_balanced_sum(terms[:half])}) + ({_balanced_sum(terms[half:])})"


def make_count_predicate(
    node: Node, dims: Sequence[Sequence[int]]
) -> Callable[[Sequence[int]], bool]:
    """A compiled function: members per group -> does the rule hold?"""
    lines = ["def holds(k):"]
    for d, dim in enumerate(dims):
        terms = [f"k[{g}]" if w == 1 else f"{w} * k[{g}]" for g, w in enumerate(dim) if w]
        lines.append(f"    s{d} = {_balanced_sum(terms)}")
    lines.append(f"    return {_expression(node, [f's{d}' for d in range(len(dims))])}")
    return _function(lines)


def make_threshold(
    node: Node, weights: Sequence[int], limit: int
) -> Callable[[Sequence[int]], int]:
    """A closure: given the weight sums of the other groups, the least number of members of
    one group (``weights[d]`` each, at most ``limit``) that makes the rule hold;
    ``limit + 1`` when no number does."""
    never = limit + 1
    if node[0] == "leaf":
        d, q = node[1], node[2]
        assert isinstance(d, int) and isinstance(q, int)
        w = weights[d]

        def leaf(sums: Sequence[int]) -> int:
            need = q - sums[d]
            if need <= 0:
                return 0
            if w == 0:
                return never
            return min(-(-need // w), never)

        return leaf
    kids = node[1]
    assert isinstance(kids, tuple)
    parts = [make_threshold(kid, weights, limit) for kid in kids]
    if node[0] == "all":
        return lambda sums: max(p(sums) for p in parts)
    return lambda sums: min(p(sums) for p in parts)


def dims_per_group(compiled: Compiled) -> list[tuple[int, ...]]:
    """``[g][d]``: each group's weight per member in each dimension."""
    return [tuple(dim[g] for dim in compiled.dims) for g in range(len(compiled.sizes))]
