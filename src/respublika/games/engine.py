"""Choosing how to count swings, and counting them.

Three exact methods count, for one member of each group, the coalitions of the others for
which that member is decisive (by coalition size when Shapley-Shubik is wanted):

* ``weighted`` (``weighted.py``): rules over one weight sum, e.g. any weighted game; the
  generating function over weights, packed into one big integer.
* ``vectors`` (``vectors.py``): few groups, e.g. chambers of individual members; the count
  vectors of all groups but the largest, the largest handled as an interval.
* ``dp`` (``dp.py``): any rule; dynamic programming over groups with a tuple of capped
  weight sums as the state, one dimension packed into the values.

Groups with the same weights everywhere are merged first (``merge_interchangeable``).

``plan`` estimates the work of each (in rough microseconds) and picks the cheapest; a game
for which even that is beyond ``WORK_LIMIT`` is refused with an ``InputError`` rather than
left to run for hours. No method lists the ``2**n`` coalitions of players.
"""

from __future__ import annotations

import math

from respublika.errors import InputError
from respublika.games.dp import dp_swings, front_states
from respublika.games.ndp import MAX_CELLS, layout, numpy_swings, table_cells
from respublika.games.ndp import MAX_PLAYERS as NUMPY_PLAYERS
from respublika.games.packing import slot_bits
from respublika.games.rules import Compiled, dims_per_group, leaves
from respublika.games.vectors import largest_group, outer_vectors, vector_swings
from respublika.games.weighted import weighted_swings

METHODS = ("weighted", "vectors", "dp", "numpy")
WORK_LIMIT = 60e6
"""Estimated microseconds beyond which a game is refused (about a minute)."""

HUGE = 10**18
"""Counts of states beyond this are all the same to the planner (and stay floats' friends)."""

MAX_VECTORS = 2_000_000
"""The most count vectors the vectors method may hold in its lists."""

MEMORY_LIMIT_BITS = 2**33
"""The largest packed table (in bits, 1 GiB) the weighted method may build."""


NUMPY_MEMORY_BYTES = 2**31
"""The most memory (bytes) the numpy method's tables may take."""

# The cost model, in microseconds, calibrated on measured runs of the benchmark games
# (benchmarks/bench_games.py, the "planner" rows; docs/games.md gives the figures): each
# constant is a measured rate on the development machine, and an estimate falls within 3x of
# the actual time of the method on every benchmark game.
BIG_INT_BITS_PER_US = 16_000
"""Shift-and-add of big integers: bits per microsecond (memory-bound for large tables)."""
PYTHON_STEP_US = 0.1
"""One step of a Python loop over coefficients or counts."""
DP_REACHED = 0.25
"""With several dimensions, the dp tables hold on average about a quarter of the possible
states (of the packed values' full width) over the additions."""
NUMPY_CALL_US = 5.0
"""One vectorized shift of a table layer: the call, before the cells."""
NUMPY_CELL_US = 0.004
"""One cell of a table in one pass of the numpy method."""


def estimates(compiled: Compiled, *, by_size: bool) -> dict[str, float]:
    """Estimated work (microseconds) of each method that applies to ``compiled``."""
    rule = compiled.rule
    assert not isinstance(rule, bool)
    sizes = compiled.sizes
    n = sum(sizes)
    groups = len(sizes)
    bits = slot_bits(n)
    x_bits = bits * (n + 1) if by_size else bits  # one packed slot of the weight tables
    costs: dict[str, float] = {}
    theta = compiled.threshold()
    if theta is not None:
        table_bits = theta * x_bits
        if table_bits <= MEMORY_LIMIT_BITS:
            # n shifts of the table; the prefix sums; theta/w window steps per distinct weight
            step = PYTHON_STEP_US + x_bits / (2 * BIG_INT_BITS_PER_US)
            windows = theta * (math.log(groups) + 0.58) * step
            costs["weighted"] = n * table_bits / BIG_INT_BITS_PER_US + theta * step + windows
    leaf_count = len(leaves(rule))
    combos = min(outer_vectors(compiled, largest_group(compiled)), HUGE)
    per_combo = 0.3 * (groups + leaf_count + len(compiled.dims)) + (
        n * bits / 24000 if by_size else 0
    )
    if combos <= MAX_VECTORS:
        costs["vectors"] = combos * per_combo
    fronts = min(front_states(compiled), math.prod(s + 1 for s in sizes), HUGE)
    cap = max(compiled.caps)
    depth = math.ceil(math.log2(groups)) + 1 if groups > 1 else 1
    if fronts * cap * x_bits * (depth + 1) <= MEMORY_LIMIT_BITS:  # a table per level alive
        reached = 1.0 if fronts == 1 else DP_REACHED
        per_addition = fronts * (cap * x_bits / BIG_INT_BITS_PER_US + 2) * reached
        step = PYTHON_STEP_US + x_bits / (2 * BIG_INT_BITS_PER_US)
        evaluation = groups * fronts * (cap * step + 5)
        costs["dp"] = n * depth * per_addition + evaluation
    if n <= NUMPY_PLAYERS:
        cells = table_cells(compiled)
        if cells <= MAX_CELLS and cells * 8 * 6 <= NUMPY_MEMORY_BYTES:  # the table, its copy per group, temporaries
            axes = max(1, len(layout(compiled)[1]))
            calls = n * n / 2 + groups * n  # shifts: adding every member, undoing per group
            passes = (n + 3 * groups) * cells * axes
            costs["numpy"] = calls * NUMPY_CALL_US + passes * NUMPY_CELL_US
    return costs


