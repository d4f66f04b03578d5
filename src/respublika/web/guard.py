"""What every request passes before a route sees it, and what every answer carries.

:class:`Guard` is a plain ASGI middleware (cheap: no per-request task or copy):

- **A bounded body.** A request body larger than ``max_body`` bytes (1 MB by default,
  ``RESPUBLIKA_MAX_BODY``) is refused with 413 before any route reads it, whether it states
  its length or is sent in chunks.
- **No cross-site writes (CSRF).** A ``POST``, ``PUT``, ``PATCH`` or ``DELETE`` is refused
  with 403 when the browser says it comes from another site: ``Sec-Fetch-Site`` is
  ``cross-site`` or ``same-site``, or ``Origin`` (else ``Referer``) names another origin than
  the request's own host (or one of ``RESPUBLIKA_ORIGINS``, for a server behind a proxy).
  Browsers send these on every form post; a request with none of them comes from no web
  page (curl, a script) and cannot be forged by another site. This holds whether or not a
  token is set.
- **Security headers** on every answer: a Content-Security-Policy with no inline script
  (``script-src 'self'``), ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``,
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``. The API's docs page
  (``/docs``) runs one inline script, allowed by hash; its code is served from this server.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from respublika.app.values import whole
from respublika.errors import InputError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_ENV = "RESPUBLIKA_MAX_BODY"
DEFAULT_MAX_BODY = 1_000_000
ORIGINS_ENV = "RESPUBLIKA_ORIGINS"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
"""The pages' policy: scripts only from this server's files (no inline script, no ``eval``);
inline *styles* stay allowed (the hemicycles' and the bars' colours and widths)."""

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def max_body(value: Any = None) -> int:
    """The largest request body in bytes: ``value``, else ``$RESPUBLIKA_MAX_BODY``, else 1 MB."""
    raw = value if value is not None else os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY
    limit = whole(raw, MAX_BODY_ENV)
    if limit < 1_000:
        raise InputError(f"{MAX_BODY_ENV}: at least 1000 bytes, got {limit}")
    return int(limit)


def origins(value: Iterable[str] | None = None) -> frozenset[str]:
    """Origins besides the request's own host that may post (``https://school.example``)."""
    given = list(value) if value is not None else (os.environ.get(ORIGINS_ENV) or "").split(",")
    return frozenset(o.strip().rstrip("/").lower() for o in given if o.strip())


class Guard:
    """The body bound, the cross-site check and the headers around ``app``."""

    def __init__(self, app: ASGIApp, *, limit: int, allowed: frozenset[str] = frozenset()) -> None:
        self.app, self.limit, self.allowed = app, limit, allowed
        self.csp = CSP.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path in DOCS:
            await self.app(scope, receive, _docs_sender(send))
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", self.csp), *HEADERS]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if scope.get("method", "GET").upper() in UNSAFE:
            refused = self._cross_site(headers)
            if refused:
                await _refuse(send_with_headers, path, 403, refused)
                return
        length = headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > self.limit:
            await _refuse(send_with_headers, path, 413, self._too_large())
            return
        if "content-length" not in headers and scope.get("method", "GET").upper() in UNSAFE:
            body, more = b"", True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.limit:
                    await _refuse(send_with_headers, path, 413, self._too_large())
                    return
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _too_large(self) -> str:
        return f"the request body is larger than {self.limit:,} bytes (the server's limit: {MAX_BODY_ENV})"

    def _cross_site(self, headers: dict[str, str]) -> str | None:
        """Why a write is refused as coming from another site (None: it is not)."""
        host = headers.get("host", "").lower()
        fetch_site = headers.get("sec-fetch-site", "").lower()
        if fetch_site in ("cross-site", "same-site"):
            return "a change sent from another site is refused (Sec-Fetch-Site: " + fetch_site + ")"
        origin = headers.get("origin")
        if origin is not None:
            if origin.strip().lower() == "null" or not self._ours(origin, host):
                return f"a change sent from another origin ({origin[:100]}) is refused"
            return None
        referer = headers.get("referer")
        if referer is not None and not self._ours(referer, host):
            return "a change sent from another page's site is refused (Referer)"
        return None

    def _ours(self, url: str, host: str) -> bool:
        parts = urlsplit(url.strip())
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        return bool(parts.netloc) and (parts.netloc.lower() == host or origin in self.allowed)


DOCS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def _docs_sender(send: Send) -> Send:
    """The API's docs pages (Swagger UI and ReDoc, served offline by ``web/docs.py``) start
    their code with one inline script: their policy allows that script, by hash."""
    start: Message | None = None
    body = b""

    async def sender(message: Message) -> None:
        nonlocal start, body
        if message["type"] == "http.response.start":
            start = message
            return
        body += message.get("body", b"")
        if message.get("more_body", False):
            return
        hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(m).digest()).decode() + "'"
                          for m in _INLINE_SCRIPT.findall(body))
        policy = (f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
                  "font-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
                  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        assert start is not None
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        start["headers"] = [*headers, (b"content-length", str(len(body)).encode()),
                            (b"content-security-policy", policy.encode()), *HEADERS]
        await send(start)
        await send({"type": "http.response.body", "body": body})

    return sender


async def _refuse(send: Send, path: str, status: int, message: str) -> None:
    if path.startswith("/api/"):
        body, kind = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        text = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        body = (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{status}</title>'
                f'<p class="error">{text}</p></html>').encode()
        kind = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
