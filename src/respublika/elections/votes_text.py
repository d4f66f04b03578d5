"""Reading a vote table from text: CSV ``party,votes`` or a JSON object ``{"party": votes}``.

Pure parsing (the caller reads the file). Rows keep their order, which is the registration
order. CSV: one ``party,votes`` row per list, standard quoting for names with commas, blank
lines ignored, an optional header row that reads exactly ``party,votes`` (any case). JSON:
an object whose keys are parties and values whole numbers. Refused, each with a message
naming the line or party: a malformed file, a wrong number of fields, a missing, negative or
non-integer count, a party listed twice, and an empty table.
"""

from __future__ import annotations

import csv
import io
import json
import re

from respublika.elections.inputs import vote_table
from respublika.errors import InputError

_INTEGER = re.compile(r"^[+-]?\d+$")


def parse_votes(
    text: str, *, source: str = "votes", fmt: str | None = None
) -> list[tuple[str, int]]:
    """Parse ``text`` as JSON (``fmt="json"``, or text starting with ``{``) or CSV."""
    if fmt not in (None, "csv", "json"):
        raise InputError(f"{source}: unknown format {fmt!r}; use csv or json")
    if fmt == "json" or (fmt is None and text.lstrip().startswith("{")):
        return _parse_json(text, source)
    return _parse_csv(text, source)


def _parse_json(text: str, source: str) -> list[tuple[str, int]]:
    try:  # pairs, not a dict: a party given twice must be refused, not silently overwritten
        data = json.loads(text, object_pairs_hook=lambda pairs: ("object", pairs))
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: malformed JSON: {exc}") from None
    if not (isinstance(data, tuple) and data[0] == "object"):
        raise InputError(f'{source}: expected a JSON object {{"party": votes, ...}}')
    pairs: list[tuple[str, object]] = data[1]
    for party, count in pairs:
        if isinstance(count, tuple | list | float):
            shown = "an object" if isinstance(count, tuple) else repr(count)
            raise InputError(f"{source}: votes for {party!r} must be a whole number, got {shown}")
    return vote_table(pairs, what=source)


def _parse_csv(text: str, source: str) -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    reader = csv.reader(io.StringIO(text))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise InputError(f"{source}: malformed CSV: {exc}") from None
    first = True
    for number, row in enumerate(lines, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if first and [c.lower() for c in cells] == ["party", "votes"]:
            first = False
            continue
        first = False
        if len(cells) != 2:
            raise InputError(
                f"{source}, line {number}: expected 'party,votes', got {len(cells)} field(s): {row!r}"
            )
        party, count = cells
        if not party:
            raise InputError(f"{source}, line {number}: the party name is missing")
        if not count:
            raise InputError(f"{source}, line {number}: the vote count for {party!r} is missing")
        if not _INTEGER.match(count):
            raise InputError(
                f"{source}, line {number}: votes for {party!r} must be a whole number, got {count!r}"
            )
        value = int(count)
        if value < 0:
            raise InputError(
                f"{source}, line {number}: votes for {party!r} must not be negative, got {value}"
            )
        if any(party == p for p, _ in rows):
            raise InputError(f"{source}, line {number}: {party!r} appears more than once")
        rows.append((party, value))
    return vote_table(rows, what=source)
