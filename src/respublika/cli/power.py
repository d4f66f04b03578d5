"""``respublika power``: exact voting power (Banzhaf, Shapley-Shubik) of the players of a game.

``respublika power GAME.json [--index all|INDEX] [--json]`` reads a game file
(the format is in ``docs/games.md``) and prints a table, or with ``--json`` exactly the data
``respublika.games.analyze`` returns.

Without GAME, the profile's law-making game (``--profile``, ``--as-of``, ``--set``), with
party compositions of any chamber (``--seats BODY:A=76,B=12``; ``--mazhilis`` and
``--senate`` are the aliases of 0.1, declared in :mod:`respublika.app.power`), or with
``--history`` a dated profile's power in every version. All of it through
:mod:`respublika.app.power`.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from respublika.app.power import (
    SEAT_ALIASES,
    alternatives,
    approximate_game_file,
    check_index,
    game_file,
    lawmaking,
    seat_specs,
)
from respublika.app.power import history as power_history
from respublika.cli import options
from respublika.cli.common import read_input
from respublika.cli.options import AsOf, Lang, ProfileRef, Sets
from respublika.errors import InputError
from respublika.games import get_index, index_names
from respublika.i18n import translator
from respublika.profile import Profile
from respublika.render import power_text

console = Console(highlight=False)


def register(app: typer.Typer) -> None:
    app.command("power")(_with_seat_aliases(power))


def _with_seat_aliases(func: Callable[..., None]) -> Callable[..., None]:
    """Add an option for each of the public seat aliases (``--mazhilis`` ...), declared once
    in :data:`respublika.app.power.SEAT_ALIASES`; they arrive in ``**aliases``."""
    sig = inspect.signature(func, eval_str=True)
    fixed = [p for p in sig.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    extra = [
        inspect.Parameter(f"alias__{alias}", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[
            str | None, typer.Option(f"--{alias}", help=f"The same as --seats {alias}:A=76,B=12,...")])
        for alias in SEAT_ALIASES
    ]
    func.__signature__ = sig.replace(parameters=[*fixed, *extra])  # type: ignore[attr-defined]
    return func


def power(
    game: Annotated[
        Path | None,
        typer.Argument(help="A game file (JSON): groups and a winning rule; see docs/games.md."),
    ] = None,
    index: Annotated[str, typer.Option("--index", help=", ".join(index_names()) + ".")] = "all",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the exact result as JSON instead of a table.")
    ] = False,
    profile: ProfileRef = None,
    set_: Sets = None,
    as_of: AsOf = None,
    seats: Annotated[
        list[str] | None,
        typer.Option("--seats", "--composition",
                     help="Party seats of any chamber of the profile: BODY:A=76,B=12 (repeatable)."),
    ] = None,
    blocs: Annotated[
        bool, typer.Option("--blocs", help="Each party votes as one bloc (else members are players).")
    ] = False,
    game_id: Annotated[
        str | None, typer.Option("--game", help="Which of the profile's games (default: its first, law-making).")
    ] = None,
    history: Annotated[
        bool,
        typer.Option("--history", help="For a dated profile: the game's power in every version."),
    ] = False,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="With --history: write the plot (SVG) to this file.")
    ] = None,
    with_alternatives: Annotated[
        bool, typer.Option("--alternatives", help="Also every assumption's alternative: its indices, computed.")
    ] = False,
    approx: Annotated[
        bool, typer.Option("--approx", help="With GAME: Monte Carlo estimates with 95% intervals "
                                            "(not exact), for games beyond exact reach.")
    ] = False,
    samples: Annotated[int, typer.Option("--samples", help="With --approx: the number of samples.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="With --approx: the random seed.")] = 0,
    lang: Lang = "en",
    **aliases: str | None,
) -> None:
    """Exact Banzhaf and Shapley-Shubik power of every player, veto players, dummies and
    minimal winning and blocking coalitions: of a game file, or (without GAME) of a
    profile's law-making game, with the thresholds it uses and their citations."""
    check_index(index)  # checked first, so a typo costs no computation
    named = {k.removeprefix("alias__"): v for k, v in aliases.items() if v is not None}
    if approx and game is None:
        raise InputError("--approx goes with a GAME.json file")
    if game is not None:
        if profile or named or seats or blocs or as_of or set_:
            raise InputError("give either a GAME.json file or --profile options, not both")
        if approx:
            estimated = approximate_game_file(read_input(game, "game file"), samples=samples, seed=seed,
                                              index=index, source=str(game))
            emit_approx(estimated, as_json=as_json)
            return
        emit(game_file(read_input(game, "game file"), index=index, source=str(game)), as_json=as_json)
        return
    if history:
        if named or seats or blocs or set_:
            raise InputError("--history analyses each version as written: no compositions or --set")
        emit_history(profile, game_id, as_json=as_json, svg=svg)
        return
    if svg is not None:
        raise InputError("--svg goes with --history")
    loaded = options.profile(profile, as_of, set_)
    result = lawmaking(loaded, seat_specs(loaded, seats or [], named), blocs=blocs, index=index, game=game_id)
    others = alternatives(loaded, game_id) if with_alternatives or not as_json else None
    if as_json:
        typer.echo(json.dumps({**result, "alternatives": others} if others else result, indent=2,
                              ensure_ascii=False))
        return
    emit_legislature(result, lang, loaded)
    if others is not None:
        emit_alternatives(others, full=with_alternatives, lang=lang, profile=loaded)


