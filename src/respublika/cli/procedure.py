"""Commands of the procedure: scenarios, acts against the database, worlds, diagrams.

``respublika scenario run FILE`` runs a scenario (in memory unless ``--db``).
``respublika bill VERB ID ...`` and ``respublika republic VERB ...`` perform the profile's
acts (the verbs come from the profile: :mod:`respublika.cli.acts`); ``bill act ID ACT`` and
``republic act ACT`` perform any act by its id. All of them act on a stored world (``--db
URL`` / ``RESPUBLIKA_DB``, default ``sqlite:///respublika.db``; ``--world NAME`` /
``RESPUBLIKA_WORLD``, default ``default``, created with ``--profile``/``--set`` on first
use). ``respublika world ...`` manages worlds; ``respublika procedure diagram`` draws the
state machine. Refused acts exit with code 2 and write nothing. See ``docs/procedure.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from respublika.app import worlds
from respublika.app.profiles import ProfileRequest, parse_pairs
from respublika.cli import options
from respublika.cli.acts import ActGroup, RepublicGroup, perform
from respublika.cli.common import print_json
from respublika.cli.options import AsOf, Date, Db, Json, Lang, Params, ProfileRef, Sets, World
from respublika.errors import InputError
from respublika.procedure import ADVANCE, load_scenario
from respublika.procedure.model import to_date

scenario_app = typer.Typer(help="Run scenario files (docs/scenarios.md).", no_args_is_help=True)
bill_app = typer.Typer(cls=ActGroup, no_args_is_help=True,
                       help="Acts on bills and other matters (the profile's acts), stored in the database.")
republic_app = typer.Typer(cls=RepublicGroup, no_args_is_help=True,
                           help="Acts of the Republic (the profile's acts) and time.")
world_app = typer.Typer(help="Stored worlds: one profile, one log of acts each.", no_args_is_help=True)
procedure_app = typer.Typer(help="The procedure the profile declares.", no_args_is_help=True)


def _echo(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line)


def _kw(db: str | None, world: str | None, on: str | None, profile: str | None = None,
        sets: list[str] | None = None, as_of: str | None = None, as_json: bool = False,
        lang: str = "en") -> dict[str, Any]:
    return {"o__db": db, "o__world": world, "o__date": on, "o__profile": profile, "o__set": sets,
            "o__as_of": as_of, "o__json": as_json, "o__lang": lang}


# --------------------------------------------------------------------- scenario


@scenario_app.command("run")
def scenario_run(
    file: Path = typer.Argument(..., help="A scenario file (YAML or JSON)."),
    as_json: Json = False,
    db: str | None = typer.Option(None, "--db", help="Record the run in this database (default: in memory)."),
    world: str | None = typer.Option(None, "--world", "-w", help="World name with --db (default: the file's name)."),
    profile: ProfileRef = None,
    sets: Sets = None,
    as_of: AsOf = None,
    lang: Lang = "en",
) -> None:
    """Run FILE; exit 0 when every expectation holds, 1 when not, 2 when FILE is malformed."""
    from respublika.render.procedure_text import run_dict, run_text

    scenario = load_scenario(file)
    request = ProfileRequest.of(profile, as_of, sets)
    if db is None:
        engine, result = worlds.run_scenario(scenario, request)
    else:
        with worlds.store(db) as opened:
            engine, result = worlds.run_scenario(scenario, request, opened=opened, world=world)
    if as_json:
        print_json(run_dict(engine, result, lang))
    else:
        _echo(run_text(engine, result, lang))
    raise typer.Exit(0 if result.expect_met else 1)


# ------------------------------------------------------------------------- bill


@bill_app.command("act")
def bill_act(
    bill: str, act: str, param: Params = None, db: Db = None, world: World = None, on: Date = None,
    profile: ProfileRef = None, sets: Sets = None, as_of: AsOf = None, as_json: Json = False, lang: Lang = "en",
) -> None:
    """Any act of the profile on BILL by its id, e.g. ``bill act B1 government_opinion --param approve=true``."""
    perform(act, bill, parse_pairs(param, what="--param"), _kw(db, world, on, profile, sets, as_of, as_json, lang))


@bill_app.command("show")
def bill_show(
    bill: str, db: Db = None, world: World = None,
    on: str | None = typer.Option(None, "--on", help="Preview: move time to this date (nothing is stored)."),
    as_json: Json = False, lang: Lang = "en",
) -> None:
    """The trail of BILL (numbers, thresholds, citations) and the next legal acts with deadlines."""
    from respublika.render.procedure_text import matter_dict, matter_text

    with worlds.store(db) as opened:
        engine, current = worlds.load(opened, worlds.world_name(world))
    if on is not None:
        current, _ = engine.advance(current, to_date(on, what="--on"))
    if as_json:
        print_json(matter_dict(engine, current, bill, lang))
    else:
        _echo(matter_text(engine, current, bill, lang))


@bill_app.command("list")
def bill_list(db: Db = None, world: World = None, as_json: Json = False, lang: Lang = "en") -> None:
    """Every matter of the world and its state."""
    from respublika.render.procedure_text import matter_list_lines

    with worlds.store(db) as opened:
        engine, current = worlds.load(opened, worlds.world_name(world))
    rows = [{"id": r["id"], "kind": r["kind"], "state": r["state"], "since": r["since"]}
            for r in worlds.matters(engine.profile, current)]
    if as_json:
        print_json(rows)
        return
    _echo(matter_list_lines(engine.profile, rows, lang))


# --------------------------------------------------------------------- republic


@republic_app.command("advance")
def republic_advance(to: str = typer.Argument(..., help="The date to move to."), db: Db = None,
                     world: World = None, as_json: Json = False, lang: Lang = "en") -> None:
    """Move time to a date; deadlines and timers that fall due fire (and are stored)."""
    perform(ADVANCE, None, {}, _kw(db, world, to, as_json=as_json, lang=lang))


@republic_app.command("act")
def republic_act(act: str, param: Params = None, db: Db = None, world: World = None, on: Date = None,
                 profile: ProfileRef = None, sets: Sets = None, as_of: AsOf = None,
                 as_json: Json = False, lang: Lang = "en") -> None:
    """Any act of the Republic declared by the profile, by its id."""
    perform(act, None, parse_pairs(param, what="--param"), _kw(db, world, on, profile, sets, as_of, as_json, lang))


@republic_app.command("show")
def republic_show(db: Db = None, world: World = None, as_json: Json = False, lang: Lang = "en") -> None:
    """The Republic's state, the matters, and the acts legal now."""
    from respublika.render.procedure_text import republic_text

    with worlds.store(db) as opened:
        engine, current = worlds.load(opened, worlds.world_name(world))
    if as_json:
        print_json({**current.republic_status(), "status": current.status(),
                    "legal": [a.to_dict() for a in engine.legal_acts(current)]})
    else:
        _echo(republic_text(engine, current, lang))


