"""The elections page: seats from vote counts (explained), and forecasts as background jobs.

Seat allocations call the exact engine with the profile's rule as defaults; forecasts run in
a small thread pool with a progress counter the page polls. Work per request is bounded
(``MAX_DRAWS``, ``MAX_PARTIES``) and refused with a message beyond it.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from respublika.elections import allocate_seats, method_names, profiled
from respublika.elections.votes_text import parse_votes
from respublika.errors import InputError, RespublikaError
from respublika.exact import format_fraction
from respublika.profile import Profile
from respublika.profile.query import threshold_count
from respublika.web.hemicycle import Mark, SeatGroup, hemicycle_svg
from respublika.web.views import FILL_COLOURS, PARTY_COLOURS, chamber_groups

MAX_DRAWS = 200_000
MAX_PARTIES = 30
MAX_SEATS = 1_000
MAX_JOBS = 50


def defaults(profile: Profile, chamber: str = "mazhilis") -> dict[str, Any]:
    """The profile's party-list rule, as the form's defaults."""
    _, election, seats = profiled.pr_election_for(profile, chamber)
    rule = profiled.election_rule(profile, election)
    return {
        "chamber": chamber,
        "election": election,
        "seats": seats,
        "method": rule.method,
        "threshold": format_fraction(rule.threshold) if rule.threshold is not None else "0",
        "ties": rule.ties,
        "methods": list(method_names()),
        "cites": list(rule.cites),
        "example": "Nur Otan,5148074\nAk Zhol,792828\nPeople's Party of Kazakhstan,659019\nAuyl,383023\nAdal,258618\n",
    }


def seats(
    profile: Profile,
    votes_text: str,
    *,
    seats: int | None,
    method: str | None,
    threshold: str | None,
    base_extra: int = 0,
    ties: str = "order",
    seed: int | None = None,
) -> dict[str, Any]:
    """Allocate, explain, and draw the chamber when the seats are its party-list seats."""
    base = defaults(profile)
    table = parse_votes(votes_text, source="votes")
    if len(table) > MAX_PARTIES:
        raise InputError(f"votes: at most {MAX_PARTIES} parties")
    total = seats if seats is not None else base["seats"]
    if not 1 <= total <= MAX_SEATS:
        raise InputError(f"seats: between 1 and {MAX_SEATS}")
    if ties not in ("order", "lot"):
        raise InputError(f"ties: 'order' or 'lot', got {ties!r}")
    allocation = allocate_seats(
        table, total, method or base["method"], threshold=threshold if threshold not in (None, "") else base["threshold"],
        base_extra=base_extra, ties=ties, seed=seed,  # type: ignore[arg-type]
        cites={"*": base["cites"]},
    )
    data = {**allocation.to_dict(), "defaults": base}
    won = {p: n for p, n in allocation.seats.items() if n}
    groups = [SeatGroup(f"p{i}", p, PARTY_COLOURS[i % len(PARTY_COLOURS)], n) for i, (p, n) in enumerate(won.items())]
    marks: list[Mark] = []
    size = total
    if total == base["seats"]:  # the chamber's list seats: draw the whole chamber
        inst = profile.institutions[base["chamber"]]
        size = inst.size or total
        for g in chamber_groups(profile, base["chamber"], None, lambda s: s):
            if g["key"] != "party_lists" and g["seats"]:
                groups.append(SeatGroup(g["key"], g["label"], FILL_COLOURS.get("assembly", "#999999"), g["seats"]))
        marks = [Mark(tid, threshold_count(profile, tid, size)) for tid in ("majority", "two_thirds", "three_quarters")
                 if tid in profile.thresholds]
    data["svg"] = hemicycle_svg(groups, marks, title=f"{size}")
    return data


@dataclass
class Job:
    id: str
    total: int
    done: int = 0
    status: str = "running"
    result: dict[str, Any] | None = None
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to_dict(self) -> dict[str, Any]:
        with self.lock:
            return {"id": self.id, "status": self.status, "done": self.done, "total": self.total,
                    "result": self.result, "error": self.error}


class Forecasts:
    """Forecast jobs run one or two at a time; the oldest finished jobs are forgotten."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="forecast")
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def start(self, profile: Profile, form: dict[str, Any]) -> Job:
        spec = forecast_spec(profile, form)  # validated before any work starts
        job = Job(uuid.uuid4().hex[:12], spec.draws)
        with self.lock:
            running = sum(1 for j in self.jobs.values() if j.status == "running")
            if running >= 4:
                raise InputError("too many forecasts are running; try again in a moment")
            finished = [k for k, j in self.jobs.items() if j.status != "running"]
            for key in finished[: max(0, len(self.jobs) - MAX_JOBS + 1)]:
                del self.jobs[key]
            self.jobs[job.id] = job
        self.pool.submit(self._run, job, spec)
        return job

    def _run(self, job: Job, spec: Any) -> None:
        from respublika.elections.forecast import forecast

        def progress(done: int) -> None:
            with job.lock:
                job.done = done

        try:
            result = forecast(spec, progress)
            result["chart"] = distribution_svg(result)
            with job.lock:
                job.result, job.status = result, "done"
        except RespublikaError as exc:
            with job.lock:
                job.error, job.status = str(exc), "failed"

    def get(self, job_id: str) -> Job:
        with self.lock:
            job = self.jobs.get(job_id)
        if job is None:
            raise InputError(f"no forecast {job_id!r} (it may have been forgotten; start it again)")
        return job


