"""The JSON API: every page's data and every act, described by the OpenAPI schema."""

from __future__ import annotations

import datetime
import json
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from respublika.errors import InputError
from respublika.games.indices import index_pattern
from respublika.i18n import languages
from respublika.procedure import Step
from respublika.procedure.diagram import to_svg
from respublika.procedure.report import event_dict
from respublika.profile.query import cite as cite_query
from respublika.web import bills, elections, state, views

router = APIRouter(prefix="/api", tags=["api"])


def _lang(lang: str) -> str:
    return lang if lang in languages() else "en"


@router.get("/profile", summary="The state's composition, with citations")
def profile(request: Request, lang: str = Query("en")) -> dict[str, Any]:
    return views.overview(request.app.state.profile, _lang(lang))


@router.get("/cite/{cite_id}", summary="A sentence or assumption and what implements it")
def cite(request: Request, cite_id: str) -> dict[str, Any]:
    return cite_query(request.app.state.profile, cite_id)


@router.get("/parliament", summary="Both chambers as hemicycles, thresholds and the term calendar")
def parliament(
    request: Request,
    colour: str = Query("filled", pattern="^(filled|party)$"),
    mazhilis: str | None = Query(None, max_length=2000),
    start: int = Query(2026, ge=1900, le=2200),
    lang: str = Query("en"),
) -> dict[str, Any]:
    return views.parliament(request.app.state.profile, _lang(lang), colour=colour, mazhilis=mazhilis, start=start)


@router.get("/profiles", summary="Assumptions, shipped profiles, a diff, a dated profile's timeline")
def profiles(
    request: Request,
    a: str | None = Query(None, max_length=500),
    b: str | None = Query(None, max_length=500),
    dated: str | None = Query(None, max_length=100),
    as_of: str | None = Query(None, max_length=10),
) -> dict[str, Any]:
    return views.profiles_page(request.app.state.profile, a, b, dated, as_of)


@router.get("/history/{name}", summary="Law-making power in every version of a dated profile")
def history(name: str) -> list[dict[str, Any]]:
    from respublika.games.history import power_history
    from respublika.profile import shipped_profiles

    if name not in shipped_profiles():
        raise InputError(f"profile {name!r} is not a shipped profile")
    return power_history(name)


# ---------------------------------------------------------------- matters (bills)


class ActBody(BaseModel):
    """One act: ``matter`` is the bill's (or nomination's, ...) id; none for the Republic."""

    model_config = ConfigDict(extra="forbid")

    date: datetime.date
    act: str = Field(min_length=1, max_length=60)
    matter: str | None = Field(default=None, max_length=100)
    params: dict[str, Any] = Field(default_factory=dict)


class ScenarioBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(min_length=1, max_length=bills.MAX_SCENARIO_BYTES, description="YAML or JSON text")


@router.get("/matters", summary="Matters (bills, nominations, ...) with their status; filters")
def list_matters(
    request: Request,
    kind: str = Query("", max_length=50),
    status: str = Query("", max_length=50),
    q: str = Query("", max_length=200),
    lang: str = Query("en"),
) -> dict[str, Any]:
    engine, world = state.world(request)
    return bills.overview(engine, world, _lang(lang), kind, status, q)


@router.get("/matters/{matter_id}", summary="A matter: its trail with citations and the acts legal now")
def get_matter(request: Request, matter_id: str, lang: str = Query("en")) -> dict[str, Any]:
    engine, world = state.world(request)
    return bills.matter_page(engine, world, matter_id, _lang(lang))


@router.post("/acts", summary="Apply an act (atomic: a refused act changes nothing)")
def post_act(request: Request, body: ActBody, lang: str = Query("en")) -> dict[str, Any]:
    state.check_token(request)
    step = Step(body.date, body.act, body.matter, body.params)
    world, events = state.store(request).apply(request.app.state.world, step)
    engine, _ = state.world(request)
    return {
        "ok": True,
        "events": [event_dict(engine.profile, e, _lang(lang)) for e in events],
        "status": world.status(),
    }


@router.post("/scenarios/run", summary="Run a scenario in memory (nothing is written)")
def run_scenario(request: Request, body: ScenarioBody, lang: str = Query("en")) -> dict[str, Any]:
    state.check_token(request)
    return bills.run_scenario_text(state.engine_for(request), body.scenario, _lang(lang))


@router.get("/procedure/{kind}/diagram", summary="The state machine of a kind of matter, as SVG")
def diagram(request: Request, kind: str, lang: str = Query("en")) -> dict[str, Any]:
    profile = request.app.state.profile
    if kind not in profile.procedure.matters:
        raise InputError(f"unknown kind of matter {kind!r} (known: {', '.join(profile.procedure.matters)})")
    return {"kind": kind, "svg": to_svg(profile, kind, _lang(lang))}


@router.get("/power", summary="Exact Banzhaf and Shapley-Shubik power in a profile's law-making game")
def power(
    profile: str = Query("seed", max_length=100),
    mazhilis: str | None = Query(None, max_length=2000),
    senate: str | None = Query(None, max_length=2000),
    blocs: bool = Query(False),
    index: str = Query("all", pattern=index_pattern()),
) -> dict[str, Any]:
    return views.power_page(profile, mazhilis=mazhilis, senate=senate, blocs=blocs, index=index)


class SeatsBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    votes: dict[str, int] | str = Field(description='{"party": votes} in registration order, or CSV text')
    seats: int | None = Field(default=None, ge=1, le=elections.MAX_SEATS)
    method: str | None = None
    threshold: str | None = Field(default=None, description='"7/100", "7%", "0.07"; default: the profile\'s')
    base_extra: int = Field(default=0, ge=0)
    ties: str = Field(default="order", pattern="^(order|lot)$")
    seed: int | None = None


class ForecastBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shares: dict[str, str] | str = Field(description='{"A": "0.55"} or "A=0.55,B=0.12"')
    concentration: float = Field(default=100.0, gt=0, le=1e6)
    draws: int = Field(default=10_000, ge=1, le=elections.MAX_DRAWS)
    seed: int | None = None
    assembly_with: str | None = None


@router.post("/seats", summary="Seats from vote counts under the profile's rule (overridable), explained")
def seats(request: Request, body: SeatsBody) -> dict[str, Any]:
    text = body.votes if isinstance(body.votes, str) else json.dumps(body.votes)
    return elections.seats(request.app.state.profile, text, seats=body.seats, method=body.method,
                           threshold=body.threshold, base_extra=body.base_extra, ties=body.ties, seed=body.seed)


@router.post("/forecasts", summary="Start a Monte Carlo forecast of the Mazhilis; poll it for progress")
def start_forecast(request: Request, body: ForecastBody) -> dict[str, Any]:
    forecasts: elections.Forecasts = request.app.state.forecasts
    return forecasts.start(request.app.state.profile, body.model_dump()).to_dict()


@router.get("/forecasts/{job_id}", summary="A forecast's progress, and its result when done")
def get_forecast(request: Request, job_id: str) -> dict[str, Any]:
    forecasts: elections.Forecasts = request.app.state.forecasts
    return forecasts.get(job_id).to_dict()


@router.get("/simulations", summary="Simulations saved in the database")
def simulations(request: Request) -> dict[str, Any]:
    return views.simulations_page(state.store(request))


@router.get("/simulations/{name}", summary="A saved simulation's timeline: seats over time, bills per year, ...")
def simulation(request: Request, name: str) -> dict[str, Any]:
    data = views.simulation_page(state.store(request), name)
    return data["timeline"]  # type: ignore[no-any-return]
