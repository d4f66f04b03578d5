"""The elections page: seats from vote counts (explained and drawn), and forecasts as jobs.

Everything is decided by :mod:`respublika.app.elections` (the profile's rule as the
defaults, a server's bounds) and drawn by :mod:`respublika.render.chambers`; forecasts run
as :mod:`respublika.app.jobs` whose progress the page polls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from respublika.app import elections as elections_app
from respublika.app import parliament
from respublika.app.jobs import Job, Jobs
from respublika.app.values import number, whole
from respublika.data import election as shipped_election
from respublika.i18n import translator
from respublika.profile import Profile
from respublika.render.chambers import allocation_svg, distribution_svg

MAX_DRAWS = elections_app.MAX_DRAWS
MAX_SEATS = elections_app.MAX_SEATS


def defaults(profile: Profile) -> dict[str, Any]:
    """The profile's list rule as the forms' defaults, with example votes and shares that fit."""
    base = elections_app.list_defaults(profile)
    sample = shipped_election(parliament.EXAMPLE_RESULT)["parties"]
    total = sum(p["votes"] for p in sample) or 1
    base["example"] = "".join(f"{p['party']},{p['votes']}\n" for p in sample)
    base["example_shares"] = ",".join(f"{p['party']}={p['votes'] / total:.2f}" for p in sample[:4])
    base["example_party"] = sample[0]["party"] if sample else ""
    base["name"] = profile.institutions[base["chamber"]].name
    return base


def seats(profile: Profile, votes_text: str, lang: str, **options: Any) -> dict[str, Any]:
    """Allocate and explain; draw the whole chamber when the seats are its list seats."""
    data = elections_app.allocate(profile, votes_text, limits=True, **options)
    chamber = None
    if data["total_seats"] == data["defaults"]["seats"]:
        pictured = parliament.parliament(profile)
        chamber = next((c for c in pictured["chambers"] if c["id"] == data["defaults"]["chamber"]), None)
    data["svg"] = allocation_svg(data["seats"], chamber, data["total_seats"], translator(lang), lang)
    return data


def forecast_request(profile: Profile, form: Mapping[str, Any]) -> elections_app.Forecast:
    """A checked forecast from a form or an API body (every value checked before a job starts)."""
    return elections_app.forecast_spec(
        profile, form.get("body") or None, form.get("shares") or "",
        concentration=number(form.get("concentration"), "concentration", 100.0),
        draws=whole(form.get("draws"), "draws", 10_000), seed=whole(form.get("seed"), "seed"),
        bloc_with=form.get("assembly_with") or form.get("bloc_with") or None, limits=True,
    )


def run(profile: Profile, request: elections_app.Forecast, progress: Any = None) -> dict[str, Any]:
    result = elections_app.run_forecast(profile, request, progress)
    result["chart"] = distribution_svg(result)
    return result


def start(jobs: Jobs, profile: Profile, form: Mapping[str, Any]) -> Job:
    request = forecast_request(profile, form)  # validated before any work starts
    return jobs.start(request.spec.draws, lambda progress: run(profile, request, progress))
