"""``respublika serve``: the web app on this machine."""

from __future__ import annotations

import typer

from respublika.cli.common import ProfileOption, SetOption, console


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    profile: str = ProfileOption,
    set_: list[str] | None = SetOption,
    db: str | None = typer.Option(None, "--db", help="Database URL (default: RESPUBLIKA_DB or a SQLite file)."),
) -> None:
    """Start the web app (the seed profile by default) and print its URL."""
    import uvicorn

    from respublika.web.app import create_app

    app = create_app(profile, overrides=list(set_ or []), db_url=db)
    console.print(f"Respublika is running at [bold]http://{host}:{port}/[/] (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
