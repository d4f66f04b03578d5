"""``respublika seats``: allocate seats among party lists, with every step explained.

``respublika seats VOTES [--seats N] [--method METHOD] [--threshold 7/100] [--base-extra N]
[--runner-up] [--ties order|lot] [--seed S] [--first-divisor X] [--quota-rounding R]
[--threshold-votes N] [--alliance-threshold p/q] [--district-seats N] [--cite REF ...] [--json]``

VOTES is a CSV file (``party,votes``, header optional) or a JSON object (``{"party": votes}``)
in registration order; ``-`` reads standard input. This is the general command: every rule
is an option, and each option left out is the profile's (its first party-list election,
see :func:`respublika.app.elections.allocate`). Output: a table and the explanation steps,
or with ``--json`` the allocation (keys ``seats``, ``eligible``, ``quota``, ``ties``,
``explain`` and more) and the ``defaults`` it was filled from.
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from respublika.app.elections import allocate
from respublika.cli import options
from respublika.cli.common import read_input
from respublika.cli.options import AsOf, Json, ProfileRef, Sets
from respublika.elections import method_names
from respublika.elections.explain import percent, show
from respublika.elections.inputs import MAX_SEATS
from respublika.elections.largest_remainder import ROUNDINGS
from respublika.elections.registry import is_method
from respublika.elections.ties import TIE_RULES
from respublika.errors import InputError

console = Console(highlight=False)


def register(app: typer.Typer) -> None:
    app.command("seats")(seats_command)


def seats_command(
    votes: Annotated[
        str,
        typer.Argument(
            help="Votes file: CSV 'party,votes' (header optional) or JSON {\"party\": votes}; "
            "'-' for stdin. Order = registration order."
        ),
    ],
    seats: Annotated[
        int | None, typer.Option("--seats", help="Number of seats to fill (default: the profile's list seats).")
    ] = None,
    method: Annotated[
        str | None,
        typer.Option("--method", help=f"The seat method: {', '.join(method_names())} (default: the profile's)."),
    ] = None,
    threshold: Annotated[
        str | None,
        typer.Option(
            "--threshold",
            help="Entry threshold as a share: 7/100, 7%, 0.07; 0 = none (default: the profile's).",
        ),
    ] = None,
    base_extra: Annotated[
        int,
        typer.Option(
            "--base-extra", help="Votes counted in the threshold base only (against all)."
        ),
    ] = 0,
    runner_up: Annotated[
        bool | None,
        typer.Option("--runner-up/--no-runner-up",
                     help="If only one list clears the threshold, admit the next (default: the profile's)."),
    ] = None,
    ties: Annotated[
        str | None, typer.Option("--ties", help="Tie rule: order (registration order) or lot (default: the profile's).")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for --ties lot.")] = None,
    first_divisor: Annotated[
        str | None,
        typer.Option("--first-divisor", help="A divisor method's first divisor, e.g. 1.4 or 1.2 "
                     "(modified Sainte-Laguë); exact."),
    ] = None,
    quota_rounding: Annotated[
        str | None,
        typer.Option("--quota-rounding", help=f"Round a largest-remainder quota: {', '.join(ROUNDINGS)}."),
    ] = None,
    threshold_votes: Annotated[
        int | None, typer.Option("--threshold-votes", help="An absolute threshold: at least N votes.")
    ] = None,
    alliance_threshold: Annotated[
        str | None,
        typer.Option("--alliance-threshold", help="The share an alliance needs (alliances: the votes "
                     "file's 'alliance' column), e.g. 7/100."),
    ] = None,
    district_seats: Annotated[
        int | None,
        typer.Option("--district-seats", help="Admit a list that won at least N district seats (the votes "
                     "file's 'district_seats' column) whatever its votes."),
    ] = None,
    cite: Annotated[
        list[str] | None, typer.Option("--cite", help="A reference to attach to every step.")
    ] = None,
    as_json: Json = False,
    profile: ProfileRef = None,
    set_: Sets = None,
    as_of: AsOf = None,
) -> None:
    """Allocate seats among party lists (largest remainder or divisor methods, threshold).

    Any number of seats and parties, no chamber attached: every rule is an option, and what
    is left out comes from the profile's first party-list election."""
    if method is not None and not is_method(method):
        raise InputError(
            f"--method: unknown seat method {method!r}; known: {', '.join(method_names())}"
        )
    if ties is not None and ties not in TIE_RULES:
        raise InputError(f"--ties: expected one of {', '.join(TIE_RULES)}, got {ties!r}")
    if seats is not None and seats < 1:
        raise InputError(f"--seats: seats must be at least 1, got {seats}")
    if seats is not None and seats > MAX_SEATS:
        raise InputError(f"--seats: at most {MAX_SEATS:,} seats, got {seats:,}")
    if quota_rounding is not None and quota_rounding not in ROUNDINGS:
        raise InputError(f"--quota-rounding: expected one of {', '.join(ROUNDINGS)}, got {quota_rounding!r}")
    if threshold_votes is not None and threshold_votes < 0:
        raise InputError(f"--threshold-votes: must not be negative, got {threshold_votes}")
    if district_seats is not None and district_seats < 1:
        raise InputError(f"--district-seats: must be at least 1, got {district_seats}")
    data = allocate(
        options.profile(profile, as_of, set_), read_input(votes, "votes file"), seats=seats, method=method,
        threshold=threshold, base_extra=base_extra, runner_up=runner_up, ties=ties, seed=seed,
        cites=cite or None, fmt=_format_of(votes), source=votes, first_divisor=first_divisor,
        quota_rounding=quota_rounding, threshold_votes=threshold_votes, alliance_threshold=alliance_threshold,
        district_seats=district_seats,
    )
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        render(data)


def _format_of(ref: str) -> str | None:
    suffix = Path(ref).suffix.lower()
    return {".json": "json", ".csv": "csv"}.get(suffix)


def render(result: dict[str, Any]) -> None:
    """A table of lists and seats, then the explanation steps and ties."""
    base = int(result["threshold_base"])
    table = Table(box=box.SIMPLE_HEAVY, title=f"{result['total_seats']} seats, method {result['method']}")
    table.add_column("List")
    table.add_column("Votes", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("Admitted", justify="center")
    table.add_column("Seats", justify="right")
    for party, votes in result["votes"].items():
        table.add_row(
            escape(party),
            f"{votes:,}",
            percent(Fraction(votes, base), 2) if base else "-",
            "yes" if party in result["eligible"] else "no",
            str(result["seats"][party]),
        )
    console.print(table)
    if result["quota"] is not None:
        console.print(f"Quota: {escape(show(Fraction(result['quota'])))}")
    if result["last_quotient"] is not None:
        console.print(f"Last winning quotient: {escape(show(Fraction(result['last_quotient'])))}")
    for number, step in enumerate(result["explain"], start=1):
        refs = f" [dim]\\[{escape('; '.join(step['cites']))}][/]" if step.get("cites") else ""
        console.print(f"{number}. [bold]{step['kind']}[/]: {escape(step['text'])}{refs}")
