"""The state machine of a matter kind as a diagram: SVG (drawn here) or Graphviz DOT.

Nodes are the states (plus ``new``, drawn as the start); arrows are the rules (one per
outcome of a vote) and the deadlines (dashed). The SVG is a layered graph
(:mod:`respublika.render.layered`): states in layers from the start down (longest path,
final states last), crossings reduced, long arrows in their own lanes, arrows that go back
to an earlier stage drawn in another colour. Each arrow carries a number (placed where it
overlaps no state and no other number); the legend under the graph says each number in the
reader's language (the act, what the rule fixes, the outcome, the citations). Given a
matter's ``path`` (its trail's transitions) and ``current`` state, the arrows it took and the
states it passed are highlighted, the current state filled. The picture scales to its
container (``viewBox``, ``width="100%"``, at most its natural width) and is narrow enough to
read on a phone.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from respublika.errors import InputError
from respublika.i18n import pick
from respublika.procedure.rules import fixed_params
from respublika.profile.schema import MatterKind, Profile
from respublika.render.explanation import phrase
from respublika.render.fonts import SVG_FONT_FAMILY
from respublika.render.labels import (
    act_text,
    deadline_description,
    has_label,
    kind_text,
    outcome_label,
    param_label,
    state_label,
    state_text,
    value_label,
)
from respublika.render.layered import Edge, edge_path, edge_point, layout, text_width, wrap

NODE_W, NODE_H, MARGIN = 156, 40, 16
FONT, SMALL, TITLE = 14, 13, 17
LINE = 18
LOOP = 34
MIN_WIDTH = 360
LEGEND_W = 360
"""The legend and the title wrap at this width, so they read on a phone without scrolling."""
PHONE_FONT = 11
"""The least font size (px) on a phone: the picture shrinks no further (``min-width``); a wider
graph scrolls inside its figure."""
PATH_COLOUR, BACK_COLOUR, EDGE_COLOUR, CURRENT_FILL = "#0072B2", "#8e44ad", "#555555", "#ffe066"


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    label: str
    cites: tuple[str, ...]
    deadline: bool = False
    act: str = ""
    outcome: str = ""
    fixed: tuple[tuple[str, Any], ...] = ()


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
        branches = [(label, rule.to, tuple(rule.cites), "")]
        if rule.vote is not None:
            branches = [
                (f"{label}: {name}", o.to or rule.to, tuple(dict.fromkeys([*o.cites, *rule.cites])), name)
                for name, outcomes in (("passed", rule.passed), ("rejected", rule.rejected))
                for o in outcomes if o.enabled
            ]
        for source in sources:
            for text, target, cites, outcome in branches:
                out.append(Arrow(source, target or source, text, cites, act=rule.act, outcome=outcome,
                                 fixed=tuple(fixed.items())))
    for sid, spec in kind.states.items():
        d = spec.deadline
        if d is not None and not spec.final:
            when = profile.durations[d.after].duration if d.after else f"at {d.at_var}"
            out.append(Arrow(sid, d.to, f"{d.event} ({when})", tuple(d.cites), deadline=True, act=d.event,
                             fixed=(("after", d.after),) if d.after else (("at", d.at_var),)))
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


def arrow_text(profile: Profile, arrow: Arrow, lang: str = "en") -> str:
    """An arrow in words: ``A chamber votes (Mazhilis): passed``, or a deadline's description
    and its time; without the citations."""
    if arrow.deadline:
        text = deadline_description(profile, arrow.act, arrow.target, lang)
        key, value = arrow.fixed[0] if arrow.fixed else ("", None)
        if key == "after" and value in profile.durations:
            rule = profile.durations[value]
            when = pick(rule.description, lang) or rule.duration
        else:
            when = _param_words(profile, str(value), lang)
        return f"{text} ({when})"
    spec = profile.procedure.acts.get(arrow.act)
    params = []
    for key, value in arrow.fixed:
        param = spec.params.get(key) if spec is not None else None
        if has_label(profile, "params", key, lang, scope=arrow.act) or param is None:
            name = param_label(profile, arrow.act, key, lang)
        else:
            name = pick(param.description, lang) or param_label(profile, arrow.act, key, lang)
        shown = value_label(profile, value, lang)
        params.append(shown if isinstance(value, str) and value in profile.institutions else f"{name}: {shown}")
    text = act_text(profile, arrow.act, lang)
    if params:
        text += f" ({'; '.join(params)})"
    if arrow.outcome:
        text += f": {outcome_label(profile, arrow.outcome, lang)}"
    return text


def _param_words(profile: Profile, name: str, lang: str) -> str:
    for act in profile.procedure.acts.values():
        param = act.params.get(name)
        if param is not None and pick(param.description, lang):
            return pick(param.description, lang)
    return name


def _transitions(path: Iterable[Any] | None) -> list[tuple[str, str, str]]:
    """(from, to, act) of each step of a path: pairs, triples, events or their dicts."""
    out = []
    for step in path or ():
        if isinstance(step, Mapping):
            source, target, act = step.get("from"), step.get("to"), step.get("act") or ""
        elif isinstance(step, tuple | list):
            source, target, act = (*step, "")[:3]
        else:
            source, target, act = getattr(step, "from_state", None), getattr(step, "to_state", None), \
                getattr(step, "act", "")
        if target is None:
            continue
        out.append((str(source) if source is not None else "new", str(target), str(act or "")))
    return out


@dataclass
class _Drawn:
    """One drawn arrow: the arrows of the profile it stands for (same ends, same style)."""

    source: str
    target: str
    deadline: bool
    arrows: list[Arrow]
    numbers: list[int]
    edge: Edge | None = None
    visited: bool = False


def _state_lines(profile: Profile, matter: str, state: str, lang: str) -> list[str]:
    if state == "new":
        return [phrase("start", lang)]
    name = state_label(profile, matter, state, lang)
    return wrap(name[:1].upper() + name[1:], FONT, NODE_W - 16, bold=True)


def _node_width(lines: list[str]) -> float:
    """The width of a state's box: :data:`NODE_W`, or more for a word longer than that."""
    return max(NODE_W, *(text_width(line, FONT, True) + 16 for line in lines))


