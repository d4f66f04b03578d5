"""What each page shows, as plain data: the application layer's answer with the pictures the
rendering layer draws for it. The API returns it; the templates put it on a page."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from respublika.app import constitution, parliament, power, profiles
from respublika.app.profiles import ProfileRequest, dated_profiles, open_profile
from respublika.errors import InputError
from respublika.games import indices
from respublika.i18n import translator
from respublika.profile import Profile
from respublika.profile.query import chambers
from respublika.profile.validate import seat_count
from respublika.render.chambers import with_pictures
from respublika.render.structure import structure_svg


def overview(profile: Profile, lang: str) -> dict[str, Any]:
    data = constitution.show(profile)
    data["structure_svg"] = structure_svg(profile, translator(lang), lang)
    return data


def parliament_page(profile: Profile, lang: str, *, colour: str = "filled", parties: str | None = None,
                    start: int = 2026) -> dict[str, Any]:
    """Every chamber as a hemicycle with legends, threshold marks and the term calendar."""
    seats = None
    if parties and parties.strip():
        from respublika.games.legislature import parse_seats

        seats = parse_seats(parties)
        if len(seats) > power.MAX_PARTIES:
            raise InputError(f"parties: at most {power.MAX_PARTIES}")
    data = parliament.parliament(profile, colour=colour, parties=seats, start=start)
    data["party_chamber"] = parliament.party_chamber(profile)
    return with_pictures(data, translator(lang), lang)


def legacy_ref(text: str) -> ProfileRequest:
    """A profile written as the profile page's form has it: ``NAME[@DATE][+KEY=VALUE;KEY=VALUE]``
    (the form of 0.1; the same as ``profile=NAME`` with ``set=KEY=VALUE`` parameters)."""
    name, _, sets = text.partition("+")
    return ProfileRequest.of(name.strip() or None, None, [s for s in sets.split(";") if s.strip()])


def profiles_page(profile: Profile, a: str | None, b: str | None, dated: str | None = None,
                  as_of: str | None = None) -> dict[str, Any]:
    """The profile's assumptions, the shipped profiles, a diff of two of them, and a dated
    profile's timeline with the version in force on a date."""
    data: dict[str, Any] = {
        "profile": profile.id,
        "shipped": [row["id"] for row in profiles.profiles()],
        "assumptions": {aid: constitution.cite(profile, aid) for aid in profile.assumptions},
        "dated": dated_profiles(),
        "default_a": profile.id,
        "default_b": f"{profile.id}+{_example_override(profile)}" if _example_override(profile) else profile.id,
    }
    if data["dated"]:
        name = dated or data["dated"][0]
        if name not in data["dated"]:
            raise InputError(f"profile {name!r} is not a dated shipped profile ({', '.join(data['dated'])})")
        resolved = open_profile(ProfileRequest.of(name, as_of or None), files=False)
        data["timeline"] = {
            "profile": name,
            "as_of": None if resolved.as_of is None else resolved.as_of.isoformat(),
            "version": resolved.version,
            "cite_args": cite_args(ProfileRequest.of(name, None if resolved.as_of is None else resolved.as_of.isoformat())),
            "versions": [v.model_dump(mode="json") for v in resolved.versions],
            "chambers": [
                {"id": c, "name": resolved.institutions[c].name, "size": resolved.institutions[c].size,
                 "seats": [{"id": sid, "count": seat_count(resolved, r), "filled_by": r.filled_by,
                            "cites": list(r.cites)} for sid, r in resolved.institutions[c].seats.items()],
                 "cites": list(resolved.institutions[c].cites)}
                for c in chambers(resolved)
            ],
        }
    if a and b:
        data["diff"] = constitution.diff(legacy_ref(a), legacy_ref(b), files=False)
        data["diff"].update({"a": a, "b": b, "cite_a": cite_args(a), "cite_b": cite_args(b)})
    return data


def _example_override(profile: Profile) -> str:
    """An override worth comparing with: the first assumption alternative's switch."""
    for assumption in profile.assumptions.values():
        for alt in assumption.alternatives:
            if alt.set:
                key, value = next(iter(alt.set.items()))
                return f"{key}={value}"
    return ""


def power_page(profile: Profile, *, seats: list[str], aliases: dict[str, str | None], blocs: bool,
               index: str) -> dict[str, Any]:
    """The law-making game of a profile with optional party compositions of its chambers."""
    power.check_index(index)
    compositions = power.seat_specs(profile, seats, aliases, limits=True)
    result = power.lawmaking(profile, compositions, blocs=blocs, index=index)
    table = power.rows(result)
    present = [i for i in indices() if any(f"{i.key}_float" in row for row in table)]
    first = ("shapley_shubik", "banzhaf")  # the page's columns of 0.1 come first, in their order
    present.sort(key=lambda i: first.index(i.key) if i.key in first else len(first))
    columns = [{"key": i.key, "title": i.title} for i in present]
    return {"profile": profile.id, "version": profile.version, "profiles": [r["id"] for r in profiles.profiles()],
            "columns": columns,
            "chambers": [{"id": c, "name": profile.institutions[c].name,
                          "given": ",".join(f"{p}={n}" for p, n in compositions.get(c, {}).items())}
                         for c in chambers(profile)],
            "index": index, "blocs": blocs, "rows": table, "result": result,
            "alternatives": power.alternatives(profile)}


@lru_cache(maxsize=8)
def history_svg(name: str) -> str:
    """The law-making power of every version of a shipped dated profile (cached: slow)."""
    from respublika.render.power_history import history_svg as plot

    if name not in dated_profiles():
        raise InputError(f"profile {name!r} is not a dated shipped profile")
    return plot(power.history(name))


