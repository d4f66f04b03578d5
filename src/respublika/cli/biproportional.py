"""``respublika biproportional``: seats by party and by district at once (Pukelsheim's method).

``respublika biproportional VOTES.csv --district-seats FILE [--party-seats FILE]
[--method sainte-lague|dhondt] [--upper votes|voters] [--json]``

VOTES.csv: a header ``district,PARTY1,PARTY2,...`` and one row of votes per district; FILE:
rows ``district,seats``. ``-`` reads standard input. The formats are those of
:mod:`respublika.app.biproportional`. Output: a table district x party with the district
divisors, the party seats and divisors, and the explanation; with ``--json`` the result
(``seats``, ``party_seats``, ``district_divisors``, ``party_divisors``, ...).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from respublika.app.biproportional import biproportional
from respublika.cli.common import console, print_json, read_input
from respublika.cli.options import Json
from respublika.elections.explain import decimal


def register(app: typer.Typer) -> None:
    app.command("biproportional")(biproportional_command)


def _divisor(text: str) -> str:
    value = Fraction(text)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    shown = decimal(value, 4).rstrip("0").rstrip(".")
    return shown if Fraction(shown) == value else f"≈{shown}"


def biproportional_command(
    votes: Annotated[str, typer.Argument(
        help="Votes matrix CSV: header 'district,PARTY1,PARTY2,...', one row per district; '-' for stdin.")],
    district_seats: Annotated[str, typer.Option(
        "--district-seats", help="CSV of 'district,seats' rows, every district once.")],
    party_seats: Annotated[str | None, typer.Option(
        "--party-seats", help="CSV of 'party,seats' rows: fixed party seats instead of the upper apportionment.")] = None,
    method: Annotated[str, typer.Option(
        "--method", help="Rounding: sainte-lague (standard rounding) or dhondt (rounding down).")] = "sainte-lague",
    upper: Annotated[str, typer.Option(
        "--upper", help="Party totals for the upper apportionment: votes, or voters (each district's "
        "votes divided by its seats, rounded, summed: Zürich's voter numbers).")] = "votes",
    as_json: Json = False,
) -> None:
    """Biproportional apportionment (double proportionality): party seats from the totals, then
    each district's seats among the parties by district and party divisors."""
    data = biproportional(
        read_input(votes, "votes file"), read_input(district_seats, "district seats file"),
        party_seats=read_input(party_seats, "party seats file") if party_seats else None,
        method=method, upper=upper, votes_source=votes, seats_source=district_seats,
        party_source=party_seats or "party seats",
    )
    if as_json:
        print_json(data)
    else:
        render(data)


def render(result: dict[str, Any]) -> None:
    """The seat matrix with the divisors at its margins, then the explanation steps."""
    parties = list(result["party_seats"])
    table = Table(box=box.SIMPLE_HEAVY,
                  title=f"{sum(result['district_seats'].values())} seats, method {result['method']}")
    table.add_column("District")
    for party in parties:
        table.add_column(escape(party), justify="right")
    table.add_column("Seats", justify="right")
    table.add_column("District divisor", justify="right")
    for district, row in result["seats"].items():
        table.add_row(escape(district), *(str(row[p]) for p in parties),
                      str(result["district_seats"][district]),
                      _divisor(result["district_divisors"][district]))
    table.add_section()
    table.add_row("Seats", *(str(result["party_seats"][p]) for p in parties),
                  str(sum(result["party_seats"].values())), "")
    table.add_row("Party divisor", *(_divisor(result["party_divisors"][p]) for p in parties), "", "")
    console.print(table)
    for number, step in enumerate(result["explain"], start=1):
        console.print(f"{number}. [bold]{step['kind']}[/]: {escape(step['text'])}")
