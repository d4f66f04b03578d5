"""Scenario files: a profile, an optional setup, dated steps and the expected statuses.

The format is documented in ``docs/scenarios.md``. A step is a mapping with ``date``,
``act``, ``bill`` (any matter's id; ``matter`` is a synonym), optional ``expect_error``
and ``note``, and the act's parameters. Running a scenario applies each step through a
world holder (:class:`~respublika.procedure.holder.WorldHolder`: :class:`MemorySession`
here, or :class:`respublika.store.StoredWorld` on a database) and compares the final
statuses with ``expect``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from respublika.errors import InputError
from respublika.procedure.engine import Engine
from respublika.procedure.holder import WholeWorld, WorldHolder
from respublika.procedure.model import Event, Step, StepResult, World, jsonable, to_date
from respublika.profile.bounded import json_loads, yaml_load
from respublika.profile.loader import DEFAULT_PROFILE

TOP_KEYS = {"profile", "set", "setup", "steps", "expect", "expect_republic", "title", "description"}
STEP_KEYS = {"date", "act", "bill", "matter", "expect_error", "note"}


class ScenarioError(InputError):
    """A scenario file that cannot be read (not a refused step: those are results)."""


@dataclass(frozen=True)
class ScenarioStep:
    step: Step
    expect_error: bool = False
    note: str = ""


@dataclass(frozen=True)
class Scenario:
    profile: str = DEFAULT_PROFILE
    overrides: Mapping[str, Any] = field(default_factory=dict)
    setup: Mapping[str, Any] = field(default_factory=dict)
    steps: tuple[ScenarioStep, ...] = ()
    expect: Mapping[str, str] = field(default_factory=dict)
    expect_republic: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""
    source: Path | None = None

    def profile_ref(self) -> str:
        """The profile name, or its path resolved against the scenario's folder."""
        if self.source is not None and ("/" in self.profile or self.profile.endswith((".toml", ".json"))):
            candidate = self.source.parent / self.profile
            if candidate.exists():
                return str(candidate)
        return self.profile


def _step(raw: Any, index: int) -> ScenarioStep:
    where = f"steps[{index}]"
    if not isinstance(raw, Mapping):
        raise ScenarioError(f"{where}: a step must be a mapping, got {raw!r}")
    for key in ("date", "act"):
        if key not in raw:
            raise ScenarioError(f"{where}: missing {key!r}")
    if "bill" in raw and "matter" in raw:
        raise ScenarioError(f"{where}: give bill or matter, not both")
    matter = raw.get("bill", raw.get("matter"))
    if matter is not None and (isinstance(matter, bool) or not isinstance(matter, str | int) or str(matter) == ""):
        raise ScenarioError(f"{where}: bill must be an id like B1, got {matter!r}")
    expect_error = raw.get("expect_error", False)
    if not isinstance(expect_error, bool):
        raise ScenarioError(f"{where}: expect_error must be true or false")
    try:
        on = to_date(raw["date"], what=f"{where}.date")
    except InputError as exc:
        raise ScenarioError(str(exc)) from None
    params = {str(k): _unbool_keys(v) for k, v in raw.items() if k not in STEP_KEYS}
    step = Step(date=on, act=str(raw["act"]), matter=None if matter is None else str(matter), params=params)
    return ScenarioStep(step=step, expect_error=expect_error, note=str(raw.get("note", "")))


def _unbool_keys(value: Any) -> Any:
    """Undo YAML 1.1 reading the keys ``yes``/``no`` (and ``on``/``off``) as booleans."""
    if isinstance(value, Mapping):
        return {("yes" if k else "no") if isinstance(k, bool) else k: _unbool_keys(v) for k, v in value.items()}
    return value


def parse_scenario(data: Any, source: Path | None = None) -> Scenario:
    """A :class:`Scenario` from parsed YAML/JSON; raise :class:`ScenarioError` if malformed."""
    if not isinstance(data, Mapping):
        raise ScenarioError("a scenario must be a mapping with steps (and profile, expect, setup)")
    unknown = sorted(set(map(str, data)) - TOP_KEYS)
    if unknown:
        raise ScenarioError(f"unknown keys {unknown} (known: {', '.join(sorted(TOP_KEYS))})")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise ScenarioError("steps: expected a non-empty list of steps")
    expect = data.get("expect") or {}
    setup = data.get("setup") or {}
    overrides = data.get("set") or {}
    expect_republic = data.get("expect_republic") or {}
    for name, value in (("expect", expect), ("setup", setup), ("set", overrides),
                        ("expect_republic", expect_republic)):
        if not isinstance(value, Mapping):
            raise ScenarioError(f"{name}: expected a mapping")
    profile = data.get("profile", DEFAULT_PROFILE)
    if not isinstance(profile, str):
        raise ScenarioError("profile: expected a profile name or path")
    return Scenario(
        profile=profile, overrides={str(k): v for k, v in overrides.items()}, setup=dict(setup),
        steps=tuple(_step(s, i) for i, s in enumerate(steps)),
        expect={str(k): str(v) for k, v in expect.items()},
        expect_republic={str(k): jsonable(v) for k, v in expect_republic.items()},
        title=str(data.get("title", "")), source=source,
    )


MAX_SCENARIO_FILE_BYTES = 2_000_000
"""A scenario file larger than this is refused before it is parsed (about 50,000 short steps)."""
MAX_SCENARIO_FILE_STEPS = 20_000
"""At most this many steps in one scenario file: a run's time and memory stay bounded."""


