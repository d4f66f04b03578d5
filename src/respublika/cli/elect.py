"""``respublika elect BODY RESULTS`` and ``respublika forecast BODY``: elections under a
profile's rules.

BODY is any elected body of the profile — an election's id, or the name of the institution
it fills (``respublika elect --list`` shows them). ``elect`` applies the profile's rules to
the results given and explains each step; ``forecast`` runs a Monte Carlo of a chamber's
party-list seats around given vote shares. The application layer decides everything; this
module reads the files named on the command line and prints.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from respublika.app import elections as elections_app
from respublika.cli import options
from respublika.cli.common import console, print_json, read_input
from respublika.cli.options import AsOf, Json, Lang, ProfileRef, Sets
from respublika.errors import InputError
from respublika.i18n import format_number, translator
from respublika.procedure.model import to_date
from respublika.render import election_text
from respublika.render.labels import institution_label, seat_kind_label, threshold_label, unit_label


def _format(ref: str) -> str | None:
    return "json" if ref.endswith(".json") else "csv" if ref.endswith(".csv") else None


def _explain(lines: list[dict[str, Any]], lang: str = "en") -> None:
    for line in election_text.step_lines(lines, lang):
        console.print(escape(line))


def _bodies(profile: Any, as_json: bool, lang: str = "en") -> None:
    rows = [b.to_dict() for b in elections_app.bodies(profile)]
    if as_json:
        print_json(rows)
        return
    for line in election_text.bodies_lines(profile, rows, lang):
        console.print(escape(line))


def elect(
    body: Annotated[str | None, typer.Argument(help="The elected body: an election's id or the institution's name.")] = None,
    results: Annotated[str | None, typer.Argument(
        help="Results: CSV 'party,votes' or JSON {\"party\": votes}; for elections per unit, JSON "
             "{\"unit\": {\"candidate\": votes}}; '-' reads standard input.")] = None,
    against_all: Annotated[int | None, typer.Option("--against-all", help="'Against all' votes (counted in the base where the profile says so).")] = None,
    invalid: Annotated[int | None, typer.Option("--invalid", help="Invalid ballots (counted only if the base is all ballots cast).")] = None,
    runoff: Annotated[str | None, typer.Option("--runoff", help="Second-round votes, if a runoff is needed (a file).")] = None,
    seat_class: Annotated[int | None, typer.Option("--class", help="Which class of seats is renewed (elections per unit).")] = None,
    elected: Annotated[str | None, typer.Option("--date", help="Election date, for the terms' ends.")] = None,
    ties: Annotated[str | None, typer.Option("--ties", help="order or lot (default: the profile's).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for a lot.")] = None,
    district_results: Annotated[str | None, typer.Option("--district-results", help="A chamber's single-member districts: JSON {district: {candidate: votes}, \"affiliation\": {candidate: party}} or {\"totals\": {party: seats}}; gives the whole chamber.")] = None,
    served: Annotated[list[str] | None, typer.Option("--served", help="Terms a candidate has served (in a row, where the limit says so): NAME=N; checked against the office's term limit.")] = None,
    exempt: Annotated[list[str] | None, typer.Option("--exempt", help="A candidate exempt from the term limit (a status the profile names).")] = None,
    list_bodies: Annotated[bool, typer.Option("--list", help="List the profile's elected bodies.")] = False,
    profile: ProfileRef = None,
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
    lang: Lang = "en",
) -> None:
    """An election under the profile's rules, every step explained (``--list``: the bodies)."""
    if elected is not None:
        elected = to_date(elected, what="--date").isoformat()  # refused here, not deep in a term's end
    loaded = options.profile(profile, as_of, set_)
    if list_bodies or body is None:
        _bodies(loaded, json_out, lang)
        return
    if results is None and district_results is None and elections_app.shipped_results(loaded, body) is not None:
        data = elections_app.elect_shipped(loaded, body)  # the published results shipped for that date
    elif results is None:
        raise InputError("give the results file after the body (or '-' for standard input)")
    else:
        data = elections_app.elect(
            loaded, body, read_input(results, "results file"), fmt=_format(results), source=results,
            against_all=against_all, invalid=invalid, seat_class=seat_class, ties=ties, seed=seed, elected=elected,
            runoff=None if runoff is None else read_input(runoff, "runoff file"),
            districts=None if district_results is None else read_input(district_results, "district results file"),
            served=_served(served), exempt=tuple(exempt or ()),
        )
    if json_out:
        print_json(data)
        return
    _print_result(loaded, data, lang)


def _served(pairs: list[str] | None) -> dict[str, int] | None:
    if not pairs:
        return None
    out: dict[str, int] = {}
    for pair in pairs:
        name, sep, n = pair.rpartition("=")
        if not sep or not name or not n.strip().isdigit():
            raise InputError(f"--served: NAME=N (terms served), got {pair!r}")
        out[name.strip()] = int(n)
    return out


