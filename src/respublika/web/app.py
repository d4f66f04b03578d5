"""The web app: FastAPI, server-rendered pages (Jinja2) and a JSON API over the same calls.

``create_app()`` builds the application for one profile (the default profile unless told).
Every page has a JSON twin under ``/api``; both call the application layer
(:mod:`respublika.app`) and the rendering layer (:mod:`respublika.render`), through the
thin modules :mod:`~respublika.web.views`, :mod:`~respublika.web.elections` and
:mod:`~respublika.web.bills`. Acts that change data need ``RESPUBLIKA_TOKEN`` when it is set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from respublika.app import worlds
from respublika.app.jobs import Jobs
from respublika.app.profiles import ProfileRequest, open_profile
from respublika.app.values import Unknown
from respublika.errors import BusyError, InputError, RespublikaError
from respublika.i18n import languages, pick, translator
from respublika.profile.query import FILLED_BY_LABEL
from respublika.render.errors import error_text
from respublika.render.web_words import field_errors
from respublika.store import Store
from respublika.web import api, deps, docs, guard, pages
from respublika.web import cache as answers
from respublika.web import history as history_pages

HERE = Path(__file__).parent
WORLD_ENV = "RESPUBLIKA_WEB_WORLD"
"""The world the web app shows (default ``web``), e.g. a fork made on the bill page."""


def create_app(
    profile: str | None = None,
    overrides: list[str] | None = None,
    db_url: str | None = None,
    token: str | None = None,
    world: str | None = None,
    examples: bool = True,
    as_of: str | None = None,
    horizon: int | None = None,
    max_body: int | None = None,
    origins: list[str] | None = None,
    cache: bool | None = None,
) -> FastAPI:
    """The application for ``profile`` (a shipped name, a file or NAME@DATE; the default
    profile when None) with optional overrides. The database's schema is created or
    upgraded here, before any request."""
    app = FastAPI(
        title="Respublika",
        description="An executable, cited model of the constitutional system of Kazakhstan.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,  # web/docs.py serves them offline
    )
    request = ProfileRequest.of(profile, as_of, overrides)
    app.state.request = request
    app.state.profile = open_profile(request)
    app.state.store = Store(db_url)
    world = world or os.environ.get(WORLD_ENV) or "web"
    app.state.world = world
    app.state.horizon = worlds.horizon_years(horizon)
    app.state.jobs = Jobs()
    app.state.token = token if token is not None else os.environ.get("RESPUBLIKA_TOKEN") or None
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(languages=languages(), pick=pick,
                                 filled_label=lambda code: FILLED_BY_LABEL.get(code, code))
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    worlds.ensure_with_examples(app.state.store, world, request, examples)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(history_pages.router)
    docs.install(app)
    app.state.max_body = guard.max_body(max_body)
    app.add_middleware(answers.Cache, on=answers.enabled(cache))
    app.add_middleware(guard.Guard, limit=app.state.max_body, allowed=guard.origins(origins))

    @app.exception_handler(deps.Forbidden)
    async def forbidden(request: Request, exc: deps.Forbidden) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        return pages.error_page(request, 403, error_text(exc, deps.lang(request)))

    @app.exception_handler(RespublikaError)
    async def engine_error(request: Request, exc: RespublikaError) -> Any:
        status = 404 if isinstance(exc, Unknown) else 422 if isinstance(exc, InputError) else 400
        if isinstance(exc, BusyError):
            status = 503  # the database stayed locked past the store's wait: try again
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return pages.error_page(request, status, error_text(exc, deps.lang(request)))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        errors = [
            {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", "")),
             "type": str(err.get("type", ""))}
            for err in exc.errors()
        ]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": errors}, status_code=422)
        lang = deps.lang(request)
        return pages.error_page(request, 422, translator(lang)("Some values of the request are not valid:"),
                                field_errors(errors, lang))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        """Unknown addresses (404), a GET on a form's address (405), ...: pages in the layout;
        the API keeps its JSON."""
        if request.url.path.startswith("/api/") or request.url.path in ("/openapi.json",):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        lang = deps.lang(request)
        message = translator(lang)("There is no page at this address.") if exc.status_code == 404 else str(exc.detail)
        page = pages.error_page(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():  # 405 keeps its Allow (RFC 9110)
            page.headers[key] = value
        return page

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Any:
        """A bug: the page says so in the layout (the API: JSON); the log keeps the trace."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "internal server error"}, status_code=500)
        lang = deps.lang(request)
        return pages.error_page(request, 500, translator(lang)("The server could not answer this request."))

    return app