def simulations_page(opened: Any) -> dict[str, Any]:
    """The simulations saved in the database (``respublika simulate --db ...``)."""
    from respublika.app.simulation import saved_runs

    return {"simulations": saved_runs(opened)}


def saved(opened: Any, name: str) -> dict[str, Any]:
    """A saved simulation's timeline; an unknown name is :class:`~respublika.app.values.Unknown` (404)."""
    from respublika.app.simulation import saved_run, saved_runs
    from respublika.app.values import Unknown

    known = [r["name"] for r in saved_runs(opened)]
    if name not in known:
        raise Unknown(f"no simulation named {name[:50]!r} (saved: {', '.join(known[:20]) or 'none'})")
    return saved_run(opened, name)


def simulation_page(opened: Any, name: str) -> dict[str, Any]:
    """One saved simulation's timeline with its plots: seats over time, bills per year."""
    from datetime import date

    from respublika.calendar import Duration, add
    from respublika.render import simulation_plots as plots
    from respublika.simulate.recorder import OUTCOMES

    timeline = saved(opened, name)
    profile = open_profile(ProfileRequest.of(timeline["config"]["profile"], None,
                                             timeline["config"].get("overrides") or None))
    parties = [p["name"] for p in timeline["config"]["params"]["parties"]]
    sizes = {c: profile.institutions[c].size or 0 for c in timeline["seats"] if c in profile.institutions}
    end = add(date.fromisoformat(timeline["start"]), Duration(years=int(timeline["years"])))
    bills = timeline["bills"]
    return {
        "timeline": timeline,
        "totals": {k: sum(v) for k, v in bills.items() if k in OUTCOMES},
        "figures": [
            ("Seats over time", plots.seats_over_time(timeline["seats"], parties, end, sizes)),
            ("Bills per year", plots.bills_per_year(bills)),
            ("Days from introduction to law", plots.days_to_law(days=timeline["days_to_law"])),
        ],
    }


def cite_page(profile: Profile, cite_id: str) -> dict[str, Any]:
    """What a citation chip opens: the entry of ``cite_id`` in ``profile``; when the profile
    does not cite it, the first shipped profile (any dated version) that does, named in
    ``found_in``. Cited nowhere: :class:`~respublika.app.values.Unknown` (404)."""
    from respublika.app.values import Unknown

    try:
        return {**constitution.cite(profile, cite_id), "found_in": None, "_profile": profile}
    except InputError:
        pass
    for row in profiles.profiles():
        other = open_profile(ProfileRequest.of(row["id"]), files=False)
        dates = [None, *(v.effective.isoformat() for v in other.versions)]
        for when in dates:
            candidate = other if when is None else open_profile(ProfileRequest.of(row["id"], when), files=False)
            try:
                found = constitution.cite(candidate, cite_id)
            except InputError:
                continue
            ref = row["id"] if when is None else f"{row['id']}@{when}"
            return {**found, "found_in": ref, "_profile": candidate}
    raise Unknown.of("{cite!r} is cited in no shipped profile", cite=cite_id[:80])


def cite_args(ref: Any) -> str:
    """The query of a citation chip's page for a profile named as the profiles page names
    one (``seed+key=value``, ``kz@2012-01-01``) or as a :class:`ProfileRequest`."""
    from urllib.parse import urlencode

    request = legacy_ref(ref) if isinstance(ref, str) else ref
    pairs = [("profile", request.ref)] if request.ref else []
    if request.as_of:
        pairs.append(("as_of", request.as_of))
    pairs.extend(("set", s) for s in request.sets)
    return urlencode(pairs)


MAX_MC_RUNS = 20
MAX_MC_YEARS = 20
"""A server's bounds on a Monte Carlo simulation started from the page (the CLI has none)."""


def montecarlo_spec(request: ProfileRequest, form: Any) -> tuple[Any, int]:
    """A checked Monte Carlo simulation from a form or an API body: ``runs`` runs of ``years``
    years from ``seed`` (shipped profiles only), as (config, runs)."""
    from respublika.app import simulation
    from respublika.app.values import whole

    runs = whole(form.get("runs"), "runs", 5)
    years = whole(form.get("years"), "years", 5)
    seed = whole(form.get("seed"), "seed", 1)
    if not 1 <= runs <= MAX_MC_RUNS:
        raise InputError.of("runs: between 1 and {cap} on this server", cap=MAX_MC_RUNS)
    if not 1 <= years <= MAX_MC_YEARS:
        raise InputError.of("years: between 1 and {cap} on this server", cap=MAX_MC_YEARS)
    open_profile(request, files=False)  # a visitor names shipped profiles only
    return simulation.config(request, years=years, seed=seed), runs


def montecarlo(cfg: Any, runs: int, progress: Any = None) -> dict[str, Any]:
    """Run the simulations in this process (one after another, reporting each) and keep what
    the page shows: bills per run by outcome, dissolutions, crises."""
    from respublika.app import simulation

    result = simulation.run_many(cfg, runs, 1, progress=progress)
    return {"runs": result["runs"], "years": cfg.years, "seed": cfg.seed, "profile": cfg.profile,
            "totals_per_run": result["totals_per_run"], "dissolutions": result["dissolutions"],
            "crises": result["crises"], "events": result["events"]}


def start_montecarlo(jobs: Any, request: ProfileRequest, form: Any) -> Any:
    cfg, runs = montecarlo_spec(request, form)  # checked before any work starts
    return jobs.start(runs, lambda progress: montecarlo(cfg, runs, progress))
