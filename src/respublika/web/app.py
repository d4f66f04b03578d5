"""The web app: FastAPI, server-rendered pages (Jinja2) and a JSON API over the same calls.

``create_app()`` builds the application for one profile (the seed by default). Every page
has a JSON twin under ``/api``; both call the functions in :mod:`respublika.web.views`,
which call the engines. Acts that change data need ``RESPUBLIKA_TOKEN`` when it is set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from respublika.errors import InputError, RespublikaError
from respublika.i18n import languages, pick
from respublika.profile import load_profile
from respublika.web import api, bills, elections, pages, state, views

HERE = Path(__file__).parent


class _Probe:
    """Just enough of a request for :func:`state.store` at start-up."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app


def create_app(
    profile: str = "seed",
    overrides: list[str] | None = None,
    db_url: str | None = None,
    token: str | None = None,
    world: str = "web",
    examples: bool = True,
) -> FastAPI:
    """The application for ``profile`` (a shipped name or a file) with optional overrides."""
    app = FastAPI(
        title="Respublika",
        description="An executable, cited model of the constitutional system of Kazakhstan.",
        version="0.1.0",
    )
    app.state.profile_ref = profile
    app.state.overrides = list(overrides or [])
    app.state.profile = load_profile(profile, overrides=app.state.overrides)
    app.state.db_url = db_url
    app.state.store = None
    app.state.world = world
    app.state.forecasts = elections.Forecasts()
    app.state.token = token if token is not None else os.environ.get("RESPUBLIKA_TOKEN") or None
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(languages=languages(), pick=pick, filled_label=views.filled_label)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    bills.ensure_world(state.store(_Probe(app)), world, profile, app.state.overrides, examples)  # type: ignore[arg-type]
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(state.Forbidden)
    async def forbidden(request: Request, exc: state.Forbidden) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        return pages.render(request, "error.html", status_code=403, message=str(exc))

    @app.exception_handler(RespublikaError)
    async def engine_error(request: Request, exc: RespublikaError) -> Any:
        status = 422 if isinstance(exc, InputError) else 400
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return pages.render(request, "error.html", status_code=status, message=str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        errors = [
            {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": errors}, status_code=422)
        return HTMLResponse(
            "<p>" + "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors).replace("<", "&lt;") + "</p>",
            status_code=422,
        )

    return app
