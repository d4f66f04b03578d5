"""Stored worlds and the acts people take on them, the same from the command line and the web.

A *world* is a profile (with overrides and a setup) and the log of its acts, kept by
:class:`respublika.store.Store`. This module opens worlds (creating one on first use, with
the profile the user names, and refusing another profile for an existing world), turns a
user's raw values into an act's declared parameter types, applies acts, and lists the acts
a profile offers as commands (:func:`commands`: their words come from the profile's
``command``, else the act's id). Nothing here names an act, a state or a chamber.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from respublika.app.profiles import DEFAULT_PROFILE, ProfileRequest, open_profile
from respublika.app.values import Unknown, flag, whole
from respublika.errors import InputError
from respublika.procedure import ADVANCE, Engine, Event, Step, World, parse_scenario
from respublika.procedure.model import to_date
from respublika.procedure.params import COUNT_KEYS
from respublika.profile import Profile
from respublika.profile.bounded import yaml_load
from respublika.profile.query import chambers
from respublika.profile.schema import ActSpec, ParamSpec

if TYPE_CHECKING:  # the store (SQLAlchemy: about 0.6 s) is imported by the commands that open one
    from respublika.store import Store

WORLD_ENV = "RESPUBLIKA_WORLD"
EXAMPLES = ("01-law", "02-budget-veto-override", "03-second-reading", "04-prime-minister")
"""Shipped example scenarios whose accepted steps seed the web app's world."""

CHAMBER = "chamber"
"""The parameter a one-chamber vote names its chamber by (the engine's word, see procedure.votes)."""

MAX_SCENARIO_BYTES = 200_000
MAX_SCENARIO_STEPS = 2_000

HORIZON_ENV = "RESPUBLIKA_HORIZON_YEARS"
DEFAULT_HORIZON_YEARS = 100
"""How far past a world's first step an act may be dated (years); ``$RESPUBLIKA_HORIZON_YEARS``."""
MAX_HORIZON_YEARS = 1000
EARLIEST = date(1000, 1, 1)
"""No act is dated before this (the calendar's arithmetic stays far from ``date.min``)."""

MATTER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
"""A matter's id: a letter or digit, then up to 39 letters, digits, ``_``, ``.`` or ``-``."""
MATTER_ID_PATTERN = "^" + MATTER_ID.pattern + "$"
MAX_TEXT = 300
"""The longest text parameter (a bill's title, a candidate's name) an act takes."""
MAX_TABLE = 500
"""The most entries of a table parameter (a referendum's units)."""


def horizon_years(value: Any = None) -> int:
    """The date horizon in years: ``value``, else ``$RESPUBLIKA_HORIZON_YEARS``, else 100."""
    raw = value if value is not None else os.environ.get(HORIZON_ENV) or DEFAULT_HORIZON_YEARS
    years = whole(raw, HORIZON_ENV)
    if not 1 <= years <= MAX_HORIZON_YEARS:
        raise InputError(f"{HORIZON_ENV}: between 1 and {MAX_HORIZON_YEARS} years, got {years}")
    return int(years)


def validity(profile: Profile) -> tuple[date | None, date | None]:
    """The dates the profile's text is in force: from its version's ``effective`` date to the
    day before the next version's (``None``: unbounded; an undated profile is unbounded)."""
    if not profile.versions:
        return None, None
    ordered = sorted(profile.versions, key=lambda v: v.effective)
    index = next((i for i, v in enumerate(ordered) if v.id == profile.version), None)
    if index is None:
        return ordered[0].effective, None
    end = ordered[index + 1].effective - timedelta(days=1) if index + 1 < len(ordered) else None
    return ordered[index].effective, end


