"""Statistics of a run, from its event log and its records, as JSON-ready data.

The same :class:`Recorder` reads a run as it happens (in memory) and a run saved in the
database (the Store's events and the simulation's records), so the web app's timeline and
the report agree with the live run.

Bills are the matters of the kind the ``introduce`` act creates. A bill *passes* when it
enters the state the ``sign`` act leads to (the law), *fails* when it enters any other
final state, is *vetoed* by the ``veto`` act and *overridden* when it becomes law from the
state the veto leads to. Counts are per calendar year of the event. Deadlines are counted
by their event name, Republic timers by their act.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from respublika.procedure import Event
from respublika.profile.schema import Profile
from respublika.simulate.acts import ActNames

OUTCOMES = ("introduced", "passed", "failed", "vetoed", "overridden")


class Recorder:
    """Counts what a run did (see the module docstring)."""

    def __init__(self, profile: Profile, names: ActNames | None = None) -> None:
        names = names or ActNames.declared(profile)
        proc = profile.procedure
        self.bill_kind = next((kid for kid, k in proc.matters.items()
                               if any(r.act == names.introduce and "new" in r.from_ for r in k.rules)), None)
        kind = proc.matters.get(self.bill_kind or "")
        self.creators = {r.act for r in kind.rules if "new" in r.from_} if kind else set()
        self.final = {s for s, spec in kind.states.items() if spec.final} if kind else set()
        self.law = next((r.to for r in kind.rules if r.act == names.sign and r.to), None) if kind else None
        self.veto_state = next((r.to for r in kind.rules if r.act == names.veto and r.to), None) if kind else None
        self.veto = names.veto
        self.declare = names.declare
        self.years: dict[int, Counter[str]] = {}
        self.open: dict[str, date] = {}
        self.days_to_law: list[int] = []
        self.ways: Counter[str] = Counter()
        self.deadlines: Counter[str] = Counter()
        self.timers: Counter[str] = Counter()
        self.republic: Counter[str] = Counter()
        self.refusals: Counter[str] = Counter()
        self.seats: dict[str, list[dict[str, Any]]] = {}
        self.presidents: list[dict[str, Any]] = []
        self.elections: list[dict[str, Any]] = []
        self.dissolutions: list[dict[str, Any]] = []
        self.shares: list[dict[str, Any]] = []
        self.events = 0
        self.steps = 0
        self.first: date | None = None
        self.last: date | None = None

    def _year(self, on: date) -> Counter[str]:
        counts = self.years.get(on.year)
        if counts is None:
            counts = self.years[on.year] = Counter()
        return counts

    def event(self, e: Event) -> None:
        self.events += 1
        if e.kind in ("act", "advance"):
            self.steps += 1
        self.first = self.first or e.date
        self.last = e.date
        if e.kind == "deadline":
            self.deadlines[e.act] += 1
        elif e.kind == "scheduled":
            self.timers[e.act] += 1
        if e.matter is None:
            if e.kind in ("act", "scheduled"):
                self.republic[e.act] += 1
            return
        if e.from_state == "new" and e.act in self.creators:
            self.open[e.matter] = e.date
            self._year(e.date)["introduced"] += 1
        if e.matter not in self.open:
            return
        year = self._year(e.date)
        if e.act == self.veto and e.kind == "act":
            year["vetoed"] += 1
        if e.to_state == self.law and e.from_state != self.law:
            year["passed"] += 1
            self.days_to_law.append((e.date - self.open[e.matter]).days)
            self.ways[e.act] += 1
            if e.from_state == self.veto_state:
                year["overridden"] += 1
        elif e.to_state in self.final and e.from_state not in self.final:
            year["failed"] += 1
        if e.to_state in self.final:
            del self.open[e.matter]

    def record(self, r: Mapping[str, Any]) -> None:
        kind = r["kind"]
        if kind == "seats":
            rows = self.seats.setdefault(r["chamber"], [])
            if rows and rows[-1]["date"] == r["date"]:
                rows.pop()
            rows.append({"date": r["date"], "seats": dict(r["seats"])})
        elif kind == "president":
            self.presidents.append({"date": r["date"], "party": r["party"], "position": r["position"]})
        elif kind == "election":
            self.elections.append({"date": r["date"], "cycle": r["cycle"], "early": r.get("early", False)})
        elif kind == "dissolution":
            self.dissolutions.append({"date": r["date"], "chambers": r["chambers"], "early": r["early"]})
        elif kind == "refusal":
            self.refusals[_refusal_key(r)] += 1
        elif kind == "year":
            self.shares.append({"date": r["date"], "shares": dict(r["shares"])})

    def feed(self, events: Iterable[Event], records: Iterable[Mapping[str, Any]]) -> Recorder:
        for e in events:
            self.event(e)
        for r in records:
            self.record(r)
        return self

    # ----------------------------------------------------------------- output

    def bills(self) -> dict[str, Any]:
        years = sorted(self.years)
        return {"years": years, **{k: [self.years[y][k] for y in years] for k in OUTCOMES}}

    def timeline(self) -> dict[str, Any]:
        """Seats over time per chamber and party, bills per year by outcome, and the rest."""
        return {
            "seats": self.seats,
            "bills": self.bills(),
            "days_to_law": sorted(self.days_to_law),
            "became_law_by": dict(sorted(self.ways.items())),
            "deadlines": dict(sorted(self.deadlines.items())),
            "timers": dict(sorted(self.timers.items())),
            "republic": dict(sorted(self.republic.items())),
            "refusals": dict(self.refusals.most_common()),
            "presidents": self.presidents,
            "elections": self.elections,
            "dissolutions": self.dissolutions,
            "shares": self.shares,
            "open_bills": len(self.open),
            "events": self.events,
            "steps": self.steps,
        }

    def summary(self) -> dict[str, Any]:
        totals = {k: sum(c[k] for c in self.years.values()) for k in OUTCOMES}
        days = sorted(self.days_to_law)
        median = days[len(days) // 2] if days else None
        return {**totals, "median_days_to_law": median, "deadlines": dict(sorted(self.deadlines.items())),
                "dissolutions": len(self.dissolutions), "crises": self.republic.get(self.declare, 0),
                "refusals": sum(self.refusals.values()), "events": self.events, "steps": self.steps}


def _refusal_key(r: Mapping[str, Any]) -> str:
    message = str(r.get("message", ""))
    cut = message.find(" (deadlines that fired first")
    return message if cut < 0 else message[:cut]
