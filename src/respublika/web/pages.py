"""HTML pages. Each renders what :mod:`respublika.web.views` (and friends) return, in the
visitor's language; every page that reads a profile takes ``profile``, ``as_of`` and ``set``."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from respublika.app.values import Unknown, whole
from respublika.errors import InputError
from respublika.games.indices import index_pattern
from respublika.i18n import languages, translator
from respublika.i18n.plural import nformat
from respublika.i18n.sentences import translation
from respublika.render.web_words import Words, error_title, refusal
from respublika.web import bills, deps, elections, views
from respublika.web.deps import PageProfile

router = APIRouter(include_in_schema=False)

NAV: list[tuple[str, str]] = [
    ("/", "Overview"),
    ("/parliament", "Parliament"),
    ("/elections", "Elections"),
    ("/bills", "Bills"),
    ("/power", "Power"),
    ("/profiles", "Profiles"),
    ("/simulations", "Simulations"),
]


def _counted(lang: str) -> Any:
    """``nf(n, "{n} seat", "{n} seats")`` in a template: a number with its word in the language's
    plural form (Russian has three: 1 мандат, 2 мандата, 5 мандатов)."""
    def nf(n: Any, singular: str, plural: str) -> str:
        try:
            count = int(n)
        except (TypeError, ValueError):
            return f"{n} {translator(lang)(plural.replace('{n} ', ''))}"
        return nformat(lang, singular, plural, count)
    return nf


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the visitor's language. ``canonical`` is the GET address of what a form post
    shows (the language switch links there: a post's own address answers 405)."""
    lang = deps.lang(request)
    templates = request.app.state.templates
    context.setdefault("profile", request.app.state.profile)
    context.setdefault("profile_args", urlencode([(k, v) for k, v in request.query_params.multi_items()
                                          if k in ("profile", "as_of", "set")]))
    context.setdefault("W", Words(context["profile"], lang))
    path = context.pop("canonical", None) or request.url.path
    response: HTMLResponse = templates.TemplateResponse(
        request,
        template,
        {"lang": lang, "_": translator(lang), "nav": NAV, "path": path, "nf": _counted(lang),
         "query": dict(request.query_params), **context},
        status_code=status_code,
    )
    if request.query_params.get("lang") in languages():
        response.set_cookie("lang", lang, samesite="lax")
    return response


def error_page(request: Request, status: int, message: str, lines: list[str] | None = None) -> HTMLResponse:
    """An error as a page in the layout, in the visitor's language (the API answers JSON)."""
    lang = deps.lang(request)
    return render(request, "error.html", status_code=status, status=status,
                  title=error_title(status, lang), message=message, lines=lines or [],
                  canonical=request.url.path if request.method == "GET" else request.url.path.rsplit("/", 1)[0] or "/")


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, profile: PageProfile) -> HTMLResponse:
    return render(request, "overview.html", profile=profile, data=views.overview(profile, deps.lang(request)))


@router.get("/parliament", response_class=HTMLResponse)
def parliament_page(
    request: Request,
    profile: PageProfile,
    colour: str = Query("filled", max_length=20),
    parties: str | None = Query(None, max_length=2000),
    start: int = Query(2026, ge=1900, le=2200),
) -> HTMLResponse:
    data = views.parliament_page(profile, deps.lang(request), colour=colour, parties=deps.parties_param(request, parties),
                                 start=start)
    return render(request, "parliament.html", profile=profile, data=data)


@router.get("/profiles", response_class=HTMLResponse)
def profiles_page(
    request: Request,
    profile: deps.UndatedPageProfile,
    a: str | None = Query(None, max_length=500),
    b: str | None = Query(None, max_length=500),
    dated: str | None = Query(None, max_length=100),
    as_of: str | None = Query(None, max_length=10),
) -> HTMLResponse:
    data = views.profiles_page(profile, a, b, dated, as_of)
    own = urlencode([(k, v) for k, v in request.query_params.multi_items() if k in ("profile", "set")])
    return render(request, "profiles.html", profile=profile, data=data, profile_args=own)  # as_of: the timeline's


@router.get("/profiles/{name}/history.svg")
def history_plot(name: str) -> Response:
    return Response(views.history_svg(name), media_type="image/svg+xml")


