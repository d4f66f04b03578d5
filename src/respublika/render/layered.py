"""A layered (Sugiyama-style) drawing of a directed graph, and text measured for SVG.

Used by the procedure diagram (:mod:`.diagram`) and the structure picture (:mod:`.structure`).
The steps, all deterministic:

1. **cycles**: a depth-first search from the roots marks the edges that close a cycle (back
   edges); they are reversed for the layout and drawn as going back;
2. **layers**: longest-path layering (every edge goes down at least one layer); optionally no
   layer holds more than ``max_per_layer`` nodes (sinks move down);
3. **dummies**: an edge spanning several layers gets one dummy node per layer between, so
   every edge runs between adjacent layers and long edges get their own lane;
4. **order**: barycentre sweeps down and up reduce crossings (the best order seen is kept);
5. **coordinates**: nodes move toward their neighbours' mean without overlapping;
6. **ports**: the edges leaving (entering) a node get distinct points along its bottom (top),
   sorted by where they go, so no two edges share a segment.

Text is measured conservatively (wider than a sans-serif font draws it), so a box sized
with :func:`text_width` holds its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

_NARROW = set("ijlI.,:;'!| ")
_SLIM = set("tfr()[]-")
_WIDE = set("mMW@%&—")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A width at least as wide as common sans-serif fonts (DejaVu Sans, the widest, included)
    draw ``text`` at ``size`` px."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.34
        elif ch in _SLIM:
            em += 0.42
        elif ch in _WIDE:
            em += 1.0
        elif ch == "w":
            em += 0.84
        elif ch.isupper():
            em += 0.8
        else:
            em += 0.65
    return em * size * (1.15 if bold else 1.0)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` (a word longer than that stands alone)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


@dataclass
class Edge:
    """One edge of the drawing: ``points`` from the source's port to the target's port, the
    middle ones at dummy nodes (``(x, y_top, y_bottom)`` bands); ``back`` when it closes a cycle."""

    source: Any
    target: Any
    back: bool = False
    start: tuple[float, float] = (0.0, 0.0)
    end: tuple[float, float] = (0.0, 0.0)
    dummies: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass
class Layout:
    nodes: dict[Any, tuple[float, float, float, float]]  # x, y (top left), w, h
    edges: list[Edge]
    layers: list[list[Any]]
    width: float
    height: float
    layer_bands: list[tuple[float, float]]  # (top, bottom) of each layer


def layout(
    nodes: Sequence[Any],
    edges: Sequence[tuple[Any, Any]],
    sizes: dict[Any, tuple[float, float]],
    *,
    lane: float = 22.0,
    gap_x: float = 28.0,
    lane_gap: float = 8.0,
    gap_y: float = 60.0,
    margin: float = 20.0,
    top: float = 0.0,
    max_per_layer: int | None = None,
    sinks_last: Sequence[Any] = (),
    reserve: dict[Any, float] | None = None,
) -> Layout:
    """Place ``nodes`` (sized by ``sizes``: width, height) and route ``edges`` (self-loops are
    left to the caller; they are not in the result). ``lane`` is a dummy node's width, ``lane_gap``
    the room between two dummies (``gap_x`` between a node and anything);
    ``sinks_last`` are put in the last layer; ``reserve`` keeps room on a node's right (for a loop)."""
    index = {n: i for i, n in enumerate(nodes)}
    real = [(s, t) for s, t in edges if s != t and s in index and t in index]
    out: dict[Any, list[Any]] = {n: [] for n in nodes}
    for s, t in real:
        out[s].append(t)
    # 1. back edges by depth-first search from the roots (nodes nobody points to), then the rest
    incoming = {t for _, t in real}
    order = [n for n in nodes if n not in incoming] + [n for n in nodes if n in incoming]
    state: dict[Any, int] = {}
    back: set[tuple[Any, Any]] = set()
    for root in order:
        if root in state:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            here, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[here] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((here, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(out[child])))
    dag = [(t, s) if (s, t) in back else (s, t) for s, t in real]
    # 2. longest-path layering
    preds: dict[Any, list[Any]] = {n: [] for n in nodes}
    for s, t in dag:
        preds[t].append(s)
    level: dict[Any, int] = {}

    def depth(n: Any) -> int:
        pending = [n]
        while pending:
            cur = pending[-1]
            missing = [p for p in preds[cur] if p not in level]
            if missing:
                pending += missing
                continue
            pending.pop()
            level[cur] = max((level[p] + 1 for p in preds[cur]), default=0)
        return level[n]

    for n in nodes:
        depth(n)
    if sinks_last:
        bottom = max(level.values(), default=0)
        has_successor = {s for s, _ in dag}
        for n in sinks_last:
            if n in level and n not in has_successor:
                level[n] = bottom
    count = max(level.values(), default=0) + 1
    rows: list[list[Any]] = [[] for _ in range(count)]
    for n in sorted(nodes, key=lambda n: (level[n], index[n])):
        rows[level[n]].append(n)
    if max_per_layer:
        succ_of = {s for s, _ in dag}
        i = 0
        while i < len(rows):
            row = rows[i]
            movable = [n for n in row if n not in succ_of]
            while len(row) > max_per_layer and movable:
                n = movable.pop()
                row.remove(n)
                if i + 1 == len(rows):
                    rows.append([])
                rows[i + 1].insert(0, n)
                level[n] = i + 1
            i += 1
    # 3. dummies
    chains: list[tuple[Any, Any, bool, list[Any]]] = []
    width_of: dict[Any, float] = {n: sizes[n][0] + (reserve or {}).get(n, 0.0) for n in nodes}
    counter = 0
    for (s, t), (ls, lt) in zip(real, dag, strict=True):
        is_back = (s, t) in back
        chain = [ls]
        for k in range(level[ls] + 1, level[lt]):
            counter += 1
            dummy = ("\0dummy", counter)
            level[dummy] = k
            width_of[dummy] = lane
            rows[k].append(dummy)
            chain.append(dummy)
        chain.append(lt)
        chains.append((s, t, is_back, chain))
    up: dict[Any, list[Any]] = {}
    down: dict[Any, list[Any]] = {}
    for _, _, _, chain in chains:
        for a, b in pairwise(chain):
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
    # 4. order: barycentre sweeps, keep the best
    def crossings(rs: list[list[Any]]) -> int:
        total = 0
        for upper, lower in pairwise(rs):
            pos_u = {n: i for i, n in enumerate(upper)}
            pos_l = {n: i for i, n in enumerate(lower)}
            pairs = [(pos_u[a], pos_l[b]) for a in upper for b in down.get(a, []) if b in pos_l]
            total += sum(1 for i, (a1, b1) in enumerate(pairs) for a2, b2 in pairs[i + 1:]
                         if (a1 - a2) * (b1 - b2) < 0)
        return total

    best = [list(r) for r in rows]
    best_cross = crossings(best)
    current = [list(r) for r in rows]
    for sweep in range(12):
        downward = sweep % 2 == 0
        rng = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for i in rng:
            ref = current[i - 1] if downward else current[i + 1]
            pos = {n: k for k, n in enumerate(ref)}
            nbrs = up if downward else down
            old = {n: k for k, n in enumerate(current[i])}

            def bary(n: Any, pos: dict[Any, int] = pos, nbrs: dict[Any, list[Any]] = nbrs,
                     old: dict[Any, int] = old) -> float:
                ks = [pos[m] for m in nbrs.get(n, []) if m in pos]
                return sum(ks) / len(ks) if ks else float(old[n])

            current[i].sort(key=lambda n: (bary(n), old[n]))
        c = crossings(current)
        if c < best_cross:
            best, best_cross = [list(r) for r in current], c
    rows = best
    # 5. coordinates
    heights = [max((sizes[n][1] for n in row if n in sizes), default=lane) for row in rows]
    bands: list[tuple[float, float]] = []
    y = top + margin
    for h in heights:
        bands.append((y, y + h))
        y += h + gap_y
    dummy_ids = {n for row in rows for n in row if n not in sizes}

    def gap(a: Any, b: Any) -> float:
        return lane_gap if a in dummy_ids and b in dummy_ids else gap_x

    x: dict[Any, float] = {}
    for row in rows:
        cursor = 0.0
        prev = None
        for n in row:
            cursor += 0.0 if prev is None else gap(prev, n)
            x[n] = cursor + width_of[n] / 2
            cursor += width_of[n]
            prev = n

    def separate(row: list[Any]) -> None:
        for a, b in pairwise(row):
            need = x[a] + (width_of[a] + width_of[b]) / 2 + gap(a, b)
            if x[b] < need:
                x[b] = need
        for a, b in zip(reversed(row[:-1]), reversed(row[1:]), strict=False):
            need = x[b] - (width_of[a] + width_of[b]) / 2 - gap(a, b)
            if x[a] > need:
                x[a] = need

    for it in range(16):
        seq = range(1, len(rows)) if it % 2 == 0 else range(len(rows) - 2, -1, -1)
        nbrs = up if it % 2 == 0 else down
        for i in seq:
            for n in rows[i]:
                ks = [x[m] for m in nbrs.get(n, [])]
                if ks:
                    x[n] = (x[n] + 2 * sum(ks) / len(ks)) / 3
            separate(rows[i])
            # a second pass left to right keeps the minimum gaps after the right-to-left one
            for a, b in pairwise(rows[i]):
                need = x[a] + (width_of[a] + width_of[b]) / 2 + gap(a, b)
                x[b] = max(x[b], need)
    left = min(x[n] - width_of[n] / 2 for row in rows for n in row)
    for n in x:
        x[n] += margin - left
    width = max(x[n] + width_of[n] / 2 for row in rows for n in row) + margin
    placed = {n: (x[n] - width_of[n] / 2, bands[level[n]][0] + (heights[level[n]] - sizes[n][1]) / 2,
                  sizes[n][0], sizes[n][1]) for n in nodes}
    # 6. ports
    leaving: dict[Any, list[tuple[float, int]]] = {}
    entering: dict[Any, list[tuple[float, int]]] = {}
    for k, (_, _, _, chain) in enumerate(chains):
        leaving.setdefault(chain[0], []).append((x[chain[1]], k))
        entering.setdefault(chain[-1], []).append((x[chain[-2]], k))
    start: dict[int, tuple[float, float]] = {}
    end: dict[int, tuple[float, float]] = {}
    for node, items in leaving.items():
        bx, by, bw, bh = placed[node]
        for j, (_, k) in enumerate(sorted(items)):
            start[k] = (bx + bw * (j + 1) / (len(items) + 1), by + bh)
    for node, items in entering.items():
        bx, by, bw, _bh = placed[node]
        for j, (_, k) in enumerate(sorted(items)):
            end[k] = (bx + bw * (j + 1) / (len(items) + 1), by)
    result = []
    for k, (s, t, is_back, chain) in enumerate(chains):
        dummies = [(x[d], bands[level[d]][0], bands[level[d]][1]) for d in chain[1:-1]]
        result.append(Edge(s, t, is_back, start[k], end[k], dummies))
    return Layout(placed, result, [[n for n in row if n in sizes] for row in rows], width,
                  bands[-1][1] + margin if bands else top + margin, bands)


