"""Matters in the web app: list, open, create, act, run scenarios — on the event log.

The web app keeps one world (``web`` by default) in the database. Every act goes through
the store (validated and written in one transaction); the buttons a page shows are
exactly the engine's ``legal_acts``. Form values are turned into the engine's parameters
here, using the act's declared parameter types.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from importlib import resources
from typing import Any

import yaml

from respublika.errors import InputError
from respublika.procedure import Engine, Step, World, parse_scenario, run_in_memory
from respublika.procedure.diagram import to_svg
from respublika.procedure.explain import kind_text, state_text
from respublika.procedure.model import to_date
from respublika.procedure.report import event_dict, matter_dict, run_dict
from respublika.store import Store

EXAMPLES = ("01-law", "02-budget-veto-override", "03-second-reading", "04-prime-minister")
MAX_SCENARIO_BYTES = 200_000
MAX_SCENARIO_STEPS = 2_000


def example_steps() -> list[Step]:
    """The accepted steps of the shipped example scenarios, merged in date order."""
    steps: list[tuple[date, int, Step]] = []
    for n, name in enumerate(EXAMPLES):
        text = resources.files("respublika.data").joinpath(f"examples/{name}.yaml").read_text("utf-8")
        scenario = parse_scenario(yaml.safe_load(text))
        for i, s in enumerate(scenario.steps):
            if not s.expect_error:
                steps.append((s.step.date, n * 1000 + i, s.step))
    return [s for _, _, s in sorted(steps, key=lambda t: (t[0], t[1]))]


def ensure_world(store: Store, name: str, profile: str, overrides: list[str], examples: bool) -> None:
    """Create the web app's world on first start, with the examples when asked."""
    if store.find_world(name) is not None:
        return
    store.create_world(name, profile, overrides)
    if examples:
        for step in example_steps():
            store.apply(name, step)


def matters(engine: Engine, world: World, lang: str, kind: str = "", status: str = "", q: str = "") -> list[dict[str, Any]]:
    rows = []
    for mid, state in world.status().items():
        m = world.matters[mid]
        title = str(m.params.get("title") or m.params.get("candidate") or "")
        if kind and m.kind != kind:
            continue
        if status and state != status:
            continue
        if q and q.casefold() not in f"{mid} {title}".casefold():
            continue
        spec = engine.profile.procedure.matters[m.kind].states[state]
        rows.append({
            "id": mid, "kind": m.kind, "kind_text": kind_text(engine.profile, m.kind, lang),
            "state": state, "state_text": state_text(engine.profile, m.kind, state, lang),
            "final": spec.final, "title": title, "created": m.created.isoformat(),
            "entered": m.entered.isoformat(),
        })
    return rows


def overview(engine: Engine, world: World, lang: str, kind: str = "", status: str = "", q: str = "") -> dict[str, Any]:
    profile = engine.profile
    return {
        "clock": None if world.clock is None else world.clock.isoformat(),
        "matters": matters(engine, world, lang, kind, status, q),
        "kinds": {k: kind_text(profile, k, lang) for k in profile.procedure.matters},
        "states": sorted({s for m in profile.procedure.matters.values() for s in m.states}),
        "republic": world.republic_status(),
        "legal": [a.to_dict() for a in engine.legal_acts(world)],
        "forms": act_forms(engine, world, None),
    }


def act_forms(engine: Engine, world: World, matter_id: str | None) -> list[dict[str, Any]]:
    """One form per legal act: its fixed values, the inputs it needs, votes and deadline."""
    profile = engine.profile
    forms = []
    acts = engine.legal_acts(world, matter_id)
    general = {a.act: a for a in sorted(acts, key=lambda a: len(a.fixed), reverse=True) if a.creates}
    for legal in acts:
        if legal.creates and general[legal.act] is not legal:
            continue  # one form per creating act: the engine picks the rule from the values
        spec = profile.procedure.acts[legal.act]
        inputs = []
        vote_chambers = [v.chamber for v in legal.votes]
        for name, param in spec.params.items():
            if name in legal.fixed or param.type == "counts":
                continue
            if legal.votes and name in ("for", "against", "abstain", "chamber"):
                continue
            if legal.referendum and name == "units":
                continue
            inputs.append({
                "name": name, "type": param.type, "choices": list(param.choices),
                "required": param.required, "default": param.default,
                "label": param.description.get("en", name),
                "label_de": param.description.get("de", ""),
            })
        forms.append({
            **legal.to_dict(),
            "label": legal.label(),
            "description": dict(spec.description),
            "inputs": inputs,
            "vote_chambers": vote_chambers,
            "units": list(profile.units) if legal.referendum else [],
        })
    return forms


