"""The state machine of a matter kind as a diagram: SVG (drawn here) or Graphviz DOT.

Nodes are the states (plus ``new``); arrows are the rules (one per outcome of a vote)
and the deadlines (dashed), labelled with the act, the parameters the rule fixes, the
outcome and the citations. The SVG layout is simple and deterministic: the states in one
column, ordered by their distance from ``new`` (final states last); each arrow is an arc
(forward on the right, back on the left) carrying its number and citations, and a legend
beside the column spells out every arrow.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from xml.sax.saxutils import escape

from respublika.errors import InputError
from respublika.procedure.rules import fixed_params
from respublika.profile.schema import MatterKind, Profile
from respublika.render.labels import kind_text, state_text

NODE_W, NODE_H, MARGIN = 190, 40, 40


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    label: str
    cites: tuple[str, ...]
    deadline: bool = False


def _kind(profile: Profile, matter: str) -> MatterKind:
    kind = profile.procedure.matters.get(matter)
    if kind is None:
        raise InputError(f"unknown matter kind {matter!r} (kinds: {', '.join(profile.procedure.matters)})")
    return kind


def arrows(profile: Profile, matter: str) -> list[Arrow]:
    """Every transition of the kind, with its label and citations."""
    kind = _kind(profile, matter)
    open_states = [s for s, spec in kind.states.items() if not spec.final]
    out: list[Arrow] = []
    for rule in kind.rules:
        if not rule.enabled:
            continue
        sources = [s for s in rule.from_ if s != "any"] + (open_states if "any" in rule.from_ else [])
        fixed = fixed_params(profile, rule)
        label = rule.act + "".join(f" {k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in fixed.items())
        branches = [(label, rule.to, tuple(rule.cites))]
        if rule.vote is not None:
            branches = [
                (f"{label}: {name}", o.to or rule.to, tuple(dict.fromkeys([*o.cites, *rule.cites])))
                for name, outcomes in (("passed", rule.passed), ("rejected", rule.rejected))
                for o in outcomes if o.enabled
            ]
        for source in sources:
            for text, target, cites in branches:
                out.append(Arrow(source, target or source, text, cites))
    for sid, spec in kind.states.items():
        d = spec.deadline
        if d is not None and not spec.final:
            when = profile.durations[d.after].duration if d.after else f"at {d.at_var}"
            out.append(Arrow(sid, d.to, f"{d.event} ({when})", tuple(d.cites), deadline=True))
    return out


def layers(profile: Profile, matter: str) -> list[list[str]]:
    """Open states by distance from ``new``; final (and unreachable) states at the bottom."""
    kind = _kind(profile, matter)
    dist = {"new": 0}
    queue = deque(["new"])
    edges = arrows(profile, matter)
    while queue:
        here = queue.popleft()
        for a in edges:
            if a.source == here and a.target not in dist and not kind.states[a.target].final:
                dist[a.target] = dist[here] + 1
                queue.append(a.target)
    last = max(dist.values()) + 1
    grouped: dict[int, list[str]] = {}
    for state in ["new", *kind.states]:
        grouped.setdefault(dist.get(state, last), []).append(state)
    return [grouped[k] for k in sorted(grouped)]


def to_dot(profile: Profile, matter: str, lang: str = "en") -> str:
    kind = _kind(profile, matter)
    lines = [f'digraph "{matter}" {{', "  rankdir=TB;", '  node [shape=box, style=rounded, fontname="sans-serif"];',
             f'  label="{_dq(kind_text(profile, matter, lang))}";', '  new [shape=circle, label="new"];']
    for sid, spec in kind.states.items():
        extra = ", peripheries=2" if spec.final else ""
        lines.append(f'  "{sid}" [label="{sid}", tooltip="{_dq(state_text(profile, matter, sid, lang))}"{extra}];')
    for a in arrows(profile, matter):
        style = ", style=dashed" if a.deadline else ""
        lines.append(f'  "{a.source}" -> "{a.target}" [label="{_dq(a.label)} [{", ".join(a.cites)}]"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dq(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_svg(profile: Profile, matter: str, lang: str = "en", current: str | None = None) -> str:
    """A self-contained SVG: states in one column, transitions as numbered arcs (forward
    on the right, back on the left, deadlines dashed), a legend with every label.
    ``current`` highlights one state (a matter's status)."""
    kind = _kind(profile, matter)
    order = [state for row in layers(profile, matter) for state in row]
    grouped: dict[tuple[str, str], list[Arrow]] = {}
    for a in arrows(profile, matter):
        grouped.setdefault((a.source, a.target), []).append(a)
    step_y, col_x, top = NODE_H + 34, 330.0, MARGIN + 40
    pos = {state: (col_x, top + i * step_y + NODE_H / 2) for i, state in enumerate(order)}
    legend_x = col_x + NODE_W / 2 + 60 + 26 * len(order)
    rows = sum(len(g) for g in grouped.values())
    height = max(top + len(order) * step_y, top + 22 * rows + 40) + MARGIN
    width = legend_x + 640
    title = escape(kind_text(profile, matter, lang))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="12">',
        f"<title>{title}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
        f'<text x="{MARGIN}" y="{MARGIN}" font-size="16" font-weight="bold">{title} ({escape(profile.id)})</text>',
    ]
    legend: list[str] = []
    placed: list[tuple[float, float, float]] = []
    number = 0
    seen: dict[tuple[int, int], int] = {}
    for (source, target), group in grouped.items():
        numbers = list(range(number + 1, number + len(group) + 1))
        number += len(group)
        i, j = order.index(source), order.index(target)
        lane = seen[(min(i, j), max(i, j))] = seen.get((min(i, j), max(i, j)), -1) + 1
        path, (bx, by) = _arc(pos[source], pos[target], j - i, lane)
        cites = ", ".join(dict.fromkeys(c for a in group for c in a.cites))
        by = _free_y(placed, bx, by, 6.2 * (len(cites) + 4 + 3 * len(numbers)))
        dashed = ' stroke-dasharray="6,4"' if all(a.deadline for a in group) else ""
        tip = escape("; ".join(f"{a.label} [{', '.join(a.cites)}]" for a in group))
        out.append(f'<g><title>{tip}</title><path d="{path}" fill="none" stroke="#555" stroke-width="1.3"'
                   f'{dashed} marker-end="url(#arrow)"/>'
                   f'<text x="{bx:.0f}" y="{by + 4:.0f}" text-anchor="middle" fill="#1a4480" stroke="white" '
                   f'stroke-width="4" paint-order="stroke" font-size="11">{",".join(map(str, numbers))} '
                   f"[{escape(cites)}]</text></g>")
        for n, a in zip(numbers, group, strict=True):
            ly = top + 22 * (n - 1) + 4
            style = ' font-style="italic"' if a.deadline else ""
            legend.append(f'<text x="{legend_x:.0f}" y="{ly:.0f}"{style}><tspan font-weight="bold">{n}</tspan> '
                          f"{escape(source)} → {escape(target)}: {escape(a.label)} "
                          f'<tspan fill="#1a4480">[{escape(", ".join(a.cites))}]</tspan></text>')
    for state, (x, y) in pos.items():
        out += _node(kind, profile, matter, state, x, y, lang, state == current)
    out += legend
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _free_y(placed: list[tuple[float, float, float]], x: float, y: float, width: float) -> float:
    """``y`` moved up or down until a label at (x, y) overlaps no label placed before."""
    for k in range(30):
        dy = (k + 1) // 2 * 13 * (1 if k % 2 else -1)
        if all(abs(y + dy - py) >= 13 or abs(x - px) >= (width + pw) / 2 for px, py, pw in placed):
            placed.append((x, y + dy, width))
            return y + dy
    return y


