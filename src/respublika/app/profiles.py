"""Opening a profile the one way every command and page does: a name, ``name@DATE``, a
file, ``as_of`` and ``KEY=VALUE`` overrides.

A :class:`ProfileRequest` is what a user asked for; :func:`open_profile` turns it into a
validated :class:`~respublika.profile.Profile`. The CLI builds the request from
``--profile/-p``, ``--as-of`` and ``--set``; the web from the query parameters ``profile``,
``as_of`` and ``set`` (repeatable), with ``files=False``: a server reads no profile file it
was not shipped with. The default profile is named here and nowhere else.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from respublika.errors import InputError, ProfileError
from respublika.profile import Profile, load_profile, loader, shipped_profiles
from respublika.profile.loader import parse_assignment, split_ref

DEFAULT_PROFILE = loader.DEFAULT_PROFILE
"""The profile every command and page uses when none is named (declared by the profile package)."""

MAX_REF = 500
MAX_SETS = 50


def parse_pairs(items: Iterable[str] | None, *, what: str = "--set") -> dict[str, Any]:
    """``["a.b=1", "c=x"]`` -> ``{"a.b": 1, "c": "x"}``: every ``KEY=VALUE`` of the project.

    The value is read as a TOML value (numbers, booleans, dates, strings in quotes, arrays),
    else as JSON (objects, ``null``), else taken as text. Used for profile overrides, act
    parameters, world setups and the simulation's parameters alike.
    """
    out: dict[str, Any] = {}
    for item in items or []:
        try:
            key, value = parse_assignment(str(item))
        except ProfileError as exc:
            raise InputError(f"{what} {item!r}: expected KEY=VALUE") from exc
        if isinstance(value, str) and value[:1] in "{[n":
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        out[key] = value
    return out


@dataclass(frozen=True)
class ProfileRequest:
    """The profile a user asked for: a reference, a date and overrides (``KEY=VALUE``)."""

    ref: str | None = None
    as_of: str | None = None
    sets: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, ref: str | None = None, as_of: str | None = None,
           sets: Sequence[str] | Mapping[str, Any] | None = None) -> ProfileRequest:
        if isinstance(sets, Mapping):
            items = tuple(f"{k}={_toml(v)}" for k, v in sets.items())
        else:
            items = tuple(sets or ())
        return cls(ref or None, as_of or None, items)

    @property
    def name(self) -> str:
        """The profile's name or file, without a date."""
        return split_ref(self.ref or DEFAULT_PROFILE)[0]

    def overrides(self) -> dict[str, Any]:
        return parse_pairs(self.sets)

    def describe(self) -> str:
        """``kz@2012-01-01 --set a=b``: how to name this profile again."""
        ref = self.ref or DEFAULT_PROFILE
        if self.as_of and "@" not in ref:
            ref += f"@{self.as_of}"
        return " ".join([ref, *(f"--set {s}" for s in self.sets)])


def open_profile(request: ProfileRequest | None = None, *, files: bool = True) -> Profile:
    """The validated profile of ``request`` (the default profile when ``None``).

    ``files=False`` refuses anything but a shipped profile's name (with an optional date).
    """
    request = request or ProfileRequest()
    ref = (request.ref or DEFAULT_PROFILE).strip()
    if len(ref) > MAX_REF:
        raise InputError(f"profile: a name of at most {MAX_REF} characters")
    if len(request.sets) > MAX_SETS:
        raise InputError(f"at most {MAX_SETS} overrides")
    name, _ = split_ref(ref)
    shipped = name in shipped_profiles()
    if not files and not shipped:
        raise InputError(f"profile {name!r}: not a shipped profile ({', '.join(shipped_profiles())})")
    if shipped:  # package data never changes while we run: each request is loaded once
        return _shipped(ref, request.sets, request.as_of)
    return load_profile(ref, overrides=list(request.sets), as_of=request.as_of)


@lru_cache(maxsize=128)
def _shipped(ref: str, sets: tuple[str, ...], as_of: str | None) -> Profile:
    """A shipped profile as requested (profiles are immutable values; a refusal is not kept)."""
    return load_profile(ref, overrides=list(sets), as_of=as_of)


@lru_cache(maxsize=1)
def _profile_rows() -> tuple[dict[str, Any], ...]:
    rows = []
    for name in shipped_profiles():
        loaded = open_profile(ProfileRequest.of(name))
        rows.append({"id": name, "title": loaded.title, "dated": bool(loaded.versions),
                     "versions": [v.id for v in loaded.versions]})
    return tuple(rows)


def profiles() -> list[dict[str, Any]]:
    """The shipped profiles: id, title, and the versions of a dated one."""
    return [dict(row) for row in _profile_rows()]


def dated_profiles() -> list[str]:
    return [row["id"] for row in profiles() if row["dated"]]


def _toml(value: Any) -> str:
    """A value as it would be written after ``--set KEY=`` (the inverse of :func:`parse_pairs`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return str(value)  # dates: TOML reads ISO dates as dates
