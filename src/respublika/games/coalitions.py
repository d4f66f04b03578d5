"""Veto players, blocking minorities and the minimal winning and blocking coalitions.

Coalitions are count vectors: how many members of each group (for a game of single players or
blocs, a set). A coalition is *winning* when the rule holds for it, and *blocking* when the
players outside it cannot win without it: its complement loses. Both properties are monotone,
so their minimal members describe them completely.

The minimal coalitions are found by a depth-first search over count vectors that stops as soon
as the coalition built so far already has the property (a larger one would not be minimal),
prunes a branch when even adding every remaining player cannot reach it, and takes the last
group's count by bisection. The search is output-sensitive, but a game can have astronomically
many minimal coalitions, so it gives up (and says so) past ``MAX_LISTED`` coalitions or
``SEARCH_BUDGET`` evaluations of the rule, and does not start for more than ``MAX_GROUPS``
groups.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from respublika.games.rules import Compiled, dims_per_group, make_threshold

MAX_LISTED = 1000
"""The most minimal coalitions listed; beyond it the list is omitted."""

SEARCH_BUDGET = 100_000
"""The most rule evaluations the search for minimal coalitions may spend."""

MAX_GROUPS = 20
"""Games of more groups than this are not searched for minimal coalitions at all."""


class NotListed(Exception):
    """The minimal coalitions are not listed; the message says why."""


def _without(compiled: Compiled, group: int) -> Callable[[int], bool]:
    """``wins_without(m)``: does everyone win but ``m`` members of ``group``? Evaluated on
    the weight sums, so each call costs the rule's size, not the number of groups."""
    full = compiled.full_sums
    weights = [dim[group] for dim in compiled.dims]
    holds = compiled.predicate
    return lambda m: holds([s - m * w for s, w in zip(full, weights, strict=True)])


def veto_groups(compiled: Compiled) -> list[int]:
    """Groups whose every member is in every winning coalition (none when nothing wins)."""
    if not compiled.predicate(compiled.full_sums):
        return []
    return [g for g in range(len(compiled.sizes)) if not _without(compiled, g)(1)]


def blocking_minority(compiled: Compiled, group: int) -> int | None:
    """The fewest members of ``group`` who, voting no while everyone else votes yes, defeat
    the rule; ``None`` when the group alone cannot (or when nothing ever wins)."""
    wins_without = _without(compiled, group)
    size = compiled.sizes[group]
    if not wins_without(0) or wins_without(size):
        return None
    lo, hi = 1, size  # losing when `hi` members abstain; find the fewest
    while lo < hi:
        mid = (lo + hi) // 2
        if wins_without(mid):
            lo = mid + 1
        else:
            hi = mid
    return lo


def minimal_coalitions(compiled: Compiled, *, blocking: bool) -> list[tuple[int, ...]]:
    """The minimal winning (or blocking) count vectors, fewest players first. ``NotListed``
    when there are more than ``MAX_LISTED``, the search runs over ``SEARCH_BUDGET``, the game
    has more than ``MAX_GROUPS`` groups, or the rule is constant (no coalition is minimal
    in a meaningful sense: every one or none wins)."""
    rule = compiled.rule
    sizes = compiled.sizes
    if isinstance(rule, bool):
        raise NotListed("every coalition wins or none does")
    if len(sizes) > MAX_GROUPS:
        raise NotListed(f"more than {MAX_GROUPS} groups")
    order = sorted(range(len(sizes)), key=lambda g: sizes[g])  # the largest group last
    last = order[-1]
    n_last = sizes[last]
    tau = make_threshold(rule, dims_per_group(compiled)[last], n_last)
    wins = compiled.wins
    holds: Callable[[Sequence[int]], bool] = wins
    if blocking:

        def blocks(k: Sequence[int]) -> bool:
            return not wins([n - x for n, x in zip(sizes, k, strict=True)])

        holds = blocks

        def least_last(k: Sequence[int]) -> int | None:
            # The others of the last group make the rest win from `need` members on, so
            # blocking takes all but need - 1 of them.
            rest = [n - x for n, x in zip(sizes, k, strict=True)]
            rest[last] = 0
            need = tau(compiled.sums(rest))
            return None if need == 0 else n_last - need + 1

    else:

        def least_last(k: Sequence[int]) -> int | None:
            need = tau(compiled.sums(k))
            return None if need > n_last else need

    found = _search(sizes, order, _budgeted(holds), least_last)
    return sorted(found, key=lambda k: (sum(k), [-x for x in k]))


def _budgeted(holds: Callable[[Sequence[int]], bool]) -> Callable[[Sequence[int]], bool]:
    spent = [0]

    def counted(k: Sequence[int]) -> bool:
        spent[0] += 1
        if spent[0] > SEARCH_BUDGET:
            raise NotListed(f"the search took more than {SEARCH_BUDGET} evaluations of the rule")
        return holds(k)

    return counted


def _search(
    sizes: Sequence[int],
    order: Sequence[int],
    holds: Callable[[Sequence[int]], bool],
    least_last: Callable[[Sequence[int]], int | None],
) -> list[tuple[int, ...]]:
    """Depth-first search over the groups in ``order``; ``least_last(k)`` is the fewest
    members of the last group for which ``k`` (with that count) holds, if any."""
    k = [0] * len(sizes)
    found: list[tuple[int, ...]] = []

    def record() -> None:
        for g, x in enumerate(k):
            if x:
                k[g] -= 1
                smaller = holds(k)
                k[g] += 1
                if smaller:
                    return
        found.append(tuple(k))
        if len(found) > MAX_LISTED:
            raise NotListed(f"more than {MAX_LISTED} of them")

    def reachable(pos: int) -> bool:
        """Does the property hold once every group from ``pos`` on is complete?"""
        rest = order[pos:]
        for g in rest:
            k[g] = sizes[g]
        ok = holds(k)
        for g in rest:
            k[g] = 0
        return ok

    def least(g: int, lo: int, test: Callable[[], bool]) -> int:
        """The least count of group ``g`` in ``[lo, sizes[g]]`` passing the monotone ``test``
        (which passes at ``sizes[g]``)."""
        hi = sizes[g]
        while lo < hi:
            mid = (lo + hi) // 2
            k[g] = mid
            if test():
                hi = mid
            else:
                lo = mid + 1
        k[g] = 0
        return lo

    def visit(pos: int) -> bool:
        """Search the groups from ``pos`` on (all at 0); true when ``k`` already holds."""
        if holds(k):
            record()
            return True
        if pos == len(order) or not reachable(pos):
            return False
        g = order[pos]
        if pos == len(order) - 1:
            count = least_last(k)
            if count is not None:
                k[g] = count
                record()
                k[g] = 0
            return False
        start = least(g, 0, lambda: reachable(pos + 1))
        for count in range(start, sizes[g] + 1):
            k[g] = count
            if visit(pos + 1):
                break  # with more of this group the coalition would not be minimal
        k[g] = 0
        return False

    visit(0)
    return found
