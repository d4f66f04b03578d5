"""Colours of seat groups: by how seats are filled (the schema's words), or by party.

Parties get colours in order from :data:`PARTY_PALETTE`; the ways of filling seats have
fixed colours. No institution or party is named here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FILL_COLOURS = {
    "direct_pr": "#1f77b4",
    "assembly": "#ff7f0e",
    "indirect_unit": "#2ca02c",
    "appointment": "#d62728",
    "direct": "#9467bd",
    "membership": "#8c564b",
}
OTHER = "#999999"
PARTY_PALETTE = ["#1f4e9c", "#e6a100", "#c0392b", "#2e8b57", "#7d3c98", "#16a085", "#7f8c8d", "#d35400"]


def party_colour(index: int) -> str:
    return PARTY_PALETTE[index % len(PARTY_PALETTE)]


def group_colour(group: Mapping[str, Any]) -> str:
    """The colour of a seat group made by :func:`respublika.app.parliament.seat_groups`."""
    if group.get("kind") == "party":
        return party_colour(int(group.get("index", 0)))
    return FILL_COLOURS.get(str(group.get("filled_by")), OTHER)
