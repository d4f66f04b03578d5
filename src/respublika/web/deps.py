"""What every route shares: the profile a request asks for, its language, the store, the token.

A page or API route that reads a profile takes the query parameters ``profile`` (a shipped
name, or ``NAME@DATE``), ``as_of`` and ``set`` (``KEY=VALUE``, repeatable) through
:func:`page_profile`; without them it uses the server's profile (``respublika serve
--profile ...``). A server opens no profile file a visitor names.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from respublika.app.profiles import ProfileRequest, open_profile
from respublika.i18n import languages
from respublika.procedure import Engine, World
from respublika.profile import Profile
from respublika.store import Store


class Forbidden(Exception):
    """A write without the token the server requires."""


def page_profile(
    request: Request,
    profile: Annotated[str | None, Query(max_length=500, description="A shipped profile, or NAME@DATE")] = None,
    as_of: Annotated[str | None, Query(max_length=10, description="For a dated profile: YYYY-MM-DD")] = None,
    set_: Annotated[list[str] | None, Query(alias="set", max_length=500, description="KEY=VALUE (repeatable)")] = None,
) -> Profile:
    """The profile this request asks for (the server's when it names none)."""
    if not profile and not as_of and not set_:
        server: Profile = request.app.state.profile
        return server
    base: ProfileRequest = request.app.state.request
    wanted = ProfileRequest.of(profile or base.ref, as_of, [*(base.sets if not profile else ()), *(set_ or [])])
    return open_profile(wanted, files=False)


PageProfile = Annotated[Profile, Depends(page_profile)]


def profile_request(request: Request) -> ProfileRequest:
    """The profile this request names (``profile``, ``as_of``, ``set``), as a request: what a
    simulation's config records. The server's when it names none."""
    base: ProfileRequest = request.app.state.request
    query = request.query_params
    profile, as_of, sets = query.get("profile"), query.get("as_of"), query.getlist("set")
    if not profile and not as_of and not sets:
        return base
    return ProfileRequest.of(profile or base.ref, as_of, [*(base.sets if not profile else ()), *sets])


def undated_page_profile(
    request: Request,
    profile: Annotated[str | None, Query(max_length=500, description="A shipped profile, or NAME@DATE")] = None,
    set_: Annotated[list[str] | None, Query(alias="set", max_length=500, description="KEY=VALUE (repeatable)")] = None,
) -> Profile:
    """:func:`page_profile` for pages whose ``as_of`` means something else (the profiles
    page's timeline): the date goes in ``profile=NAME@DATE``."""
    return page_profile(request, profile, None, set_)


UndatedPageProfile = Annotated[Profile, Depends(undated_page_profile)]


def seat_aliases(request: Request) -> dict[str, str | None]:
    """The seat aliases of 0.1 given as query parameters (``mazhilis=A=76,...``)."""
    from respublika.app.power import SEAT_ALIASES

    return {alias: request.query_params.get(alias) for alias in SEAT_ALIASES}


def parties_param(request: Request, parties: str | None) -> str | None:
    """The party chamber's composition: ``parties``, else the first seat alias given."""
    return parties or next((v for v in seat_aliases(request).values() if v), None)


def lang(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get("lang") or "en"
    return wanted if wanted in languages() else "en"


def store(request: Request) -> Store:
    opened: Store = request.app.state.store
    return opened


def world(request: Request) -> tuple[Engine, World]:
    from respublika.app import worlds

    return worlds.load(store(request), request.app.state.world)


def engine_for(request: Request) -> Any:
    """A scenario's engine: shipped profiles only (a server opens no file a visitor names)."""
    from respublika.app import worlds

    def build(scenario: Any) -> Engine:
        return worlds.scenario_engine(scenario, files=False)

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


def fork(request: Request, source: str | None, new: str, at: Any, switch: bool) -> dict[str, Any]:
    """Fork ``source`` (the server's world when None) after step ``at``; with ``switch``,
    serve the new world from now on (until a restart: then ``RESPUBLIKA_WEB_WORLD``)."""
    from respublika.app import worlds

    serving = request.app.state.world
    forked = worlds.fork(store(request), source or serving, new, at)
    if switch:
        request.app.state.world = forked["name"]
    return forked