def load_scenario(path: str | Path) -> Scenario:
    """Read a YAML or JSON scenario file (at most :data:`MAX_SCENARIO_FILE_BYTES` bytes and
    :data:`MAX_SCENARIO_FILE_STEPS` steps; YAML aliases and JSON nesting bounded)."""
    if not isinstance(path, str | Path):
        raise ScenarioError(f"expected a scenario file's path, got {type(path).__name__}")
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_file() and size > MAX_SCENARIO_FILE_BYTES:
            raise ScenarioError.of("{path}: {size} bytes; a scenario file may have at most {limit}",
                                   path=str(path), size=f"{size:,}", limit=f"{MAX_SCENARIO_FILE_BYTES:,}")
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError.of("{path}: not UTF-8 text", path=str(path)) from None
    except OSError as exc:
        raise ScenarioError(f"cannot read {path}: {exc.strerror}") from None
    try:
        if path.suffix == ".json":
            data = json_loads(text, source=str(path))
        else:
            data = yaml_load(text, source=str(path))
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: JSON, or a date like 2010-02-30
        if isinstance(exc, InputError):
            raise ScenarioError(str(exc)) from None
        raise ScenarioError(f"{path}: not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {exc}") from None
    steps = data.get("steps") if isinstance(data, Mapping) else None
    if isinstance(steps, list) and len(steps) > MAX_SCENARIO_FILE_STEPS:
        raise ScenarioError.of("{path}: {count} steps; a scenario may have at most {limit}",
                               path=str(path), count=f"{len(steps):,}", limit=f"{MAX_SCENARIO_FILE_STEPS:,}")
    try:
        return parse_scenario(data, source=path)
    except ScenarioError as exc:
        raise ScenarioError(f"{path}: {exc}") from None


Session = WorldHolder
"""Where a scenario's steps go (the name this module used before :mod:`.holder`)."""


class MemorySession(WholeWorld):
    """A world kept in memory, whole (a :class:`~respublika.procedure.holder.WorldHolder`)."""

    def __init__(self, engine: Engine, world: World) -> None:
        self.engine = engine
        self._world = world

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        self._world, events = self.engine.apply(self._world, step)
        return events

    def step(self, step: Step) -> StepResult:
        result = self.engine.step(self._world, step)
        self._world = result.world
        return result


@dataclass(frozen=True)
class StepOutcome:
    index: int
    step: ScenarioStep
    ok: bool
    error: str | None
    events: tuple[Event, ...]
    status_after: Mapping[str, str]
    exception: BaseException | None = None
    """the refusal itself (``error`` is its English text), for a renderer to say it in a language"""

    @property
    def as_expected(self) -> bool:
        return self.ok != self.step.expect_error


@dataclass(frozen=True)
class RunResult:
    scenario: Scenario
    steps: tuple[StepOutcome, ...]
    final: Mapping[str, str]
    world: World
    unmet: tuple[str, ...]
    problems: tuple[dict[str, Any], ...] = ()
    """``unmet`` as data (``{"what": "accepted"|"refused"|"matter"|"republic", ...}``), for renderers"""

    @property
    def expect_met(self) -> bool:
        return not self.unmet


def run(scenario: Scenario, session: WorldHolder) -> RunResult:
    """Apply every step through ``session`` (any world holder: in memory, or a stored world);
    refused steps change nothing but the clock. Then check ``expect``."""
    outcomes = []
    unmet: list[str] = []
    problems: list[dict[str, Any]] = []
    for i, sstep in enumerate(scenario.steps):
        result = session.step(sstep.step)
        error = None if result.error is None else str(result.error)
        outcome = StepOutcome(i, sstep, result.ok, error, result.events, _touched(result.world, sstep.step, result.events),
                              result.error)
        outcomes.append(outcome)
        if not outcome.as_expected:
            s = sstep.step
            what = f"step {i + 1} ({s.date} {s.act}{' ' + s.matter if s.matter else ''})"
            unmet.append(f"{what} was accepted but expect_error is true" if result.ok
                         else f"{what} was refused: {error}")
            problems.append({"what": "accepted" if result.ok else "refused", "step": i + 1, "date": s.date,
                             "act": s.act, "matter": s.matter, "error": result.error})
    world = session.world
    final = world.status()
    for matter, wanted in scenario.expect.items():
        state = final.get(matter)
        if state != wanted:
            unmet.append(f"{matter}: expected {wanted}, got {state or 'no such matter'}")
            problems.append({"what": "matter", "matter": matter, "expected": wanted, "got": state})
    for key, value in scenario.expect_republic.items():
        got = world.dissolved if key == "dissolved" else world.republic.get(key)
        if got != value:
            unmet.append(f"republic {key}: expected {value!r}, got {got!r}")
            problems.append({"what": "republic", "var": key, "expected": value, "got": got})
    return RunResult(scenario, tuple(outcomes), final, world, tuple(unmet), tuple(problems))


def _touched(world: World, step: Step, events: Iterable[Event]) -> dict[str, str]:
    """The state after a step of each matter it touched (its own, and those its events moved):
    constant in the world's size, so a long scenario's run stays linear."""
    ids = dict.fromkeys([*([step.matter] if step.matter else []), *(e.matter for e in events if e.matter)])
    return {m: world.matters[m].state for m in ids if m in world.matters}


def run_in_memory(scenario: Scenario, engine: Engine) -> RunResult:
    return run(scenario, MemorySession(engine, engine.initial(scenario.setup)))