def forecast_spec(profile: Profile, form: dict[str, Any]) -> Any:
    from respublika.elections.forecast import ForecastSpec, parse_shares, validate

    base = defaults(profile)
    rule = profiled.election_rule(profile, base["election"])
    shares = form.get("shares")
    parsed = parse_shares(shares) if isinstance(shares, str) else parse_shares(
        ",".join(f"{k}={v}" for k, v in dict(shares or {}).items()))
    if len(parsed) > MAX_PARTIES:
        raise InputError(f"shares: at most {MAX_PARTIES} parties")
    draws = int(form.get("draws") or 10_000)
    if not 1 <= draws <= MAX_DRAWS:
        raise InputError(f"draws: between 1 and {MAX_DRAWS:,} on this server (the CLI has no such limit)")
    size = profile.institutions[base["chamber"]].size or base["seats"]
    targets: dict[str, int] = {tid: threshold_count(profile, tid, size) for tid in ("majority", "two_thirds", "three_quarters")
               if tid in profile.thresholds}
    seed = form.get("seed")
    spec = ForecastSpec(
        shares=parsed, seats=base["seats"], method=base["method"], threshold=rule.threshold or 0,  # type: ignore[arg-type]
        runner_up=rule.runner_up_admitted, chamber_size=size, targets=targets, bloc=size - base["seats"],
        bloc_with=form.get("assembly_with") or None, concentration=float(form.get("concentration") or 100),
        draws=draws, seed=None if seed in (None, "") else int(seed), chunk=10_000,
    )
    validate(spec)  # refuse bad shares before a job starts
    return spec


def distribution_svg(result: dict[str, Any]) -> str:
    """Seat distributions: one row per party, a bar per seat count (height = frequency)."""
    parties = result["parties"]
    seats = int(result["seats"])
    width, row, left = 640, 70, 150
    height = row * len(parties) + 30
    scale = (width - left - 10) / (seats + 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="distribution" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="seat distributions">']
    from html import escape

    for i, (name, entry) in enumerate(parties.items()):
        top = 10 + i * row
        dist = {int(k): int(v) for k, v in entry["distribution"].items()}
        peak = max(dist.values()) if dist else 1
        colour = PARTY_COLOURS[i % len(PARTY_COLOURS)]
        out.append(f'<g class="party" data-party="{escape(name)}"><text x="4" y="{top + row / 2:.0f}" font-size="12">'
                   f"{escape(name)} ({entry['mean']:.1f})</text>")
        for k, count in dist.items():
            h = (row - 16) * count / peak
            out.append(f'<rect x="{left + k * scale:.1f}" y="{top + row - 12 - h:.1f}" width="{max(scale - 0.5, 0.8):.1f}" '
                       f'height="{h:.1f}" fill="{colour}"><title>{k} seats: {count}</title></rect>')
        out.append(f'<line x1="{left}" y1="{top + row - 12}" x2="{width - 10}" y2="{top + row - 12}" stroke="#aaa"/></g>')
    for k in range(0, seats + 1, 10):
        out.append(f'<text x="{left + k * scale:.1f}" y="{height - 4}" font-size="10" text-anchor="middle">{k}</text>')
    out.append("</svg>")
    return "".join(out)
