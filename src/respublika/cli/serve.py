"""``respublika serve``: the web app on this machine."""

from __future__ import annotations

from typing import Annotated

import typer

from respublika.cli.common import console
from respublika.cli.options import AsOf, Db, ProfileRef, Sets


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    profile: ProfileRef = None,
    set_: Sets = None,
    as_of: AsOf = None,
    db: Db = None,
) -> None:
    """Start the web app (the default profile unless told) and print its URL."""
    import uvicorn

    from respublika.web.app import create_app

    app = create_app(profile, overrides=list(set_ or []), db_url=db, as_of=as_of)
    console.print(f"Respublika is running at [bold]http://{host}:{port}/[/] (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
