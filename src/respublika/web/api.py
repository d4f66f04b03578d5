"""The JSON API: every page's data and every act, described by the OpenAPI schema.

Routes that read a profile take ``profile``, ``as_of`` and ``set`` (see
:mod:`respublika.web.deps`); the answers keep the profile's ids (they are a contract).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from respublika.app import constitution, worlds
from respublika.app import elections as elections_app
from respublika.app.jobs import Job, Jobs
from respublika.games.indices import index_pattern
from respublika.i18n import languages
from respublika.render.diagram import to_svg
from respublika.render.procedure_text import event_dict
from respublika.web import bills, deps, elections, views
from respublika.web.deps import PageProfile


class FieldError(BaseModel):
    """One field a request got wrong: where (``["body", "seed"]``) and what."""

    loc: list[str | int]
    msg: str
    type: str = ""


class ErrorBody(BaseModel):
    """Every refusal: a message, or the fields a request got wrong."""

    detail: str | list[FieldError]


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text} for status, text in (
        (400, "The request cannot be answered (the message says why)"),
        (403, "A change without the token this server requires, or from another site"),
        (404, "No such matter, world, forecast or simulation"),
        (413, "The request body is larger than the server's limit"),
        (422, "Invalid input or a refused act: the message, or the fields' errors; nothing was written"),
    )
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def _lang(lang: str) -> str:
    return lang if lang in languages() else "en"


@router.get("/profile", summary="The state's composition, with citations")
def profile(profile: PageProfile, lang: str = Query("en", max_length=10)) -> dict[str, Any]:
    return views.overview(profile, _lang(lang))


@router.get("/cite/{cite_id}", summary="A sentence or assumption and what implements it")
def cite(profile: PageProfile, cite_id: str) -> dict[str, Any]:
    return constitution.cite(profile, cite_id)


@router.get("/parliament", summary="Every chamber as a hemicycle, thresholds and the term calendar")
def parliament(
    request: Request,
    profile: PageProfile,
    colour: str = Query("filled", pattern="^(filled|party)$"),
    parties: str | None = Query(None, max_length=2000, description="Party seats of the party chamber: A=76,B=12"),
    start: int = Query(2026, ge=1900, le=2200),
    lang: str = Query("en", max_length=10),
) -> dict[str, Any]:
    return views.parliament_page(profile, _lang(lang), colour=colour, parties=deps.parties_param(request, parties), start=start)


@router.get("/profiles", summary="Assumptions, shipped profiles, a diff, a dated profile's timeline")
def profiles(
    profile: deps.UndatedPageProfile,
    a: str | None = Query(None, max_length=500),
    b: str | None = Query(None, max_length=500),
    dated: str | None = Query(None, max_length=100),
    as_of: str | None = Query(None, max_length=10),
) -> dict[str, Any]:
    return views.profiles_page(profile, a, b, dated, as_of)


@router.get("/history/{name}", summary="Law-making power in every version of a dated profile")
def history(name: str) -> list[dict[str, Any]]:
    from respublika.app.power import history as power_history
    from respublika.app.profiles import dated_profiles
    from respublika.errors import InputError

    if name not in dated_profiles():
        raise InputError(f"profile {name!r} is not a dated shipped profile")
    return power_history(name)


@router.get("/bodies", summary="The elected bodies of a profile (what /api/elect takes)")
def bodies(profile: PageProfile) -> list[dict[str, Any]]:
    return [b.to_dict() for b in elections_app.bodies(profile)]


# ---------------------------------------------------------------- matters (bills)


class ActBody(BaseModel):
    """One act: ``matter`` is the bill's (or nomination's, ...) id; none for the Republic."""

    model_config = ConfigDict(extra="forbid", strict=True)

    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD", json_schema_extra={"format": "date"})
    act: str = Field(min_length=1, max_length=60)
    matter: str | None = Field(default=None, max_length=40, pattern=worlds.MATTER_ID_PATTERN,
                               description="A letter or digit, then up to 39 letters, digits, '_', '.' or '-'")
    params: dict[str, Any] = Field(default_factory=dict)


class ScenarioBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    scenario: str = Field(min_length=1, max_length=bills.MAX_SCENARIO_BYTES, description="YAML or JSON text")


@router.get("/matters", summary="Matters (bills, nominations, ...) with their status; filters")
def list_matters(
    request: Request,
    kind: str = Query("", max_length=50),
    status: str = Query("", max_length=50),
    q: str = Query("", max_length=200),
    lang: str = Query("en", max_length=10),
) -> dict[str, Any]:
    engine, world = deps.world(request)
    return bills.overview(engine, world, _lang(lang), kind, status, q)


@router.get("/matters/{matter_id}", summary="A matter: its trail with citations and the acts legal now")
def get_matter(request: Request, matter_id: str, lang: str = Query("en", max_length=10)) -> dict[str, Any]:
    engine, world = deps.world(request)
    return bills.matter_page(engine, world, matter_id, _lang(lang))


@router.post("/acts", summary="Apply an act (atomic: a refused act changes nothing)")
def post_act(request: Request, body: ActBody, lang: str = Query("en", max_length=10)) -> dict[str, Any]:
    deps.check_token(request)
    engine, current = deps.world(request)
    step = worlds.step_of(engine, current, body.date, body.act, body.matter, body.params, request.app.state.horizon)
    world, events = deps.store(request).apply(request.app.state.world, step)
    return {
        "ok": True,
        "events": [event_dict(engine.profile, e, _lang(lang)) for e in events],
        "status": world.status(),
    }


@router.post("/scenarios/run", summary="Run a scenario in memory (nothing is written)")
def run_scenario(request: Request, body: ScenarioBody, lang: str = Query("en", max_length=10)) -> dict[str, Any]:
    deps.check_token(request)
    return bills.run_scenario_text(deps.engine_for(request), body.scenario, _lang(lang))


class ForkBody(BaseModel):
    """Fork a world after one of its steps (its ``seq``; 0: before the first)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    new: str = Field(min_length=1, max_length=100, pattern=worlds.WORLD_NAME_PATTERN, description="The new world's name")
    at: int = Field(ge=0, le=10**9, description="The step to fork after (0: before the first)")
    world: str | None = Field(default=None, max_length=200, description="The world to fork (default: the server's)")
    switch: bool = Field(default=False, description="Serve the new world from now on (until a restart)")


