"""Figures of a sweep's table (matplotlib, Agg backend), returned as SVG strings.

:func:`rate_by` plots a pooled rate (the sum of one outcome over the sum of another, e.g.
vetoes overridden over vetoes) against a grid column, one line per value of another
column (e.g. the profile), with a 95 % Wilson interval as a band. Titles and axes come
from the message catalogue; column values are shown as the table gives them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from respublika.i18n import translator
from respublika.render.figures import figure_svg

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion (0..1 when there are no trials)."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def pooled(frame: Any, x: str, numerator: str, denominator: str, by: str) -> dict[str, list[dict[str, float]]]:
    """``{group: [{x, rate, low, high, n}]}``: the pooled rate at each ``x``, by ``by``."""
    out: dict[str, list[dict[str, float]]] = {}
    sums = frame.groupby([by, x], sort=True)[[numerator, denominator]].sum()
    for (group, xv), row in sums.iterrows():
        num, den = int(row[numerator]), int(row[denominator])
        low, high = wilson(num, den)
        out.setdefault(str(group), []).append({"x": float(xv), "rate": num / den if den else float("nan"),
                                               "low": low, "high": high, "n": den})
    return out


def rate_by(frame: Any, x: str, numerator: str, denominator: str, by: str, *,
            labels: Mapping[str, str] | None = None, xlabel: str | None = None, lang: str = "en") -> str:
    """The pooled ``numerator / denominator`` against ``x``, one line per ``by`` (see the module)."""
    _ = translator(lang)
    series = pooled(frame, x, numerator, denominator, by)
    fig, ax = plt.subplots(figsize=(7.5, 4))
    for i, (group, points) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        xs = [p["x"] for p in points]
        ax.fill_between(xs, [p["low"] for p in points], [p["high"] for p in points], color=colour, alpha=0.18,
                        linewidth=0)
        ax.plot(xs, [p["rate"] for p in points], marker="o", color=colour, label=(labels or {}).get(group, group))
    ax.set_ylim(0, 1)
    ax.set_xlabel(xlabel or x)
    ax.set_ylabel(_("{numerator} / {denominator}").format(numerator=numerator, denominator=denominator))
    ax.set_title(_("Pooled rate over the runs, with 95 % intervals"))
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    fig.tight_layout()
    return figure_svg(fig)