@router.get("/elections", response_class=HTMLResponse)
def elections_page(request: Request, profile: PageProfile) -> HTMLResponse:
    return render(request, "elections.html", profile=profile, data={"defaults": elections.defaults(profile)},
                  result=None, forecast=None)


@router.post("/elections/seats", response_class=HTMLResponse)
async def elections_seats(request: Request, profile: PageProfile) -> HTMLResponse:
    form = await request.form()
    upload = form.get("file")
    text = ""
    if upload is not None and not isinstance(upload, str):
        text = (await upload.read(200_000)).decode("utf-8", errors="replace")
    if not text.strip():
        text = str(form.get("votes") or "")
    result = elections.seats(
        profile, text, deps.lang(request), seats=whole(form.get("seats"), "seats"), method=str(form.get("method") or "") or None,
        threshold=str(form.get("threshold") or "") or None, base_extra=whole(form.get("base_extra"), "base_extra") or 0,
        ties=str(form.get("ties") or "") or None, seed=whole(form.get("seed"), "seed"),
    )
    return render(request, "elections.html", profile=profile, data={"defaults": elections.defaults(profile)},
                  result=result, forecast=None, votes_text=text, canonical="/elections")


@router.post("/elections/forecast", response_class=HTMLResponse)
async def elections_forecast(request: Request, profile: PageProfile) -> HTMLResponse:
    """Without JavaScript: run the forecast in the request and show the result."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    result = elections.run(profile, elections.forecast_request(profile, form))
    return render(request, "elections.html", profile=profile, data={"defaults": elections.defaults(profile)},
                  result=None, forecast=result, canonical="/elections")


@router.get("/power", response_class=HTMLResponse)
def power_page(
    request: Request,
    profile: PageProfile,
    seats: list[str] = Query([], max_length=2000),
    blocs: bool = Query(False),
    index: str = Query("all", pattern=index_pattern()),
) -> HTMLResponse:
    given = [*seats, *(f"{k[6:]}:{v}" for k, v in request.query_params.items() if k.startswith("seats.") and v)]
    data = views.power_page(profile, seats=given, aliases=deps.seat_aliases(request), blocs=blocs, index=index)
    return render(request, "power.html", profile=profile, data=data)


@router.get("/bills", response_class=HTMLResponse)
def bills_page(
    request: Request,
    kind: str = Query("", max_length=50),
    status: str = Query("", max_length=50),
    q: str = Query("", max_length=200),
) -> HTMLResponse:
    return _bills(request, kind, status, q)


def _bills(request: Request, kind: str = "", status: str = "", q: str = "", status_code: int = 200,
           **extra: Any) -> HTMLResponse:
    engine, world = deps.world(request)
    data = bills.overview(engine, world, deps.lang(request), kind, status, q)
    return render(request, "bills.html", status_code=status_code, profile=engine.profile, data=data,
                  token_required=bool(request.app.state.token), canonical="/bills", **extra)


@router.get("/bills/{matter_id}", response_class=HTMLResponse)
def bill_page(request: Request, matter_id: str) -> HTMLResponse:
    return _bill(request, matter_id)


def _bill(request: Request, matter_id: str, status_code: int = 200, **extra: Any) -> HTMLResponse:
    engine, world = deps.world(request)
    data = bills.matter_page(engine, world, matter_id, deps.lang(request))
    steps = deps.store(request).last_seq(request.app.state.world)
    return render(request, "bill.html", status_code=status_code, profile=engine.profile, data=data,
                  token_required=bool(request.app.state.token), canonical=f"/bills/{quote(matter_id)}",
                  fork={"world": request.app.state.world, "steps": steps, "at": max(0, steps - 1)}, **extra)


@router.post("/bills/act", response_class=HTMLResponse)
async def act_form(request: Request) -> Response:
    """Apply the form's act and go to its matter (303: the address stays a GET); a refused
    act shows the page again with the refusal (its rule, numbers and citations) and the form
    as it was filled in (422), and nothing is written."""
    from respublika.app import worlds

    form = {k: str(v) for k, v in (await request.form()).items()}
    deps.check_token(request, form.pop("token", None))
    engine, current = deps.world(request)
    try:
        step = worlds.check_step(engine.profile, current, worlds.step_from_form(engine, form), request.app.state.horizon)
        deps.store(request).apply(request.app.state.world, step)
    except (InputError, Unknown) as exc:
        shown = refusal(exc, deps.lang(request))
        matter = form.get("matter", "")
        filled = {"act": form.get("act", ""), **form}
        if matter and matter in current.matters:
            return _bill(request, matter, status_code=422, refused=shown, filled=filled)
        return _bills(request, status_code=422, refused=shown, filled=filled)
    target = f"/bills/{quote(step.matter)}" if step.matter else "/bills"
    response = RedirectResponse(_with_lang(request, target), status_code=303)
    if request.app.state.token:
        response.set_cookie("token", request.app.state.token, samesite="strict", httponly=True)
    return response


def _with_lang(request: Request, target: str) -> str:
    """``target`` with the request's ``lang`` and profile parameters (a redirect keeps them)."""
    keep = [(k, v) for k, v in request.query_params.multi_items() if k in ("lang", "profile", "as_of", "set")]
    return target + ("?" + urlencode(keep) if keep else "")


