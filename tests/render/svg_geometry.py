"""Boxes of what an SVG of :mod:`respublika.render` draws, for the layout tests.

Text boxes are estimated with :func:`respublika.render.layered.text_width` (conservative:
wider than the browser's font), so "no overlap" here means no overlap in the browser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from respublika.render.layered import text_width

NS = "{http://www.w3.org/2000/svg}"
PAGE_CONTENT_AT_1366 = 1366 - 2 * 24  # the page's side padding (1.5 rem) at 1366 px
Box = tuple[float, float, float, float]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def overlaps(a: Box, b: Box, slack: float = 0.5) -> bool:
    return (a[0] + slack < b[0] + b[2] and b[0] + slack < a[0] + a[2]
            and a[1] + slack < b[1] + b[3] and b[1] + slack < a[1] + a[3])


def rect(el: ET.Element) -> Box:
    return tuple(float(el.get(k, 0)) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


def text_box(el: ET.Element, inherited: float) -> Box:
    size = float(el.get("font-size", inherited))
    text = "".join(el.itertext())
    w = text_width(text, size, el.get("font-weight") == "bold")
    x, y = float(el.get("x", 0)), float(el.get("y", 0))
    anchor = el.get("text-anchor", "start")
    left = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    return left, y - size * 0.8, w, size


def font_sizes(root: ET.Element) -> list[float]:
    base = float(root.get("font-size", 16))
    return [float(t.get("font-size", base)) for t in root.iter(f"{NS}text")]


def scale_at(root: ET.Element, page_width: float) -> float:
    """How much the browser scales the picture: shown at ``width=100%`` of the page's content,
    at most its ``max-width``, at least its ``min-width`` (px)."""
    vb_width = float(root.get("viewBox", "0 0 0 0").split()[2])
    style = root.get("style", "")
    most = re.search(r"max-width:\s*([\d.]+)px", style)
    least = re.search(r"min-width:\s*([\d.]+)px", style)
    shown = min(page_width, float(most.group(1)) if most else page_width)
    shown = max(shown, float(least.group(1)) if least else 0.0)
    return shown / vb_width
