"""Voting power as a user asks for it: of a game file, or of a profile's law-making game.

Party compositions are given per chamber as ``BODY:A=76,B=12`` (any chamber of the
profile, by id, name or alias). :data:`SEAT_ALIASES` names the two options of 0.1 that
stand for such a composition (``--mazhilis``, ``--senate`` on the command line, and the
query parameters of the same names): they are kept because they are public, and they are
declared here and nowhere else; they resolve through the profile like any other name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from respublika.errors import InputError
from respublika.games.legislature import analyze_legislature, build, parse_seats
from respublika.profile import Profile
from respublika.profile.bounded import json_loads
from respublika.profile.query import chambers, resolve_institution

SEAT_ALIASES = ("mazhilis", "senate")
"""Option names of 0.1, each standing for ``--seats NAME:...``."""

MAX_PARTIES = 30


def seat_specs(profile: Profile, specs: Iterable[str] = (), aliases: Mapping[str, str | None] | None = None,
               *, limits: bool = False) -> dict[str, dict[str, int]]:
    """Compositions by chamber id from ``BODY:A=76,B=12`` items and alias options.

    ``aliases`` maps an alias of :data:`SEAT_ALIASES` to its ``A=76,B=12`` text (or None).
    """
    named: list[tuple[str, str]] = []
    for alias, text in (aliases or {}).items():
        if alias not in SEAT_ALIASES:
            raise InputError(f"{alias!r} is not a seat option (options: {', '.join(SEAT_ALIASES)})")
        if text is not None and text.strip():
            named.append((alias, text))
    for item in specs:
        chamber, sep, given = item.partition(":")
        if not sep or not chamber.strip():
            raise InputError(f"seats {item!r}: expected BODY:A=76,B=12")
        named.append((chamber.strip(), given))
    out: dict[str, dict[str, int]] = {}
    for name, text in named:
        chamber = resolve_institution(profile, name)
        if chamber not in chambers(profile):
            raise InputError(f"{name!r} is not a chamber of profile {profile.id!r} "
                             f"(chambers: {', '.join(chambers(profile))})")
        seats = parse_seats(text)
        if limits and len(seats) > MAX_PARTIES:
            raise InputError(f"{name}: at most {MAX_PARTIES} parties")
        if chamber in out:
            raise InputError(f"the composition of {chamber!r} is given twice")
        out[chamber] = seats
    return out


def check_index(index: str) -> str:
    from respublika.games import index_names

    if index not in index_names():
        raise InputError(f"--index: expected one of {', '.join(index_names())}, got {index!r}")
    return index


def default_game(profile: Profile) -> str:
    """The profile's first declared game (its law-making game, by convention)."""
    if not profile.games:
        raise InputError(f"profile {profile.id!r} declares no game ([games.NAME])")
    return next(iter(profile.games))


def lawmaking(profile: Profile, seats: Mapping[str, Mapping[str, int]] | None = None, *, blocs: bool = False,
              index: str = "all", game: str | None = None) -> dict[str, Any]:
    """Exact power in the profile's game ``game`` (its first game by default), JSON-ready."""
    check_index(index)
    game = game or default_game(profile)
    if game not in profile.games:
        known = ", ".join(profile.games) or "none"
        raise InputError(f"profile {profile.id!r} declares no game {game!r} (games: {known})")
    compositions = {k: dict(v) for k, v in (seats or {}).items()}
    result = analyze_legislature(build(profile, game, compositions, blocs), index)
    if blocs and compositions:
        result["unions"] = party_unions(profile, game, compositions)
    result["profile"] = profile.id
    result["version"] = profile.version
    return result


def alternatives(profile: Profile, game: str | None = None) -> dict[str, Any]:
    """What every assumption's alternative switch does to the game's indices, computed
    (:func:`respublika.games.alternatives.alternatives_power`)."""
    from respublika.games.alternatives import alternatives_power

    result: dict[str, Any] = alternatives_power(profile, game or default_game(profile))
    return result


def rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every player group of a law-making result, in sections (offices, chambers, parties, kinds)."""
    out = []
    for section in ("offices", "chambers", "parties", "kinds"):
        for label, values in (result.get(section) or {}).items():
            out.append({"section": section, "label": label, **values})
    return out


def read_game(text: str, source: str = "game") -> dict[str, Any]:
    """A game file's JSON text; every problem is an ``InputError`` naming the source."""
    def no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"the key {key!r} appears twice in one object")
            result[key] = value
        return result

    def no_constant(name: str) -> object:
        raise ValueError(f"{name} is not a number a game can use")

    try:
        data = json_loads(text, source=source, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except InputError:
        raise
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except ValueError as exc:
        raise InputError(f"{source}: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: a game must be a JSON object with 'groups' and 'wins'")
    return data


def game_file(text: str, *, index: str = "all", source: str = "game") -> dict[str, Any]:
    """Exact power of a game given as JSON text (the format of ``docs/games.md``)."""
    from respublika.games import analyze

    check_index(index)
    result: dict[str, Any] = analyze(read_game(text, source), index)
    return result


def history(ref: str | None = None, *, game: str | None = None, compare: str | None = None) -> list[dict[str, Any]]:
    """Power in every version of a dated profile (the first dated shipped one if ``ref`` is
    None) in its game ``game`` (its first), with ``compare`` (the default profile) beside it."""
    from respublika.app.profiles import (
        DEFAULT_PROFILE,
        ProfileRequest,
        dated_profiles,
        open_profile,
    )
    from respublika.games.history import power_history

    if ref is None:
        dated = dated_profiles()
        if not dated:
            raise InputError("no dated profile is shipped")
        ref = dated[0]
    game = game or default_game(open_profile(ProfileRequest.of(ref)))
    return power_history(ref, game=game, compare=compare if compare is not None else DEFAULT_PROFILE)


def approximate_game_file(text: str, *, samples: int, seed: int, index: str = "all",
                          source: str = "game") -> dict[str, Any]:
    """Monte Carlo estimates (not exact: ``"exact": false``) with 95 % intervals of the
    Banzhaf and Shapley-Shubik indices of a game given as JSON text, for games beyond exact
    reach (:func:`respublika.games.approx.approximate`)."""
    from respublika.games import Game
    from respublika.games.approx import approximate

    check_index(index)
    return approximate(Game.from_dict(read_game(text, source)), samples=samples, seed=seed, index=index)


def party_unions(profile: Profile, game: str, compositions: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """Each party's Owen and Banzhaf-Owen values with its members as players and the party as
    their a-priori union (what ``--blocs`` adds beside the bloc game's indices)."""
    from respublika.games.legislature import union_values

    return union_values(build(profile, game, compositions, blocs=False, unions=True))
