"""The report's figures (matplotlib, Agg backend), each returned as an SVG string.

Text is written as SVG ``<text>`` (``svg.fonttype = none``) and the SVG ids are salted
with a fixed string, so the same data gives the same SVG. Colours: one per party in the
parameters' order, grey tones for the blocs (appointees, the Assembly's delegates) and
the President. Every function takes ``lang``: titles, axes and legends of outcomes come
from the message catalogue (party and chamber names are shown as the data gives them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from respublika.i18n import translator
from respublika.render.figures import figure_svg

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f"]
BLOC_COLOURS = {"appointed": "#555555", "assembly": "#999999", "President": "#000000"}
OUTCOME_COLOURS = {"introduced": "#333333", "passed": "#2ca02c", "failed": "#d62728",
                   "vetoed": "#ff7f0e", "overridden": "#9467bd"}


def colours(labels: Sequence[str], parties: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for label in labels:
        if label in BLOC_COLOURS:
            out[label] = BLOC_COLOURS[label]
        elif label in parties:
            out[label] = PALETTE[list(parties).index(label) % len(PALETTE)]
        else:
            out[label] = PALETTE[(len(parties) + len(out)) % len(PALETTE)]
    return out


def svg(fig: Figure) -> str:
    """The figure as an inline SVG element, then closed."""
    return figure_svg(fig)


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _edges(days: Sequence[date]) -> Any:
    """Dates as matplotlib's day numbers (for ``stairs``, which takes numbers)."""
    return mdates.date2num(list(days))  # type: ignore[no-untyped-call]


def seats_over_time(history: Mapping[str, Sequence[Mapping[str, Any]]], parties: Sequence[str],
                    end: date, sizes: Mapping[str, int], lang: str = "en") -> str:
    """Stacked steps: seats per party in each chamber, from each election to the next."""
    _ = translator(lang)
    chambers = [c for c in history if history[c]]
    fig, axes = plt.subplots(len(chambers) or 1, 1, figsize=(9, 2.6 * max(len(chambers), 1)), squeeze=False)
    for ax, chamber in zip(axes[:, 0], chambers, strict=False):
        rows = list(history[chamber])
        labels = list(dict.fromkeys(label for r in rows for label in r["seats"]))
        colour = colours(labels, parties)
        xs = _edges([_d(r["date"]) for r in rows] + [end])
        ax.xaxis_date()
        bottom = [0] * len(rows)
        for label in labels:
            values = [int(r["seats"].get(label, 0)) for r in rows]
            ax.stairs([b + v for b, v in zip(bottom, values, strict=True)], xs, baseline=bottom,
                      fill=True, color=colour[label], label=label)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylim(0, max(sizes.get(chamber, 0), max(bottom, default=0)) or 1)
        ax.set_title(_("{chamber}: seats by party").format(chamber=chamber))
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    return svg(fig)


def mean_seats(samples: Sequence[str], seats: Mapping[str, Mapping[str, Sequence[float]]],
               parties: Sequence[str], end: date, lang: str = "en") -> str:
    """Mean seats per party at each anniversary (Monte Carlo), stacked."""
    _ = translator(lang)
    chambers = list(seats)
    fig, axes = plt.subplots(len(chambers) or 1, 1, figsize=(9, 2.6 * max(len(chambers), 1)), squeeze=False)
    xs = [_d(s) for s in samples] + [end]
    for ax, chamber in zip(axes[:, 0], chambers, strict=False):
        labels = list(seats[chamber])
        colour = colours(labels, parties)
        ax.stackplot(xs, *[[*seats[chamber][p], seats[chamber][p][-1]] for p in labels], labels=labels,
                     colors=[colour[p] for p in labels], step="post")
        ax.set_title(_("{chamber}: mean seats by party").format(chamber=chamber))
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    return svg(fig)


