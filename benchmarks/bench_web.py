"""A bounded load test of the web app (issue 13): a server it starts itself on 127.0.0.1,
a GET mix and a write mix at concurrency 20, on SQLite and (when available) PostgreSQL.

    .venv/bin/python benchmarks/bench_web.py [--seconds 8] [--concurrency 20] [--json]

Each database is measured twice in the same session: the *baseline* with the answer cache
off (``RESPUBLIKA_WEB_CACHE=0``: every page recomputed, as before issue 13) and the server
as it is. The figures are throughput (requests per second), p50 and p99 latency, errors,
and the ratios of the two runs. The write mix introduces bills through ``POST /api/acts``
and checks afterwards that every acknowledged write is a row of the log. PostgreSQL is
used when ``RESPUBLIKA_TEST_PG_URL`` names one (``scripts/test.sh`` starts a throwaway
server for the tests). The server listens on 127.0.0.1 only, on a free port.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
GET_MIX = [
    "/", "/parliament", "/elections", "/bills", "/bills/B1", "/power", "/profiles", "/simulations",
    "/api/profile", "/api/parliament", "/api/matters", "/api/matters/B2", "/api/power", "/api/profiles",
    "/api/bodies", "/api/procedure/bill/diagram",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """``respublika.web.app:create_app`` under uvicorn on 127.0.0.1, in a child process."""

    def __init__(self, db: str, cache: bool) -> None:
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        env = {**os.environ, "RESPUBLIKA_DB": db, "RESPUBLIKA_WEB_CACHE": "1" if cache else "0"}
        env.pop("RESPUBLIKA_TOKEN", None)
        code = ("import uvicorn; from respublika.web.app import create_app; "
                f"uvicorn.run(create_app(db_url={db!r}), host={HOST!r}, port={self.port}, log_level='warning')")
        self.process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/matters", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def warm(url: str) -> None:
    """One request of each GET in the mix before timing (both runs alike)."""
    with httpx.Client(base_url=url, timeout=120) as http:
        for path in GET_MIX:
            http.get(path)


def run_mix(url: str, seconds: float, concurrency: int, kind: str) -> dict[str, float]:
    """``concurrency`` clients in threads for ``seconds``; latencies of every request."""
    latencies: list[float] = []
    errors = [0]
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            i = 0
            while time.monotonic() < stop_at:
                i += 1
                began = time.perf_counter()
                try:
                    if kind == "get":
                        response = http.get(GET_MIX[(n + i) % len(GET_MIX)])
                    else:
                        bill = f"W{n}x{i}"
                        response = http.post("/api/acts", json={"date": "2012-06-01", "act": "introduce",
                                                                "matter": bill, "params": {"initiator": "deputies"}})
                        if response.status_code == 200:
                            with lock:
                                acknowledged.append(bill)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - began
                with lock:
                    latencies.append(took)
                    errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    count = len(latencies)
    result = {"requests": count, "rps": count / elapsed, "errors": errors[0],
              "p50_ms": 1000 * latencies[count // 2] if count else 0.0,
              "p99_ms": 1000 * latencies[min(count - 1, int(count * 0.99))] if count else 0.0}
    if kind == "write":
        matters = httpx.get(url + "/api/matters", timeout=60).json()["matters"]
        stored = {m["id"] for m in matters}
        result["acknowledged"] = len(acknowledged)
        result["lost"] = sum(1 for b in acknowledged if b not in stored)
    return result


class LocalPostgres:
    """A throwaway PostgreSQL on 127.0.0.1 (as ``scripts/test.sh`` starts one), when run as
    root with Debian's server installed; ``url`` is None otherwise."""

    def __init__(self) -> None:
        self.url: str | None = None
        self.data: str | None = None
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if os.geteuid() != 0 or not bins or subprocess.run(["id", "postgres"], capture_output=True).returncode:
            return
        self.bin = bins[-1]
        port = free_port()
        self.data = tempfile.mkdtemp(prefix="bench-pg-")
        subprocess.run(["chown", "postgres:postgres", self.data], check=True)
        self._as_pg(f"{self.bin}/initdb -D {self.data} -U postgres -A trust -E UTF8 --no-locale")
        self._as_pg(f"{self.bin}/pg_ctl -D {self.data} -w -l {self.data}/log -o "
                    f"'-c listen_addresses={HOST} -p {port} -k {self.data} -c fsync=off' start")
        self._as_pg(f"{self.bin}/createdb -h {HOST} -p {port} -U postgres bench")
        self.url = f"postgresql+psycopg://postgres@{HOST}:{port}/bench"

    def _as_pg(self, command: str) -> None:
        subprocess.run(["su", "postgres", "-c", command], check=True, capture_output=True)

    def stop(self) -> None:
        if self.data:
            subprocess.run(["su", "postgres", "-c", f"{self.bin}/pg_ctl -D {self.data} -m immediate stop"],
                           capture_output=True)
            subprocess.run(["rm", "-rf", self.data])


