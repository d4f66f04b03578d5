"""The options every command shares, declared once: the profile, output, language, storage.

Every command that reads a profile takes ``--profile/-p NAME|FILE|NAME@DATE``, ``--as-of
DATE`` and ``--set KEY=VALUE`` (repeatable) through :data:`ProfileRef`, :data:`AsOf` and
:data:`Sets`, and turns them into a profile with :func:`profile`. A test checks that every
command taking ``--profile`` takes the other two.
"""

from __future__ import annotations

from typing import Annotated

import typer

from respublika.app.profiles import DEFAULT_PROFILE, ProfileRequest, open_profile
from respublika.i18n import languages
from respublika.profile import Profile

ProfileRef = Annotated[
    str | None,
    typer.Option("--profile", "-p", help=f"A shipped profile's name, a profile file, or NAME@DATE for a dated "
                 f"profile's version in force that day (default: {DEFAULT_PROFILE})."),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="For a dated profile: the date whose version applies (YYYY-MM-DD)."),
]
Sets = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override a profile value: KEY=VALUE, a dotted path (repeatable)."),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON (ids, numbers and citations) instead of text.")]
Lang = Annotated[str, typer.Option("--lang", help=f"Language of the text: {', '.join(languages())}.")]
Db = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $RESPUBLIKA_DB or sqlite:///respublika.db)."),
]
World = Annotated[
    str | None, typer.Option("--world", "-w", help="World name (default: $RESPUBLIKA_WORLD or 'default').")
]


def request(ref: str | None, as_of: str | None = None, sets: list[str] | None = None) -> ProfileRequest:
    return ProfileRequest.of(ref, as_of, sets)


def profile(ref: str | None, as_of: str | None = None, sets: list[str] | None = None) -> Profile:
    """The profile the three options name (the default profile when none is given)."""
    return open_profile(request(ref, as_of, sets))
Date = Annotated[str | None, typer.Option("--date", "-d", help="Date of the act, YYYY-MM-DD (default: today).")]
Params = Annotated[list[str] | None, typer.Option("--param", help="A parameter of the act: KEY=VALUE (repeatable).")]
