"""HTML pages. Each renders what :mod:`respublika.web.views` returns, in the chosen language."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from respublika.errors import InputError
from respublika.games.indices import index_pattern
from respublika.i18n import languages, translator
from respublika.web import bills, elections, state, views

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
    request: Request,
    a: str | None = Query(None, max_length=500),
    b: str | None = Query(None, max_length=500),
    dated: str | None = Query(None, max_length=100),
    as_of: str | None = Query(None, max_length=10),
) -> HTMLResponse:
    data = views.profiles_page(request.app.state.profile, a, b, dated, as_of)
    return render(request, "profiles.html", data=data)


@router.get("/profiles/{name}/history.svg")
def history_plot(name: str) -> Response:
    return Response(views.history_svg(name), media_type="image/svg+xml")


# ---------------------------------------------------------------- matters (bills)

NAV.insert(2, ("/bills", "Bills"))
NAV.insert(3, ("/power", "Power"))
NAV.insert(2, ("/elections", "Elections"))


@router.get("/elections", response_class=HTMLResponse)
def elections_page(request: Request) -> HTMLResponse:
    data = {"defaults": elections.defaults(request.app.state.profile)}
    return render(request, "elections.html", data=data, result=None, forecast=None)


@router.post("/elections/seats", response_class=HTMLResponse)
async def elections_seats(request: Request) -> HTMLResponse:
    form = await request.form()
    upload = form.get("file")
    text = ""
    if upload is not None and not isinstance(upload, str):
        text = (await upload.read(200_000)).decode("utf-8", errors="replace")
    if not text.strip():
        text = str(form.get("votes") or "")
    profile = request.app.state.profile
    result = elections.seats(
        profile, text, seats=_int(form.get("seats")), method=str(form.get("method") or "") or None,
        threshold=str(form.get("threshold") or "") or None, base_extra=_int(form.get("base_extra")) or 0,
        ties=str(form.get("ties") or "order"), seed=_int(form.get("seed")),
    )
    return render(request, "elections.html", data={"defaults": elections.defaults(profile)}, result=result,
                  forecast=None, votes_text=text)


@router.post("/elections/forecast", response_class=HTMLResponse)
async def elections_forecast(request: Request) -> HTMLResponse:
    """Without JavaScript: run the forecast in the request and show the result."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    profile = request.app.state.profile
    from respublika.elections.forecast import forecast

    result = forecast(elections.forecast_spec(profile, form))
    result["chart"] = elections.distribution_svg(result)
    return render(request, "elections.html", data={"defaults": elections.defaults(profile)}, result=None,
                  forecast=result)


def _int(value: object) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise InputError(f"expected a whole number, got {text!r}") from None


@router.get("/power", response_class=HTMLResponse)
def power_page(
    request: Request,
    profile: str = Query("seed", max_length=100),
    mazhilis: str | None = Query(None, max_length=2000),
    senate: str | None = Query(None, max_length=2000),
    blocs: bool = Query(False),
    index: str = Query("all", pattern=index_pattern()),
) -> HTMLResponse:
    data = views.power_page(profile, mazhilis=mazhilis, senate=senate, blocs=blocs, index=index)
    return render(request, "power.html", data=data)


@router.get("/bills", response_class=HTMLResponse)
def bills_page(
    request: Request,
    kind: str = Query("", max_length=50),
    status: str = Query("", max_length=50),
    q: str = Query("", max_length=200),
) -> HTMLResponse:
    lang = request_lang(request)
    engine, world = state.world(request)
    data = bills.overview(engine, world, lang, kind, status, q)
    return render(request, "bills.html", data=data, token_required=bool(request.app.state.token))


@router.get("/bills/{matter_id}", response_class=HTMLResponse)
def bill_page(request: Request, matter_id: str) -> HTMLResponse:
    lang = request_lang(request)
    engine, world = state.world(request)
    data = bills.matter_page(engine, world, matter_id, lang)
    return render(request, "bill.html", data=data, token_required=bool(request.app.state.token))


@router.post("/bills/act", response_class=HTMLResponse)
async def act_form(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    state.check_token(request, form.pop("token", None))
    engine, _ = state.world(request)
    step = bills.step_from_form(engine, form)
    state.store(request).apply(request.app.state.world, step)
    target = f"/bills/{step.matter}" if step.matter else "/bills"
    response = RedirectResponse(target, status_code=303)
    if request.app.state.token:
        response.set_cookie("token", request.app.state.token, samesite="strict", httponly=True)
    return response


@router.post("/bills/scenario", response_class=HTMLResponse)
async def scenario_form(request: Request) -> HTMLResponse:
    form = await request.form()
    token = form.get("token")
    state.check_token(request, str(token) if token else None)
    upload = form.get("file")
    text = ""
    if upload is not None and not isinstance(upload, str):
        text = (await upload.read(bills.MAX_SCENARIO_BYTES + 1)).decode("utf-8", errors="replace")
    if not text.strip():
        text = str(form.get("text") or "")
    if not text.strip():
        raise InputError("scenario: upload a file or paste the scenario")
    lang = request_lang(request)
    result = bills.run_scenario_text(state.engine_for(request), text, lang)
    return render(request, "scenario.html", data=result)


# ---------------------------------------------------------------- simulations

NAV.append(("/simulations", "Simulations"))


@router.get("/simulations", response_class=HTMLResponse)
def simulations_page(request: Request) -> HTMLResponse:
    return render(request, "simulations.html", data=views.simulations_page(state.store(request)), run=None)


@router.get("/simulations/{name}", response_class=HTMLResponse)
def simulation_page(request: Request, name: str) -> HTMLResponse:
    data = views.simulations_page(state.store(request))
    return render(request, "simulations.html", data=data, run=views.simulation_page(state.store(request), name))