def bills_per_year(bills: Mapping[str, Any], bands: bool = False, lang: str = "en") -> str:
    """Bills introduced / passed / failed / vetoed / overridden per year (mean and 5-95 %)."""
    _ = translator(lang)
    fig, ax = plt.subplots(figsize=(9, 3.2))
    years = list(bills["years"])
    for outcome, colour in OUTCOME_COLOURS.items():
        series = bills.get(outcome)
        if series is None:
            continue
        if bands:
            ax.plot(years, series["mean"], color=colour, label=_(outcome), marker=".")
            ax.fill_between(years, series["p5"], series["p95"], color=colour, alpha=0.15)
        else:
            ax.plot(years, series, color=colour, label=_(outcome), marker=".")
    ax.set_xlabel(_("year"))
    ax.set_ylabel(_("bills"))
    ax.set_ylim(bottom=0)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    return svg(fig)


def days_to_law(days: Sequence[int] | None = None, counts: Sequence[int] | None = None,
                bin_days: int = 10, lang: str = "en") -> str:
    """Histogram of the days from introduction to law."""
    _ = translator(lang)
    fig, ax = plt.subplots(figsize=(9, 3))
    if counts is not None:
        edges = [i * bin_days for i in range(len(counts) + 1)]
        last = max((i for i, c in enumerate(counts) if c), default=0) + 1
        ax.stairs(counts[:last], edges[: last + 1], fill=True, color="#2ca02c")
    elif days:
        ax.hist(days, bins=range(0, max(days) + bin_days + 1, bin_days), color="#2ca02c")
    ax.set_xlabel(_("days from introduction to law"))
    ax.set_ylabel(_("laws"))
    fig.tight_layout()
    return svg(fig)


def bars(values: Mapping[str, float], title: str, xlabel: str, lang: str = "en") -> str:
    """Horizontal bars, e.g. how often each deadline fired (``title`` and ``xlabel`` are
    catalogue messages)."""
    _ = translator(lang)
    labels = list(values)
    fig, ax = plt.subplots(figsize=(9, 1.4 + 0.4 * max(len(labels), 1)))
    ax.barh(labels or [_("(none)")], [values[k] for k in labels] or [0], color="#1f77b4")
    ax.set_title(_(title))
    ax.set_xlabel(_(xlabel))
    ax.invert_yaxis()
    fig.tight_layout()
    return svg(fig)


def power_over_time(points: Sequence[Mapping[str, Any]], parties: Sequence[str], end: date,
                    lang: str = "en") -> str:
    """Shapley–Shubik index of each bloc, from each change of composition to the next."""
    _ = translator(lang)
    fig, ax = plt.subplots(figsize=(9, 3.2))
    labels = list(dict.fromkeys(b for p in points for b in p["shapley_shubik"]))
    colour = colours(labels, parties)
    xs = _edges([_d(p["date"]) for p in points] + [end])
    ax.xaxis_date()
    for label in labels:
        ax.stairs([p["shapley_shubik"].get(label, 0.0) for p in points], xs, baseline=None,
                  color=colour[label], label=label, linewidth=1.6)
    ax.set_ylim(0, 1)
    ax.set_ylabel(_("Shapley–Shubik"))
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    return svg(fig)


def mean_power(samples: Sequence[str], power: Mapping[str, Sequence[float]], parties: Sequence[str],
               end: date, lang: str = "en") -> str:
    """Mean Shapley–Shubik index of each bloc at each anniversary (Monte Carlo)."""
    _ = translator(lang)
    fig, ax = plt.subplots(figsize=(9, 3.2))
    xs = _edges([_d(s) for s in samples] + [end])
    ax.xaxis_date()
    colour = colours(list(power), parties)
    for label, values in power.items():
        ax.stairs(list(values), xs, baseline=None, color=colour[label], label=label, linewidth=1.6)
    ax.set_ylim(0, 1)
    ax.set_ylabel(_("mean Shapley–Shubik"))
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    return svg(fig)