def _years_after(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def check_date(profile: Profile, on: date, first: date | None, *, horizon: int | None = None,
               within_validity: bool = True) -> date:
    """``on`` if an act may be dated so: within the profile's validity (:func:`validity`) and
    no later than ``horizon`` years (:func:`horizon_years`) after the world's first step
    (``first``; without one, after today). Anything else is refused with the reason."""
    years = horizon_years(horizon)
    start, end = validity(profile) if within_validity else (None, None)
    if on < EARLIEST:
        raise InputError(f"date {on.isoformat()}: before {EARLIEST.isoformat()}")
    if start is not None and on < start:
        raise InputError(f"date {on.isoformat()}: before profile {profile.id!r} version {profile.version} "
                         f"takes effect ({start.isoformat()}); name another version (NAME@DATE)")
    if end is not None and on > end:
        raise InputError(f"date {on.isoformat()}: after profile {profile.id!r} version {profile.version} "
                         f"is in force (until {end.isoformat()}); name another version (NAME@DATE)")
    base = first or date.today()
    last = _years_after(base, years)
    if on > last:
        what = "the world's first step" if first else "today"
        raise InputError(f"date {on.isoformat()}: more than {years} years after {what} ({base.isoformat()}); "
                         f"the latest date allowed is {last.isoformat()} (the horizon: {HORIZON_ENV})")
    return on


def first_date(world: World) -> date | None:
    """The date of the world's first event (``None``: nothing has happened yet)."""
    return world.events[0].date if world.events else None


def check_step(profile: Profile, world: World, step: Step, horizon: int | None = None) -> Step:
    """``step`` if its date is within sense for ``world`` (:func:`check_date`)."""
    check_date(profile, step.date, first_date(world), horizon=horizon)
    return step


def check_scenario_dates(scenario: Any, horizon: int | None = None) -> None:
    """Every step of a scenario within the horizon of its first step (:func:`check_date`)."""
    steps = [s.step for s in scenario.steps]
    if not steps:
        return
    first = min(s.date for s in steps)
    for s in steps:
        if s.date < EARLIEST:
            raise InputError(f"scenario: date {s.date.isoformat()}: before {EARLIEST.isoformat()}")
        last = _years_after(first, horizon_years(horizon))
        if s.date > last:
            raise InputError(f"scenario: date {s.date.isoformat()}: more than {horizon_years(horizon)} years "
                             f"after its first step ({first.isoformat()})")


def matter_id(value: Any, what: str = "matter") -> str:
    """A matter's id, checked (:data:`MATTER_ID`): ``B10``, ``PM1``, ``law-2012.3``."""
    text = str(value)
    if not MATTER_ID.fullmatch(text):
        raise InputError(f"{what}: {text[:50]!r} is not an id (a letter or digit, then up to 39 letters, "
                         "digits, '_', '.' or '-')")
    return text


def world_name(name: str | None = None) -> str:
    """The world meant: ``name``, else ``$RESPUBLIKA_WORLD``, else the store's default."""
    chosen = name or os.environ.get(WORLD_ENV)
    if chosen:
        return chosen
    from respublika.store import DEFAULT_WORLD

    return DEFAULT_WORLD


@contextmanager
def store(db: str | None = None) -> Iterator[Store]:
    """The store at ``db`` (``$RESPUBLIKA_DB``, else the default file), closed afterwards. A
    SQLite file that does not exist yet is made only by the first write."""
    from respublika.store import Store

    with Store(db, lazy=True) as opened:
        yield opened


def _exists(db: str | None) -> bool:
    """Whether the database at ``db`` is there already (a SQLite file is not made to look)."""
    from respublika.store import database_url

    url = database_url(db)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        return bool(path) and path != ":memory:" and Path(path.split("?", 1)[0]).is_file()
    return True


def profile_of(db: str | None, world: str | None, request: ProfileRequest | None) -> Profile:
    """The profile a command acts under: the one named, else the stored world's, else the default.

    Looks into the database only if it exists; creates nothing.
    """
    if request is not None and request.ref:
        return open_profile(request)
    if _exists(db):
        with store(db) as opened:
            record = opened.find_world(world_name(world))
            if record is not None:
                return opened.engine(record).profile
    return open_profile(request)


def _ref(request: ProfileRequest) -> str:
    ref = request.ref or DEFAULT_PROFILE
    return f"{ref}@{request.as_of}" if request.as_of and "@" not in ref else ref


def ensure(opened: Store, name: str, request: ProfileRequest | None = None,
           setup: Mapping[str, Any] | None = None) -> str:
    """The world ``name``: created with ``request``'s profile on first use; an existing world
    named with another profile is refused (choose another world)."""
    record = opened.find_world(name)
    if record is None:
        asked = request or ProfileRequest()
        open_profile(asked)  # a broken profile or override fails before anything is written
        record, made = opened.ensure_world(name, _ref(asked), list(asked.sets), dict(setup or {}))
        if made:
            return name  # else another process made it meanwhile: the same checks as for any world
    if request is not None and request.ref is not None and (
            _ref(request) != record.profile or request.overrides() != dict(record.overrides)):
        raise InputError(f"world {name!r} uses profile {record.profile!r} {dict(record.overrides) or ''}; "
                             "choose another world for another profile")
    return name


# ------------------------------------------------------------------- acts and their values


@dataclass(frozen=True)
class ActCommand:
    """An act as a command: its words (``("crisis", "declare")``), the act, where it applies."""

    words: tuple[str, ...]
    act: str
    scope: str  # "matter" (takes a matter's id) or "republic"
    spec: ActSpec
    referendum: bool = False

    @property
    def name(self) -> str:
        return " ".join(self.words)


def _acts_in(rules: Sequence[Any]) -> list[str]:
    return list(dict.fromkeys(r.act for r in rules))


def commands(profile: Profile) -> list[ActCommand]:
    """Every act of the profile as a command, matter acts and Republic acts apart."""
    proc = profile.procedure
    matter_acts = _acts_in([r for kind in proc.matters.values() for r in kind.rules])
    republic_acts = _acts_in(proc.republic.rules)
    referendum = {r.act for kind in proc.matters.values() for r in kind.rules
                  if r.vote is not None and r.vote.kind == "referendum"}
    out = []
    for scope, acts in (("matter", matter_acts), ("republic", republic_acts)):
        for act in acts:
            spec = proc.acts.get(act)
            if spec is None:
                continue
            words = tuple((spec.command or act.replace("_", "-")).split())
            out.append(ActCommand(words, act, scope, spec, act in referendum))
    return out


def chamber_param(spec: ActSpec) -> str | None:
    """The act's parameter that names the voting chamber (the engine's word), if it has one."""
    return CHAMBER if CHAMBER in spec.params else None


def counts(text: str, name: str) -> dict[str, int]:
    """``"80,27"`` or ``"80,27,2"`` -> ``{"for": 80, "against": 27, "abstain": 2}``."""
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) <= 12 for p in parts):
        raise InputError(f"{name}: expected FOR,AGAINST[,ABSTAIN] as whole numbers, got {text!r}")
    numbers = [int(p) for p in parts] + [0]
    return {"for": numbers[0], "against": numbers[1], "abstain": numbers[2]}


