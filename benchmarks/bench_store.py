"""An act's time against the world's history (issue 14, item 1).

    python benchmarks/bench_store.py [--events 100000] [--repeat 5] [--rate 400] [--check] [--json]

For SQLite (a file in a temporary folder) and PostgreSQL (``RESPUBLIKA_TEST_PG_URL``, when
set): one act (a new bill) on an empty world against one on a world of at least
``--events`` events (a saved simulation, batch mode, at ``--rate`` bills a year), each in a
fresh :class:`~respublika.store.Store` (no state in the process: as the command line runs
it), best of ``--repeat``. Reported: the act's wall time on each world, the ratio (target:
within 3×), and the longest time an act held the write transaction. With ``--check`` the
big world is checked once (``Store.check``: every row replayed from the start through the
engine's whole world, and each snapshot compared; slow, the full replay's cost) and that
time is shown too.

Exit code 1 if a ratio misses the target.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import select  # noqa: E402

from respublika.procedure import Step  # noqa: E402
from respublika.simulate import SimParams  # noqa: E402
from respublika.simulate.run import SimulationConfig  # noqa: E402
from respublika.store import Store, simulations  # noqa: E402
from respublika.store import log as store_log  # noqa: E402
from respublika.store.tables import events, worlds  # noqa: E402

TARGET = 3.0


@contextmanager
def _timed_writes(held: list[float]):
    """Record how long each write transaction of the store is held."""
    original = store_log.Store.transaction

    @contextmanager
    def timed(self, write=False):
        start = time.perf_counter()
        with original(self, write) as conn:
            yield conn
        if write:
            held.append(time.perf_counter() - start)

    store_log.Store.transaction = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        store_log.Store.transaction = original  # type: ignore[method-assign]


def one_act(url: str, world: str) -> tuple[float, float]:
    """A new bill in ``world`` from a fresh store: (seconds, longest write transaction)."""
    with Store(url) as probe, probe.transaction() as conn:  # the last row's date (not the whole log)
        last = conn.execute(select(events.c.date).join_from(events, worlds).where(worlds.c.name == world)
                            .order_by(events.c.seq.desc()).limit(1)).scalar_one_or_none()
    on = last + timedelta(days=1) if last is not None else None
    held: list[float] = []
    step = Step(on or __import__("datetime").date(2000, 1, 10), "introduce", f"X{uuid.uuid4().hex[:8]}",
                {"initiator": "deputies"})
    with _timed_writes(held):
        start = time.perf_counter()
        with Store(url) as store:
            store.apply(world, step)
        took = time.perf_counter() - start
    return took, max(held, default=0.0)


def measure(url: str, label: str, events: int, repeat: int, rate: float, check: bool) -> dict:
    suffix = uuid.uuid4().hex[:6]
    empty, big = f"bench-empty-{suffix}", f"bench-big-{suffix}"
    with Store(url) as store:
        store.create_world(empty)
        years = max(1, int(events / (rate * 4)) + 2)
        while True:
            start = time.perf_counter()
            simulations.start(store, big, SimulationConfig("seed", {}, SimParams(rate=rate), 1, years))
            made = time.perf_counter() - start
            total = sum(len(s.events) for s in store.steps(big))
            if total >= events:
                break
            big, years = f"{big}x", int(years * events / max(total, 1)) + 2
    empty_times, big_times, held = [], [], []
    for _ in range(repeat):
        t, h = one_act(url, empty)
        empty_times.append(t)
        held.append(h)
        t, h = one_act(url, big)
        big_times.append(t)
        held.append(h)
    problems: list[str] | None = None
    checked = 0.0
    if check:
        with Store(url) as store:
            start = time.perf_counter()
            problems = store.check(big)
            checked = time.perf_counter() - start
    e, b = min(empty_times), min(big_times)
    return {"db": label, "events": total, "years": years, "simulated_s": round(made, 1),
            "empty_ms": round(e * 1000, 1), "big_ms": round(b * 1000, 1), "ratio": round(b / e, 2),
            "longest_write_ms": round(max(held) * 1000, 1), "check_s": round(checked, 1) if check else None,
            "check_ok": None if problems is None else problems == []}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rate", type=float, default=400)
    parser.add_argument("--check", action="store_true", help="also time Store.check on the big world")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: list[dict] = []
    only = os.environ.get("BENCH_STORE_ONLY")  # "sqlite" or "postgresql": one database
    with tempfile.TemporaryDirectory() as folder:
        if only == "postgresql":
            folder = ""
        if folder:
            results.append(measure(f"sqlite:///{Path(folder) / 'bench.db'}", "sqlite", args.events, args.repeat,
                                   args.rate, args.check))
            print(json.dumps(results[-1]), file=sys.stderr)
    pg = os.environ.get("RESPUBLIKA_TEST_PG_URL")
    if pg and only != "sqlite":
        results.append(measure(pg, "postgresql", args.events, args.repeat, args.rate, args.check))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'db':<11}| {'events':>7} | {'empty ms':>8} | {'big ms':>8} | {'ratio':>5} | "
              f"{'write ms':>8} | {'check s':>7} | ok")
        for r in results:
            print(f"{r['db']:<11}| {r['events']:>7} | {r['empty_ms']:>8} | {r['big_ms']:>8} | {r['ratio']:>5} | "
                  f"{r['longest_write_ms']:>8} | {r['check_s'] if r['check_s'] is not None else '-':>7} | "
                  f"{r['check_ok'] if r['check_ok'] is not None else '-'}")
    return 0 if all(r["ratio"] <= TARGET and r["check_ok"] is not False for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
