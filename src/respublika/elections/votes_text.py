"""Reading a vote table from text: CSV ``party,votes`` or a JSON object ``{"party": votes}``.

Pure parsing (the caller reads the file). Rows keep their order, which is the registration
order. CSV: one ``party,votes`` row per list, standard quoting for names with commas, blank
lines ignored, an optional header row ``party,votes`` (or ``candidate``, ``list`` or ``name``
for the first column, any case), ``;`` instead of ``,`` when the first line reads so, and a
UTF-8 byte-order mark ignored. JSON:
an object whose keys are parties and values whole numbers. Refused, each with a message
naming the line or party: a malformed file, a wrong number of fields, a missing, negative or
non-integer count, a party listed twice, and an empty table.

Alliances and district seats (:func:`parse_vote_file`). A CSV file may carry two more
columns, named by a header row that starts ``party,votes``: ``alliance`` (the parties of an
alliance joined by ``+``, e.g. ``PS+SPOLU``; empty for a single party) and
``district_seats`` (district seats the list won, a whole number; empty for 0), e.g.::

    party,votes,alliance,district_seats
    OLANO,721166,,
    PS-SPOLU,200780,PS+SPOLU,
    Linke,2270906,,3

In JSON a list's value may be an object instead of a number:
``{"PS-SPOLU": {"votes": 200780, "alliance": ["PS", "SPOLU"], "district_seats": 0}}``.
A list is an alliance when it names at least two parties.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from respublika.elections.inputs import vote_table
from respublika.errors import InputError
from respublika.profile.bounded import json_loads

_INTEGER = re.compile(r"^[+-]?\d+$")
MAX_DIGITS = 18
"""The most digits of a count in a vote table, checked before ``int()``."""


NAME_HEADERS = ("party", "candidate", "list", "name")
"""The first column's header a vote file may give (the second is ``votes``)."""


def _is_header(cells: list[str]) -> bool:
    return len(cells) >= 2 and cells[0].lower() in NAME_HEADERS and cells[1].lower() == "votes"


