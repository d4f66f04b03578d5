"""Matplotlib figures as inline SVG text (for reports and web pages; no file is written)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure


def figure_svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element (no XML declaration, deterministic ids);
    the figure is closed."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "respublika"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.find("<svg"):]
