"""``respublika elect ...`` and ``respublika forecast ...``: elections under a profile's rules.

``elect`` applies the profile's chamber (seats, method, threshold, base, ties) to the
results given and explains each step; ``forecast`` runs a Monte Carlo of a party-list
election around given vote shares.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from respublika.cli.common import console, get_profile, print_json, read_input
from respublika.elections import profiled
from respublika.elections.votes_text import parse_votes
from respublika.errors import InputError
from respublika.profile.query import resolve_institution, threshold_count
from respublika.profile.validate import units_of

elect_app = typer.Typer(help="Elections under the profile's rules, every step explained.", no_args_is_help=True)
forecast_app = typer.Typer(help="Monte Carlo forecasts of elections.", no_args_is_help=True)

Profile = Annotated[str, typer.Option("--profile", "-p", help="A shipped profile name or a profile file.")]
Sets = Annotated[list[str] | None, typer.Option("--set", help="Override a profile value: KEY=VALUE.")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="For a dated profile: the date (YYYY-MM-DD).")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _votes(ref: str) -> list[tuple[str, int]]:
    fmt = "json" if ref.endswith(".json") else "csv" if ref.endswith(".csv") else None
    return parse_votes(read_input(ref, "results file"), source=ref, fmt=fmt)


def _units(ref: str) -> dict[str, list[tuple[str, int]]]:
    """A JSON object of unit -> {candidate: votes}."""
    try:
        data = json.loads(read_input(ref, "results file"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{ref}: malformed JSON: {exc}") from None
    if not isinstance(data, dict) or not data:
        raise InputError(f'{ref}: expected a JSON object {{"unit": {{"candidate": votes}}}}')
    out = {}
    for unit, votes in data.items():
        if not isinstance(votes, dict):
            raise InputError(f"{ref}: unit {unit!r}: expected an object of candidate: votes")
        out[unit] = parse_votes(json.dumps(votes), source=f"{ref}: {unit}", fmt="json")
    return out


def _explain(lines: list[dict[str, Any]]) -> None:
    for step in lines:
        cites = step.get("cites") or []
        tail = f" [{', '.join(cites)}]" if cites else ""
        console.print(f"  • {escape(str(step.get('text', '')))}{escape(tail)}")


@elect_app.command("mazhilis")
def elect_mazhilis(
    votes: Annotated[str, typer.Argument(help="Party-list votes: CSV 'party,votes' or JSON; '-' for stdin.")],
    against_all: Annotated[int, typer.Option("--against-all", help="'Against all' votes (count in the threshold base if the profile says so).")] = 0,
    chamber: Annotated[str, typer.Option("--chamber", help="The chamber with party-list seats.")] = "mazhilis",
    elected: Annotated[str | None, typer.Option("--date", help="Election date, for the term ends.")] = None,
    ties: Annotated[str | None, typer.Option("--ties", help="order or lot (default: the profile's).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for a lot.")] = None,
    profile: Profile = "seed",
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """The chamber's party-list seats under the profile's method and threshold."""
    loaded = get_profile(profile, set_, as_of)
    chamber_id = resolve_institution(loaded, chamber)
    sid, election, seats = profiled.pr_election_for(loaded, chamber_id)
    allocation = profiled.party_list(loaded, election, _votes(votes), seats=seats, against_all=against_all,
                                     ties=ties, seed=seed)  # type: ignore[arg-type]
    when = date.fromisoformat(elected) if elected else None
    composition = profiled.mazhilis_composition(loaded, allocation, chamber=chamber_id, elected=when)
    data: dict[str, Any] = {**allocation.to_dict(), "rule": profiled.describe_rule(loaded, election),
            "profile": loaded.id, "version": loaded.version, "composition": composition.to_dict()}
    if json_out:
        print_json(data)
        return
    inst = loaded.institutions[chamber_id]
    console.print(f"[bold]{escape(inst.name)}[/]: {seats} seats by party list ({sid}), profile {loaded.id}"
                  + (f" as of {loaded.as_of}" if loaded.as_of else ""))
    _explain(data["explain"])
    table = Table("party", "votes", "seats")
    for party, won in allocation.seats.items():
        table.add_row(escape(party), f"{allocation.votes[party]:,}", str(won))
    console.print(table)
    console.print(f"Chamber: {composition.filled} of {inst.size} seats; by how filled: {composition.by_filled_by()}")


@elect_app.command("president")
def elect_president(
    votes: Annotated[str, typer.Argument(help="First-round votes per candidate: CSV or JSON.")],
    against_all: Annotated[int, typer.Option("--against-all", help="'Against all' votes.")] = 0,
    invalid: Annotated[int, typer.Option("--invalid", help="Invalid ballots (count only if the base is all ballots).")] = 0,
    runoff: Annotated[str | None, typer.Option("--runoff", help="Second-round votes, if a runoff is needed.")] = None,
    profile: Profile = "seed",
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """Elected with more than half of the votes counted, or a runoff of the two leading."""
    loaded = get_profile(profile, set_, as_of)
    first = profiled.president(loaded, _votes(votes), against_all=against_all, invalid=invalid)
    data: dict[str, Any] = {"first_round": first.to_dict(), "profile": loaded.id, "version": loaded.version,
                            "rule": profiled.describe_rule(loaded, "president")}
    if runoff is not None:
        data["runoff"] = first.runoff(_votes(runoff), cites={"*": tuple(loaded.elections["president"].cites)}).to_dict()
    if json_out:
        print_json(data)
        return
    _explain(data["first_round"]["explain"])
    if "runoff" in data:
        _explain(data["runoff"]["explain"])


@elect_app.command("senate")
def elect_senate(
    votes: Annotated[str, typer.Argument(help='Electors\' votes per unit: JSON {"unit": {"candidate": votes}}.')],
    seat_class: Annotated[int, typer.Option("--class", help="Which class is renewed (1 or 2).")] = 1,
    ties: Annotated[str, typer.Option("--ties", help="order or lot.")] = "order",
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for a lot.")] = None,
    profile: Profile = "seed",
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """One class of elected senators: in every unit, a majority of its electors or a runoff."""
    loaded = get_profile(profile, set_, as_of)
    result = profiled.senate(loaded, _units(votes), seat_class=seat_class, ties=ties, seed=seed)  # type: ignore[arg-type]
    data: dict[str, Any] = {**result.result.to_dict(), "electors": result.electors, "profile": loaded.id}
    if json_out:
        print_json(data)
        return
    table = Table("unit", "outcome", "electors")
    for unit, outcome in data["units"].items():
        status = outcome.get("winner") or ("runoff: " + " / ".join(outcome.get("runoff_candidates", [])))
        table.add_row(escape(unit), escape(str(status)), str(result.electors.get(unit, "")))
    console.print(table)


@elect_app.command("assembly")
def elect_assembly(
    votes: Annotated[str, typer.Argument(help="The Assembly members' votes per candidate: CSV or JSON.")],
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for the lot that breaks a tie.")] = None,
    profile: Profile = "seed",
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """The seats the Assembly elects into the Mazhilis: the candidates with most votes."""
    loaded = get_profile(profile, set_, as_of)
    result = profiled.assembly(loaded, _votes(votes), seed=seed)
    data: dict[str, Any] = {**result.to_dict(), "profile": loaded.id}
    if json_out:
        print_json(data)
        return
    _explain(data["explain"])


@elect_app.command("maslikhat")
def elect_maslikhat(
    votes: Annotated[str, typer.Argument(help='Party-list votes per unit: JSON {"unit": {"party": votes}}.')],
    profile: Profile = "seed",
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """Every maslikhat given: its seats by the profile's method and threshold."""
    loaded = get_profile(profile, set_, as_of)
    units = _units(votes)
    bodies = {u: iid for iid, inst in loaded.institutions.items()
              if inst.kind == "local_body" and inst.per_unit and inst.election
              for u in units_of(loaded, inst.per_unit)}
    unknown = [u for u in units if u not in bodies]
    if unknown:
        raise InputError(f"no maslikhat in unit(s) {', '.join(map(repr, unknown))} (units: {', '.join(bodies)})")
    results: dict[str, dict[str, Any]] = {}
    for unit, table in units.items():
        election = loaded.institutions[bodies[unit]].election or ""
        results[unit] = profiled.party_list(loaded, election, table).to_dict()
    if json_out:
        print_json({"units": results, "profile": loaded.id})
        return
    out = Table("unit", "seats")
    for unit, result in results.items():
        out.add_row(escape(unit), escape(", ".join(f"{p} {n}" for p, n in result["seats"].items() if n)))
    console.print(out)


