"""The structure of the state as an SVG picture: institutions, and who fills whom.

Boxes come from the profile's institutions (coloured by branch); arrows come from the
profile's relations, and only from them: ``appointed_by`` (appoints), ``elected_by``
(elects) and each seat rule's ``by`` / ``electors`` (elects, or appoints for seats filled
by appointment). The picture is a layered graph (:mod:`respublika.render.layered`) from the
people down: whoever fills a body stands above it, each arrow in its own lane, so an arrow
from the people ends only at a body the people elect. Institutions no other body fills in
the profile stand in a row of their own at the bottom. Names are measured and wrapped, and
boxes grow to hold them. A legend tells the branches' colours and "elects" (solid) from
"appoints" (dashed). Nothing here knows Kazakhstan; a different profile draws a different
picture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from respublika.profile.query import BRANCH_ORDER
from respublika.profile.schema import Profile
from respublika.profile.validate import units_of
from respublika.render.fonts import SVG_FONT_FAMILY
from respublika.render.labels import chamber_name
from respublika.render.layered import edge_path, layout, text_width, wrap

BOX_W, MARGIN, NAME, DETAIL, LINE = 176, 16, 14, 13, 17
VERB_COLOURS = {"elects": "#0072B2", "appoints": "#D55E00"}
MAX_PER_ROW = 4
PHONE_FONT = 11
COLOURS = {
    "executive": "#fde2c8",
    "legislative": "#d6e6f7",
    "judicial": "#e3dcf2",
    "representative": "#dff0d8",
    "regional": "#f4f1c9",
    "people": "#eeeeee",
}


def relations(profile: Profile) -> list[tuple[str, str, str]]:
    """(from, to, verb) edges: who appoints or elects whom (``people`` for the electorate)."""
    edges: list[tuple[str, str, str]] = []
    for iid, inst in profile.institutions.items():
        if inst.appointed_by:
            edges.append((inst.appointed_by, iid, "appoints"))
        if inst.elected_by:
            edges.append((inst.elected_by, iid, "elects"))
        for rule in inst.seats.values():
            if rule.filled_by == "membership":
                continue
            source = rule.electors or rule.by
            if source == "units":
                continue
            verb = "appoints" if rule.filled_by == "appointment" else "elects"
            edges.append((source, iid, verb))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for edge in edges:
        if edge not in seen and edge[0] != edge[1]:
            seen.add(edge)
            unique.append(edge)
    return unique


def _boxes(profile: Profile, _: Callable[[str], str], lang: str) -> dict[str, tuple[list[str], list[str], str]]:
    """Each box's name lines (bold), detail lines and branch."""
    out: dict[str, tuple[list[str], list[str], str]] = {"people": (wrap(_("The people"), NAME, BOX_W - 16, True), [], "people")}
    for iid, inst in profile.institutions.items():
        name = chamber_name(profile, iid, lang)
        if inst.per_unit:
            detail = f"{len(units_of(profile, inst.per_unit))} × {_('one per unit')}"
        elif inst.size and inst.size > 1:
            detail = f"{inst.size} {_('members')}"
        else:
            detail = ""
        details = wrap(detail, DETAIL, BOX_W - 16) if detail else []
        if inst.part_of and inst.part_of in profile.institutions:
            details += wrap(f"{_('part of')} {chamber_name(profile, inst.part_of, lang)}", DETAIL,
                            BOX_W - 16)
        out[iid] = (wrap(name, NAME, BOX_W - 16, True), details, inst.branch)
    return out


def _box_size(names: list[str], details: list[str]) -> tuple[float, float]:
    wide = max([text_width(n, NAME, True) for n in names] + [text_width(d, DETAIL) for d in details])
    return max(BOX_W, wide + 16), 12.0 + LINE * (len(names) + len(details))


