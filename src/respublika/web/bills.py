"""Matters in the web app: list, open, act, run scenarios — on the event log.

The web app keeps one world (``web`` by default) in the database. The acts, their forms
and the scenario runs come from :mod:`respublika.app.worlds`; the words and the diagram
from :mod:`respublika.render`. The buttons a page shows are exactly the engine's legal acts.
"""

from __future__ import annotations

from typing import Any

from respublika.app import worlds
from respublika.app.values import Unknown
from respublika.i18n import pick
from respublika.procedure import Engine, World, run_in_memory
from respublika.render import labels
from respublika.render.diagram import to_svg
from respublika.render.labels import act_text, kind_text, state_text
from respublika.render.procedure_text import event_dict, matter_dict, run_dict

MAX_SCENARIO_BYTES = worlds.MAX_SCENARIO_BYTES


def _forms(engine: Engine, world: World, matter: str | None, lang: str) -> list[dict[str, Any]]:
    profile = engine.profile
    out = []
    for form in worlds.forms(engine, world, matter):
        form["label"] = form.pop("legal_label")  # the API's contract: the engine's words
        act = form["act"]
        form["name"] = labels.act_label(profile, act, lang)
        form["title"] = act_text(profile, act, lang)
        form["summary"] = labels.act_summary(profile, act, lang)
        for item in form["inputs"]:
            name = item["name"]
            own = labels.has_label(profile, "params", name, lang, scope=act)
            item["label"] = (labels.param_label(profile, act, name, lang) if own else
                             pick(item["description"], lang) or labels.param_label(profile, act, name, lang))
            item["choice_labels"] = {c: labels.value_label(profile, c, lang) for c in item.get("choices") or []}
        for vote in form["votes"]:
            vote["chamber_label"] = labels.chamber_name(profile, vote["chamber"], lang)
            vote["threshold_label"] = labels.threshold_text(profile, vote["threshold"], lang) \
                if vote.get("threshold") in profile.thresholds else str(vote.get("threshold", ""))
        form["unit_labels"] = {u: labels.unit_label(profile, u, lang) for u in form.get("units") or []}
        out.append(form)
    return out


def overview(engine: Engine, world: World, lang: str, kind: str = "", status: str = "", q: str = "") -> dict[str, Any]:
    profile = engine.profile
    rows = worlds.matters(profile, world, kind, status, q)
    for row in rows:
        spec = profile.procedure.matters[row["kind"]].states[row["state"]]
        row.update(kind_text=kind_text(profile, row["kind"], lang),
                   state_text=state_text(profile, row["kind"], row["state"], lang),
                   final=spec.final, entered=row["since"])
    return {
        "clock": None if world.clock is None else world.clock.isoformat(),
        "matters": rows,
        "kinds": {k: kind_text(profile, k, lang) for k in profile.procedure.matters},
        "states": sorted({s for m in profile.procedure.matters.values() for s in m.states}),
        "republic": world.republic_status(),
        "legal": [a.to_dict() for a in engine.legal_acts(world)],
        "forms": _forms(engine, world, None, lang),
    }


def matter_page(engine: Engine, world: World, matter_id: str, lang: str) -> dict[str, Any]:
    if matter_id not in world.matters:
        raise Unknown(f"no matter {matter_id[:50]!r} in this world")
    data = matter_dict(engine, world, matter_id, lang)
    data["forms"] = _forms(engine, world, matter_id, lang)
    data["diagram"] = to_svg(engine.profile, data["kind"], lang, current=data["state"], path=data["trail"])
    data["clock"] = None if world.clock is None else world.clock.isoformat()
    return data


def run_scenario_text(engine_for: Any, text: str, lang: str) -> dict[str, Any]:
    """Run an uploaded scenario (YAML or JSON text) in memory; nothing is written."""
    scenario = worlds.scenario_data(text)
    engine: Engine = engine_for(scenario)
    worlds.check_scenario_dates(scenario)
    result = run_in_memory(scenario, engine)
    out = run_dict(engine, result, lang)
    out["trail"] = [event_dict(engine.profile, e, lang) for e in result.world.events]
    return out