def typed(param: ParamSpec, value: Any, name: str) -> Any:
    """A raw value (text from a form or a command line, or already typed) as ``param`` declares it."""
    if param.type == "bool":
        return flag(value, name)
    if param.type == "int":
        return int(whole(value, name))
    if param.type == "date":
        return to_date(value, what=name)
    if param.type == "choice":
        text = str(value).strip()
        if param.choices and text not in param.choices:
            raise InputError(f"{name}: expected one of {', '.join(param.choices)}, got {text[:50]!r}")
        return text
    if param.type == "counts":
        return counts(value, name) if isinstance(value, str) else value
    if param.type == "table":
        if isinstance(value, str):
            try:
                value = yaml_load(value, source=name)
            except (yaml.YAMLError, ValueError) as exc:
                if isinstance(exc, InputError):
                    raise
                raise InputError(f"{name}: not a table: {exc}") from None
        if not isinstance(value, Mapping):
            raise InputError(f"{name}: expected a table (a mapping)")
        if len(value) > MAX_TABLE:
            raise InputError(f"{name}: at most {MAX_TABLE} entries")
        return dict(value)
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_TEXT:
        raise InputError(f"{name}: at most {MAX_TEXT} characters, got {len(text):,}")
    return text


def params(profile: Profile, act: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The act's parameters from raw values; unknown names and bad values are refused.

    ``None`` and empty text mean "not given". Names the act does not declare pass through
    only where the engine reads them from a vote (a tally per chamber); others are refused.
    """
    spec = profile.procedure.acts.get(act)
    if spec is None:
        known = ", ".join(sorted(profile.procedure.acts))
        raise InputError(f"unknown act {act!r} (acts of this profile: {known})")
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None or (isinstance(value, str) and not value.strip() and name in spec.params
                             and not spec.params[name].required):
            continue
        if name not in spec.params:
            if name in chambers(profile) and isinstance(value, (str, Mapping)):
                out[name] = counts(value, name) if isinstance(value, str) else dict(value)
                continue
            known = ", ".join(spec.params) or "none"
            raise InputError(f"act {act!r} takes no parameter {name!r} (parameters: {known})")
        out[name] = typed(spec.params[name], value, name)
    return out


@dataclass(frozen=True)
class Acted:
    """What an act did: the engine, the world after it, and the events it produced."""

    engine: Engine
    world: World
    events: tuple[Event, ...]
    world_name: str


def act(opened: Store, name: str, act_id: str, matter: str | None, raw: Mapping[str, Any], on: date | None,
        request: ProfileRequest | None = None) -> Acted:
    """Apply ``act_id`` on ``matter`` (``None``: the Republic) in world ``name``, atomically.

    The world is created on first use with ``request``'s profile. A refused act raises and
    writes nothing.
    """
    if request is not None and not _has(opened, name):
        open_profile(request)
    profile = _profile(opened, name, request)
    values = params(profile, act_id, raw) if act_id != ADVANCE else {}
    step = Step(on or date.today(), act_id, None if matter is None else matter_id(matter), values)
    if not _has(opened, name):
        # a new world: the act is checked on the empty world first, so that a refused act
        # makes no database, no table and no world
        engine = Engine(profile)
        empty = engine.initial()
        check_step(profile, empty, step)
        engine.apply(empty, step)
    ensure(opened, name, request)
    def in_range(first: date | None) -> None:
        check_date(profile, step.date, first)

    after, events = opened.apply(name, step, check=in_range)
    record = opened.world(name)
    return Acted(opened.engine(record), after, events, name)


def _has(opened: Store, name: str) -> bool:
    return opened.find_world(name) is not None


def _profile(opened: Store, name: str, request: ProfileRequest | None) -> Profile:
    record = opened.find_world(name)
    if record is not None:
        return opened.engine(record).profile
    return open_profile(request)


def load(opened: Store, name: str) -> tuple[Engine, World]:
    """The world ``name`` (its engine and current state); an unknown world is refused."""
    if opened.find_world(name) is None:
        known = ", ".join(w.name for w in opened.worlds()[:20]) or "none"
        raise Unknown(f"no world named {name!r} (worlds: {known})")
    return opened.load(name)


def worlds(opened: Store) -> list[dict[str, Any]]:
    return [{"name": w.name, "profile": w.profile, "overrides": dict(w.overrides), "setup": dict(w.setup),
             "steps": len(opened.steps(w.name))} for w in opened.worlds()]


WORLD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
WORLD_NAME_PATTERN = "^" + WORLD_NAME.pattern + "$"


def fork(opened: Store, name: str, new_name: str, at: Any) -> dict[str, Any]:
    """A new world ``new_name``: world ``name`` as it was after step ``at`` (0: before its
    first step), to go on from there (:meth:`Store.fork`; both logs stay append-only)."""
    if not WORLD_NAME.fullmatch(str(new_name)):
        raise InputError(f"world name {str(new_name)[:50]!r}: a letter or digit, then up to 99 letters, digits, "
                         "'_', '.' or '-'")
    seq = whole(at, "at")
    if seq is None or seq < 0:
        raise InputError(f"at: the step to fork after, a whole number ≥ 0, got {at!r}")
    if opened.find_world(name) is None:
        load(opened, name)  # refused with the known worlds
    record = opened.fork(name, new_name, int(seq))
    return {"name": record.name, "from": name, "at": int(seq), "steps": len(opened.steps(record.name)),
            "profile": record.profile}


def title_params(profile: Profile) -> dict[str, list[str]]:
    """Per kind of matter, the text parameters of the acts that create it (in declaration
    order): a matter's title is the first of them it was given (a bill's title, a nominee)."""
    out: dict[str, list[str]] = {}
    for kid, kind in profile.procedure.matters.items():
        names: list[str] = []
        for rule in kind.rules:
            spec = profile.procedure.acts.get(rule.act)
            if "new" in rule.from_ and spec is not None:
                names += [n for n, p in spec.params.items() if p.type == "str" and n not in names]
        out[kid] = names
    return out


def matters(profile: Profile, world: World, kind: str = "", status: str = "", q: str = "") -> list[dict[str, Any]]:
    """The world's matters (filtered by kind, state and a text in id or title), oldest first."""
    titles = title_params(profile)
    rows = []
    for m in sorted(world.matters.values(), key=lambda m: m.order):
        title = next((str(m.params[n]) for n in titles.get(m.kind, []) if m.params.get(n)), "")
        if (kind and m.kind != kind) or (status and m.state != status):
            continue
        if q and q.casefold() not in f"{m.id} {title}".casefold():
            continue
        rows.append({"id": m.id, "kind": m.kind, "state": m.state, "title": title,
                     "created": m.created.isoformat(), "since": m.entered.isoformat()})
    return rows


