"""``respublika history replay PROFILE``: a dated profile's real history, event by event,
checked under the version in force that day (:mod:`respublika.app.history`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from respublika.app import history as history_app
from respublika.cli.common import console, print_json, read_input
from respublika.cli.options import Json
from respublika.render import history as words

history = typer.Typer(help="A dated profile's real history replayed through the dated engine.", no_args_is_help=True)


@history.command("replay")
def replay(
    profile: Annotated[str, typer.Argument(help="The dated profile whose shipped history is replayed.")],
    file: Annotated[str | None, typer.Option("--file", help="Another history file (YAML) of that profile.")] = None,
    json_out: Json = False,
) -> None:
    """Every event: legal under the version in force (and the rule that allowed it), a
    recorded departure (with its source), not modelled, or refused."""
    result = history_app.replay(profile, None if file is None else read_input(file, "history file"))
    if json_out:
        print_json(result)
        return
    table = Table("date", "event", "version", "status", "rule / reason")
    for event in result["events"]:
        reason = words.rule_text(event)
        if event["status"] == "departure":
            reason = f"{event['reason']} — {event['departure'].get('reason', '')} ({event['departure'].get('source', '')})"
        elif event["status"] != "accepted":
            reason = str(event["reason"])
        table.add_row(event["date"], escape(event["title"]), escape(event.get("version") or "—"),
                      words.status_word(event["status"]), escape(reason))
    console.print(table)
    console.print(words.closing_note(result))


def register(app: typer.Typer) -> None:
    app.add_typer(history, name="history")
