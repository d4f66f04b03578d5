"""HTML pages. Each renders what :mod:`respublika.web.views` returns, in the chosen language."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from respublika.i18n import languages, translator
from respublika.web import views

router = APIRouter(include_in_schema=False)

NAV: list[tuple[str, str]] = [
    ("/", "Overview"),
    ("/parliament", "Parliament"),
    ("/profiles", "Profiles"),
]


def request_lang(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get("lang") or "en"
    return wanted if wanted in languages() else "en"


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = request_lang(request)
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request,
        template,
        {"lang": lang, "_": translator(lang), "nav": NAV, "profile": request.app.state.profile,
         "path": request.url.path, "query": dict(request.query_params), **context},
        status_code=status_code,
    )
    if request.query_params.get("lang") in languages():
        response.set_cookie("lang", lang, samesite="lax")
    return response


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    lang = request_lang(request)
    return render(request, "overview.html", data=views.overview(request.app.state.profile, lang))


@router.get("/parliament", response_class=HTMLResponse)
def parliament_page(
    request: Request,
    colour: str = Query("filled"),
    mazhilis: str | None = Query(None, max_length=2000),
    start: int = Query(2026, ge=1900, le=2200),
) -> HTMLResponse:
    lang = request_lang(request)
    data = views.parliament(request.app.state.profile, lang, colour=colour, mazhilis=mazhilis, start=start)
    return render(request, "parliament.html", data=data)


@router.get("/profiles", response_class=HTMLResponse)
def profiles_page(
    request: Request, a: str | None = Query(None, max_length=500), b: str | None = Query(None, max_length=500)
) -> HTMLResponse:
    data = views.profiles_page(request.app.state.profile, a, b)
    return render(request, "profiles.html", data=data)
