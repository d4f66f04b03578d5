"""Voting power across the versions of a dated profile: how the President's, each
chamber's (and the Kurultai's) share of law-making power changed, version by version.

:func:`power_history` builds each version's law-making game from the profile
(``[games.lawmaking]``, :func:`respublika.games.legislature.build`) and computes the exact
Shapley–Shubik and normalized Banzhaf indices of every office and chamber; a comparison
profile (the seed) is added as a last row. :func:`body_order` orders the bodies (offices
first). The rows are data; :mod:`respublika.render.power_history` draws them (SVG) and
lays them out as a table. Pure: the only input read is the profiles shipped in the
package (or the files named).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from fractions import Fraction
from typing import Any

from respublika.errors import InputError
from respublika.exact import format_fraction
from respublika.games.legislature import Legislature, analyze_legislature, build
from respublika.profile.loader import load_profile, split_ref
from respublika.profile.schema import Profile

INDICES = ("shapley_shubik", "banzhaf")


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


def body_order(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every body of the rows, in order of first appearance, offices first."""
    order: list[str] = []
    for row in rows:
        for body in row["bodies"]:
            if body not in order:
                order.append(body)
    offices = [b for b in order if any(r["bodies"].get(b, {}).get("kind") == "office" for r in rows)]
    return offices + [b for b in order if b not in offices]