# ------------------------------------------------------------------- forms (the web's acts)


def forms(engine: Engine, world: World, matter_id: str | None) -> list[dict[str, Any]]:
    """One form per legal act: its fixed values, the inputs it needs, votes and deadline."""
    profile = engine.profile
    out = []
    acts = engine.legal_acts(world, matter_id)
    general = {a.act: a for a in sorted(acts, key=lambda a: len(a.fixed), reverse=True) if a.creates}
    for legal in acts:
        if legal.creates and general[legal.act] is not legal:
            continue  # one form per creating act: the engine picks the rule from the values
        spec = profile.procedure.acts[legal.act]
        vote_chambers = [v.chamber for v in legal.votes]
        chamber = chamber_param(spec)
        table = next((n for n, p in spec.params.items() if p.type == "table"), None)
        inputs = []
        for name, param in spec.params.items():
            if name in legal.fixed or param.type == "counts":
                continue
            if legal.votes and (name == chamber or name in COUNT_KEYS):
                continue
            if legal.referendum and name == table:
                continue
            inputs.append({"name": name, "type": param.type, "choices": list(param.choices),
                           "required": param.required, "default": param.default,
                           "description": dict(param.description)})
        out.append({**legal.to_dict(), "legal_label": legal.label(), "description": dict(spec.description), "inputs": inputs,
                    "vote_chambers": vote_chambers, "units": list(profile.units) if legal.referendum else []})
    return out


