"""Biproportional apportionment as a user asks for it: a votes matrix and district seats, as text.

File formats (CSV, UTF-8; blank lines and lines starting with ``#`` are ignored, so a file may
carry its source):

- **votes**: a header row ``district,PARTY1,PARTY2,...`` (the first cell names the district
  column, any word), then one row per district: its name and a whole number of votes per
  party. An empty cell is 0 (the party had no list there).
- **district seats**: rows ``district,seats`` (a header row ``district,seats`` is optional);
  every district of the votes file, once, and no other.
- **party seats** (optional, replaces the upper apportionment): rows ``party,seats``, header
  ``party,seats`` optional.

:func:`biproportional` reads them and runs :func:`respublika.elections.biproportional.
biproportional`; the answer is its ``to_dict()``. Every problem is an ``InputError`` naming the
file and line.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from respublika.elections.biproportional import ROUNDINGS, UPPERS
from respublika.elections.biproportional import biproportional as apportion
from respublika.errors import InputError

_INTEGER = re.compile(r"^[+-]?\d+$")


def _rows(text: str, source: str) -> list[tuple[int, list[str]]]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    try:
        parsed = list(csv.reader(io.StringIO("\n".join(lines))))
    except csv.Error as exc:
        raise InputError(f"{source}: malformed CSV: {exc}") from None
    numbered = []
    kept = [n for n, line in enumerate(text.splitlines(), start=1) if not line.lstrip().startswith("#")]
    for number, row in zip(kept, parsed, strict=False):
        cells = [c.strip() for c in row]
        if any(cells):
            numbered.append((number, cells))
    return numbered


def _count(cell: str, what: str, source: str, line: int, *, empty_zero: bool = False) -> int:
    if not cell:
        if empty_zero:
            return 0
        raise InputError(f"{source}, line {line}: {what} is missing")
    if not _INTEGER.match(cell):
        raise InputError(f"{source}, line {line}: {what} must be a whole number, got {cell!r}")
    value = int(cell)
    if value < 0:
        raise InputError(f"{source}, line {line}: {what} must not be negative, got {value}")
    return value


def read_votes(text: str, *, source: str = "votes") -> dict[str, dict[str, int]]:
    """A votes matrix from CSV text: header ``district,P1,P2,...``, one row per district."""
    rows = _rows(text, source)
    if not rows:
        raise InputError(f"{source}: empty; expected a header row 'district,PARTY1,PARTY2,...'")
    (head_line, head), body = rows[0], rows[1:]
    parties = head[1:]
    if not parties:
        raise InputError(f"{source}, line {head_line}: the header names no party "
                         "(expected 'district,PARTY1,PARTY2,...')")
    for party in parties:
        if not party:
            raise InputError(f"{source}, line {head_line}: a party column has no name")
        if parties.count(party) > 1:
            raise InputError(f"{source}, line {head_line}: party {party!r} appears twice")
    if not body:
        raise InputError(f"{source}: no district rows under the header")
    votes: dict[str, dict[str, int]] = {}
    for line, cells in body:
        if len(cells) != len(head):
            raise InputError(f"{source}, line {line}: expected {len(head)} fields "
                             f"(district and {len(parties)} parties), got {len(cells)}")
        district = cells[0]
        if not district:
            raise InputError(f"{source}, line {line}: the district name is missing")
        if district in votes:
            raise InputError(f"{source}, line {line}: district {district!r} appears twice")
        votes[district] = {
            p: _count(c, f"votes for {p!r} in {district!r}", source, line, empty_zero=True)
            for p, c in zip(parties, cells[1:], strict=True)
        }
    return votes


def read_seats(text: str, *, source: str = "seats", kind: str = "district") -> dict[str, int]:
    """Seats per district (or party) from CSV rows ``name,seats`` (header optional)."""
    rows = _rows(text, source)
    if rows and [c.lower() for c in rows[0][1]] == [kind, "seats"]:
        rows = rows[1:]
    if not rows:
        raise InputError(f"{source}: no rows; expected '{kind},seats' lines")
    seats: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) != 2:
            raise InputError(f"{source}, line {line}: expected '{kind},seats', got {len(cells)} field(s)")
        name, count = cells
        if not name:
            raise InputError(f"{source}, line {line}: the {kind} name is missing")
        if name in seats:
            raise InputError(f"{source}, line {line}: {kind} {name!r} appears twice")
        seats[name] = _count(count, f"seats for {name!r}", source, line)
    return seats


def biproportional(
    votes: str,
    district_seats: str,
    *,
    party_seats: str | None = None,
    method: str = "sainte-lague",
    upper: str = "votes",
    votes_source: str = "votes",
    seats_source: str = "district seats",
    party_source: str = "party seats",
) -> dict[str, Any]:
    """The biproportional apportionment of a votes matrix (CSV text) and district seats (CSV
    text), JSON-ready: ``seats``, ``party_seats``, ``district_divisors``, ``party_divisors``,
    then ``method``, ``upper``, ``iterations``, ``ties``, ``explain`` and the inputs."""
    if method not in ROUNDINGS:
        raise InputError(f"method: unknown {method!r}; use one of {', '.join(ROUNDINGS)}")
    if upper not in UPPERS:
        raise InputError(f"upper: unknown {upper!r}; use one of {', '.join(UPPERS)}")
    matrix = read_votes(votes, source=votes_source)
    seats = read_seats(district_seats, source=seats_source)
    fixed = read_seats(party_seats, source=party_source, kind="party") if party_seats else None
    result = apportion(matrix, seats, method=method, upper=upper,
                       party_seats=fixed)
    return result.to_dict()
