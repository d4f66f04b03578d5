"""The ``bill`` and ``republic`` commands made from the profile's acts.

Every act of the profile becomes a command: matter acts under ``respublika bill VERB ID``,
Republic acts under ``respublika republic VERB``. The verb is the act's ``command`` in the
profile (``"new"``, ``"crisis declare"``), else its id with dashes. Each parameter the act
declares becomes an option of its type (``--initiator``, ``--budget-impact``, ``--for``,
``--mazhilis 54,53``); ``--param KEY=VALUE`` and ``--counts CHAMBER=FOR,AGAINST[,ABSTAIN]``
give any of them too. Acts that a referendum decides take ``--unit UNIT=YES,NO`` and
``--units-file FILE``.

Which profile: the one ``--profile`` names (a new world is created with it), else the
profile of the world ``--world`` (or ``$RESPUBLIKA_WORLD``) in ``--db`` (or
``$RESPUBLIKA_DB``), else the default profile. The group looks at the command line before
it parses it, to know which commands exist.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from respublika.app import worlds
from respublika.app.profiles import ProfileRequest, parse_pairs
from respublika.cli import options
from respublika.cli.common import print_json, read_input
from respublika.errors import InputError
from respublika.procedure.model import to_date
from respublika.profile import Profile

COMMON = ("param", "counts", "date", "db", "world", "profile", "set", "as-of", "json", "lang", "unit", "units-file")
"""Option names every act command has (an act parameter of the same name is given with --param)."""

ARGS = "respublika.args"


def _peek(args: Sequence[str], *names: str) -> list[str]:
    """The values of options ``names`` in ``args`` (``--x V``, ``--x=V``), in order."""
    out = []
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                out.append(args[i + 1])
            elif arg.startswith(name + "=") and name.startswith("--"):
                out.append(arg.split("=", 1)[1])
    return out


def _last(args: Sequence[str], *names: str) -> str | None:
    found = _peek(args, *names)
    return found[-1] if found else None


def _profile_for(args: Sequence[str]) -> Profile:
    ref = _last(args, "--profile", "-p")
    request = ProfileRequest.of(ref, _last(args, "--as-of"), _peek(args, "--set")) if ref else None
    return worlds.profile_of(_last(args, "--db"), _last(args, "--world", "-w"), request)


def _option(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def _param_options(profile: Profile, cmd: worlds.ActCommand) -> list[inspect.Parameter]:
    out = []
    for name, spec in cmd.spec.params.items():
        flag = "--" + name.replace("_", "-")
        if flag[2:] in COMMON or (cmd.referendum and spec.type == "table"):
            continue
        text = spec.description.get("en", "")
        if spec.type == "bool":
            ann: Any = Annotated[bool | None, typer.Option(f"{flag}/--no-{flag[2:]}", help=text)]
        elif spec.type == "counts":
            ann = Annotated[str | None, typer.Option(flag, metavar="FOR,AGAINST[,ABSTAIN]",
                                                     help=text or f"the votes of {name}")]
        elif spec.type == "choice":
            names = [flag, "-c"] if name == worlds.CHAMBER else [flag]
            ann = Annotated[str | None, typer.Option(*names, help=(text + "; " if text else "")
                                                     + "one of " + ", ".join(spec.choices))]
        else:
            ann = Annotated[str | None, typer.Option(flag, help=text or None)]
        out.append(_option(f"p__{name}", ann))
    return out


def _common(cmd: worlds.ActCommand) -> list[inspect.Parameter]:
    opts = [_option("o__param", options.Params)]
    if worlds.CHAMBER in cmd.spec.params or any(p.type == "counts" for p in cmd.spec.params.values()):
        opts.append(_option("o__counts", Annotated[list[str] | None, typer.Option(
            "--counts", help="A chamber's votes: CHAMBER=FOR,AGAINST[,ABSTAIN] (repeat for a joint session).")]))
    opts += [
        _option("o__date", options.Date),
        _option("o__db", options.Db),
        _option("o__world", options.World),
        _option("o__profile", options.ProfileRef),
        _option("o__set", options.Sets),
        _option("o__as_of", options.AsOf),
        _option("o__json", options.Json, False),
        _option("o__lang", options.Lang, "en"),
    ]
    if cmd.referendum:
        opts += [
            _option("o__unit", Annotated[list[str] | None, typer.Option("--unit", help="UNIT=YES,NO (repeat for each unit).")]),
            _option("o__units_file", Annotated[str | None, typer.Option("--units-file", help="YAML/JSON mapping unit -> {yes, no}.")]),
        ]
    return opts


def _units(profile: Profile, cmd: worlds.ActCommand, kw: dict[str, Any]) -> dict[str, Any]:
    """The referendum's table from ``--units-file`` and ``--unit`` options."""
    table = next((n for n, p in cmd.spec.params.items() if p.type == "table"), None)
    if table is None:
        return {}
    units: dict[str, Any] = {}
    if kw.get("o__units_file"):
        source = kw["o__units_file"]
        units.update(worlds.units_table(read_input(source, "units file"), source))
    for item in kw.get("o__unit") or []:
        key, _, text = item.partition("=")
        yes_no = text.split(",")
        if not key.strip() or len(yes_no) != 2 or not all(x.strip().isdigit() for x in yes_no):
            raise InputError(f"--unit {item!r}: expected UNIT=YES,NO")
        units[key.strip()] = {"yes": int(yes_no[0]), "no": int(yes_no[1])}
    return {table: units} if units or kw.get("o__units_file") is not None or kw.get("o__unit") else {}


