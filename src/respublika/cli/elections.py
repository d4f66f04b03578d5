"""``respublika seats``: allocate seats among party lists, with every step explained.

``respublika seats VOTES --seats N --method METHOD (a registered seat method)
[--threshold 7/100] [--base-extra N] [--runner-up] [--ties order|lot] [--seed S]
[--cite REF ...] [--json]``

VOTES is a CSV file (``party,votes``, header optional) or a JSON object (``{"party": votes}``)
in registration order; ``-`` reads standard input. This is the general, profile-free
command: every rule is an option. Output: a table and the explanation steps, or with
``--json`` the result's ``to_dict()`` (keys ``seats``, ``eligible``, ``quota``, ``ties``,
``explain`` and more).
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from respublika.cli.common import read_input
from respublika.elections import SeatAllocation, allocate_seats, method_names
from respublika.elections.explain import percent, show
from respublika.elections.registry import is_method
from respublika.elections.ties import TIE_RULES
from respublika.elections.votes_text import parse_votes
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
    seats: Annotated[int, typer.Option("--seats", help="Number of seats to fill.")],
    method: Annotated[
        str, typer.Option("--method", help="Seat method: " + ", ".join(method_names()) + ".")
    ] = "hare",
    # The default threshold is the profile's (its party-list election's), read below;
    # no country's number is written here.
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
        bool,
        typer.Option("--runner-up", help="If only one list clears the threshold, admit the next."),
    ] = False,
    ties: Annotated[
        str, typer.Option("--ties", help="Tie rule: order (registration order) or lot.")
    ] = "order",
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for --ties lot.")] = None,
    cite: Annotated[
        list[str] | None, typer.Option("--cite", help="A reference to attach to every step.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    profile: Annotated[
        str, typer.Option("--profile", "-p", help="Profile whose threshold is the default.")
    ] = "seed",
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Override a profile value: KEY=VALUE.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="For a dated profile: the date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Allocate seats among party lists (largest remainder or divisor methods, threshold).

    Any number of seats and parties, no chamber attached; only the threshold's default comes
    from the profile (the threshold of its first party-list election)."""
    if not is_method(method):
        raise InputError(
            f"--method: unknown seat method {method!r}; known: {', '.join(method_names())}"
        )
    if ties not in TIE_RULES:
        raise InputError(f"--ties: expected one of {', '.join(TIE_RULES)}, got {ties!r}")
    if threshold is None:
        threshold = _profile_threshold(profile, set_, as_of)
    table = parse_votes(read_input(votes, "votes file"), source=votes, fmt=_format_of(votes))
    result = allocate_seats(
        table,
        seats,
        method,
        threshold=threshold,
        base_extra=base_extra,
        runner_up=runner_up,
        ties=ties,  # narrowed to the literal by the check against TIE_RULES above
        seed=seed,
        cites=cite or None,
    )
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        render(result)


def _profile_threshold(profile: str, sets: list[str] | None, as_of: str | None) -> str:
    """The threshold of the profile's first party-list election ("0" when it has none)."""
    from respublika.exact import format_fraction
    from respublika.profile import load_profile

    loaded = load_profile(profile, overrides=list(sets or []), as_of=as_of)
    for rule in loaded.elections.values():
        if rule.kind == "party_list_pr" and rule.threshold is not None:
            return format_fraction(rule.threshold)
    return "0"


def _format_of(ref: str) -> str | None:
    suffix = Path(ref).suffix.lower()
    return {".json": "json", ".csv": "csv"}.get(suffix)


def render(result: SeatAllocation) -> None:
    """A table of lists and seats, then the explanation steps and ties."""
    base = result.threshold_base
    table = Table(box=box.SIMPLE_HEAVY, title=f"{result.total_seats} seats, method {result.method}")
    table.add_column("List")
    table.add_column("Votes", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("Admitted", justify="center")
    table.add_column("Seats", justify="right")
    for party, votes in result.votes.items():
        table.add_row(
            escape(party),
            f"{votes:,}",
            percent(Fraction(votes, base), 2) if base else "-",
            "yes" if party in result.eligible else "no",
            str(result.seats[party]),
        )
    console.print(table)
    if result.quota is not None:
        console.print(f"Quota: {escape(show(result.quota))}")
    if result.last_quotient is not None:
        console.print(f"Last winning quotient: {escape(show(result.last_quotient))}")
    for number, step in enumerate(result.explain, start=1):
        refs = f" [dim]\\[{escape('; '.join(step.cites))}][/]" if step.cites else ""
        console.print(f"{number}. [bold]{step.kind}[/]: {escape(step.text)}{refs}")
