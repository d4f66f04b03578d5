"""Voting power across the versions of a dated profile: how the President's, each
chamber's (and the Kurultai's) share of law-making power changed, version by version.

:func:`power_history` builds each version's law-making game from the profile
(``[games.lawmaking]``, :func:`respublika.games.legislature.build`) and computes the exact
Shapley–Shubik and normalized Banzhaf indices of every office and chamber; a comparison
profile (the seed) is added as a last row. :func:`history_svg` draws the rows as step
lines (an SVG string; no file is written). :func:`history_table` lays them out as text.
Pure: the only input read is the profiles shipped in the package (or the files named).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from respublika.errors import InputError
from respublika.exact import format_fraction
from respublika.figures import figure_svg
from respublika.games.legislature import Legislature, analyze_legislature, build
from respublika.profile.loader import load_profile, split_ref
from respublika.profile.schema import Profile

INDICES = ("shapley_shubik", "banzhaf")
INDEX_TITLES = {"shapley_shubik": "Shapley–Shubik", "banzhaf": "Banzhaf (normalized)"}
COLOURS = {"president": "#000000", "mazhilis": "#1f77b4", "senate": "#d62728", "kurultai": "#2ca02c"}
PALETTE = ["#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#bcbd22", "#e377c2"]


def _fraction(value: object) -> Fraction:
    return Fraction(str(value)) if value is not None else Fraction(0)


def _bodies(profile: Profile, leg: Legislature, result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each office and chamber of the game with its summed indices, offices first."""
    out: dict[str, dict[str, Any]] = {}
    for section, kind in (("offices", "office"), ("chambers", "chamber")):
        values = result.get(section) or {}
        for name, slot in values.items():
            inst = profile.institutions.get(name)
            entry: dict[str, Any] = {
                "kind": kind,
                "name": inst.name if inst else name,
                "size": (inst.size if inst and inst.size else 1),
            }
            for index in INDICES:
                exact = _fraction(slot.get(index))
                entry[index] = format_fraction(exact)
                entry[f"{index}_float"] = float(exact)
            out[name] = entry
    return out


def _requirements(leg: Legislature) -> list[dict[str, Any]]:
    return [
        {"path": r.path, "rule": r.rule, "chamber": r.chamber, "threshold": r.threshold,
         "required": r.required, "size": r.size, "cites": list(r.cites)}
        for r in leg.requirements
    ]


