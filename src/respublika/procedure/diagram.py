"""The state machine of a matter kind as a diagram: SVG (drawn here) or Graphviz DOT.

Nodes are the states (plus ``new``); arrows are the rules (one per outcome of a vote)
and the deadlines (dashed), labelled with the act, the parameters the rule fixes, the
outcome and the citations. The SVG layout is simple and deterministic: states in layers
by their distance from ``new`` (top to bottom), in declaration order within a layer;
arrows to the same or an earlier layer bend to the side.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from xml.sax.saxutils import escape

from respublika.errors import InputError
from respublika.procedure.explain import kind_text, state_text
from respublika.procedure.rules import fixed_params
from respublika.profile.schema import MatterKind, Profile

NODE_W, NODE_H, GAP_X, GAP_Y, MARGIN = 190, 44, 90, 150, 60


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
    """States by distance from ``new`` (unreachable ones last)."""
    kind = _kind(profile, matter)
    order = ["new", *kind.states]
    dist = {"new": 0}
    queue = deque(["new"])
    edges = arrows(profile, matter)
    while queue:
        here = queue.popleft()
        for a in edges:
            if a.source == here and a.target not in dist:
                dist[a.target] = dist[here] + 1
                queue.append(a.target)
    last = max(dist.values()) + 1
    grouped: dict[int, list[str]] = {}
    for state in order:
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


def to_svg(profile: Profile, matter: str, lang: str = "en") -> str:
    """A self-contained SVG of the kind's state machine."""
    kind = _kind(profile, matter)
    rows = layers(profile, matter)
    width = max(len(r) for r in rows) * (NODE_W + GAP_X) + 2 * MARGIN + 200
    height = len(rows) * (NODE_H + GAP_Y) + 2 * MARGIN
    pos: dict[str, tuple[float, float]] = {}
    for i, row in enumerate(rows):
        row_w = len(row) * NODE_W + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for j, state in enumerate(row):
            pos[state] = (x0 + j * (NODE_W + GAP_X) + NODE_W / 2, MARGIN + 30 + i * (NODE_H + GAP_Y) + NODE_H / 2)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(kind_text(profile, matter, lang))}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
        f'<text x="{MARGIN}" y="{MARGIN - 20}" font-size="16" font-weight="bold">'
        f"{escape(kind_text(profile, matter, lang))} ({escape(profile.id)})</text>",
    ]
    grouped: dict[tuple[str, str], list[Arrow]] = {}
    for a in arrows(profile, matter):
        grouped.setdefault((a.source, a.target), []).append(a)
    for n, ((source, target), group) in enumerate(grouped.items()):
        out += _edge(pos, source, target, group, n)
    for state, (x, y) in pos.items():
        out += _node(kind, profile, matter, state, x, y, lang)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _edge(pos: dict[str, tuple[float, float]], source: str, target: str, group: list[Arrow], n: int) -> list[str]:
    (x1, y1), (x2, y2) = pos[source], pos[target]
    dashed = ' stroke-dasharray="6,4"' if all(a.deadline for a in group) else ""
    labels = [f"{a.label} [{', '.join(a.cites)}]" for a in group]
    title = escape("; ".join(labels))
    if source == target:
        path = (f"M{x1 + NODE_W / 2},{y1 - 8} C{x1 + NODE_W / 2 + 60},{y1 - 50} "
                f"{x1 + NODE_W / 2 + 60},{y1 + 50} {x1 + NODE_W / 2},{y1 + 8}")
        lx, ly = x1 + NODE_W / 2 + 50, y1
    elif y2 > y1:
        sy, ty = y1 + NODE_H / 2, y2 - NODE_H / 2
        path = f"M{x1},{sy} L{x2},{ty}"
        lx, ly = (x1 + x2) / 2, (sy + ty) / 2
    else:
        side = NODE_W / 2 if x2 >= x1 else -NODE_W / 2
        bend = 90 + 25 * (n % 3)
        cx = max(x1, x2) + bend if side > 0 else min(x1, x2) - bend
        path = f"M{x1 + side},{y1} Q{cx},{(y1 + y2) / 2} {x2 + side},{y2}"
        lx, ly = cx - (10 if side > 0 else -10), (y1 + y2) / 2
    out = [f'<g><title>{title}</title><path d="{path}" fill="none" stroke="#444" stroke-width="1.4"{dashed} '
           'marker-end="url(#arrow)"/>']
    anchor = "start" if source == target or (y2 <= y1 and x2 >= x1) else "middle"
    for i, label in enumerate(labels):
        out.append(f'<text x="{lx:.0f}" y="{ly + 4 + (i - (len(labels) - 1) / 2) * 14:.0f}" text-anchor="{anchor}" '
                   f'fill="#1a4480" stroke="white" stroke-width="3" paint-order="stroke">{escape(label)}</text>')
    out.append("</g>")
    return out


def _node(kind: MatterKind, profile: Profile, matter: str, state: str, x: float, y: float, lang: str) -> list[str]:
    if state == "new":
        return [f'<g><title>new</title><circle cx="{x}" cy="{y}" r="14" fill="#333"/>'
                f'<text x="{x + 22}" y="{y + 4}">new</text></g>']
    spec = kind.states[state]
    fill = "#e8f0e8" if spec.final else "#eef3fb"
    border = ' stroke-width="3"' if spec.final else ' stroke-width="1.5"'
    tip = escape(f"{state_text(profile, matter, state, lang)} [{', '.join(spec.cites)}]")
    return [
        f"<g><title>{tip}</title>",
        f'<rect x="{x - NODE_W / 2}" y="{y - NODE_H / 2}" width="{NODE_W}" height="{NODE_H}" rx="10" '
        f'fill="{fill}" stroke="#333"{border}/>',
        f'<text x="{x}" y="{y + 4}" text-anchor="middle" font-weight="bold">{escape(state)}</text>',
        "</g>",
    ]
