"""A cache of derived pages and API answers, with ETags (a plain ASGI middleware).

A page or an API answer is a function of what the request names (the path, the query: the
profile, its date and overrides, every parameter; the language cookie) and, for the pages
of the stored world and of saved simulations, of the database's state. The cache keys an
answer by exactly these: the request, plus a *marker* of the data it reads: the served
world and the sequence number of its last row (``/bills``, ``/api/matters``), or the saved
simulations' names and progress (``/simulations``, ``/api/simulations``). A write moves
the marker, so no stale answer is served; the profiles are the shipped files, fixed while
the server runs (their id and version are in the key through the query).

Only ``GET`` answers with status 200 are kept: at most :data:`ENTRIES` of them and
:data:`MAX_BYTES` in all, least recently used first out. Every answer carries an ``ETag``
(a hash of its body); a request with a matching ``If-None-Match`` gets ``304 Not Modified``.
Jobs (``/api/forecasts``, ``/api/montecarlo``), the world list and static files are not cached here.
``RESPUBLIKA_WEB_CACHE=0`` turns the cache off (the ETags stay).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from typing import Any

import anyio.to_thread

from respublika.web.guard import ASGIApp, Message, Receive, Scope, Send

ENTRIES = 512
MAX_BYTES = 64_000_000
CACHE_ENV = "RESPUBLIKA_WEB_CACHE"
SKIP = ("/static/", "/api/forecasts", "/api/montecarlo", "/api/worlds", "/docs", "/redoc", "/static-docs/")
WORLD_PATHS = ("/bills", "/api/matters")
SIMULATION_PATHS = ("/simulations", "/api/simulations")


def enabled(value: bool | None = None) -> bool:
    if value is not None:
        return value
    return (os.environ.get(CACHE_ENV) or "1").strip().lower() not in ("0", "false", "no", "off")


class Cache:
    """Keeps derived ``GET`` answers by request and data marker; answers ``If-None-Match``."""

    def __init__(self, app: ASGIApp, *, on: bool = True, entries: int = ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.app, self.on, self.entries, self.max_bytes = app, on, entries, max_bytes
        self.store: OrderedDict[tuple[Any, ...], tuple[int, list[tuple[bytes, bytes]], bytes, bytes]] = OrderedDict()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD") or path.startswith(SKIP):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        wanted = headers.get(b"if-none-match")
        key = None
        if self.on:
            marker = await anyio.to_thread.run_sync(_marker, scope)
            key = (scope.get("method"), path, scope.get("query_string", b""), _lang_cookie(headers), marker)
            hit = self.store.get(key)
            if hit is not None:
                self.store.move_to_end(key)
                await _answer(send, hit, wanted)
                return
        await self.app(scope, receive, _collector(send, wanted, self, key))

    def keep(self, key: tuple[Any, ...] | None, entry: tuple[int, list[tuple[bytes, bytes]], bytes, bytes]) -> None:
        if key is None or len(entry[2]) > self.max_bytes // 8:
            return
        old = self.store.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.store[key] = entry
        self.size += len(entry[2])
        while len(self.store) > self.entries or self.size > self.max_bytes:
            _, dropped = self.store.popitem(last=False)
            self.size -= len(dropped[2])


def _lang_cookie(headers: dict[bytes, bytes]) -> bytes:
    for part in headers.get(b"cookie", b"").split(b";"):
        name, _, value = part.strip().partition(b"=")
        if name == b"lang":
            return value
    return b""


def _marker(scope: Scope) -> Any:
    """What the answer reads from the database (see the module's docstring); None: nothing."""
    path: str = scope.get("path", "")
    app = scope.get("app")
    if app is None:
        return None
    if path.startswith(WORLD_PATHS):
        name = app.state.world
        try:
            return name, app.state.store.last_seq(name)
        except Exception:  # an unknown world: the route answers (and is not kept: not a 200)
            return name, None
    if path.startswith(SIMULATION_PATHS):
        from respublika.app.simulation import saved_runs

        return json.dumps(saved_runs(app.state.store), sort_keys=True, default=str)
    return None


def _etag(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'


async def _answer(send: Send, entry: tuple[int, list[tuple[bytes, bytes]], bytes, bytes], wanted: bytes | None) -> None:
    status, headers, body, etag = entry
    if wanted is not None and etag in [w.strip() for w in wanted.split(b",")]:
        await send({"type": "http.response.start", "status": 304,
                    "headers": [(k, v) for k, v in headers if k in (b"etag", b"cache-control")]})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _collector(send: Send, wanted: bytes | None, cache: Cache, key: tuple[Any, ...] | None) -> Send:
    """Buffers a 200 answer, adds its ETag, keeps it, and answers (304 when it matches)."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def sender(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            if message["status"] != 200:
                await send(message)
                return
            start = message
            return
        if start is None:
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(chunks)
        etag = _etag(body)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"etag", b"cache-control")]
        headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
        entry = (200, headers, body, etag)
        cache.keep(key, entry)  # a Set-Cookie here is the language the query names: the same for the key
        await _answer(send, entry, wanted)

    return sender