def emit_approx(result: dict[str, Any], *, as_json: bool) -> None:
    """Monte Carlo estimates: JSON, or a table marked as estimates with their intervals."""
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"Voting power, ESTIMATED, not exact ({result['players']} players, "
                        f"{result['samples']:,} samples, seed {result['seed']})",
                  title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("group")
    table.add_column("size", justify="right")
    keys = [k for k in ("banzhaf", "shapley_shubik") if any(k in g for g in result["groups"].values())]
    for key in keys:
        table.add_column(f"{key.replace('_', '-')} (95% interval)", justify="right")
    for name, entry in result["groups"].items():
        cells = [escape(str(name)), str(entry["size"])]
        for key in keys:
            low, high = entry[f"{key}_interval"]
            cells.append(f"{entry[key]:.4f} [{low:.4f}, {high:.4f}]")
        table.add_row(*cells)
    console.print(table)
    for note in result["notes"]:
        console.print(f"[dim]note: {escape(str(note))}[/]")


def emit_alternatives(data: dict[str, Any], *, full: bool, lang: str = "en", profile: Profile | None = None) -> None:
    """The indices under each assumption's alternative: those that change them (all with
    ``full``), and how many change nothing."""
    rows = [r for r in data["alternatives"] if full or r.get("changed")]
    bodies = list(data["default"]["bodies"])
    _ = translator(lang)
    table = Table(title=_("Shapley-Shubik under the assumptions' alternatives"), title_justify="left",
                  box=box.SIMPLE_HEAD)
    table.add_column(_("switch"))
    for body in bodies:
        table.add_column(escape(power_text.group_label(profile, body, lang)) if profile is not None else body,
                         justify="right")
    table.add_row(_("default"), *(_share(data["default"]["bodies"][b]["shapley_shubik_float"]) for b in bodies))
    for row in rows:
        if row["status"] != "ok":
            table.add_row(escape(f"{row['assumption']}.{row['alternative']}"), *([row["status"]] * len(bodies)))
            continue
        table.add_row(escape(f"{row['assumption']}.{row['alternative']}"),
                      *(_share(row["bodies"][b]["shapley_shubik_float"]) if b in row["bodies"] else "-" for b in bodies))
    console.print(table)
    same = sum(1 for r in data["alternatives"] if r["status"] == "ok" and not r.get("changed"))
    console.print(_("{same} of {total} alternative switches change no index").format(
        same=same, total=len(data["alternatives"])) + ("" if full else " " + _("(all of them: --alternatives)")))