def run_act(cmd: worlds.ActCommand, profile: Profile, matter: str | None, kw: dict[str, Any]) -> None:
    """Collect the act's values from the options and apply it to the world; print the events."""
    raw: dict[str, Any] = {name[3:]: v for name, v in kw.items() if name.startswith("p__") and v is not None}
    raw.update(parse_pairs(kw.get("o__param"), what="--param"))
    for item in kw.get("o__counts") or []:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--counts {item!r}: expected CHAMBER=FOR,AGAINST[,ABSTAIN]")
        raw[key.strip()] = worlds.counts(text, f"--counts {key.strip()}")
    raw.update(_units(profile, cmd, kw))
    perform(cmd.act, matter, raw, kw)


def perform(act: str, matter: str | None, raw: dict[str, Any], kw: dict[str, Any]) -> None:
    from respublika.render.explanation import describe
    from respublika.render.labels import state_label
    from respublika.render.procedure_text import event_dict

    lang = kw.get("o__lang") or "en"
    on = to_date(kw["o__date"], what="--date") if kw.get("o__date") else None
    given = kw.get("o__profile") or kw.get("o__as_of") or kw.get("o__set")  # --set alone counts too
    request = ProfileRequest.of(kw.get("o__profile"), kw.get("o__as_of"), kw.get("o__set")) if given else None
    with worlds.store(kw.get("o__db")) as opened:
        done = worlds.act(opened, worlds.world_name(kw.get("o__world")), act, matter, raw, on, request)
    profile = done.engine.profile
    if kw.get("o__json"):
        print_json({"world": done.world_name, "events": [event_dict(profile, e, lang) for e in done.events],
                    "status": done.world.status(), "republic": done.world.republic_status()})
        return
    for event in done.events:
        for line in describe(profile, event, lang):
            typer.echo(line)
    if matter is not None and matter in done.world.matters:
        held = done.world.matters[matter]
        typer.echo(f"{matter}: {state_label(profile, held.kind, held.state, lang)}")


def _command(profile: Profile, cmd: worlds.ActCommand) -> Callable[..., None]:
    def command(**kw: Any) -> None:
        run_act(cmd, profile, kw.pop("matter", None), kw)

    params = []
    if cmd.scope == "matter":
        params.append(inspect.Parameter("matter", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                        annotation=Annotated[str, typer.Argument(metavar="ID", help="The matter's id.")]))
    params += _param_options(profile, cmd) + _common(cmd)
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    text = cmd.spec.description.get("en") or cmd.act
    command.__doc__ = f"{text} (act {cmd.act}) [{', '.join(cmd.spec.cites)}]."
    return command


def commands_of(profile: Profile, scope: str) -> dict[str, Any]:
    """The click commands (and groups, for two-word verbs) of ``profile``'s acts in ``scope``."""
    apps: dict[str, typer.Typer] = {}
    single: dict[str, Any] = {}
    for cmd in worlds.commands(profile):
        if cmd.scope != scope:
            continue
        if len(cmd.words) == 1:
            one = typer.Typer(add_completion=False)
            one.command(cmd.words[0])(_command(profile, cmd))
            single[cmd.words[0]] = typer.main.get_command(one)
            single[cmd.words[0]].name = cmd.words[0]
        else:
            group = apps.setdefault(cmd.words[0], typer.Typer(add_completion=False, no_args_is_help=True))
            group.info.help = ", ".join(filter(None, [group.info.help if isinstance(group.info.help, str) else "",
                                                      cmd.spec.description.get("en") or cmd.act]))
            group.command(" ".join(cmd.words[1:]))(_command(profile, cmd))
    out = dict(single)
    for word, group_app in apps.items():
        made = typer.main.get_command(group_app)
        made.name = word
        out.setdefault(word, made)
    return out


class ActGroup(TyperGroup):
    """A command group whose commands are the profile's acts (plus those declared statically)."""

    scope = "matter"

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        ctx.meta[ARGS] = list(args[1:])
        return super().resolve_command(ctx, args)

    def _acts(self, ctx: Any) -> dict[str, Any]:
        key = f"respublika.acts.{self.scope}"
        if key not in ctx.meta:
            ctx.meta[key] = commands_of(_profile_for(ctx.meta.get(ARGS, [])), self.scope)
        acts: dict[str, Any] = ctx.meta[key]
        return acts

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        static = super().get_command(ctx, cmd_name)
        return static if static is not None else self._acts(ctx).get(cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        static = super().list_commands(ctx)
        return [*static, *(name for name in self._acts(ctx) if name not in static)]


class RepublicGroup(ActGroup):
    scope = "republic"