def _row(profile: Profile, game: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if game not in profile.games:
        known = ", ".join(profile.games) or "none"
        raise InputError(f"profile {profile.id!r} (version {profile.version}) declares no game {game!r} "
                         f"(games: {known})")
    leg = build(profile, game)
    key = json.dumps(leg.game.to_dict(), sort_keys=True, default=str)
    if key not in cache:
        cache[key] = analyze_legislature(leg)
    result = cache[key]
    return {
        "game": game,
        "bodies": _bodies(profile, leg, result),
        "requirements": _requirements(leg),
        "veto_players": list(result.get("veto_players") or []),
        "dummies": list(result.get("dummies") or []),
    }


def power_history(ref: str = "kz", *, game: str = "lawmaking", compare: str | None = "seed") -> list[dict[str, Any]]:
    """One row per version of the dated profile ``ref`` (in date order), then one for
    ``compare`` (the seed by default; ``None`` for none).

    Each row: ``profile``, ``ref`` (``kz@YYYY-MM-DD``, loadable), ``version``,
    ``effective`` and ``until`` (ISO dates; ``until`` is the day before the next version,
    ``None`` for the last), ``act``, ``summary``, ``game``, ``bodies`` (per office and
    chamber: ``kind``, ``name``, ``size``, ``shapley_shubik`` and ``banzhaf`` as exact
    ``"p/q"`` shares of the whole game, with ``*_float``), ``requirements`` (each vote's
    chamber, threshold, ``required`` of ``size``, citations), ``veto_players`` and
    ``dummies`` (group names). A profile without versions gives one row (``version`` and
    the dates ``None``). ``ref`` may carry a date (``kz@2012-01-01``): the history is of
    the whole profile all the same.
    """
    name, _ = split_ref(ref)
    cache: dict[str, dict[str, Any]] = {}
    latest = load_profile(name)
    rows: list[dict[str, Any]] = []
    if latest.versions:
        versions = latest.versions
        for i, version in enumerate(versions):
            profile = load_profile(name, as_of=version.effective)
            nxt = versions[i + 1].effective if i + 1 < len(versions) else None
            rows.append({
                "profile": name,
                "ref": f"{name}@{version.effective.isoformat()}",
                "version": version.id,
                "effective": version.effective.isoformat(),
                "until": (nxt - timedelta(days=1)).isoformat() if nxt else None,
                "act": version.act,
                "summary": version.summary,
                **_row(profile, game, cache),
            })
    else:
        rows.append(_undated(name, latest, game, cache))
    if compare is not None:
        rows.append(_undated(compare, load_profile(compare), game, cache))
    return rows


def _undated(name: str, profile: Profile, game: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"profile": name, "ref": name, "version": profile.version, "effective": None, "until": None,
            "act": None, "summary": profile.title, **_row(profile, game, cache)}


def _body_order(rows: Sequence[dict[str, Any]]) -> list[str]:
    order: list[str] = []
    for row in rows:
        for body in row["bodies"]:
            if body not in order:
                order.append(body)
    offices = [b for b in order if any(r["bodies"].get(b, {}).get("kind") == "office" for r in rows)]
    return offices + [b for b in order if b not in offices]


def history_table(rows: Sequence[dict[str, Any]], index: str = "shapley_shubik") -> list[list[str]]:
    """The rows as text cells: a header, then one line per row (``-`` where a body is absent)."""
    if index not in INDICES:
        raise InputError(f"index must be one of {', '.join(INDICES)}, got {index!r}")
    bodies = _body_order(rows)
    table = [["profile", "version", "in force from", *bodies]]
    for row in rows:
        cells = [row["profile"], row["version"] or "", row["effective"] or ""]
        for body in bodies:
            entry = row["bodies"].get(body)
            cells.append(f"{entry[f'{index}_float']:.4f}" if entry else "-")
        table.append(cells)
    return table


def _colour(body: str, order: list[str]) -> str:
    if body in COLOURS:
        return COLOURS[body]
    others = [b for b in order if b not in COLOURS]
    return PALETTE[others.index(body) % len(PALETTE)]


def _label(row: dict[str, Any], body: str) -> str:
    entry = row["bodies"].get(body)
    return str(entry["name"]) if entry else body


def history_svg(rows: Sequence[dict[str, Any]], *, title: str | None = None) -> str:
    """Step lines of each body's Shapley–Shubik and Banzhaf power across the dated rows,
    with each undated row (the seed) as dashed horizontal lines; an inline ``<svg>``."""
    dated = [r for r in rows if r.get("effective")]
    undated = [r for r in rows if not r.get("effective")]
    if not dated and not undated:
        raise InputError("no rows to draw")
    bodies = _body_order(rows)
    starts = [date.fromisoformat(r["effective"]) for r in dated]
    if starts:
        end = date(starts[-1].year + 2, 1, 1)
        span = [*starts, end]
    else:
        span = [date(2000, 1, 1), date(2001, 1, 1)]
    xs = list(mdates.date2num(span))  # type: ignore[no-untyped-call]
    fig, axes = plt.subplots(2, 1, figsize=(10, 7.5), sharex=True)
    for ax, index in zip(axes, INDICES, strict=True):
        for body in bodies:
            colour = _colour(body, bodies)
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
        ax.set_ylabel(INDEX_TITLES[index])
        ax.grid(axis="y", color="#eeeeee")
    axes[1].xaxis.set_major_locator(mdates.YearLocator(5))  # type: ignore[no-untyped-call]
    axes[1].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    game = (dated or undated)[0]["game"]
    fig.suptitle(title or f"Voting power in the {game.replace('_', ' ')} game, by version", y=1.02)
    fig.subplots_adjust(bottom=0.16, hspace=0.12)
    return figure_svg(fig)