# ------------------------------------------------------------------------ world


@world_app.command("new")
def world_new(
    name: str, profile: ProfileRef = None, sets: Sets = None, as_of: AsOf = None,
    setup: list[str] | None = typer.Option(None, "--setup", help="KEY=VALUE, e.g. president_elected=2011-04-03."),
    db: Db = None,
) -> None:
    """Create a world with a profile (and overrides) and an initial setup."""
    with worlds.store(db) as opened:
        if opened.find_world(name) is not None:
            raise InputError(f"a world named {name!r} exists already")
        worlds.ensure(opened, name, options.request(profile, as_of, sets), parse_pairs(setup, what="--setup"))
        record = opened.world(name)
    typer.echo(f"world {record.name!r}: profile {record.profile} {dict(record.overrides) or ''}".rstrip())


@world_app.command("list")
def world_list(db: Db = None, as_json: Json = False) -> None:
    """The stored worlds."""
    with worlds.store(db) as opened:
        rows = worlds.worlds(opened)
    if as_json:
        print_json(rows)
        return
    _echo([f"{r['name']:<24} {r['profile']:<12} {r['steps']:>5} steps" for r in rows] or ["(no worlds)"])


@world_app.command("fork")
def world_fork(
    name: str = typer.Argument(..., help="The world to fork."),
    new: str = typer.Argument(..., help="The new world's name."),
    at: str = typer.Option(..., "--at", help="The step to fork after (its seq; 0: before the first)."),
    db: Db = None, as_json: Json = False,
) -> None:
    """A new world NEW: NAME as it was after step --at, to go on from there (both logs stay
    append-only)."""
    with worlds.store(db) as opened:
        forked = worlds.fork(opened, name, new, at)
    if as_json:
        print_json(forked)
        return
    typer.echo(f"world {forked['name']!r}: {forked['from']!r} after step {forked['at']} ({forked['steps']} steps)")


@world_app.command("check")
def world_check(name: str | None = typer.Argument(None), db: Db = None) -> None:
    """Check the database and replay every stored step; exit 1 on any inconsistency."""
    with worlds.store(db) as opened:
        problems = opened.check(name)
    _echo([f"- {p}" for p in problems] or ["consistent"])
    raise typer.Exit(1 if problems else 0)


# -------------------------------------------------------------------- procedure


@procedure_app.command("diagram")
def procedure_diagram(
    profile: ProfileRef = None, sets: Sets = None, as_of: AsOf = None,
    matter: str | None = typer.Option(None, "--matter", "-m", help="The kind of matter to draw (default: the profile's first)."),
    fmt: str = typer.Option("svg", "--format", "-f", help="svg or dot"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    lang: Lang = "en",
) -> None:
    """Draw a kind of matter's state machine, citations on the arrows."""
    from respublika.render.diagram import to_dot, to_svg

    loaded = options.profile(profile, as_of, sets)
    if fmt not in ("svg", "dot"):
        raise InputError(f"--format: svg or dot, not {fmt!r}")
    kind = worlds.matter_kind(loaded, matter)
    text = to_svg(loaded, kind, lang) if fmt == "svg" else to_dot(loaded, kind, lang)
    if output is None:
        typer.echo(text)
        return
    try:
        output.write_text(text, "utf-8")
    except OSError as exc:
        raise InputError(f"--output {output}: cannot write it ({exc.strerror})") from None
    typer.echo(f"wrote {output}")


def register(app: typer.Typer) -> None:
    """Add ``scenario``, ``bill``, ``republic``, ``world`` and ``procedure`` to ``app``."""
    app.add_typer(scenario_app, name="scenario")
    app.add_typer(bill_app, name="bill")
    app.add_typer(republic_app, name="republic")
    app.add_typer(world_app, name="world")
    app.add_typer(procedure_app, name="procedure")
