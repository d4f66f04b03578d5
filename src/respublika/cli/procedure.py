"""Commands of the procedure: scenarios, acts against the database, diagrams.

``respublika scenario run FILE`` runs a scenario (in memory unless ``--db``).
``respublika bill ...`` performs acts on matters, ``respublika republic ...`` acts of the
Republic, ``respublika world ...`` manages stored worlds; all of them against the
database (``--db URL`` / ``RESPUBLIKA_DB``, default ``sqlite:///respublika.db``) and a
world (``--world NAME`` / ``RESPUBLIKA_WORLD``, default ``default``, created with
``--profile``/``--set`` on first use). ``respublika procedure diagram`` draws the state
machine. Refused acts exit with code 2 and write nothing. See ``docs/procedure.md``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
import yaml

from respublika.cli.common import JsonOption, LangOption, SetOption, print_json
from respublika.errors import InputError
from respublika.procedure import Engine, Step, load_scenario, run
from respublika.procedure.diagram import to_dot, to_svg
from respublika.procedure.explain import describe
from respublika.procedure.model import ADVANCE, to_date
from respublika.procedure.report import (
    event_dict,
    matter_dict,
    matter_text,
    republic_text,
    run_dict,
    run_text,
)
from respublika.procedure.scenario import MemorySession
from respublika.profile import load_profile
from respublika.profile.loader import parse_assignment

if TYPE_CHECKING:
    from respublika.store import Store

DEFAULT_WORLD = "default"  # the store's default world (respublika.store.DEFAULT_WORLD)


def _open_store(url: str | None = None) -> Store:
    """The SQL store, imported on first use so that other commands start without SQLAlchemy."""
    from respublika.store import Store as StoreClass

    return StoreClass(url)


def _db_session(store: Store, name: str) -> Any:
    from respublika.store import DbSession

    return DbSession(store, name)


def overrides_dict(overrides: list[str] | None) -> dict[str, Any]:
    return dict(parse_assignment(item) for item in overrides or [])

DbOpt = typer.Option(None, "--db", help="Database URL (default: $RESPUBLIKA_DB or sqlite:///respublika.db).")
WorldOpt = typer.Option(None, "--world", "-w", help="World name (default: $RESPUBLIKA_WORLD or 'default').")
DateOpt = typer.Option(None, "--date", "-d", help="Date of the act, YYYY-MM-DD (default: today).")
ProfileOpt = typer.Option(None, "--profile", "-p", help="Profile of a new world (name or file; default seed).")

scenario_app = typer.Typer(help="Run scenario files (docs/scenarios.md).", no_args_is_help=True)
bill_app = typer.Typer(help="Acts on bills and other matters, stored in the database.", no_args_is_help=True)
republic_app = typer.Typer(help="Acts of the Republic: crisis, dissolution, time.", no_args_is_help=True)
crisis_app = typer.Typer(help="Declare or end a national crisis.", no_args_is_help=True)
world_app = typer.Typer(help="Stored worlds: one profile, one log of acts each.", no_args_is_help=True)
procedure_app = typer.Typer(help="The procedure the profile declares.", no_args_is_help=True)


def _echo(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line)


def _world_name(world: str | None) -> str:
    return world or os.environ.get("RESPUBLIKA_WORLD") or DEFAULT_WORLD


def _open_world(store: Store, world: str | None, profile: str | None, sets: list[str] | None) -> str:
    name = _world_name(world)
    record = store.find_world(name)
    if record is None:
        store.create_world(name, profile or "seed", list(sets or []))
    elif profile is not None and (profile != record.profile or overrides_dict(sets) != dict(record.overrides)):
        raise InputError(f"world {name!r} uses profile {record.profile!r} {dict(record.overrides) or ''}; "
                         "choose another --world for another profile")
    return name


def _value(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _params(pairs: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise InputError(f"--param {pair!r}: expected KEY=VALUE")
        key, raw = pair.split("=", 1)
        out[key.strip()] = _value(raw.strip())
    return out


def _act(
    act: str, matter: str | None, params: dict[str, Any], *, db: str | None, world: str | None,
    on: str | None, profile: str | None = None, sets: list[str] | None = None,
    as_json: bool = False, lang: str = "en",
) -> None:
    day = to_date(on, what="--date") if on else date.today()
    with _open_store(db) as store:
        name = _open_world(store, world, profile, sets)
        step = Step(date=day, act=act, matter=matter, params={k: v for k, v in params.items() if v is not None})
        after, events = store.apply(name, step)
        engine, _ = store.load(name)
    if as_json:
        print_json({"world": name, "events": [event_dict(engine.profile, e, lang) for e in events],
                    "status": after.status(), "republic": after.republic_status()})
        return
    for event in events:
        _echo(describe(engine.profile, event, lang))
    if matter is not None and matter in after.matters:
        m = after.matters[matter]
        typer.echo(f"{matter}: {m.state}")


# --------------------------------------------------------------------- scenario


@scenario_app.command("run")
def scenario_run(
    file: Path = typer.Argument(..., help="A scenario file (YAML or JSON)."),
    as_json: bool = JsonOption,
    db: str | None = typer.Option(None, "--db", help="Record the run in this database (default: in memory)."),
    world: str | None = typer.Option(None, "--world", "-w", help="World name with --db (default: the file's name)."),
    profile: str | None = typer.Option(None, "--profile", "-p", help="Use this profile instead of the file's."),
    sets: list[str] | None = SetOption,
    lang: str = LangOption,
) -> None:
    """Run FILE; exit 0 when every expectation holds, 1 when not, 2 when FILE is malformed."""
    scenario = load_scenario(file)
    ref = profile or scenario.profile_ref()
    overrides = {**scenario.overrides, **overrides_dict(sets)}
    engine = Engine(load_profile(ref, overrides=overrides))
    if db is None:
        result = run(scenario, MemorySession(engine, engine.initial(scenario.setup)))
    else:
        with _open_store(db) as store:
            name = world or _free_name(store, file.stem)
            store.create_world(name, ref, overrides, scenario.setup)
            result = run(scenario, _db_session(store, name))
    if as_json:
        print_json(run_dict(engine, result, lang))
    else:
        _echo(run_text(engine, result, lang))
    raise typer.Exit(0 if result.expect_met else 1)


def _free_name(store: Store, stem: str) -> str:
    taken = {w.name for w in store.worlds()}
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


# ------------------------------------------------------------------------- bill


@bill_app.command("new")
def bill_new(
    bill: str, initiator: str = typer.Option(..., "--initiator", help="deputies, president or government"),
    budget_impact: bool = typer.Option(False, "--budget-impact", help="The bill affects the budget."),
    title: str = typer.Option("", "--title"), db: str | None = DbOpt, world: str | None = WorldOpt,
    on: str | None = DateOpt, profile: str | None = ProfileOpt, sets: list[str] | None = SetOption,
    as_json: bool = JsonOption, lang: str = LangOption,
) -> None:
    """Introduce a bill (act ``introduce``)."""
    _act("introduce", bill, {"initiator": initiator, "budget_impact": budget_impact, "title": title},
         db=db, world=world, on=on, profile=profile, sets=sets, as_json=as_json, lang=lang)


def _counts(text: str) -> dict[str, int]:
    chamber_counts = text.split(",")
    if len(chamber_counts) not in (2, 3) or not all(c.strip().isdigit() for c in chamber_counts):
        raise InputError(f"--counts: expected CHAMBER=FOR,AGAINST[,ABSTAIN], got {text!r}")
    numbers = [int(c) for c in chamber_counts] + [0]
    return {"for": numbers[0], "against": numbers[1], "abstain": numbers[2]}


@bill_app.command("vote")
def bill_vote(
    bill: str, chamber: str | None = typer.Option(None, "--chamber", "-c"),
    in_favour: int | None = typer.Option(None, "--for"), against: int | None = typer.Option(None, "--against"),
    abstain: int | None = typer.Option(None, "--abstain"),
    counts: list[str] | None = typer.Option(None, "--counts", help="Joint session: CHAMBER=FOR,AGAINST[,ABSTAIN] (repeat)."),
    db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
    as_json: bool = JsonOption, lang: str = LangOption,
) -> None:
    """A chamber votes (``--chamber C --for N --against N``), or a joint session (``--counts``)."""
    params: dict[str, Any] = {"chamber": chamber, "for": in_favour, "against": against, "abstain": abstain}
    for item in counts or []:
        if "=" not in item:
            raise InputError(f"--counts {item!r}: expected CHAMBER=FOR,AGAINST[,ABSTAIN]")
        key, text = item.split("=", 1)
        params[key.strip()] = _counts(text)
    _act("vote", bill, params, db=db, world=world, on=on, as_json=as_json, lang=lang)


def _matter_command(name: str, act: str, doc: str, extra: tuple[str, ...] = ()) -> None:
    """Register ``bill <name> ID [--param K=V]`` for ``act``."""

    def command(
        bill: str = typer.Argument(..., help="The matter's id."),
        param: list[str] | None = typer.Option(None, "--param", help="KEY=VALUE (repeatable)."),
        db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
        profile: str | None = ProfileOpt, sets: list[str] | None = SetOption,
        as_json: bool = JsonOption, lang: str = LangOption,
    ) -> None:
        _act(act, bill, _params(param), db=db, world=world, on=on, profile=profile, sets=sets,
             as_json=as_json, lang=lang)

    command.__doc__ = doc + (f" Parameters: {', '.join(f'--param {k}=...' for k in extra)}." if extra else "")
    bill_app.command(name)(command)


for _name, _act_name, _doc, _extra in (
    ("sign", "sign", "The President signs (act ``sign``).", ()),
    ("veto", "veto", "The President vetoes (act ``veto``).", ()),
    ("opinion", "government_opinion", "The Government's opinion on a budget bill.", ("approve",)),
    ("nominate-pm", "nominate_pm", "The President nominates a Prime Minister.", ("candidate",)),
    ("propose-amendment", "propose_amendment", "Propose a constitutional amendment.", ("initiator", "title")),
    ("call-referendum", "call_referendum", "Put a proposed amendment to a referendum.", ()),
    ("delegation", "request_delegation", "The President requests legislative powers.", ("until",)),
    ("decree", "decree", "The President legislates by decree (while powers are delegated).", ("title",)),
    ("security-decision", "security_decision", "A final decision on national security and defence.", ("title",)),
):
    _matter_command(_name, _act_name, _doc, _extra)


@bill_app.command("referendum")
def bill_referendum(
    bill: str, electorate: int = typer.Option(..., "--electorate"), turnout: int = typer.Option(..., "--turnout"),
    unit: list[str] | None = typer.Option(None, "--unit", help="UNIT=YES,NO (repeat for each unit)."),
    units_file: Path | None = typer.Option(None, "--units-file", help="YAML/JSON mapping unit -> {yes, no}."),
    db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
    as_json: bool = JsonOption, lang: str = LangOption,
) -> None:
    """The people vote on an amendment (act ``referendum_vote``)."""
    units: dict[str, Any] = {}
    if units_file is not None:
        loaded = yaml.safe_load(units_file.read_text("utf-8"))
        if not isinstance(loaded, dict):
            raise InputError(f"{units_file}: expected a mapping unit -> {{yes: n, no: n}}")
        units.update({k: {("yes" if a is True else "no" if a is False else a): b for a, b in v.items()}
                      for k, v in loaded.items()})
    for item in unit or []:
        key, _, text = item.partition("=")
        yes_no = text.split(",")
        if len(yes_no) != 2 or not all(x.strip().isdigit() for x in yes_no):
            raise InputError(f"--unit {item!r}: expected UNIT=YES,NO")
        units[key.strip()] = {"yes": int(yes_no[0]), "no": int(yes_no[1])}
    _act("referendum_vote", bill, {"electorate": electorate, "turnout": turnout, "units": units},
         db=db, world=world, on=on, as_json=as_json, lang=lang)


@bill_app.command("act")
def bill_act(
    bill: str, act: str, param: list[str] | None = typer.Option(None, "--param", help="KEY=VALUE (repeatable)."),
    db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
    profile: str | None = ProfileOpt, sets: list[str] | None = SetOption,
    as_json: bool = JsonOption, lang: str = LangOption,
) -> None:
    """Any act of the profile on BILL, e.g. ``bill act B1 government_opinion --param approve=true``."""
    _act(act, bill, _params(param), db=db, world=world, on=on, profile=profile, sets=sets,
         as_json=as_json, lang=lang)


@bill_app.command("show")
def bill_show(
    bill: str, db: str | None = DbOpt, world: str | None = WorldOpt,
    on: str | None = typer.Option(None, "--on", help="Preview: move time to this date (nothing is stored)."),
    as_json: bool = JsonOption, lang: str = LangOption,
) -> None:
    """The trail of BILL (numbers, thresholds, citations) and the next legal acts with deadlines."""
    with _open_store(db) as store:
        engine, current = store.load(_world_name(world))
    if on is not None:
        current, _ = engine.advance(current, to_date(on, what="--on"))
    if as_json:
        print_json(matter_dict(engine, current, bill, lang))
    else:
        _echo(matter_text(engine, current, bill, lang))


@bill_app.command("list")
def bill_list(db: str | None = DbOpt, world: str | None = WorldOpt, as_json: bool = JsonOption) -> None:
    """Every matter of the world and its state."""
    with _open_store(db) as store:
        _, current = store.load(_world_name(world))
    rows = [{"id": m.id, "kind": m.kind, "state": m.state, "since": m.entered.isoformat()}
            for m in sorted(current.matters.values(), key=lambda m: m.order)]
    if as_json:
        print_json(rows)
        return
    _echo([f"{r['id']:<12} {r['kind']:<18} {r['state']:<24} since {r['since']}" for r in rows] or ["(no matters)"])


# --------------------------------------------------------------------- republic


def _republic(act: str, db: str | None, world: str | None, on: str | None, profile: str | None,
              sets: list[str] | None, as_json: bool, lang: str) -> None:
    _act(act, None, {}, db=db, world=world, on=on, profile=profile, sets=sets, as_json=as_json, lang=lang)


@crisis_app.command("declare")
def crisis_declare(db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
                   profile: str | None = ProfileOpt, sets: list[str] | None = SetOption,
                   as_json: bool = JsonOption, lang: str = LangOption) -> None:
    """The President declares a national crisis."""
    _republic("declare_crisis", db, world, on, profile, sets, as_json, lang)


@crisis_app.command("end")
def crisis_end(db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
               as_json: bool = JsonOption, lang: str = LangOption) -> None:
    """The President ends the national crisis."""
    _republic("end_crisis", db, world, on, None, None, as_json, lang)


@republic_app.command("dissolve")
def republic_dissolve(db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
                      as_json: bool = JsonOption, lang: str = LangOption) -> None:
    """The President dissolves Parliament (only if the profile's conditions hold)."""
    _republic("dissolve", db, world, on, None, None, as_json, lang)


@republic_app.command("convene")
def republic_convene(db: str | None = DbOpt, world: str | None = WorldOpt, on: str | None = DateOpt,
                     as_json: bool = JsonOption, lang: str = LangOption) -> None:
    """The newly elected chambers sit (at the latest, this fires by itself)."""
    _republic("convene", db, world, on, None, None, as_json, lang)


@republic_app.command("advance")
def republic_advance(to: str = typer.Argument(..., help="The date to move to."), db: str | None = DbOpt,
                     world: str | None = WorldOpt, as_json: bool = JsonOption, lang: str = LangOption) -> None:
    """Move time to a date; deadlines and timers that fall due fire (and are stored)."""
    _act(ADVANCE, None, {}, db=db, world=world, on=to, as_json=as_json, lang=lang)


@republic_app.command("act")
def republic_act(act: str, param: list[str] | None = typer.Option(None, "--param"), db: str | None = DbOpt,
                 world: str | None = WorldOpt, on: str | None = DateOpt,
                 as_json: bool = JsonOption, lang: str = LangOption) -> None:
    """Any act of the Republic declared by the profile."""
    _act(act, None, _params(param), db=db, world=world, on=on, as_json=as_json, lang=lang)


@republic_app.command("show")
def republic_show(db: str | None = DbOpt, world: str | None = WorldOpt, as_json: bool = JsonOption,
                  lang: str = LangOption) -> None:
    """The Republic's state, the matters, and the acts legal now."""
    with _open_store(db) as store:
        engine, current = store.load(_world_name(world))
    if as_json:
        print_json({**current.republic_status(), "status": current.status(),
                    "legal": [a.to_dict() for a in engine.legal_acts(current)]})
    else:
        _echo(republic_text(engine, current, lang))


# ------------------------------------------------------------------------ world


@world_app.command("new")
def world_new(
    name: str, profile: str = typer.Option("seed", "--profile", "-p"), sets: list[str] | None = SetOption,
    setup: list[str] | None = typer.Option(None, "--setup", help="KEY=VALUE, e.g. president_elected=2011-04-03."),
    db: str | None = DbOpt,
) -> None:
    """Create a world with a profile (and overrides) and an initial setup."""
    with _open_store(db) as store:
        record = store.create_world(name, profile, list(sets or []), _params(setup))
    typer.echo(f"world {record.name!r}: profile {record.profile} {dict(record.overrides) or ''}".rstrip())


@world_app.command("list")
def world_list(db: str | None = DbOpt, as_json: bool = JsonOption) -> None:
    """The stored worlds."""
    with _open_store(db) as store:
        rows = [{"name": w.name, "profile": w.profile, "overrides": dict(w.overrides), "setup": dict(w.setup),
                 "steps": len(store.steps(w.name))} for w in store.worlds()]
    if as_json:
        print_json(rows)
        return
    _echo([f"{r['name']:<24} {r['profile']:<12} {r['steps']:>5} steps" for r in rows] or ["(no worlds)"])


@world_app.command("check")
def world_check(name: str | None = typer.Argument(None), db: str | None = DbOpt) -> None:
    """Check the database and replay every stored step; exit 1 on any inconsistency."""
    with _open_store(db) as store:
        problems = store.check(name)
    _echo([f"- {p}" for p in problems] or ["consistent"])
    raise typer.Exit(1 if problems else 0)


# -------------------------------------------------------------------- procedure


@procedure_app.command("diagram")
def procedure_diagram(
    profile: str = typer.Option("seed", "--profile", "-p"), sets: list[str] | None = SetOption,
    matter: str = typer.Option("bill", "--matter", "-m", help="The matter kind to draw."),
    fmt: str = typer.Option("svg", "--format", "-f", help="svg or dot"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    lang: str = LangOption,
) -> None:
    """Draw a matter kind's state machine, citations on the arrows."""
    loaded = load_profile(profile, overrides=list(sets or []))
    if fmt not in ("svg", "dot"):
        raise InputError(f"--format: svg or dot, not {fmt!r}")
    text = to_svg(loaded, matter, lang) if fmt == "svg" else to_dot(loaded, matter, lang)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text, "utf-8")
        typer.echo(f"wrote {output}")


def register(app: typer.Typer) -> None:
    """Add ``scenario``, ``bill``, ``republic``, ``world`` and ``procedure`` to ``app``."""
    republic_app.add_typer(crisis_app, name="crisis")
    app.add_typer(scenario_app, name="scenario")
    app.add_typer(bill_app, name="bill")
    app.add_typer(republic_app, name="republic")
    app.add_typer(world_app, name="world")
    app.add_typer(procedure_app, name="procedure")
