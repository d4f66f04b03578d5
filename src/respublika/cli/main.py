"""The ``respublika`` command.

Each module of this package that defines ``register(app)`` adds its commands; modules are
discovered in name order, so a new command group is a new file, not an edit here.
Errors the engine raises (``RespublikaError``) become one clear line on stderr and exit 2.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import sys
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

import respublika.cli as cli_package

try:  # Typer vendors Click in recent versions
    from typer._click.utils import PacifyFlushWrapper
except ImportError:  # pragma: no cover
    from click.utils import PacifyFlushWrapper  # type: ignore[no-redef]
from respublika.errors import RespublikaError
from respublika.i18n import languages, translator
from respublika.render.errors import error_text

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


# ------------------------------------------------------------------ help as prose (issue 12)

_TYPE_WORDS = {"<bool>": None, "<str>": "TEXT", "<list[str]>": "TEXT", "<int>": "INTEGER",
               "<list[int]>": "INTEGER", "<float>": "NUMBER", "<path>": "FILE", "<list[path]>": "FILE"}


def _plain_types() -> None:
    """Help shows no ``<bool>`` on a plain flag and words (TEXT, INTEGER, FILE), not Python types."""
    from typer.core import TyperArgument, TyperOption

    for cls in (TyperOption, TyperArgument):
        original = cls.display_type_rich
        if getattr(original, "_respublika", False):
            continue

        def display(self: Any, ctx: Any, _original: Any = original) -> str | None:
            if getattr(self, "is_flag", False) and not getattr(self, "count", False):
                return None
            shown = _original(self, ctx)
            return _TYPE_WORDS.get(shown, shown) if isinstance(shown, str) else shown

        display._respublika = True  # type: ignore[attr-defined]
        cls.display_type_rich = display  # type: ignore[method-assign]


_plain_types()


def prose(text: str | None) -> str | None:
    """A docstring as help prose: ````code```` shown as 'code', the lines of a paragraph joined
    (Rich wraps them to the terminal), paragraphs kept."""
    if not text:
        return text
    text = re.sub(r"``([^`]+)``", r"'\1'", text)
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)


def _tidy(command: Any) -> Any:
    """Every help text of ``command`` and its subcommands as :func:`prose`."""
    stack = [command]
    while stack:
        cmd = stack.pop()
        cmd.help = prose(cmd.help)
        cmd.short_help = prose(cmd.short_help)
        for param in getattr(cmd, "params", []):
            if getattr(param, "help", None):
                param.help = prose(param.help)
        stack.extend(getattr(cmd, "commands", {}).values())
    return command


def command() -> Any:
    """The click command of :data:`app` with its help texts as prose."""
    return _tidy(typer.main.get_command(app))


def run() -> None:
    """Console-script entry point: run the app, turning engine errors into exit code 2.

    Usage errors (unknown options, bad values) are reported by Typer itself with exit code 2.
    A reader that closes the pipe early (``respublika show | head -1``) ends the command quietly
    with exit 0. Anything else unexpected is a bug: one line naming it, "please report", exit 1
    (``RESPUBLIKA_DEBUG=1`` shows the traceback instead).
    """
    try:
        command()()
    except RespublikaError as exc:
        lang = _lang(sys.argv[1:])
        head = translator(lang)("error")
        err_console.print(f"[bold red]{escape(head)}:[/] {escape(error_text(exc, lang))}", highlight=False,
                          soft_wrap=True)
        sys.exit(2)
    except BrokenPipeError:
        _quiet_pipe()
        sys.exit(0)
    except SystemExit as exc:
        if isinstance(sys.stdout, PacifyFlushWrapper):  # Click met EPIPE and exits 1: a closed pipe
            _quiet_pipe()
            sys.exit(0)
        raise exc from None
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("RESPUBLIKA_DEBUG"):
            raise
        text = str(exc).splitlines()[0][:300] if str(exc) else ""
        err_console.print(f"[bold red]error:[/] unexpected {escape(type(exc).__name__)}"
                          f"{': ' + escape(text) if text else ''} (a bug in respublika; please report it, "
                          f"with the command; RESPUBLIKA_DEBUG=1 shows the traceback)",
                          highlight=False, soft_wrap=True)
        sys.exit(1)


def _lang(argv: list[str]) -> str:
    """The ``--lang`` the command line asked for (``--lang de`` or ``--lang=de``), if it is a
    language with a catalogue, for the error line; else English."""
    wanted = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            wanted = argv[i + 1]
        elif arg.startswith("--lang="):
            wanted = arg.split("=", 1)[1]
    return wanted if wanted in languages() else "en"


def _quiet_pipe() -> None:
    """Point standard output at /dev/null so that the interpreter's last flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (tests)
        pass