def step_of(engine: Engine, world: World, on: Any, act_id: str, matter: str | None, raw: Mapping[str, Any],
            horizon: int | None = None) -> Step:
    """A checked :class:`Step` for ``world``: its date within sense (:func:`check_date`), the
    matter's id well-formed (:func:`matter_id`), its parameters typed (:func:`params`)."""
    step = Step(to_date(on, what="date"), act_id, None if not matter else matter_id(matter),
                params(engine.profile, act_id, raw))
    return check_step(engine.profile, world, step, horizon)


def step_from_form(engine: Engine, form: Mapping[str, str]) -> Step:
    """A :class:`Step` from a submitted act form (``date``, ``act``, ``matter``, ``p.*``, ``v.*``, ``u.*``)."""
    profile = engine.profile
    act_id = str(form.get("act", "")).strip()
    if act_id not in profile.procedure.acts:
        raise InputError(f"unknown act {act_id!r}")
    on = to_date(str(form.get("date", "")), what="date")
    matter = str(form.get("matter", "")).strip() or None
    if matter is not None:
        matter = matter_id(matter)
    spec = profile.procedure.acts[act_id]
    raw: dict[str, Any] = {}
    for key, value in form.items():
        if key.startswith("p."):
            raw[key[2:]] = value
        elif key.startswith("fixed."):
            raw[key[6:]] = value
    vote_chambers = [c for c in str(form.get("vote_chambers", "")).split(",") if c]
    chamber = chamber_param(spec)
    if len(vote_chambers) == 1 and chamber is not None:
        only = vote_chambers[0]
        raw.setdefault(chamber, only)
        for part in COUNT_KEYS:
            raw[part] = _form_count(form, f"v.{only}.{part}", 0 if part == COUNT_KEYS[-1] else None)
    else:
        for c in vote_chambers:
            raw[c] = {part: _form_count(form, f"v.{c}.{part}", 0 if part == COUNT_KEYS[-1] else None)
                      for part in COUNT_KEYS}
    units = {k[2:].rsplit(".", 1)[0] for k in form if k.startswith("u.")}
    table = next((n for n, p in spec.params.items() if p.type == "table"), None)
    if units and table is not None:
        raw[table] = {u: {"yes": _form_count(form, f"u.{u}.yes", 0), "no": _form_count(form, f"u.{u}.no", 0)}
                      for u in sorted(units)}
    return Step(on, act_id, matter, params(profile, act_id, raw))


def _form_count(form: Mapping[str, str], key: str, default: int | None) -> int:
    raw = str(form.get(key, "")).strip()
    if raw == "":
        if default is None:
            raise InputError(f"{key}: a whole number is needed")
        return default
    return int(whole(raw, key))


# ------------------------------------------------------------------------------ examples


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


