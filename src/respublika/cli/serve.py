"""``respublika serve``: the web app on this machine.

The port is checked and bound before anything is printed: a bad port or a busy one is one
clear error (exit 2), and "running at ..." appears only once the socket listens.
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from respublika.cli.common import console
from respublika.cli.options import AsOf, Db, ProfileRef, Sets
from respublika.errors import InputError


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or an ``InputError`` naming what is wrong."""
    if not 1 <= port <= 65535:
        raise InputError.of("--port {port}: a port is a number from 1 to 65535", port=port)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError.of("--host {host}: not an address of this machine ({reason})",
                            host=host, reason=exc.strerror) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise InputError.of("{host}:{port} is busy or not available ({reason}); choose another --port",
                            host=host, port=port, reason=exc.strerror or str(exc)) from None
    sock.set_inheritable(True)
    return sock


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    profile: ProfileRef = None,
    set_: Sets = None,
    as_of: AsOf = None,
    db: Db = None,
) -> None:
    """Start the web app (the default profile unless told) and print its URL."""
    sock = bind(host, port)
    try:
        import uvicorn

        from respublika.web.app import create_app

        app = create_app(profile, overrides=list(set_ or []), db_url=db, as_of=as_of)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        console.print(f"Respublika is running at [bold]http://{host}:{port}/[/] (Ctrl+C to stop)")
        server.run(sockets=[sock])
    finally:
        sock.close()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
