"""Helpers shared by the command modules: options, profile loading, JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console

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


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def cites_text(cites: list[str]) -> str:
    return "[" + ", ".join(cites) + "]"
