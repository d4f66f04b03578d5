"""Fonts that can write every language Respublika speaks, Kazakh's letters included.

Kazakh Cyrillic adds nine letters to Russian's (Ә Ғ Қ Ң Ө Ұ Ү Һ І); a font without them
shows empty boxes ("tofu") in the diagrams and plots. DejaVu Sans (matplotlib's default, and
Debian's default sans-serif) covers them, as do Noto Sans, Arial and Segoe UI.
:data:`FONT_STACK` is the family list for SVG and CSS; :func:`missing_glyphs` checks a text
against the font matplotlib actually uses, so a test fails on a machine whose font would
draw tofu.
"""

from __future__ import annotations

from functools import cache
from typing import Any

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
"""The letters Kazakh adds to the Russian alphabet, upper and lower case."""

RUSSIAN_LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"

FAMILIES = ("DejaVu Sans", "Noto Sans", "Arial", "Segoe UI", "Liberation Sans")
"""Families that cover Latin, German and Kazakh and Russian Cyrillic, best first."""

FONT_STACK = ", ".join(f'"{f}"' if " " in f else f for f in FAMILIES) + ", sans-serif"
"""For SVG ``font-family`` attributes and CSS."""

SVG_FONT_FAMILY = FONT_STACK.replace('"', "'")
""":data:`FONT_STACK` for a double-quoted SVG attribute (``font-family="{SVG_FONT_FAMILY}"``)."""

MATPLOTLIB_RC: dict[str, Any] = {"font.family": "sans-serif", "font.sans-serif": [*FAMILIES, "sans-serif"]}
"""For ``matplotlib.rc_context``: the same families, in the same order."""


@cache
def plot_font() -> str:
    """The file of the font matplotlib draws sans-serif text with, under :data:`MATPLOTLIB_RC`."""
    import matplotlib
    from matplotlib import font_manager

    with matplotlib.rc_context(MATPLOTLIB_RC):  # type: ignore[arg-type]
        return str(font_manager.findfont(font_manager.FontProperties(family=["sans-serif"])))


def missing_glyphs(text: str, font: str | None = None) -> list[str]:
    """The characters of ``text`` (other than spaces) that ``font`` (a file; by default
    :func:`plot_font`) has no glyph for."""
    from matplotlib.ft2font import FT2Font

    face = FT2Font(font or plot_font())
    return sorted({c for c in text if not c.isspace() and face.get_char_index(ord(c)) == 0})