def emit_history(ref: str | None, game_id: str | None, *, as_json: bool, svg: Path | None) -> None:
    """Power per version of a dated profile (and the default profile beside it): table, JSON, plot."""
    from respublika.render.power_history import history_svg, history_table  # matplotlib

    rows = power_history(ref, game=game_id)
    if svg is not None:
        try:
            svg.write_text(history_svg(rows), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"--svg {svg}: cannot write it ({exc.strerror})") from None
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for index, title in (("shapley_shubik", "Shapley-Shubik"), ("banzhaf", "Banzhaf (normalized)")):
        cells = history_table(rows, index)
        table = Table(*cells[0], title=f"{title} power by version", title_justify="left", box=box.SIMPLE_HEAD)
        for line in cells[1:]:
            table.add_row(*(escape(c) for c in line))
        console.print(table)
    if svg is not None:
        console.print(f"plot written to {escape(str(svg))}")


def emit_legislature(result: dict[str, object], lang: str = "en", profile: Profile | None = None) -> None:
    """Thresholds with citations, power by office, chamber, party and seat kind, findings
    (in ``lang``, every id by its label, when the profile is given)."""
    _ = translator(lang)
    reqs = Table(title=f"{_('Requirements')} ({result['profile']})", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("path", "vote", "chamber", "needs", "required share", "sources"):
        reqs.add_column(_(column))
    for r in result["requirements"]:  # type: ignore[attr-defined]
        if profile is not None:
            reqs.add_row(*map(escape, power_text.requirement_row(profile, r, lang)))
            continue
        reqs.add_row(r["path"], r["rule"], r["chamber"], f"{r['required']} of {r['size']}",
                     f"{'more than' if r['strict'] else 'at least'} {r['share']}", ", ".join(r["cites"]))
    for path, offices in result["assent"].items():  # type: ignore[attr-defined]
        for office in offices:
            if profile is not None:
                reqs.add_row(*map(escape, power_text.assent_row(profile, path, office, lang)))
            else:
                reqs.add_row(path, "assent", office, "1 of 1", "", "")
    console.print(reqs)
    shapley = result["index"] in ("all", "shapley-shubik")
    banzhaf = result["index"] in ("all", "banzhaf")
    other = None if banzhaf or shapley else get_index(str(result["index"]))
    table = Table(title=_("Voting power"), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(_("who"))
    if shapley:
        table.add_column("Shapley-Shubik", justify="right")
    if banzhaf:
        table.add_column("Banzhaf", justify="right")
    if other is not None:
        table.add_column(other.title, justify="right")
    for section, title in (("offices", "office"), ("chambers", "chamber"), ("parties", "party"),
                           ("kinds", "seats")):
        entries = result.get(section) or {}
        for label, values in entries.items():  # type: ignore[attr-defined]
            row = [escape(power_text.player_label(profile, section, label, lang) if profile is not None
                          else f"{title}: {label}")]
            if shapley:
                row.append(_share(values["shapley_shubik_float"]))
            if banzhaf:
                row.append(_share(values["banzhaf_float"]))
            if other is not None:
                value = values.get(f"{other.key}_float")
                row.append("-" if value is None else _share(value))
            table.add_row(*row)
    console.print(table)
    unions = result.get("unions")
    if isinstance(unions, dict) and unions:
        owen = Table(title="Parties as a-priori unions of their members (Owen, Banzhaf-Owen)",
                     title_justify="left", box=box.SIMPLE_HEAD)
        for column in ("party", "Owen", "Banzhaf-Owen"):
            owen.add_column(column, justify="left" if column == "party" else "right")
        for party, values in unions.items():
            owen.add_row(escape(str(party)), _share(values["owen_float"]), f"{values['banzhaf_owen_float']:.4g}")
        console.print(owen)
    shown = result["findings"] if profile is None else power_text.findings_text(profile, result, lang)
    for line in shown:  # type: ignore[attr-defined]
        console.print(f"[bold]•[/] {escape(str(line))}")
    for line in (summary_lines(result)[:2] if profile is None else power_text.summary_lines(profile, result, lang)):
        console.print(line)
    for note in result.get("notes") or []:  # type: ignore[attr-defined]
        console.print(f"[dim]note: {escape(str(note))}[/]")


def emit(result: dict[str, object], *, as_json: bool) -> None:
    """Print ``analyze``'s result: as JSON, or as a table and a few lines."""
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    console.print(render_table(result))
    for line in summary_lines(result):
        console.print(line)


def _share(value: float) -> str:
    return f"{value:.4f}"


def _count(value: object) -> str:
    if not isinstance(value, int):
        return "-"
    return str(value) if value < 10**7 else f"{value:.2e}".replace("e+", "e")


def _fraction_float(text: object) -> float:
    numerator, denominator = str(text).split("/")
    return int(numerator) / int(denominator)


def render_table(result: dict[str, object]) -> Table:
    """One row per group: its size, one member's swings and indices, the group's total
    (member x size), whether it has a veto, and how many of its members block alone."""
    groups = result["groups"]
    assert isinstance(groups, dict)
    banzhaf = result["index"] in ("all", "banzhaf")
    shapley = result["index"] in ("all", "shapley-shubik")
    other = None if banzhaf or shapley else get_index(str(result["index"]))
    table = Table(
        title=f"Voting power ({result['players']} players)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    totals = any(entry["size"] > 1 for entry in groups.values())  # else group = member
    table.add_column("group", overflow="fold")
    table.add_column("size", justify="right", no_wrap=True)
    if banzhaf:
        table.add_column("swings", justify="right", no_wrap=True)
        table.add_column("Banzhaf\nmember" if totals else "Banzhaf", justify="right")
        if totals:
            table.add_column("Banzhaf\ngroup", justify="right")
    if shapley:
        table.add_column(
            "Shapley-\nShubik\nmember" if totals else "Shapley-\nShubik", justify="right"
        )
        if totals:
            table.add_column("Shapley-\nShubik\ngroup", justify="right")
    if other is not None:
        table.add_column(f"{other.title}\nmember" if totals else other.title, justify="right")
        if totals:
            table.add_column(f"{other.title}\ngroup", justify="right")
    table.add_column("veto", justify="center")
    table.add_column("blocks\nwith", justify="right")
    for name, entry in groups.items():
        row = [escape(str(name)), str(entry["size"])]
        if banzhaf:
            row += [_count(entry["swings"]), _share(entry["banzhaf_float"])]
            if totals:
                row.append(_share(_fraction_float(entry["banzhaf_total"])))
        if shapley:
            row.append(_share(entry["shapley_shubik_float"]))
            if totals:
                row.append(_share(_fraction_float(entry["shapley_shubik_total"])))
        if other is not None:
            row.append(_share(entry[f"{other.key}_float"]))
            if totals:
                row.append(_share(_fraction_float(entry[f"{other.key}_total"])))
        minority = entry["blocking_minority"]
        row += ["yes" if entry["veto"] else "", "-" if minority is None else str(minority)]
        table.add_row(*row)
    return table


def summary_lines(result: dict[str, object]) -> list[str]:
    """Veto players, dummies, minimal coalitions, warnings and notes, as Rich markup."""
    lines = []

    def names(key: str) -> str:
        items = result[key]
        assert isinstance(items, list)
        return ", ".join(escape(str(n)) for n in items) or "none"

    lines.append(f"[bold]Veto players:[/] {names('veto_players')}")
    lines.append(f"[bold]Dummies:[/] {names('dummies')}")
    for key, title in (
        ("minimal_winning_coalitions", "Minimal winning coalitions"),
        ("blocking_coalitions", "Minimal blocking coalitions"),
    ):
        coalitions = result.get(key)
        if not isinstance(coalitions, list):
            continue
        lines.append(f"[bold]{title} ({len(coalitions)}):[/]")
        shown = coalitions[:20]
        for coalition in shown:
            lines.append("  " + " + ".join(_member(g, k, result) for g, k in coalition.items()))
        if len(coalitions) > len(shown):
            lines.append(f"  ... and {len(coalitions) - len(shown)} more (see --json)")
    for warning in result.get("warnings") or []:  # type: ignore[attr-defined]
        lines.append(f"[bold yellow]warning:[/] {escape(str(warning))}")
    for note in result.get("notes") or []:  # type: ignore[attr-defined]
        lines.append(f"[dim]note: {escape(str(note))}[/]")
    return lines


def _member(group: str, count: int, result: dict[str, object]) -> str:
    groups = result["groups"]
    assert isinstance(groups, dict)
    size = groups[group]["size"]
    return escape(group) if size == 1 else f"{count} of {size} {escape(group)}"