def to_svg(
    profile: Profile, matter: str, lang: str = "en", current: str | None = None, *,
    path: Iterable[Any] | None = None,
) -> str:
    """A self-contained SVG of the kind's state machine as a layered graph, numbered arrows
    and a legend under it. ``current`` highlights one state (a matter's status); ``path``
    (the transitions a matter took: ``(from, to)`` or ``(from, to, act)`` pairs, events, or
    event dicts with ``from``/``to``/``act``) highlights its arrows and the states passed."""
    kind = _kind(profile, matter)
    states = ["new", *kind.states]
    steps = _transitions(path)
    visited_states = {s for a, b, _ in steps for s in (a, b)}
    if steps:
        visited_states.add("new")
    # one drawn arrow per (source, target, deadline or not)
    drawn: dict[tuple[str, str, bool], _Drawn] = {}
    for a in arrows(profile, matter):
        key = (a.source, a.target, a.deadline)
        drawn.setdefault(key, _Drawn(a.source, a.target, a.deadline, [], [])).arrows.append(a)
    number = 0
    for d in drawn.values():
        for _ in d.arrows:
            number += 1
            d.numbers.append(number)
        d.visited = any(s == d.source and t == d.target and (not act or any(a.act == act for a in d.arrows))
                        for s, t, act in steps)
    # a step between two states whose act matched no drawn arrow still lights the first one
    for s, t, _ in steps:
        group = [d for d in drawn.values() if d.source == s and d.target == t]
        if group and not any(d.visited for d in group):
            group[0].visited = True
    lines = {s: _state_lines(profile, matter, s, lang) for s in states}
    sizes = {s: (_node_width(lines[s]), 14.0 + LINE * len(lines[s])) for s in states}
    sizes["new"] = (max(28.0, text_width(lines["new"][0], SMALL) + 8), 46.0)
    loops = {d.source for d in drawn.values() if d.source == d.target}
    finals = [s for s, spec in kind.states.items() if spec.final]
    real = [d for d in drawn.values() if d.source != d.target]
    title = kind_text(profile, matter, lang)
    title_lines = wrap(title, TITLE, LEGEND_W, bold=True)
    top = MARGIN + (TITLE + 6) * len(title_lines) + 2
    graph = layout(states, [(d.source, d.target) for d in real], sizes, lane=24, gap_x=22, lane_gap=6, gap_y=62,
                   margin=MARGIN, top=top, sinks_last=finals, reserve={s: LOOP + 30 for s in loops})
    for d, edge in zip(real, graph.edges, strict=True):
        d.edge = edge
    width = max(graph.width, MIN_WIDTH, LEGEND_W + 2 * MARGIN)
    # the numbers on the arrows, where they overlap no state and no other number
    blocked = [(x - 3, y - 3, w + 6, h + 6) for x, y, w, h in graph.nodes.values()]
    badges: list[tuple[_Drawn, float, float, float]] = []
    for d in sorted(drawn.values(), key=lambda d: d.numbers[0]):
        label = ", ".join(map(str, d.numbers))
        bw, bh = text_width(label, SMALL, True) + 10, 20.0
        if d.source == d.target:
            x, y, w, h = graph.nodes[d.source]
            cands = [(x + w + LOOP + 2 + bw / 2, y + h / 2), (x + w + LOOP + bw / 2, y - bh / 2)]
        else:
            assert d.edge is not None
            ts = (0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85)
            cands = [edge_point(d.edge, t) for t in ts]
            cands += [(cx + dx, cy) for cx, cy in cands[:3] for dx in (bw, -bw)]
        spot = _free_spot(cands, bw, bh, blocked)
        blocked.append((spot[0] - bw / 2 - 2, spot[1] - bh / 2 - 2, bw + 4, bh + 4))
        badges.append((d, spot[0], spot[1], bw))
    # the legend under the graph
    legend: list[str] = []
    ly = graph.height + 10
    key_items = [("current", phrase("current state", lang)) if current in kind.states else None,
                 ("path", phrase("the path it took so far", lang)) if steps else None,
                 ("deadline", phrase("deadline: when time runs out", lang))
                 if any(d.deadline for d in drawn.values()) else None,
                 ("back", phrase("back to an earlier stage", lang)) if any(d.edge and d.edge.back for d in real)
                 else None]
    for item in [k for k in key_items if k is not None]:
        legend.append(_key(item[0], MARGIN, ly, item[1]))
        ly += LINE + 6
    ly += 6
    text_w = LEGEND_W - 34
    for d in sorted(drawn.values(), key=lambda d: d.numbers[0]):
        for n, a in zip(d.numbers, d.arrows, strict=True):
            words = f"{arrow_text(profile, a, lang)} [{', '.join(a.cites)}]"
            rows = wrap(words, SMALL, text_w)
            italic = ' font-style="italic"' if a.deadline else ""
            legend.append(f'<g class="legend-item" data-arrow="{n}">'
                          + _badge(MARGIN + 13, ly + 4, str(n), 26, d.visited)
                          + "".join(f'<text x="{MARGIN + 34}" y="{ly + 9 + k * LINE:.0f}"{italic}>{escape(r)}</text>'
                                    for k, r in enumerate(rows)) + "</g>")
            ly += LINE * len(rows) + 6
    height = ly + MARGIN
    label = escape(title)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="procedure-diagram" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" style="max-width:{width:.0f}px;min-width:{math.ceil(width * PHONE_FONT / SMALL)}px" font-family="{SVG_FONT_FAMILY}" font-size="{SMALL}" '
        f'role="img" aria-label="{label}" data-min-font="{SMALL}">',
        f"<title>{label}</title>",
        "<defs>" + "".join(
            f'<marker id="dg-arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" '
            f'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            for name, colour in (("plain", EDGE_COLOUR), ("path", PATH_COLOUR), ("back", BACK_COLOUR))) + "</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
    ]
    out += [f'<text x="{MARGIN}" y="{MARGIN + TITLE - 2 + k * (TITLE + 6)}" font-size="{TITLE}" font-weight="bold">'
            f"{escape(line)}</text>" for k, line in enumerate(title_lines)]
    # edges first (under the states), the path's on top of the others
    for d in sorted(drawn.values(), key=lambda d: (d.visited, d.numbers[0])):
        out.append(_edge(d, graph.nodes, profile, lang))
    for s in states:
        out += _node(kind, profile, matter, s, graph.nodes[s], lines[s], lang, s == current, s in visited_states)
    for d, bx, by, bw in badges:
        tip = escape("; ".join(f"{n}: {arrow_text(profile, a, lang)}" for n, a in zip(d.numbers, d.arrows, strict=True)))
        out.append(f'<g class="arrow-number"><title>{tip}</title>'
                   + _badge(bx, by, ", ".join(map(str, d.numbers)), bw, d.visited) + "</g>")
    out += legend
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _free_spot(cands: list[tuple[float, float]], w: float, h: float,
               blocked: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    def overlap(c: tuple[float, float]) -> float:
        x0, y0 = c[0] - w / 2, c[1] - h / 2
        return sum(max(0.0, min(x0 + w, bx + bw) - max(x0, bx)) * max(0.0, min(y0 + h, by + bh) - max(y0, by))
                   for bx, by, bw, bh in blocked)

    for c in cands:
        if overlap(c) == 0:
            return c
    return min(cands, key=overlap)


def _badge(x: float, y: float, text: str, w: float, visited: bool) -> str:
    stroke = PATH_COLOUR if visited else "#1a4480"
    fill = PATH_COLOUR if visited else "white"
    colour = "white" if visited else "#1a4480"
    return (f'<rect class="badge" x="{x - w / 2:.1f}" y="{y - 10:.1f}" width="{w:.1f}" height="20" rx="10" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
            f'<text x="{x:.1f}" y="{y + 4.5:.1f}" text-anchor="middle" font-weight="bold" fill="{colour}">'
            f"{escape(text)}</text>")


def _key(kind: str, x: float, y: float, text: str) -> str:
    if kind == "current":
        mark = (f'<rect x="{x}" y="{y}" width="26" height="16" rx="4" fill="{CURRENT_FILL}" stroke="#333" '
                f'stroke-width="2.5"/>')
    else:
        colour = {"path": PATH_COLOUR, "back": BACK_COLOUR}.get(kind, EDGE_COLOUR)
        dash = ' stroke-dasharray="6 4"' if kind == "deadline" else ""
        width = 4 if kind == "path" else 1.6
        mark = (f'<line x1="{x}" y1="{y + 8}" x2="{x + 26}" y2="{y + 8}" stroke="{colour}" '
                f'stroke-width="{width}"{dash}/>')
    return f'<g class="key" data-key="{kind}">{mark}<text x="{x + 34}" y="{y + 13}">{escape(text)}</text></g>'


def _edge(d: _Drawn, nodes: Mapping[str, tuple[float, float, float, float]], profile: Profile, lang: str) -> str:
    back = d.edge is not None and d.edge.back
    colour = PATH_COLOUR if d.visited else BACK_COLOUR if back else EDGE_COLOUR
    marker = "path" if d.visited else "back" if back else "plain"
    width = 3.5 if d.visited else 1.6
    dash = ' stroke-dasharray="6 4"' if d.deadline else ""
    if d.edge is None:  # a loop on the right of its state
        x, y, w, h = nodes[d.source]
        right = x + w
        path = (f"M{right:.1f},{y + h * 0.3:.1f} C{right + LOOP * 1.3:.1f},{y - 4:.1f} "
                f"{right + LOOP * 1.3:.1f},{y + h + 4:.1f} {right:.1f},{y + h * 0.7:.1f}")
        end = "marker-end"
    else:
        path = edge_path(d.edge)
        end = "marker-start" if back else "marker-end"
    cls = "arrow" + (" visited" if d.visited else "") + (" back" if back else "") + (" deadline" if d.deadline else "")
    tip = escape("; ".join(f"{arrow_text(profile, a, lang)} [{', '.join(a.cites)}]" for a in d.arrows))
    return (f'<path class="{cls}" data-from="{escape(d.source)}" data-to="{escape(d.target)}" d="{path}" '
            f'fill="none" stroke="{colour}" stroke-width="{width}"{dash} {end}="url(#dg-arrow-{marker})">'
            f"<title>{tip}</title></path>")


def _node(
    kind: MatterKind, profile: Profile, matter: str, state: str, box: tuple[float, float, float, float],
    lines: list[str], lang: str, current: bool = False, visited: bool = False,
) -> list[str]:
    x, y, w, h = box
    if state == "new":
        cx = x + w / 2
        fill = PATH_COLOUR if visited else "#333"
        return [f'<g class="state start" data-state="new"><title>{escape(lines[0])}</title>'
                f'<circle cx="{cx:.1f}" cy="{y + 12:.1f}" r="11" fill="{fill}"/>'
                f'<text x="{cx:.1f}" y="{y + 40:.1f}" text-anchor="middle">{escape(lines[0])}</text></g>']
    spec = kind.states[state]
    fill = CURRENT_FILL if current else "#e8f0e8" if spec.final else "#eef3fb"
    stroke = PATH_COLOUR if visited and not current else "#333"
    border = 3 if current else 2.5 if visited or spec.final else 1.5
    tip = escape(f"{state_text(profile, matter, state, lang)} [{', '.join(spec.cites)}]")
    classes = "state" + (" current" if current else "") + (" visited" if visited else "") + (" final" if spec.final else "")
    out = [
        f'<g class="{classes}" data-state="{escape(state)}"><title>{tip}</title>',
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="10" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{border}"/>',
    ]
    if spec.final:
        out.append(f'<rect x="{x + 3:.1f}" y="{y + 3:.1f}" width="{w - 6:.1f}" height="{h - 6:.1f}" rx="8" '
                   f'fill="none" stroke="#333" stroke-width="1"/>')
    first = y + 7 + LINE - 4
    for k, line in enumerate(lines):
        out.append(f'<text x="{x + w / 2:.1f}" y="{first + k * LINE:.1f}" text-anchor="middle" font-size="{FONT}" '
                   f'font-weight="bold">{escape(line)}</text>')
    out.append("</g>")
    return out