def edge_path(edge: Edge) -> str:
    """The SVG path of an edge: vertical tangents at every layer boundary, straight through
    its dummies. It runs downward (from the upper end); a back edge's arrow is at its start."""
    points: list[tuple[float, float]] = [edge.start]
    for dx, y0, y1 in edge.dummies:
        points += [(dx, y0), (dx, y1)]
    points.append(edge.end)
    d = f"M{points[0][0]:.1f},{points[0][1]:.1f}"
    for i in range(0, len(points) - 1, 2):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        mid = (y0 + y1) / 2
        d += f" C{x0:.1f},{mid:.1f} {x1:.1f},{mid:.1f} {x1:.1f},{y1:.1f}"
        if i + 2 < len(points):
            d += f" L{points[i + 2][0]:.1f},{points[i + 2][1]:.1f}"
    return d


def edge_point(edge: Edge, t: float) -> tuple[float, float]:
    """A point on the first gap's curve (``t`` from 0 to 1), or the middle of a dummy band."""
    if edge.dummies:
        dx, y0, y1 = edge.dummies[len(edge.dummies) // 2]
        return dx, (y0 + y1) / 2
    (x0, y0), (x1, y1) = edge.start, edge.end
    # the cubic with vertical tangents: x follows the smoothstep, y is linear
    s = 3 * t * t - 2 * t ** 3
    mid = (y0 + y1) / 2
    return x0 + (x1 - x0) * s, (1 - t) ** 3 * y0 + 3 * t * (1 - t) * mid + t ** 3 * y1