def merge_interchangeable(compiled: Compiled) -> tuple[Compiled, list[int]]:
    """Merge the groups that weigh the same in every dimension: their members are
    interchangeable, so one group of them all has the same swings per member, and every
    method is faster with fewer groups (the 51 blocs of the Electoral College are 20
    distinct weights). Returns the merged game and each original group's merged index."""
    index: dict[tuple[int, ...], int] = {}
    merged_of: list[int] = []
    sizes: list[int] = []
    first: list[int] = []
    for g, column in enumerate(dims_per_group(compiled)):
        m = index.setdefault(column, len(index))
        if m == len(sizes):
            sizes.append(0)
            first.append(g)
        sizes[m] += compiled.sizes[g]
        merged_of.append(m)
    if len(sizes) == len(compiled.sizes):
        return compiled, merged_of
    merged = Compiled(
        names=tuple(compiled.names[g] for g in first),
        sizes=tuple(sizes),
        dims=tuple(tuple(dim[g] for g in first) for dim in compiled.dims),
        caps=compiled.caps,
        rule=compiled.rule,
        warnings=compiled.warnings,
    )
    return merged, merged_of


def plan(compiled: Compiled, *, by_size: bool) -> str:
    """The cheapest method for ``compiled``; ``InputError`` when every one is too slow."""
    compiled, _ = merge_interchangeable(compiled)
    costs = estimates(compiled, by_size=by_size)
    if not costs:
        raise InputError(
            "this game is too large to compute exactly here: its tables would not fit in "
            "memory; fewer players, fewer distinct weights or smaller quotas make it smaller; "
            "Monte Carlo estimates (power --approx) are not limited"
        )
    method = min(costs, key=lambda m: costs[m])
    if costs[method] > WORK_LIMIT:
        what = "Shapley-Shubik" if by_size else "Banzhaf"
        raise InputError(
            f"this game is too large to compute {what} exactly here (the fastest method, "
            f"{method!r}, would take about {costs[method] / 1e6:.0f} s); "
            + ("the Banzhaf index alone is cheaper; " if by_size else "")
            + "fewer players, fewer distinct weights or smaller quotas make it smaller; "
            "Monte Carlo estimates (power --approx) are not limited"
        )
    return method


def swing_counts(
    compiled: Compiled, *, by_size: bool, method: str | None = None
) -> list[list[int]]:
    """Per group, one member's swings: by size ``s`` of the coalition of the others
    (``s = 0 .. n-1``) when ``by_size``, else ``[total]``. ``method`` forces a method."""
    n = compiled.players
    if isinstance(compiled.rule, bool):  # every coalition wins, or none: nobody swings
        return [[0] * n if by_size else [0] for _ in compiled.sizes]
    if method is None:
        method = plan(compiled, by_size=by_size)
    merged, merged_of = merge_interchangeable(compiled)
    counts = _count(merged, by_size=by_size, method=method)
    return [list(counts[m]) for m in merged_of]


def _count(compiled: Compiled, *, by_size: bool, method: str) -> list[list[int]]:
    if method == "weighted":
        theta = compiled.threshold()
        if theta is None:
            raise InputError("the 'weighted' method needs a rule over a single weight sum")
        weights = list(compiled.dims[0])
        return weighted_swings(compiled.sizes, weights, theta, by_size=by_size)
    if method == "vectors":
        return vector_swings(compiled, by_size=by_size)
    if method == "dp":
        return dp_swings(compiled, by_size=by_size)
    if method == "numpy":
        return numpy_swings(compiled, by_size=by_size)
    raise InputError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
