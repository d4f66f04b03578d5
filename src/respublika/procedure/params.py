"""An act's parameters, checked and completed against ``procedure.acts.<act>.params``.

Types: ``choice`` (one of ``choices``; an institution's alias counts as its id), ``bool``,
``str``, ``date`` (with ``default_after`` / ``max_after`` measured from the act's date),
``int``, ``counts`` (``{for, against, abstain}``) and ``table`` (any mapping). Required
parameters must be given, defaults are filled in, unknown parameters are refused. The
result is JSON-compatible (dates as ISO strings).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from respublika.calendar import add, parse_duration
from respublika.errors import InputError, ProcedureError
from respublika.procedure.model import to_date
from respublika.profile.schema import ActSpec, ParamSpec, Profile

COUNT_KEYS = ("for", "against", "abstain")


def cite(cites: list[str] | tuple[str, ...]) -> str:
    """``[S22, A1]`` (empty when there is nothing to cite)."""
    return f" [{', '.join(cites)}]" if cites else ""


def act_spec(profile: Profile, act: str) -> ActSpec:
    spec = profile.procedure.acts.get(act)
    if spec is None:
        known = ", ".join(sorted(profile.procedure.acts))
        raise ProcedureError(f"unknown act {act!r} (acts of this profile: {known}, advance)")
    return spec


def institution_id(profile: Profile, name: str) -> str | None:
    """The institution id that ``name`` (an id, name or alias, any case) denotes."""
    folded = name.casefold()
    for iid, inst in profile.institutions.items():
        if folded in {iid.casefold(), inst.name.casefold(), *(a.casefold() for a in inst.aliases)}:
            return iid
    return None


def _canonical_key(profile: Profile, spec: ActSpec, key: str) -> str:
    if key in spec.params:
        return key
    iid = institution_id(profile, key)
    return iid if iid is not None and iid in spec.params else key


def _counts(act: str, name: str, value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise ProcedureError(f"{act}: {name} must be counts like {{for: 60, against: 40, abstain: 0}}")
    unknown = [k for k in value if k not in COUNT_KEYS]
    if unknown:
        raise ProcedureError(f"{act}: {name} has unknown keys {unknown} (use for, against, abstain)")
    missing = [k for k in ("for", "against") if k not in value]
    if missing:
        raise ProcedureError(f"{act}: {name} needs {' and '.join(missing)}")
    out = {k: value.get(k, 0) for k in COUNT_KEYS}
    for key, count in out.items():
        _check_count(act, f"{name}.{key}", count)
    return out


def _check_count(act: str, what: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProcedureError(f"{act}: {what} must be a whole number, got {value!r}")
    if value < 0:
        raise ProcedureError(f"{act}: {what} must not be negative, got {value}")


def _typed(profile: Profile, act: str, name: str, p: ParamSpec, value: Any) -> Any:
    kind = p.type
    if kind == "choice":
        text = str(value) if isinstance(value, str) else None
        if text is not None and text not in p.choices:
            iid = institution_id(profile, text)
            text = iid if iid in p.choices else None
        if text is None:
            raise ProcedureError(f"{act}: {name} must be one of {', '.join(p.choices)}; got {value!r}")
        return text
    if kind == "bool":
        if not isinstance(value, bool):
            raise ProcedureError(f"{act}: {name} must be true or false, got {value!r}")
        return value
    if kind == "str":
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ProcedureError(f"{act}: {name} must be text, got {value!r}")
        return str(value)
    if kind == "date":
        try:
            return to_date(value, what=f"{act}: {name}").isoformat()
        except InputError as exc:
            raise ProcedureError(str(exc)) from None
    if kind == "int":
        _check_count(act, name, value)
        return value
    if kind == "counts":
        return _counts(act, name, value)
    if not isinstance(value, Mapping):  # table
        raise ProcedureError(f"{act}: {name} must be a table (a mapping), got {value!r}")
    return {str(k): v for k, v in value.items()}


def _date_window(
    profile: Profile, act: str, name: str, p: ParamSpec, value: str, on: date, spec: ActSpec
) -> None:
    given = date.fromisoformat(value)
    if p.default_after is None and p.max_after is None:
        return
    if given <= on:
        raise ProcedureError(f"{act}: {name} {given} must be after the act's date {on}{cite(spec.cites)}")
    if p.max_after is not None:
        rule = profile.durations[p.max_after]
        latest = add(on, parse_duration(rule.duration))
        if given > latest:
            what = rule.description.get("en") or f"at most {parse_duration(rule.duration).describe()}"
            raise ProcedureError(
                f"{act}: {name} {given} is after {latest}: {what}{cite(rule.cites)}"
            )


def normalize(
    profile: Profile, act: str, raw: Mapping[str, Any], on: date, label: str | None = None
) -> dict[str, Any]:
    """The act's parameters, typed, with defaults; raise :class:`ProcedureError` if wrong.

    ``label`` names the act in messages (e.g. ``vote on B1``)."""
    spec = act_spec(profile, act)
    act = label or act
    given: dict[str, Any] = {}
    for key, value in raw.items():
        name = _canonical_key(profile, spec, str(key))
        if name not in spec.params:
            known = ", ".join(spec.params) or "none"
            raise ProcedureError(f"{act}: unknown parameter {key!r} (parameters: {known})")
        if name in given:
            raise ProcedureError(f"{act}: parameter {name!r} is given twice")
        given[name] = value
    out: dict[str, Any] = {}
    for name, p in spec.params.items():
        if name in given and given[name] is not None:
            out[name] = _typed(profile, act, name, p, given[name])
        elif p.required:
            what = p.description.get("en")
            raise ProcedureError.of("{act}: parameter {param!r} is required{what}", act=act, param=name,
                                    what=f" ({what})" if what else "")
        elif p.type == "date" and p.default_after is not None:
            out[name] = add(on, parse_duration(profile.durations[p.default_after].duration)).isoformat()
        elif p.default is not None:
            out[name] = _typed(profile, act, name, p, p.default)
        if p.type == "date" and name in out:
            _date_window(profile, act, name, p, out[name], on, spec)
    return out