@router.get("/worlds", summary="The worlds in the database, and the one this server shows")
def list_worlds(request: Request) -> dict[str, Any]:
    return {"serving": request.app.state.world, "worlds": worlds.worlds(deps.store(request))}


@router.post("/worlds/fork", summary="Fork a world after one of its steps (both logs stay append-only)")
def fork_world(request: Request, body: ForkBody) -> dict[str, Any]:
    deps.check_token(request)
    forked = deps.fork(request, body.world, body.new, body.at, body.switch)
    return {**forked, "serving": request.app.state.world}


@router.get("/procedure/{kind}/diagram", summary="The state machine of a kind of matter, as SVG")
def diagram(profile: PageProfile, kind: str, lang: str = Query("en", max_length=10)) -> dict[str, Any]:
    kind = worlds.matter_kind(profile, kind)
    return {"kind": kind, "svg": to_svg(profile, kind, _lang(lang))}


@router.get("/power", summary="Exact voting power (every registered index) in a profile's law-making game")
def power(
    request: Request,
    profile: PageProfile,
    seats: list[str] = Query([], max_length=2000, description="BODY:A=76,B=12 (repeatable)"),
    blocs: bool = Query(False),
    index: str = Query("all", pattern=index_pattern()),
) -> dict[str, Any]:
    return views.power_page(profile, seats=seats, aliases=deps.seat_aliases(request), blocs=blocs, index=index)


class SeatsBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    votes: dict[Annotated[str, StringConstraints(max_length=200)], Annotated[int, Field(ge=-10**15, le=10**15)]] | \
        Annotated[str, StringConstraints(max_length=200_000)] = Field(
            description='{"party": votes} in registration order, or CSV text')
    seats: int | None = Field(default=None, ge=1, le=elections.MAX_SEATS)
    method: str | None = Field(default=None, max_length=40)
    threshold: str | None = Field(default=None, max_length=40, description='"7/100", "7%", "0.07"; default: the profile\'s')
    base_extra: int = Field(default=0, ge=0, le=10**12)
    ties: str | None = Field(default=None, pattern="^(order|lot)$")
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)


class ForecastBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    shares: dict[str, str] | str = Field(description='{"A": "0.55"} or "A=0.55,B=0.12"')
    body: str | None = Field(default=None, max_length=100, description="The chamber's list election (default: the first)")
    concentration: float = Field(default=100.0, gt=0, le=1e6)
    draws: int = Field(default=10_000, ge=1, le=elections.MAX_DRAWS)
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)
    assembly_with: str | None = Field(default=None, max_length=200)


class ElectBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    body: str = Field(min_length=1, max_length=100, description="An elected body (see /api/bodies)")
    results: str = Field(min_length=1, max_length=200_000, description="CSV or JSON text, as `respublika elect` reads")
    against_all: int | None = Field(default=None, ge=0, le=10**12)
    invalid: int | None = Field(default=None, ge=0, le=10**12)
    runoff: str | None = Field(default=None, max_length=200_000)
    seat_class: int | None = Field(default=None, ge=1, le=100)
    ties: str | None = Field(default=None, pattern="^(order|lot)$")
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)
    date: str | None = Field(default=None, max_length=10)


@router.post("/seats", summary="Seats from vote counts under the profile's rule (overridable), explained")
def seats(request: Request, profile: PageProfile, body: SeatsBody) -> dict[str, Any]:
    text = body.votes if isinstance(body.votes, str) else json.dumps(body.votes)
    return elections.seats(profile, text, "en", seats=body.seats, method=body.method, threshold=body.threshold,
                           base_extra=body.base_extra, ties=body.ties, seed=body.seed)


@router.post("/elect", summary="An election of any elected body under the profile's rules, as `respublika elect`")
def elect(profile: PageProfile, body: ElectBody) -> dict[str, Any]:
    return elections_app.elect(profile, body.body, body.results, against_all=body.against_all, invalid=body.invalid,
                               runoff=body.runoff, seat_class=body.seat_class, ties=body.ties, seed=body.seed,
                               elected=body.date)


@router.post("/forecasts", summary="Start a Monte Carlo forecast of a chamber's list seats; poll it for progress")
def start_forecast(request: Request, profile: PageProfile, body: ForecastBody) -> dict[str, Any]:
    jobs: Jobs = request.app.state.jobs
    return elections.start(jobs, profile, body.model_dump()).to_dict()


@router.get("/forecasts/{job_id}", summary="A forecast's progress, and its result when done")
def get_forecast(request: Request, job_id: str) -> dict[str, Any]:
    jobs: Jobs = request.app.state.jobs
    return jobs.get(job_id).to_dict()


class MonteCarloBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    runs: int = Field(default=5, ge=1, le=views.MAX_MC_RUNS, description="Runs, seeds seed .. seed+runs-1")
    years: int = Field(default=5, ge=1, le=views.MAX_MC_YEARS)
    seed: int = Field(default=1, ge=0, le=2**63 - 1)


@router.post("/montecarlo", summary="Start Monte Carlo simulations in memory (nothing is saved); poll for progress")
def start_montecarlo(request: Request, body: MonteCarloBody) -> dict[str, Any]:
    jobs: Jobs = request.app.state.jobs
    job: Job = views.start_montecarlo(jobs, deps.profile_request(request), body.model_dump())
    return job.to_dict()


@router.get("/montecarlo/{job_id}", summary="A Monte Carlo job's progress (runs done of runs), and its result")
def get_montecarlo(request: Request, job_id: str) -> dict[str, Any]:
    jobs: Jobs = request.app.state.jobs
    return jobs.get(job_id).to_dict()


@router.get("/simulations", summary="Simulations saved in the database")
def simulations(request: Request) -> dict[str, Any]:
    return views.simulations_page(deps.store(request))


@router.get("/simulations/{name}", summary="A saved simulation's timeline: seats over time, bills per year, ...")
def simulation(request: Request, name: str) -> dict[str, Any]:
    return views.saved(deps.store(request), name)
