"""The JSON API: every page's data and every act, described by the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from respublika.i18n import languages
from respublika.profile.query import cite as cite_query
from respublika.web import views

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