def ensure_with_examples(opened: Store, name: str, request: ProfileRequest, examples: bool) -> None:
    """Create a world on first start, with the examples' acts when asked and when its profile
    is the examples' own (their acts are written for it)."""
    if opened.find_world(name) is not None:
        return
    ensure(opened, name, request)
    if examples and request.name == DEFAULT_PROFILE and not request.sets:
        for step in example_steps():
            opened.apply(name, step)


def scenario_data(text: str) -> Any:
    """A scenario's data from uploaded YAML or JSON text (bounded in size and steps)."""
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise InputError(f"scenario: larger than {MAX_SCENARIO_BYTES} bytes")
    try:
        data = yaml_load(text, source="scenario")
    except yaml.YAMLError as exc:
        raise InputError(f"scenario: not valid YAML or JSON: {exc}") from None
    except InputError:
        raise
    except ValueError as exc:
        raise InputError(f"scenario: {exc}") from None
    scenario = parse_scenario(data)
    if len(scenario.steps) > MAX_SCENARIO_STEPS:
        raise InputError(f"scenario: more than {MAX_SCENARIO_STEPS} steps")
    return scenario


def units_table(text: str, source: str) -> dict[str, Any]:
    """A referendum's units from YAML/JSON text: unit -> {yes: n, no: n}."""
    try:
        loaded = yaml_load(text, source=source)
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: not valid YAML or JSON: {exc}") from None
    except InputError:
        raise
    except ValueError as exc:
        raise InputError(f"{source}: {exc}") from None
    if not isinstance(loaded, dict):
        raise InputError(f"{source}: expected a mapping unit -> {{yes: n, no: n}}")
    out = {}
    for unit, value in loaded.items():
        if not isinstance(value, dict):
            raise InputError(f"{source}: unit {unit!r}: expected {{yes: n, no: n}}, got {json.dumps(value, default=str)}")
        out[str(unit)] = {("yes" if k is True else "no" if k is False else str(k)): v for k, v in value.items()}
    return out


# ----------------------------------------------------------------------------- scenarios


def scenario_engine(scenario: Any, request: ProfileRequest | None = None, *, files: bool = True) -> Engine:
    """The engine a scenario runs on: its own profile and overrides, or ``request``'s profile
    with the scenario's overrides and ``request``'s on top."""
    ref = request.ref if request is not None and request.ref else scenario.profile_ref()
    as_of = request.as_of if request is not None else None
    return Engine(open_profile(ProfileRequest.of(ref, as_of, _overrides(scenario, request)), files=files))


def run_scenario(scenario: Any, request: ProfileRequest | None = None, *, opened: Store | None = None,
                 world: str | None = None, files: bool = True) -> tuple[Engine, Any]:
    """Run a scenario: in memory, or (with ``opened``) recorded as a new world. Returns the
    engine and the run's result (steps, outcomes, ``expect_met``)."""
    from respublika.procedure import MemorySession, run
    from respublika.store import StoredWorld

    engine = scenario_engine(scenario, request, files=files)
    check_scenario_dates(scenario)
    if opened is None:
        return engine, run(scenario, MemorySession(engine, engine.initial(scenario.setup)))
    stem = scenario.source.stem if scenario.source is not None else "scenario"
    name = world or _free_name(opened, stem)
    opened.create_world(name, _scenario_ref(scenario, request), _overrides(scenario, request), dict(scenario.setup))
    return engine, run(scenario, StoredWorld(opened, name))


def _overrides(scenario: Any, request: ProfileRequest | None) -> dict[str, Any]:
    return {**dict(scenario.overrides), **(request.overrides() if request is not None else {})}


def _scenario_ref(scenario: Any, request: ProfileRequest | None) -> str:
    ref = request.ref if request is not None and request.ref else scenario.profile_ref()
    return _ref(ProfileRequest.of(ref, request.as_of if request is not None else None))


def _free_name(opened: Store, stem: str) -> str:
    taken = {w.name for w in opened.worlds()}
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def matter_kind(profile: Profile, name: str | None = None) -> str:
    """A kind of matter of the profile by id (the first one declared when ``name`` is None)."""
    kinds = list(profile.procedure.matters)
    if name is None:
        if not kinds:
            raise InputError(f"profile {profile.id!r} declares no kind of matter")
        return kinds[0]
    if name not in profile.procedure.matters:
        raise InputError(f"unknown kind of matter {name!r} (kinds: {', '.join(kinds)})")
    return name
