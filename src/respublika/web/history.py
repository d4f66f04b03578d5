"""The history timeline: a dated profile's real events replayed under the version in force
(:mod:`respublika.app.history`), as a page (``/history``) and as JSON (``/api/history``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from respublika.app import history as history_app
from respublika.errors import InputError
from respublika.render import history as words
from respublika.web import deps, pages
from respublika.web.api import ERRORS

router = APIRouter()


def _which(profile: str | None) -> str:
    shipped = history_app.shipped_histories()
    if not shipped:
        raise InputError("no profile ships a history")
    name = profile or shipped[0]
    if name not in shipped:
        raise InputError(f"profile {name!r} has no shipped history (histories: {', '.join(shipped)})")
    return name


def _replay(profile: str | None) -> dict[str, Any]:
    return history_app.replay(_which(profile))


@router.get("/api/history", responses=ERRORS)  # 422/503 as the other API routes answer them
def history_api(profile: str | None = None) -> dict[str, Any]:
    """Every event of the profile's shipped history with its status, version and rule."""
    return _replay(profile)


@router.get("/history", response_class=HTMLResponse, include_in_schema=False)  # a page, as in pages.py
def history_page(request: Request, profile: str | None = None) -> HTMLResponse:
    result = _replay(profile)
    lang = deps.lang(request)
    rows = [{**e, "status_word": words.status_word(e["status"], lang), "rule_text": words.rule_text(e)}
            for e in result["events"]]
    return pages.render(request, "history.html", data=result, rows=rows,
                        histories=history_app.shipped_histories(), note=words.closing_note(result, lang))
