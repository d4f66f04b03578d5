"""What each assumption's alternative does to voting power, computed.

A profile's assumptions offer alternatives as ``--set`` switches. :func:`alternatives_power`
applies each switch to the profile, builds the law-making game of the switched profile from
its own procedure rules (:func:`respublika.games.legislature.build`) and computes the exact
Shapley–Shubik and Banzhaf indices of every office and chamber
(:func:`respublika.games.legislature.analyze_legislature`), beside the default's. A switch
that changes no threshold, no vote and no path of the game leaves the indices as they are;
the result says so for each switch rather than assuming it. Pure: it takes a profile and
returns JSON-ready data; nothing is read but the profile given.

    >>> from respublika.profile import load_profile
    >>> data = alternatives_power(load_profile("seed"))
    >>> data["default"]["bodies"]["president"]["shapley_shubik"]  # the veto adds nothing
    '0/1'
    >>> data["changed_by"]  # only counting the Senate's silence as a way to a law changes it
    ['A22.senate_silence']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from respublika.errors import InputError, ProfileError
from respublika.exact import format_fraction
from respublika.games.legislature import analyze_legislature, build
from respublika.profile.loader import from_data, set_path
from respublika.profile.query import switch_text
from respublika.profile.schema import Profile

INDICES = ("shapley_shubik", "banzhaf")
"""The indices compared: each a share of the whole game, summed over a body's members."""


def switched(profile: Profile, overrides: Mapping[str, Any]) -> Profile:
    """``profile`` with ``overrides`` (``{dotted.key: value}``, as ``--set``) applied and
    validated; raises :class:`~respublika.errors.ProfileError` if the result is invalid."""
    data = profile.model_dump(by_alias=True)
    for key, value in overrides.items():
        set_path(data, key, value)
    return from_data(data, source=f"{profile.id} with {switch_text(dict(overrides))}")


def default_game(profile: Profile) -> str:
    """The profile's first declared game; :class:`InputError` when it declares none."""
    if not profile.games:
        raise InputError(f"profile {profile.id!r} declares no game ([games.NAME])")
    return next(iter(profile.games))


def _fraction(value: object) -> Fraction:
    return Fraction(str(value)) if value is not None else Fraction(0)


def game_power(profile: Profile, game: str, cache: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The indices of every office and chamber in ``game`` of ``profile``, exact (``"p/q"``)
    and as floats, with the game's dummies and veto players and each vote it requires."""
    if game not in profile.games:
        known = ", ".join(profile.games) or "none"
        raise InputError(f"profile {profile.id!r} declares no game {game!r} (games: {known})")
    leg = build(profile, game)
    key = json.dumps(leg.game.to_dict(), sort_keys=True, default=str)
    memo = cache if cache is not None else {}
    if key not in memo:
        memo[key] = analyze_legislature(leg)
    result = memo[key]
    bodies: dict[str, dict[str, Any]] = {}
    for section, kind in (("offices", "office"), ("chambers", "chamber")):
        for name, slot in (result.get(section) or {}).items():
            entry: dict[str, Any] = {"kind": kind}
            for index in INDICES:
                exact = _fraction(slot.get(index))
                entry[index] = format_fraction(exact)
                entry[f"{index}_float"] = float(exact)
            bodies[name] = entry
    return {
        "bodies": bodies,
        "dummies": sorted(result.get("dummies") or []),
        "veto_players": sorted(result.get("veto_players") or []),
        "requirements": [
            {"path": r.path, "rule": r.rule, "chamber": r.chamber, "required": r.required, "size": r.size}
            for r in leg.requirements
        ],
    }


def _compare(default: dict[str, Any], other: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], bool]:
    """Each body's indices under ``other`` with the change from ``default``; whether any changed."""
    out: dict[str, dict[str, Any]] = {}
    changed = default["dummies"] != other["dummies"] or default["veto_players"] != other["veto_players"]
    names = [*default["bodies"], *(b for b in other["bodies"] if b not in default["bodies"])]
    for name in names:
        mine = other["bodies"].get(name)
        base = default["bodies"].get(name)
        entry: dict[str, Any] = {"kind": (mine or base or {}).get("kind")}
        for index in INDICES:
            now = _fraction(mine[index]) if mine else Fraction(0)
            before = _fraction(base[index]) if base else Fraction(0)
            entry[index] = format_fraction(now)
            entry[f"{index}_float"] = float(now)
            entry[f"{index}_change"] = format_fraction(now - before)
            entry[f"{index}_change_float"] = float(now - before)
            changed = changed or now != before
        out[name] = entry
    return out, changed


def alternatives_power(
    profile: Profile, game: str | None = None, *, assumptions: Iterable[str] | None = None
) -> dict[str, Any]:
    """The law-making power of ``profile`` under its defaults and under each alternative.

    Returns ``profile``, ``game``, ``default`` (:func:`game_power` of the profile as it is)
    and ``alternatives``: one row per alternative of each assumption (all, or those named in
    ``assumptions``, in profile order), with ``assumption``, ``question``, ``alternative``,
    ``description``, ``set`` and ``switch`` (the ``--set`` form), ``status`` (``ok``, or
    ``invalid`` with ``error`` when the switched profile does not validate, e.g. an
    alternative for another version of a dated profile, or ``no_game`` when the switched
    profile declares no such game), and for ``ok`` rows ``bodies`` (each office's and
    chamber's ``shapley_shubik`` and ``banzhaf``, exact and float, and their ``*_change``
    from the default), ``dummies``, ``veto_players``, ``requirements`` and ``changed``
    (whether any index, dummy or veto player differs from the default). ``changed_by``
    lists ``"A18.joint_session"``-style ids of the rows that changed something.
    """
    name = game or default_game(profile)
    cache: dict[str, dict[str, Any]] = {}
    default = game_power(profile, name, cache)
    wanted = list(profile.assumptions) if assumptions is None else list(assumptions)
    unknown = [a for a in wanted if a not in profile.assumptions]
    if unknown:
        raise InputError(f"profile {profile.id!r} has no assumption {', '.join(map(repr, unknown))}")
    rows: list[dict[str, Any]] = []
    for aid in wanted:
        assumption = profile.assumptions[aid]
        for alt in assumption.alternatives:
            row: dict[str, Any] = {
                "assumption": aid, "question": assumption.question, "alternative": alt.id,
                "description": alt.description, "set": dict(alt.set), "switch": switch_text(dict(alt.set)),
            }
            try:
                other = switched(profile, alt.set)
            except ProfileError as exc:
                rows.append({**row, "status": "invalid", "error": str(exc), "changed": None})
                continue
            if name not in other.games:
                rows.append({**row, "status": "no_game", "error": f"no game {name!r} after the switch",
                             "changed": None})
                continue
            power = game_power(other, name, cache)
            bodies, changed = _compare(default, power)
            rows.append({**row, "status": "ok", "bodies": bodies, "dummies": power["dummies"],
                         "veto_players": power["veto_players"], "requirements": power["requirements"],
                         "changed": changed})
    return {
        "profile": profile.id,
        "game": name,
        "default": default,
        "alternatives": rows,
        "changed_by": [f"{r['assumption']}.{r['alternative']}" for r in rows if r["changed"]],
    }
