"""Helpers shared by the command modules: the console, files named on the command line, JSON
output. The shared options are in :mod:`respublika.cli.options`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from respublika.errors import InputError

console = Console(highlight=False)


def read_input(ref: str | Path, what: str = "input file") -> str:
    """The text of a file named on the command line (``-``: standard input); every problem is
    an ``InputError`` naming the file."""
    if str(ref) == "-":
        return sys.stdin.read()
    try:
        return Path(ref).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{ref}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{ref}: is a directory, not a {what}") from None
    except UnicodeDecodeError:
        raise InputError(f"{ref}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{ref}: cannot read it ({exc.strerror})") from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def cites_text(cites: list[str]) -> str:
    return "[" + ", ".join(cites) + "]"