@forecast_app.command("mazhilis")
def forecast_mazhilis(
    shares: Annotated[str, typer.Option("--shares", help="Expected vote shares: A=0.55,B=0.12,... (the rest: others).")],
    concentration: Annotated[float, typer.Option("--concentration", help="Dirichlet concentration: larger = less uncertainty.")] = 100.0,
    draws: Annotated[int, typer.Option("--draws", help="Number of simulated elections.")] = 10_000,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed (reproducible runs).")] = None,
    bloc_with: Annotated[str | None, typer.Option("--assembly-with", help="Count the Assembly's seats with this party.")] = None,
    chamber: Annotated[str, typer.Option("--chamber", help="The chamber with party-list seats.")] = "mazhilis",
    profile: Profile = "seed",
    set_: Sets = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """Seat distributions and the chances of a majority, two thirds and three quarters."""
    from respublika.elections.forecast import ForecastSpec, forecast, parse_shares  # loads NumPy

    loaded = get_profile(profile, set_, as_of)
    chamber_id = resolve_institution(loaded, chamber)
    _, election, seats = profiled.pr_election_for(loaded, chamber_id)
    rule = profiled.election_rule(loaded, election)
    inst = loaded.institutions[chamber_id]
    size = inst.size or seats
    targets: dict[str, int] = {tid: threshold_count(loaded, tid, size) for tid in ("majority", "two_thirds", "three_quarters")
               if tid in loaded.thresholds}
    other = size - seats
    spec = ForecastSpec(
        shares=parse_shares(shares), seats=seats, method=rule.method or "hare", threshold=rule.threshold or 0,  # type: ignore[arg-type]
        runner_up=rule.runner_up_admitted, chamber_size=size, targets=targets, bloc=other,
        bloc_with=bloc_with, concentration=concentration, draws=draws, seed=seed,
    )
    if json_out or draws < 20_000:
        result = forecast(spec)
    else:
        with Progress(TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("draws", total=draws)
            result = forecast(spec, progress=lambda done: bar.update(task, completed=done))
    result["profile"] = loaded.id
    result["cites"] = list(rule.cites)
    if json_out:
        print_json(result)
        return
    head = ", ".join(f"{k} {v}" for k, v in targets.items())
    console.print(f"{draws:,} draws; {seats} list seats of {size} ({head}); seed {seed}")
    table = Table("party", "mean", "5-95 %", *(f"P({k})" for k in targets))
    for name, entry in result["parties"].items():
        probs = [f"{entry[f'p_{k}']:.3f}" + (f" / {entry[f'p_{k}_with_bloc']:.3f}" if f"p_{k}_with_bloc" in entry else "")
                 for k in targets]
        table.add_row(escape(name), f"{entry['mean']:.1f}", f"{entry['p5']}-{entry['p95']}", *probs)
    console.print(table)
    if bloc_with:
        console.print(f"(P alone / with the {other} seats of the other kinds counted with {escape(bloc_with)})")


def register(app: typer.Typer) -> None:
    app.add_typer(elect_app, name="elect")
    app.add_typer(forecast_app, name="forecast")