@router.post("/bills/fork", response_class=HTMLResponse)
async def fork_form(request: Request) -> Response:
    """An owner forks the world after a step and (by default) serves the fork from now on."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    deps.check_token(request, form.pop("token", None))
    forked = deps.fork(request, None, form.get("new", "").strip(), form.get("at", ""),
                       form.get("switch", "") in ("on", "true", "1"))
    matter = form.get("matter", "")
    target = f"/bills/{quote(matter)}" if matter and request.app.state.world == forked["name"] else "/bills"
    return RedirectResponse(_with_lang(request, target), status_code=303)


@router.post("/bills/scenario", response_class=HTMLResponse)
async def scenario_form(request: Request) -> HTMLResponse:
    form = await request.form()
    token = form.get("token")
    deps.check_token(request, str(token) if token else None)
    upload = form.get("file")
    text = ""
    if upload is not None and not isinstance(upload, str):
        text = (await upload.read(bills.MAX_SCENARIO_BYTES + 1)).decode("utf-8", errors="replace")
    if not text.strip():
        text = str(form.get("text") or "")
    if not text.strip():
        raise InputError("scenario: upload a file or paste the scenario")
    result = bills.run_scenario_text(deps.engine_for(request), text, deps.lang(request))
    return render(request, "scenario.html", data=result, canonical="/bills")


@router.get("/simulations", response_class=HTMLResponse)
def simulations_page(request: Request) -> HTMLResponse:
    return render(request, "simulations.html", data=views.simulations_page(deps.store(request)), run=None)


@router.post("/simulations/montecarlo", response_class=HTMLResponse)
async def montecarlo_form(request: Request) -> HTMLResponse:
    """Without JavaScript: run the Monte Carlo simulations in the request and show them."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    cfg, runs = views.montecarlo_spec(deps.profile_request(request), form)
    result = views.montecarlo(cfg, runs)
    return render(request, "simulations.html", data=views.simulations_page(deps.store(request)), run=None,
                  montecarlo=result, canonical="/simulations")


@router.get("/simulations/{name}", response_class=HTMLResponse)
def simulation_page(request: Request, name: str) -> HTMLResponse:
    data = views.simulations_page(deps.store(request))
    return render(request, "simulations.html", data=data, run=views.simulation_page(deps.store(request), name))


@router.get("/cite/{cite_id}", response_class=HTMLResponse)
def cite_page(request: Request, profile: PageProfile, cite_id: str) -> HTMLResponse:
    """A sentence, article or assumption: its text, its source, and the rules that cite it
    (in the profile and version the chip came from; else the first shipped one that has it)."""
    data = views.cite_page(profile, cite_id)
    shown = data.pop("_profile")
    if data.get("text_de"):  # a sentence of the German original, in the reader's language
        data["translation"] = translation(deps.lang(request), cite_id, str(data["text_de"]))
    extra: dict[str, Any] = {"profile_args": views.cite_args(data["found_in"])} if data["found_in"] else {}
    return render(request, "cite.html", profile=shown, data=data, **extra)
