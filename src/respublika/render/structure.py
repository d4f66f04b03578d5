"""The structure of the state as an SVG picture: institutions by branch, and who fills whom.

Boxes come from the profile's institutions (grouped by branch, in columns); arrows come
from the profile's relations: ``appointed_by``, ``elected_by`` and each seat rule's ``by`` /
``electors``. Nothing here knows Kazakhstan; a different profile draws a different picture.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from respublika.profile.query import BRANCH_ORDER
from respublika.profile.schema import Profile
from respublika.profile.validate import units_of
from respublika.render.labels import chamber_name

BOX_W, BOX_H, GAP_X, GAP_Y, TOP = 190, 46, 40, 22, 44
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


def structure_svg(profile: Profile, _: Callable[[str], str], lang: str = "en") -> str:
    """Boxes per branch (columns), the people on top, arrows for appointment and election."""
    columns = [b for b in BRANCH_ORDER if any(i.branch == b for i in profile.institutions.values())]
    pos: dict[str, tuple[float, float]] = {}
    width = len(columns) * (BOX_W + GAP_X) + GAP_X
    pos["people"] = (width / 2 - BOX_W / 2, 8)
    rows = 0
    for col, branch in enumerate(columns):
        members = [iid for iid, inst in profile.institutions.items() if inst.branch == branch]
        for row, iid in enumerate(members):
            pos[iid] = (GAP_X + col * (BOX_W + GAP_X), TOP + BOX_H + GAP_Y + row * (BOX_H + GAP_Y))
        rows = max(rows, len(members))
    height = TOP + BOX_H + GAP_Y + rows * (BOX_H + GAP_Y) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="structure" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{escape(_("Structure of the state"))}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for col, branch in enumerate(columns):
        x = GAP_X + col * (BOX_W + GAP_X)
        out.append(
            f'<text x="{x + BOX_W / 2:.0f}" y="{TOP + BOX_H + 12:.0f}" text-anchor="middle" '
            f'font-size="13" font-weight="bold">{escape(_(branch))}</text>'
        )
    for source, target, verb in relations(profile):
        if source not in pos or target not in pos:
            continue
        (x0, y0), (x1, y1) = pos[source], pos[target]
        start = (x0 + BOX_W / 2, y0 + BOX_H)
        end = (x1 + BOX_W / 2, y1)
        if abs(x0 - x1) < 1:  # same column: route on the side
            start, end = (x0 + BOX_W, y0 + BOX_H / 2), (x1 + BOX_W, y1 + BOX_H / 2)
        dash = ' stroke-dasharray="5 3"' if verb == "appoints" else ""
        out.append(
            f'<path class="relation" data-verb="{verb}" d="M{start[0]:.0f},{start[1]:.0f} '
            f'C{start[0]:.0f},{(start[1] + end[1]) / 2:.0f} {end[0]:.0f},{(start[1] + end[1]) / 2:.0f} '
            f'{end[0]:.0f},{end[1]:.0f}" fill="none" stroke="#777" stroke-width="1.1"{dash} '
            f'marker-end="url(#arrow)"><title>{escape(source)} {escape(_(verb))} {escape(target)}</title></path>'
        )
    boxes = [("people", _("The people"), "", "people")]
    for iid, inst in profile.institutions.items():
        name = chamber_name(profile, iid, lang)
        if inst.per_unit:
            detail = f"{len(units_of(profile, inst.per_unit))} × {_('one per unit')}"
        elif inst.size:
            detail = f"{inst.size} {_('members') if inst.size > 1 else ''}".strip()
        else:
            detail = ""
        boxes.append((iid, name, detail, inst.branch))
    for iid, name, detail, branch in boxes:
        bx, by = pos[iid]
        out.append(
            f'<g class="institution" data-id="{escape(iid)}"><rect x="{bx:.0f}" y="{by:.0f}" width="{BOX_W}" '
            f'height="{BOX_H}" rx="6" fill="{COLOURS.get(branch, "#fff")}" stroke="#888"/>'
            f'<text x="{bx + BOX_W / 2:.0f}" y="{by + 19:.0f}" text-anchor="middle" font-size="12" '
            f'font-weight="bold">{escape(name)}</text>'
            f'<text x="{bx + BOX_W / 2:.0f}" y="{by + 36:.0f}" text-anchor="middle" font-size="11">'
            f"{escape(detail)}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)