def databases(local: LocalPostgres | None) -> list[tuple[str, str]]:
    out = [("sqlite", "")]
    pg = os.environ.get("RESPUBLIKA_TEST_PG_URL") or (local.url if local else None)
    if pg:
        out.append(("postgresql", pg))
    return out


def fresh_db(kind: str, pg_url: str, tag: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-web-')) / (tag + '.db')}"
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"bench_web_{tag}_{os.getpid()}"
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return pg_url.rsplit("/", 1)[0] + "/" + name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not 1 <= args.seconds <= 120 or not 1 <= args.concurrency <= 100:
        parser.error("--seconds in 1..120, --concurrency in 1..100")
    rows: list[dict[str, Any]] = []
    local = None if os.environ.get("RESPUBLIKA_TEST_PG_URL") else LocalPostgres()
    try:
        measure(rows, databases(local), args)
    finally:
        if local is not None:
            local.stop()
    report(rows, args.json)
    now_get = [r for r in rows if r["run"] == "now" and r["mix"] == "get"]
    met = all(r["rps_ratio"] >= 5 and r["p99_ms"] < 200 and r["errors"] == 0 for r in now_get)
    lost = any(r.get("lost") for r in rows)
    return 0 if met and not lost else 1


def measure(rows: list[dict[str, Any]], dbs: list[tuple[str, str]], args: argparse.Namespace) -> None:
    for kind, pg in dbs:
        for label, cache in (("baseline", False), ("now", True)):
            db = fresh_db(kind, pg, label)
            server = Server(db, cache)
            try:
                warm(server.url)
                for mix in ("get", "write"):
                    rows.append({"db": kind, "run": label, "mix": mix,
                                 **run_mix(server.url, args.seconds, args.concurrency, mix)})
            finally:
                server.stop()


def report(rows: list[dict[str, Any]], as_json: bool) -> None:
    for row in rows:
        base = next(r for r in rows if r["db"] == row["db"] and r["mix"] == row["mix"] and r["run"] == "baseline")
        row["rps_ratio"] = row["rps"] / base["rps"] if base["rps"] else 0.0
        row["p99_ratio"] = row["p99_ms"] / base["p99_ms"] if base["p99_ms"] else 0.0
    if as_json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'db':<10} | {'run':<8} | {'mix':<5} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'errors':>6} | "
              f"{'lost':>4} | {'req/s ×':>7} | {'p99 ×':>6}")
        print("-" * 96)
        for r in rows:
            print(f"{r['db']:<10} | {r['run']:<8} | {r['mix']:<5} | {r['rps']:>7.1f} | {r['p50_ms']:>7.1f} | "
                  f"{r['p99_ms']:>7.1f} | {r['errors']:>6} | {r.get('lost', '-'):>4} | {r['rps_ratio']:>7.2f} | "
                  f"{r['p99_ratio']:>6.2f}")


if __name__ == "__main__":
    sys.exit(main())
