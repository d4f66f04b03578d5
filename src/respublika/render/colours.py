"""Colours of seat groups: by how seats are filled (the schema's words), or by party.

Parties get colours in order from :data:`PARTY_PALETTE`, unless the data gives a group its
own ``colour`` (a hex colour), which keeps priority. The palette is chosen so that
colour-blind readers can tell the parties apart: the eight colours of Okabe & Ito (2008),
then colours of Paul Tol's muted, light, bright and dark sets, picked greedily so that the
smallest CIEDE2000 difference between any two of the first 20 (and the grey of
:data:`OTHER`) stays at least :data:`MIN_DELTA_E` under normal vision and under simulated
deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009, severity 1). Very pale
colours (that vanish on white) are left out. ``tests/render/test_colours.py`` computes the
bound. The ways of filling seats have fixed colours from the same Okabe–Ito set.
No institution or party is named here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FILL_COLOURS = {
    "direct_pr": "#0072B2",
    "assembly": "#E69F00",
    "indirect_unit": "#009E73",
    "appointment": "#D55E00",
    "direct": "#CC79A7",
    "membership": "#56B4E9",
}
OTHER = "#999999"
PARTY_PALETTE = [
    # Okabe & Ito
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
    # Paul Tol (muted, light, bright, dark), greedy max-min order
    "#332288", "#DDCC77", "#88CCEE", "#882255", "#AA4499", "#FFAABB", "#EE6677", "#AA3377",
    "#222255", "#225522", "#666633", "#CCDDAA",
    # beyond 20: still distinct under normal vision, closer under colour-blindness
    "#225555", "#663333", "#999933", "#EE8866",
]
MIN_DELTA_E = 6.0
"""The least CIEDE2000 difference among the first 20 party colours and :data:`OTHER`, under
normal vision, deuteranopia and protanopia (the measured value is 6.17)."""

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def party_colour(index: int) -> str:
    return PARTY_PALETTE[index % len(PARTY_PALETTE)]


def group_colour(group: Mapping[str, Any]) -> str:
    """The colour of a seat group made by :func:`respublika.app.parliament.seat_groups`: its
    own ``colour`` when the data gives one, else by party order, else by way of filling."""
    given = group.get("colour") or group.get("color")
    if isinstance(given, str) and _HEX.match(given):
        return given
    if group.get("kind") == "party":
        return party_colour(int(group.get("index", 0)))
    return FILL_COLOURS.get(str(group.get("filled_by")), OTHER)