def _print_result(profile: Any, data: dict[str, Any], lang: str = "en") -> None:
    _ = translator(lang)
    form = data["form"]
    inst = profile.institutions[data["institution"]]
    name = institution_label(profile, data["institution"], lang)
    if form == "chamber_lists":
        console.print(f"[bold]{escape(election_text.chamber_heading(profile, data, lang))}[/]")
        _explain(data["explain"], lang)
        table = Table(_("party"), _("votes"), _("seats"))
        for party, won in data["seats"].items():
            table.add_row(escape(party), format_number(data["votes"][party], lang), str(won))
        console.print(table)
        filled = data["composition"]
        console.print(_("Chamber: {filled} of {size} seats").format(filled=filled["filled"], size=inst.size))
        if "whole" in data:
            _explain([{"text": line} for line in data["district_tier"]["explain"]], lang)
            whole = Table(_("party"), _("lists"), _("district seats"), _("total"))
            for party, row in data["whole"]["parties"].items():
                whole.add_row(escape(party), *(str(v) for v in row.values()))
            for kind, n in data["whole"]["other_seats"].items():
                whole.add_row(escape(seat_kind_label(profile, kind, lang)), "", "", str(n))
            console.print(whole)
            console.print(_("Whole chamber: {total} of {size} seats").format(total=data["whole"]["total"],
                                                                            size=inst.size))
        for gap in data.get("shipped", {}).get("gaps", []):
            console.print(f"  [dim]{escape(_('gap'))}: {escape(_(gap))}[/]")
    elif form == "office":
        console.print(f"[bold]{escape(name)}[/]")
        for candidate, entry in data.get("eligibility", {}).items():
            console.print(f"  • {escape(candidate)}: {escape(_('eligible'))} ({escape(_(entry['reason']))})")
        _explain(data["first_round"]["explain"], lang)
        if "runoff" in data:
            _explain(data["runoff"]["explain"], lang)
    elif form == "unit_seats":
        console.print(f"[bold]{escape(name)}[/]")
        table = Table(_("unit"), _("outcome"), _("electors"))
        for unit, result in data["results"].items():
            outcome = data["elected"].get(unit) if isinstance(data["elected"], dict) else None
            pending = data["pending"].get(unit)
            status = outcome or result.get("winner") or (
                _("runoff") + ": " + " / ".join(pending or result.get("runoff", [])))
            table.add_row(escape(unit_label(profile, unit, lang)), escape(str(status)),
                          str(data["electors"].get(unit, "")))
        console.print(table)
    elif form == "body_vote":
        console.print(f"[bold]{escape(name)}[/]")
        _explain(data["explain"], lang)
    else:
        console.print(f"[bold]{escape(name)}[/]")
        table = Table(_("unit"), _("seats"))
        for unit, result in data["units"].items():
            table.add_row(escape(unit_label(profile, unit, lang)),
                          escape(", ".join(f"{p} {n}" for p, n in result["seats"].items() if n)))
        console.print(table)


def forecast(
    body: Annotated[str | None, typer.Argument(help="The chamber's list election (default: the profile's first).")] = None,
    shares: Annotated[str, typer.Option("--shares", help="Expected vote shares: A=0.55,B=0.12,... (the rest: others).")] = "",
    concentration: Annotated[float, typer.Option("--concentration", help="Dirichlet concentration: larger means less uncertainty.")] = 100.0,
    draws: Annotated[int, typer.Option("--draws", help="Number of simulated elections.")] = 10_000,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed (reproducible runs).")] = None,
    bloc_with: Annotated[str | None, typer.Option("--assembly-with", "--bloc-with", help="Count the chamber's other seats with this party.")] = None,
    profile: ProfileRef = None,
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
    lang: Lang = "en",
) -> None:
    """Seat distributions and the chances of reaching each threshold the chamber's votes use."""
    if not shares.strip():
        raise InputError("--shares: give the expected vote shares, e.g. A=0.55,B=0.12")
    loaded = options.profile(profile, as_of, set_)
    request = elections_app.forecast_spec(loaded, body, shares, concentration=concentration, draws=draws,
                                          seed=seed, bloc_with=bloc_with)
    spec = request.spec
    if json_out or draws < 20_000:
        result = elections_app.run_forecast(loaded, request)
    else:
        with Progress(TextColumn(translator(lang)("simulating")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("draws", total=draws)
            result = elections_app.run_forecast(loaded, request, lambda done: bar.update(task, completed=done))
    if json_out:
        print_json(result)
        return
    targets = dict(spec.targets)
    _ = translator(lang)
    names = {k: threshold_label(loaded, k, lang) for k in targets}
    head = ", ".join(f"{names[k]} {v}" for k, v in targets.items())
    console.print(escape(_("{draws} draws; {seats} list seats of {size} ({targets}); seed {seed}").format(
        draws=format_number(draws, lang), seats=spec.seats, size=spec.chamber_size, targets=head, seed=seed)))
    table = Table(_("party"), _("mean"), "5–95 %", *(f"P({names[k]})" for k in targets))
    point = election_text.decimal_point
    for name, entry in result["parties"].items():
        probs = [point(f"{entry[f'p_{k}']:.3f}", lang)
                 + (" / " + point(f"{entry[f'p_{k}_with_bloc']:.3f}", lang) if f"p_{k}_with_bloc" in entry else "")
                 for k in targets]
        table.add_row(escape(name), point(f"{entry['mean']:.1f}", lang), f"{entry['p5']}–{entry['p95']}", *probs)
    console.print(table)
    if bloc_with:
        console.print(escape(_("(P alone / with the {bloc} seats of the other kinds counted with {party})").format(
            bloc=spec.bloc, party=bloc_with)))


def register(app: typer.Typer) -> None:
    app.command("elect")(elect)
    app.command("forecast")(forecast)
