"""The JSON API: every page's data and every act, described by the OpenAPI schema."""

from __future__ import annotations

import datetime
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from respublika.errors import InputError
from respublika.i18n import languages
from respublika.procedure import Step
from respublika.procedure.diagram import to_svg
from respublika.procedure.report import event_dict
from respublika.profile.query import cite as cite_query
from respublika.web import bills, state, views

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


@router.get("/profiles", summary="Assumptions, shipped profiles, and a diff of two profiles")
def profiles(
    request: Request, a: str | None = Query(None, max_length=500), b: str | None = Query(None, max_length=500)
) -> dict[str, Any]:
    return views.profiles_page(request.app.state.profile, a, b)


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
    index: str = Query("all", pattern="^(all|banzhaf|shapley-shubik)$"),
) -> dict[str, Any]:
    return views.power_page(profile, mazhilis=mazhilis, senate=senate, blocs=blocs, index=index)
