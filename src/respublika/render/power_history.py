"""Voting power across the versions of a dated profile, drawn and tabulated.

The rows are :func:`respublika.games.history.power_history`'s. :func:`history_svg` draws
them as step lines (an inline SVG string; no file is written); :func:`history_table` lays
them out as text cells. Both take ``lang``: their fixed words come from the catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from respublika.errors import InputError
from respublika.games.history import INDICES, body_order
from respublika.i18n import translator
from respublika.render.figures import figure_svg

INDEX_TITLES = {"shapley_shubik": "Shapley–Shubik", "banzhaf": "Banzhaf (normalized)"}
OFFICE_COLOURS = ["#000000", "#555555", "#8c564b"]
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#bcbd22", "#e377c2"]
"""Offices in greys, chambers in colours, each in the order the bodies first appear."""


def history_table(rows: Sequence[dict[str, Any]], index: str = "shapley_shubik", lang: str = "en") -> list[list[str]]:
    """The rows as text cells: a header, then one line per row (``-`` where a body is absent)."""
    if index not in INDICES:
        raise InputError(f"index must be one of {', '.join(INDICES)}, got {index!r}")
    bodies = body_order(rows)
    _ = translator(lang)
    table = [[_("profile"), _("version"), _("in force from"), *bodies]]
    for row in rows:
        cells = [row["profile"], row["version"] or "", row["effective"] or ""]
        for body in bodies:
            entry = row["bodies"].get(body)
            cells.append(f"{entry[f'{index}_float']:.4f}" if entry else "-")
        table.append(cells)
    return table


def _colours(rows: Sequence[dict[str, Any]], order: list[str]) -> dict[str, str]:
    """A colour per body by its kind (office or chamber) and its place in ``order``."""
    kind = {b: e.get("kind") for r in rows for b, e in r["bodies"].items()}
    offices = [b for b in order if kind.get(b) == "office"]
    others = [b for b in order if kind.get(b) != "office"]
    out = {b: OFFICE_COLOURS[i % len(OFFICE_COLOURS)] for i, b in enumerate(offices)}
    out.update({b: PALETTE[i % len(PALETTE)] for i, b in enumerate(others)})
    return out


def _label(row: dict[str, Any], body: str) -> str:
    entry = row["bodies"].get(body)
    return str(entry["name"]) if entry else body


def history_svg(rows: Sequence[dict[str, Any]], *, title: str | None = None, lang: str = "en") -> str:
    """Step lines of each body's Shapley–Shubik and Banzhaf power across the dated rows,
    with each undated row (the seed) as dashed horizontal lines; an inline ``<svg>``."""
    dated = [r for r in rows if r.get("effective")]
    undated = [r for r in rows if not r.get("effective")]
    if not dated and not undated:
        raise InputError("no rows to draw")
    _ = translator(lang)
    bodies = body_order(rows)
    starts = [date.fromisoformat(r["effective"]) for r in dated]
    if starts:
        end = date(starts[-1].year + 2, 1, 1)
        span = [*starts, end]
    else:
        span = [date(2000, 1, 1), date(2001, 1, 1)]
    xs = list(mdates.date2num(span))  # type: ignore[no-untyped-call]
    fig, axes = plt.subplots(2, 1, figsize=(10, 7.5), sharex=True)
    colours = _colours(rows, bodies)
    for ax, index in zip(axes, INDICES, strict=True):
        for body in bodies:
            colour = colours[body]
            if dated:
                ys = [r["bodies"][body][f"{index}_float"] if body in r["bodies"] else math.nan for r in dated]
                label = next(_label(r, body) for r in dated if body in r["bodies"]) if any(
                    body in r["bodies"] for r in dated) else None
                ax.step(xs, [*ys, ys[-1]], where="post", color=colour, linewidth=2, label=label)
            for row in undated:
                entry = row["bodies"].get(body)
                if entry:
                    ax.hlines(entry[f"{index}_float"], xs[0], xs[-1], colors=colour, linestyles="dashed",
                              linewidth=1, label=f"{row['profile']}: {entry['name']}")
        level, last = 0, -math.inf
        for x, row in zip(xs, dated, strict=False):
            ax.axvline(x, color="#cccccc", linewidth=0.6, zorder=0)
            if ax is axes[0]:
                level = level + 1 if x - last < 2 * 365 else 0  # stagger labels of close versions
                last = x
                ax.annotate(row["version"], (x, 1.0), xycoords=("data", "axes fraction"),
                            xytext=(0, 2 + 9 * (level % 3)), textcoords="offset points",
                            fontsize=7, va="bottom", ha="left", color="#555555")
        ax.set_ylim(0, 1)
        ax.set_ylabel(_(INDEX_TITLES[index]))
        ax.grid(axis="y", color="#eeeeee")
    axes[1].xaxis.set_major_locator(mdates.YearLocator(5))  # type: ignore[no-untyped-call]
    axes[1].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    game = (dated or undated)[0]["game"]
    fig.suptitle(title or _("Voting power in the {game} game, by version").format(game=game.replace("_", " ")),
                 y=1.02)
    fig.subplots_adjust(bottom=0.16, hspace=0.12)
    return figure_svg(fig)
