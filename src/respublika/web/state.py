"""The app's shared state: the profile, the store and its world, the write token."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Request

from respublika.errors import InputError
from respublika.procedure import Engine, World
from respublika.profile import load_profile
from respublika.store import Store


class Forbidden(Exception):
    """A write without the token the server requires."""


def store(request: Request) -> Store:
    app_state = request.app.state
    if app_state.store is None:
        app_state.store = Store(app_state.db_url)
    result: Store = app_state.store
    return result


def world(request: Request) -> tuple[Engine, World]:
    return store(request).load(request.app.state.world)


def engine_for(request: Request) -> Any:
    """A function building an engine for a scenario's profile (shipped names only)."""
    from respublika.profile import shipped_profiles

    def build(profile: str, overrides: dict[str, Any]) -> Engine:
        if profile not in shipped_profiles():
            raise InputError(f"scenario: profile {profile!r} is not a shipped profile ({', '.join(shipped_profiles())})")
        sets = [f"{k}={v}" for k, v in overrides.items()] if overrides else []
        return Engine(load_profile(profile, overrides=sets))

    return build


def check_token(request: Request, form_token: str | None = None) -> None:
    """Writes need the token when ``RESPUBLIKA_TOKEN`` (or ``--token``) is set."""
    expected = request.app.state.token
    if not expected:
        return
    given = (
        form_token
        or request.headers.get("x-respublika-token")
        or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        or request.cookies.get("token")
        or ""
    )
    if not hmac.compare_digest(given.encode(), str(expected).encode()):
        raise Forbidden("this server requires a token for changes (RESPUBLIKA_TOKEN)")
