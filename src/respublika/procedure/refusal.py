"""Why an act is refused when no rule allows it: the act, the state, the parameters that
the rules look at, and what is legal instead (``legal now: vote (chamber=mazhilis) [S22, A1]``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from respublika.errors import ProcedureError
from respublika.procedure.model import Matter, Step, World
from respublika.procedure.rules import param_keys
from respublika.profile.schema import Rule

if TYPE_CHECKING:
    from respublika.procedure.engine import Engine


def _show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def no_rule_message(
    engine: Engine, world: World, step: Step, params: Mapping[str, Any], matter: Matter | None,
    in_state: Sequence[tuple[str | None, Rule]],
) -> str:
    """``no rule allows vote on B1 in state in_mazhilis with chamber=senate; legal now: ...``"""
    profile = engine.profile
    keys = param_keys(profile, step.act)
    looked_at: list[str] = []
    var_keys: list[str] = []
    for _, rule in in_state:
        for key in rule.when:
            target = looked_at if key in keys else var_keys
            if key not in target:
                target.append(key)
    given = [f"{k}={_show(params[k])}" for k in looked_at if k in params]
    missing = [k for k in looked_at if k not in params]
    where = step.act if matter is None else f"{step.act} on {matter.id} in state {matter.state}"
    if matter is None and step.matter is not None:
        where += f" (creating {step.matter})"
    text = f"no rule allows {where}"
    if given:
        text += " with " + ", ".join(given)
    if missing:
        text += " without " + ", ".join(missing)
    if matter is not None and var_keys:
        text += " (" + ", ".join(f"{k}={_show(matter.vars.get(k))}" for k in var_keys) + ")"
    if matter is None:
        legal = [a for a in engine.legal_acts(world, None, step.date) if a.creates and a.act == step.act]
    else:
        legal = engine.legal_acts(world, matter.id, step.date)
    if legal:
        return text + "; legal now: " + ", ".join(a.text() for a in legal)
    return text + "; no act is legal on it now"


def no_rule_error(
    engine: Engine, world: World, step: Step, params: Mapping[str, Any], matter: Matter | None,
    in_state: Sequence[tuple[str | None, Rule]],
) -> ProcedureError:
    """The refusal as an error: :func:`no_rule_message` as its text, and the same as data in
    ``refusal`` (act, matter, kind, state, creating, given, missing, vars, legal) with the
    ``profile`` beside it, for a renderer to say it in another language."""
    exc = ProcedureError(no_rule_message(engine, world, step, params, matter, in_state))
    keys = param_keys(engine.profile, step.act)
    looked_at: list[str] = []
    var_keys: list[str] = []
    for _, rule in in_state:
        for key in rule.when:
            target = looked_at if key in keys else var_keys
            if key not in target:
                target.append(key)
    if matter is None:
        legal = [a for a in engine.legal_acts(world, None, step.date) if a.creates and a.act == step.act]
    else:
        legal = list(engine.legal_acts(world, matter.id, step.date))
    exc.refusal = {  # type: ignore[attr-defined]
        "act": step.act, "matter": None if matter is None else matter.id,
        "kind": None if matter is None else matter.kind, "state": None if matter is None else matter.state,
        "creating": step.matter if matter is None else None,
        "given": {k: params[k] for k in looked_at if k in params},
        "missing": [k for k in looked_at if k not in params],
        "vars": {} if matter is None else {k: matter.vars.get(k) for k in var_keys},
        "legal": legal,
    }
    exc.profile = engine.profile  # type: ignore[attr-defined]
    return exc