def _delimiter(text: str) -> str:
    """``;`` when the first non-empty line reads as fields with it and not with ``,``."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        comma = next(csv.reader([first]), [])
        semicolon = next(csv.reader([first], delimiter=";"), [])
    except csv.Error:
        return ","
    return ";" if len(comma) < 2 <= len(semicolon) else ","


def _rows(text: str, source: str) -> list[list[str]]:
    """The rows of CSV text (a UTF-8 byte-order mark ignored; ``,`` or ``;`` between fields)."""
    text = text.removeprefix("\ufeff")
    try:
        return list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise InputError(f"{source}: malformed CSV: {exc}") from None


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise InputError(f"a count has more than {MAX_DIGITS} digits")
    return int(text)


def parse_votes(
    text: str, *, source: str = "votes", fmt: str | None = None
) -> list[tuple[str, int]]:
    """Parse ``text`` as JSON (``fmt="json"``, or text starting with ``{``) or CSV."""
    if not isinstance(text, str):
        raise InputError(f"{source}: expected the file's text (str), got {type(text).__name__}")
    if fmt not in (None, "csv", "json"):
        raise InputError(f"{source}: unknown format {fmt!r}; use csv or json")
    if fmt == "json" or (fmt is None and text.lstrip().startswith("{")):
        return _parse_json(text, source)
    return _parse_csv(text, source)


@dataclass(frozen=True)
class VoteFile:
    """A vote table with what a file may declare beside the votes."""

    table: list[tuple[str, int]]
    alliances: dict[str, tuple[str, ...]] = field(default_factory=dict)
    district_seats: dict[str, int] = field(default_factory=dict)


EXTRA_COLUMNS = ("alliance", "district_seats")


def parse_vote_file(text: str, *, source: str = "votes", fmt: str | None = None) -> VoteFile:
    """Parse a vote table with its optional ``alliance`` and ``district_seats`` columns."""
    if not isinstance(text, str):
        raise InputError(f"{source}: expected the file's text (str), got {type(text).__name__}")
    if fmt not in (None, "csv", "json"):
        raise InputError(f"{source}: unknown format {fmt!r}; use csv or json")
    if fmt == "json" or (fmt is None and text.lstrip().startswith("{")):
        return _json_file(text, source)
    return _csv_file(text, source)


def _members(cell: object, party: str, where: str) -> tuple[str, ...]:
    if isinstance(cell, str):
        names = tuple(n.strip() for n in cell.split("+") if n.strip()) if cell.strip() else ()
    elif isinstance(cell, list) and all(isinstance(n, str) and n.strip() for n in cell):
        names = tuple(n.strip() for n in cell)
    else:
        raise InputError(f"{where}: the alliance of {party!r} must be party names, got {cell!r}")
    if len(names) == 1:
        raise InputError(f"{where}: the alliance of {party!r} names one party ({names[0]!r}); "
                         "an alliance has at least two, joined by '+'")
    return names


def _seats_won(cell: object, party: str, where: str) -> int:
    if cell in ("", None):
        return 0
    if isinstance(cell, str) and _INTEGER.match(cell.strip()) and len(cell.strip()) <= MAX_DIGITS:
        cell = int(cell)
    if isinstance(cell, bool) or not isinstance(cell, int) or cell < 0:
        raise InputError(f"{where}: district seats of {party!r} must be a whole number, got {cell!r}")
    return cell


def _json_file(text: str, source: str) -> VoteFile:
    try:
        data = json_loads(text, source=source, object_pairs_hook=lambda pairs: ("object", pairs), parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: malformed JSON: {exc}") from None
    if not (isinstance(data, tuple) and data[0] == "object"):
        raise InputError(f'{source}: expected a JSON object {{"party": votes, ...}}')
    plain: list[tuple[str, object]] = []
    alliances: dict[str, tuple[str, ...]] = {}
    won: dict[str, int] = {}
    for party, value in data[1]:
        if isinstance(value, tuple):  # an object: votes, alliance, district_seats
            fields = dict(value[1])
            unknown = [k for k in fields if k not in ("votes", *EXTRA_COLUMNS)]
            if unknown or "votes" not in fields:
                raise InputError(f"{source}: {party!r}: expected an object with 'votes' and optionally "
                                 f"'alliance' and 'district_seats', got keys {sorted(fields)}")
            value = fields["votes"]
            members = _members(fields.get("alliance", ""), party, source)
            if members:
                alliances[party] = members
            if _seats_won(fields.get("district_seats"), party, source):
                won[party] = _seats_won(fields.get("district_seats"), party, source)
        if isinstance(value, tuple | list | float):
            raise InputError(f"{source}: votes for {party!r} must be a whole number, got {value!r}")
        plain.append((party, value))
    return VoteFile(vote_table(plain, what=source), alliances, won)


def _csv_file(text: str, source: str) -> VoteFile:
    lines = _rows(text, source)
    header = next((i for i, row in enumerate(lines) if any(c.strip() for c in row)), None)
    names = [c.strip().lower() for c in lines[header]] if header is not None else []
    extra = names[2:]
    if header is None or not _is_header(names) or not extra:
        return VoteFile(_parse_csv(text, source))
    bad = [c for c in extra if c not in EXTRA_COLUMNS] + [c for c in set(extra) if extra.count(c) > 1]
    if bad:
        raise InputError(f"{source}, line {header + 1}: unknown or repeated column(s) {', '.join(map(repr, bad))}; "
                         f"the columns after party,votes may be {', '.join(EXTRA_COLUMNS)}")
    body = []
    alliances: dict[str, tuple[str, ...]] = {}
    won: dict[str, int] = {}
    for number, row in enumerate(lines[header + 1 :], start=header + 2):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) != len(names):
            raise InputError(f"{source}, line {number}: expected {len(names)} fields "
                             f"({','.join(names)}), got {len(cells)}: {row!r}")
        body.append(_quote(cells[:2]))
        where = f"{source}, line {number}"
        for column, cell in zip(extra, cells[2:], strict=True):
            if column == "alliance" and _members(cell, cells[0], where):
                alliances[cells[0]] = _members(cell, cells[0], where)
            elif column == "district_seats" and _seats_won(cell, cells[0], where):
                won[cells[0]] = _seats_won(cell, cells[0], where)
    lead = "\n" * (header + 1)  # keep the line numbers of the votes' messages
    return VoteFile(_parse_csv(lead + "\n".join(body), source), alliances, won)


def _quote(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _parse_json(text: str, source: str) -> list[tuple[str, int]]:
    try:  # pairs, not a dict: a party given twice must be refused, not silently overwritten
        data = json_loads(text, source=source, object_pairs_hook=lambda pairs: ("object", pairs), parse_int=_bounded_int)
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
    seen: set[str] = set()
    lines = _rows(text, source)
    first = True
    for number, row in enumerate(lines, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if first and len(cells) == 2 and _is_header(cells):
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
        if len(count) > MAX_DIGITS:
            raise InputError(f"{source}, line {number}: votes for {party!r} have more than {MAX_DIGITS} digits")
        value = int(count)
        if value < 0:
            raise InputError(
                f"{source}, line {number}: votes for {party!r} must not be negative, got {value}"
            )
        if party in seen:  # a set: linear in the table's length (100,000 parties)
            raise InputError(f"{source}, line {number}: {party!r} appears more than once")
        seen.add(party)
        rows.append((party, value))
    return vote_table(rows, what=source)
