"""The ``respublika`` command.

Each module of this package that defines ``register(app)`` adds its commands; modules are
discovered in name order, so a new command group is a new file, not an edit here.
Errors the engine raises (``RespublikaError``) become one clear line on stderr and exit 2.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer
from rich.console import Console
from rich.markup import escape

import respublika.cli as cli_package
from respublika.errors import RespublikaError

app = typer.Typer(
    name="respublika",
    help="An executable, cited model of the constitutional system of Kazakhstan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)


def _register_commands() -> None:
    for info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        if info.name in {"main", "common"} or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"respublika.cli.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(app)


_register_commands()


def run() -> None:
    """Console-script entry point: run the app, turning engine errors into exit code 2.

    Usage errors (unknown options, bad values) are reported by Typer itself with exit code 2.
    """
    try:
        app()
    except RespublikaError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2)
