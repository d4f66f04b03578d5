"""Helpers shared by the command modules: options, profile loading, JSON output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from respublika.errors import InputError
from respublika.profile import Profile, load_profile

console = Console(highlight=False)

ProfileOption = typer.Option("seed", "--profile", "-p", help="A shipped profile name or a profile file.")
SetOption = typer.Option(
    None, "--set", help="Override a profile value: KEY=VALUE (dotted path; repeatable)."
)
JsonOption = typer.Option(False, "--json", help="Print JSON instead of text.")
LangOption = typer.Option("en", "--lang", help="Language of the labels: en or de.")
AsOfOption = typer.Option(
    None, "--as-of", help="For a dated profile: the date whose version applies (YYYY-MM-DD)."
)


def get_profile(ref: str, overrides: list[str] | None, as_of: str | None = None) -> Profile:
    return load_profile(ref, overrides=list(overrides or []), as_of=as_of)


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
