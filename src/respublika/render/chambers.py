"""Chambers as pictures: hemicycles of what :mod:`respublika.app.parliament` returns, and the
seat distributions of a forecast."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from respublika.app.parliament import PEOPLE_FILLED
from respublika.i18n import pick
from respublika.render.colours import group_colour, party_colour
from respublika.render.hemicycle import Mark, SeatGroup, hemicycle_svg


def chamber_svg(chamber: Mapping[str, Any], translate: Callable[[str], str], lang: str = "en",
                groups: Sequence[Mapping[str, Any]] | None = None, size: int | None = None) -> str:
    """A chamber's hemicycle: its seat groups (or ``groups``) and its threshold marks."""
    drawn = [SeatGroup(g["key"], _label(g, translate), group_colour(g), g["seats"])
             for g in (groups if groups is not None else chamber["groups"]) if g["seats"]]
    marks = [Mark(f"{pick(m.get('description') or {}, lang) or m['id']}: {m['required']}", m["required"])
             for m in chamber.get("thresholds", [])]
    name = (chamber.get(f"name_{lang}") if lang != "en" else None) or chamber.get("name", "")
    return hemicycle_svg(drawn, marks, title=f"{name} ({size or chamber.get('size', '')})")


def _label(group: Mapping[str, Any], translate: Callable[[str], str]) -> str:
    return str(group["label"]) if group.get("kind") == "party" else translate(str(group["label"]))


def with_pictures(data: dict[str, Any], translate: Callable[[str], str], lang: str = "en") -> dict[str, Any]:
    """The parliament data with each chamber's ``svg`` and each group's ``colour`` and label."""
    for chamber in data["chambers"]:
        for group in chamber["groups"]:
            group["colour"] = group_colour(group)
            group["label"] = _label(group, translate)
        chamber["svg"] = chamber_svg(chamber, lambda s: s, lang)
    return data


def allocation_svg(seats: Mapping[str, int], chamber: Mapping[str, Any] | None, total: int,
                   translate: Callable[[str], str], lang: str = "en") -> str:
    """The seats won (by party), with the rest of ``chamber`` beside them when the seats are its
    people-filled seats; else the seats alone."""
    won: list[dict[str, Any]] = [{"key": f"party-{i}", "kind": "party", "index": i, "label": p, "seats": n}
                                 for i, (p, n) in enumerate((p, n) for p, n in seats.items() if n)]
    if chamber is None:
        return hemicycle_svg([SeatGroup(g["key"], g["label"], party_colour(g["index"]), g["seats"]) for g in won],
                             [], title=str(total))
    rest = [g for g in chamber["groups"] if g.get("filled_by") not in PEOPLE_FILLED]
    return chamber_svg(chamber, translate, lang, groups=[*won, *rest], size=chamber.get("size"))


def distribution_svg(result: Mapping[str, Any]) -> str:
    """Seat distributions of a forecast: one row per party, a bar per seat count (height = frequency)."""
    parties = result["parties"]
    seats = int(result["seats"])
    width, row, left = 640, 70, 150
    height = row * len(parties) + 30
    scale = (width - left - 10) / (seats + 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="distribution" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="seat distributions">']
    for i, (name, entry) in enumerate(parties.items()):
        top = 10 + i * row
        dist = {int(k): int(v) for k, v in entry["distribution"].items()}
        peak = max(dist.values()) if dist else 1
        colour = party_colour(i)
        out.append(f'<g class="party" data-party="{escape(name)}"><text x="4" y="{top + row / 2:.0f}" font-size="12">'
                   f"{escape(name)} ({entry['mean']:.1f})</text>")
        for k, count in dist.items():
            h = (row - 16) * count / peak
            out.append(f'<rect x="{left + k * scale:.1f}" y="{top + row - 12 - h:.1f}" width="{max(scale - 0.5, 0.8):.1f}" '
                       f'height="{h:.1f}" fill="{colour}"><title>{k} seats: {count}</title></rect>')
        out.append(f'<line x1="{left}" y1="{top + row - 12}" x2="{width - 10}" y2="{top + row - 12}" stroke="#aaa"/></g>')
    for k in range(0, seats + 1, 10):
        out.append(f'<text x="{left + k * scale:.1f}" y="{height - 4}" font-size="10" text-anchor="middle">{k}</text>')
    out.append("</svg>")
    return "".join(out)