def _typed(value: str, kind: str, name: str) -> Any:
    text = value.strip()
    if kind == "bool":
        if text.lower() in ("true", "1", "yes", "on"):
            return True
        if text.lower() in ("false", "0", "no", "off", ""):
            return False
        raise InputError(f"{name}: expected true or false, got {value!r}")
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise InputError(f"{name}: expected a whole number, got {value!r}") from None
    if kind == "date":
        return to_date(text, what=name)
    return text


def _count(form: Mapping[str, str], key: str, default: int | None = None) -> int:
    raw = str(form.get(key, "")).strip()
    if raw == "" and default is not None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"{key}: expected a whole number of votes, got {raw!r}") from None


def step_from_form(engine: Engine, form: Mapping[str, str]) -> Step:
    """A :class:`Step` from a submitted act form (``date``, ``act``, ``matter``, ``p.*``, ``v.*``)."""
    act = str(form.get("act", "")).strip()
    if act not in engine.profile.procedure.acts:
        raise InputError(f"unknown act {act!r}")
    on = to_date(str(form.get("date", "")), what="date")
    matter = str(form.get("matter", "")).strip() or None
    spec = engine.profile.procedure.acts[act]
    params: dict[str, Any] = {}
    for key, value in form.items():
        if key.startswith("p."):
            name = key[2:]
            if name not in spec.params:
                raise InputError(f"act {act!r} takes no parameter {name!r}")
            if str(value).strip() == "" and not spec.params[name].required:
                continue
            params[name] = _typed(str(value), spec.params[name].type, name)
        elif key.startswith("fixed."):
            params[key[6:]] = value
    chambers = [c for c in str(form.get("vote_chambers", "")).split(",") if c]
    if len(chambers) == 1 and not params.get("units_json"):
        params["chamber"] = params.get("chamber", chambers[0])
        params["for"] = _count(form, f"v.{chambers[0]}.for")
        params["against"] = _count(form, f"v.{chambers[0]}.against")
        params["abstain"] = _count(form, f"v.{chambers[0]}.abstain", 0)
    elif len(chambers) > 1:
        for chamber in chambers:
            params[chamber] = {
                "for": _count(form, f"v.{chamber}.for"),
                "against": _count(form, f"v.{chamber}.against"),
                "abstain": _count(form, f"v.{chamber}.abstain", 0),
            }
    units = {k[2:].rsplit(".", 1)[0] for k in form if k.startswith("u.")}
    if units:
        params["units"] = {
            u: {"yes": _count(form, f"u.{u}.yes", 0), "no": _count(form, f"u.{u}.no", 0)} for u in sorted(units)
        }
    return Step(on, act, matter, params)


def matter_page(engine: Engine, world: World, matter_id: str, lang: str) -> dict[str, Any]:
    data = matter_dict(engine, world, matter_id, lang)
    data["forms"] = act_forms(engine, world, matter_id)
    data["diagram"] = to_svg(engine.profile, data["kind"], lang, current=data["state"])
    data["clock"] = None if world.clock is None else world.clock.isoformat()
    return data


def run_scenario_text(engine_for: Any, text: str, lang: str) -> dict[str, Any]:
    """Run an uploaded scenario (YAML or JSON text) in memory; nothing is written."""
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise InputError(f"scenario: larger than {MAX_SCENARIO_BYTES} bytes")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"scenario: not valid YAML or JSON: {exc}") from None
    except ValueError as exc:
        raise InputError(f"scenario: {exc}") from None
    scenario = parse_scenario(data)
    if len(scenario.steps) > MAX_SCENARIO_STEPS:
        raise InputError(f"scenario: more than {MAX_SCENARIO_STEPS} steps")
    engine: Engine = engine_for(scenario.profile, dict(scenario.overrides))
    result = run_in_memory(scenario, engine)
    out = run_dict(engine, result, lang)
    out["trail"] = [event_dict(engine.profile, e, lang) for e in result.world.events]
    return out