def structure_svg(profile: Profile, _: Callable[[str], str], lang: str = "en") -> str:
    """The people on top, who fills whom below (arrows: elects, appoints), the rest in a row
    under them; a legend of branches and arrows."""
    edges = [e for e in relations(profile) if e[0] in (*profile.institutions, "people") and e[1] in profile.institutions]
    boxes = _boxes(profile, _, lang)
    linked = ["people", *[i for i in profile.institutions if any(i in e[:2] for e in edges)]]
    rest = [i for i in profile.institutions if i not in linked]
    sizes = {i: _box_size(*boxes[i][:2]) for i in boxes}
    graph = layout(linked, [(s, t) for s, t, _v in edges], sizes, lane=14, gap_x=24, lane_gap=6, gap_y=56,
                   margin=MARGIN, top=0, max_per_layer=MAX_PER_ROW)
    placed = dict(graph.nodes)
    width = max(graph.width, 2 * BOX_W + 3 * MARGIN)
    y = graph.height + 6
    out_rest: list[str] = []
    if rest:
        out_rest.append(f'<text x="{MARGIN}" y="{y + 14:.0f}" font-size="{DETAIL}" font-style="italic">'
                        f"{escape(_('Not filled by another body in this profile:'))}</text>")
        y += 26
        x, row_h = float(MARGIN), 0.0
        for iid in rest:
            w, h = sizes[iid]
            if x + w > width - MARGIN and x > MARGIN:
                x, y = float(MARGIN), y + row_h + 12
                row_h = 0.0
            placed[iid] = (x, y, w, h)
            x += w + 24
            row_h = max(row_h, h)
        y += row_h + 10
    # the legend
    legend: list[str] = []
    y += 8
    lx = float(MARGIN)
    items: list[tuple[str, str]] = [(f"branch:{b}", _(b)) for b in BRANCH_ORDER
                                    if any(i.branch == b for i in profile.institutions.values())]
    items += [(f"verb:{v}", _(v)) for v in ("elects", "appoints") if any(e[2] == v for e in edges)]
    for key, text in items:
        item_w = 34 + text_width(text, DETAIL) + 18
        if lx + item_w > width - MARGIN and lx > MARGIN:
            lx, y = float(MARGIN), y + LINE + 8
        kind, name = key.split(":")
        if kind == "branch":
            mark = (f'<rect x="{lx:.0f}" y="{y:.0f}" width="26" height="16" rx="4" fill="{COLOURS.get(name, "#fff")}" '
                    f'stroke="#888"/>')
        else:
            dash = ' stroke-dasharray="6 4"' if name == "appoints" else ""
            mark = (f'<line x1="{lx:.0f}" y1="{y + 8:.0f}" x2="{lx + 24:.0f}" y2="{y + 8:.0f}" '
                    f'stroke="{VERB_COLOURS[name]}" stroke-width="2"{dash} marker-end="url(#st-arrow-{name})"/>')
        legend.append(f'<g class="key" data-key="{escape(key)}">{mark}<text x="{lx + 34:.0f}" y="{y + 13:.0f}" '
                      f'font-size="{DETAIL}">{escape(text)}</text></g>')
        lx += item_w
    height = y + LINE + MARGIN
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="structure" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" style="max-width:{width:.0f}px;min-width:{math.ceil(width * PHONE_FONT / DETAIL)}px" '
        f'font-family="{SVG_FONT_FAMILY}" role="img" aria-label="{escape(_("Structure of the state"))}">',
        "<defs>" + "".join(
            f'<marker id="st-arrow-{verb}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
            f'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
            "</marker>" for verb, colour in VERB_COLOURS.items()) + "</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
    ]
    names = {i: " ".join(boxes[i][0]) for i in boxes}
    for (source, target, verb), edge in zip(edges, graph.edges, strict=True):
        dash = ' stroke-dasharray="6 4"' if verb == "appoints" else ""
        end = "marker-start" if edge.back else "marker-end"
        out.append(
            f'<path class="relation" data-from="{escape(source)}" data-to="{escape(target)}" data-verb="{verb}" '
            f'd="{edge_path(edge)}" fill="none" stroke="{VERB_COLOURS[verb]}" stroke-width="1.8"{dash} '
            f'{end}="url(#st-arrow-{verb})"><title>{escape(names[source])} {escape(_(verb))} '
            f"{escape(names[target])}</title></path>"
        )
    for iid, (bx, by, bw, bh) in placed.items():
        name_lines, details, branch = boxes[iid]
        texts = [(line, NAME, ' font-weight="bold"') for line in name_lines]
        texts += [(line, DETAIL, "") for line in details]
        out.append(
            f'<g class="institution" data-id="{escape(iid)}"><rect x="{bx:.1f}" y="{by:.1f}" width="{bw:.1f}" '
            f'height="{bh:.1f}" rx="6" fill="{COLOURS.get(branch, "#fff")}" stroke="#888"/>'
            + "".join(f'<text x="{bx + bw / 2:.1f}" y="{by + 6 + LINE * (k + 1) - 4:.1f}" text-anchor="middle" '
                      f'font-size="{size}"{weight}>{escape(line)}</text>' for k, (line, size, weight) in enumerate(texts))
            + "</g>"
        )
    out += out_rest + legend
    out.append("</svg>")
    return "".join(out)