def _arc(
    start: tuple[float, float], end: tuple[float, float], span: int, lane: int
) -> tuple[str, tuple[float, float]]:
    """A curve between two states of the column, and where its label goes."""
    (x, y1), (_, y2) = start, end
    half_w = NODE_W / 2
    if span == 0:  # a loop on the left, where fewer arcs run
        left = x - half_w
        return (f"M{left},{y1 - 8} C{left - 50},{y1 - 40} {left - 50},{y1 + 40} {left},{y1 + 8}",
                (left - 70, y1))
    side = 1 if span > 0 else -1  # forward on the right, back on the left
    reach = 34 + 26 * abs(span) + 14 * lane
    edge = x + side * half_w
    control = edge + side * reach * 4 / 3
    offset = 6 * side
    path = f"M{edge},{y1 + offset} C{control},{y1 + offset} {control},{y2 - offset} {edge},{y2 - offset}"
    return path, (edge + side * reach, (y1 + y2) / 2)


def _node(
    kind: MatterKind, profile: Profile, matter: str, state: str, x: float, y: float, lang: str,
    current: bool = False,
) -> list[str]:
    if state == "new":
        return [f'<g><title>new</title><circle cx="{x}" cy="{y}" r="14" fill="#333"/>'
                f'<text x="{x + 22}" y="{y + 4}">new</text></g>']
    spec = kind.states[state]
    fill = "#ffd966" if current else "#e8f0e8" if spec.final else "#eef3fb"
    border = ' stroke-width="3"' if spec.final or current else ' stroke-width="1.5"'
    tip = escape(f"{state_text(profile, matter, state, lang)} [{', '.join(spec.cites)}]")
    return [
        f'<g class="state{" current" if current else ""}" data-state="{escape(state)}"><title>{tip}</title>',
        f'<rect x="{x - NODE_W / 2}" y="{y - NODE_H / 2}" width="{NODE_W}" height="{NODE_H}" rx="10" '
        f'fill="{fill}" stroke="#333"{border}/>',
        f'<text x="{x}" y="{y + 4}" text-anchor="middle" font-weight="bold">{escape(state)}</text>',
        "</g>",
    ]
