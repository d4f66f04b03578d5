"""Hemicycle diagrams: parliamentarch places the seats, this module writes the SVG.

A thin wrapper: ``parliamentarch.get_seats_centers`` gives seat positions (left to right
by angle); we draw them in groups (a party, or a way of filling seats), escape every label,
accept only hex colours, and mark thresholds as radial lines after the k-th seat from the
left (e.g. 72 of 107: a bloc of 72 seats from the left reaches two thirds).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

import parliamentarch

from respublika.errors import InputError

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
CANVAS = 175.0
MARGIN = 8.0
TOP = 22.0
RADIUS_FACTOR = 0.8


@dataclass(frozen=True)
class SeatGroup:
    key: str
    label: str
    color: str
    seats: int


@dataclass(frozen=True)
class Mark:
    label: str
    seats: int


def _css_key(key: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_-]", "-", key) or "group"


def _validate(groups: list[SeatGroup], marks: list[Mark]) -> int:
    total = 0
    for group in groups:
        if group.seats < 0:
            raise InputError(f"hemicycle: group {group.label!r} has {group.seats} seats")
        if not _HEX.match(group.color):
            raise InputError(f"hemicycle: colour {group.color!r} of {group.label!r} is not #rgb or #rrggbb")
        total += group.seats
    if total == 0:
        raise InputError("hemicycle: no seats to draw")
    for mark in marks:
        if not 0 < mark.seats <= total:
            raise InputError(f"hemicycle: mark {mark.label!r} at {mark.seats} is outside 1..{total}")
    return total


def _xy(x: float, y: float) -> tuple[float, float]:
    return MARGIN + CANVAS * x, TOP + CANVAS * (1 - y)


def hemicycle_svg(groups: list[SeatGroup], marks: list[Mark] | None = None, *, title: str = "") -> str:
    """An inline SVG of the chamber: one ``<g class="group">`` per group, one circle per seat."""
    marks = marks or []
    total = _validate(groups, marks)
    centers = parliamentarch.get_seats_centers(total)
    ordered = sorted(centers, key=centers.__getitem__, reverse=True)
    angles = [centers[c] for c in ordered]
    radius = RADIUS_FACTOR * parliamentarch.get_row_thickness(parliamentarch.get_nrows_from_nseats(total))
    width, height = 2 * CANVAS + 2 * MARGIN, CANVAS + TOP + MARGIN
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hemicycle" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{escape(title)}" data-seats="{total}">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    position = 0
    for group in groups:
        key = escape(_css_key(group.key))
        out.append(
            f'<g class="group" data-group="{key}" data-seats="{group.seats}" fill="{group.color}">'
            f"<title>{escape(group.label)}: {group.seats}</title>"
        )
        for x, y in ordered[position : position + group.seats]:
            cx, cy = _xy(x, y)
            out.append(f'<circle class="seat" cx="{cx:.2f}" cy="{cy:.2f}" r="{radius * CANVAS:.2f}"/>')
        out.append("</g>")
        position += group.seats
    for mark in marks:
        k = mark.seats
        angle = angles[k - 1] if k == total else (angles[k - 1] + angles[k]) / 2
        x0, y0 = _xy(1 + 0.28 * math.cos(angle), 0.28 * math.sin(angle))
        x1, y1 = _xy(1 + 1.04 * math.cos(angle), 1.04 * math.sin(angle))
        tx, ty = _xy(1 + 1.08 * math.cos(angle), 1.08 * math.sin(angle))
        out.append(
            f'<g class="threshold" data-seats="{k}"><title>{escape(mark.label)}</title>'
            f'<line x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}" y2="{y1:.2f}" stroke="#222" '
            f'stroke-width="1.2" stroke-dasharray="4 3"/>'
            f'<text x="{tx:.2f}" y="{ty:.2f}" font-size="9" text-anchor="middle">{k}</text></g>'
        )
    cx, cy = _xy(1, 0.02)
    out.append(
        f'<text class="total" x="{cx:.2f}" y="{cy:.2f}" font-size="30" font-weight="bold" '
        f'text-anchor="middle">{total}</text>'
    )
    out.append("</svg>")
    return "".join(out)
