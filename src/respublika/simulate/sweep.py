"""Institutional-design sweeps: every combination of a grid, one row of outcomes per run.

A grid (a mapping, e.g. read from YAML by the CLI) names

==========  =====================================================================
key         value
==========  =====================================================================
profiles    a profile (name or file) or a list of them (``profile`` also accepted)
set         a list of override sets, each ``{KEY: VALUE}`` (or a list of ``"KEY=VALUE"``
            strings) as ``--set`` takes them; default ``[{}]`` (the profile as it is)
params      behaviour parameters, each a value or a list of values (``rate``,
            ``parties.Centre.share``, ``delays.chamber``, ... as ``--param`` takes them);
            every combination of the lists
years       a whole number or a list of them (default 30)
seeds       a count ``N`` (seeds 1..N), a list of seeds, or ``{start: S, count: N}``
acts        ``{ROLE: ACT}`` for every run (as ``--act``), optional
==========  =====================================================================

Runs are the product profiles × set × params × years × seeds, in that order (the seed
varies fastest). Each run's seed is the grid's, so its row depends only on the run: the
table is the same whatever the number of workers or machines (:mod:`respublika.simulate.distributed`).

A row (:func:`run_one`) holds the grid's columns (``run``, ``key``, ``profile``, ``set``,
``set.KEY`` for each overridden key, ``param.KEY`` for each parameter, ``years``,
``seed``, ``largest_share``: the largest party's share of the vote at the start, after the
shares are normalized) and the outcomes the report computes (``introduced``, ``passed``,
``failed``, ``vetoed``, ``overridden``, ``override_rate`` = overridden / vetoed,
``median_days_to_law``, ``mean_days_to_law``, ``dissolutions``, ``crises``,
``refusals``, ``events``, ``steps``). ``key`` identifies a run's combination (a hash of
its configuration): a partial table is resumed by skipping the keys it holds.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from respublika.errors import InputError
from respublika.simulate.params import SimParams, normalized_shares

KEYS = ("profiles", "profile", "set", "params", "years", "seeds", "acts")
OUTCOME_COLUMNS = ("introduced", "passed", "failed", "vetoed", "overridden", "override_rate",
                   "median_days_to_law", "mean_days_to_law", "dissolutions", "crises", "refusals",
                   "events", "steps")


def _values(name: str, value: Any) -> list[Any]:
    values = list(value) if isinstance(value, list | tuple) else [value]
    if not values:
        raise InputError(f"grid: {name} is an empty list")
    return values


def _whole(name: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(f"grid: {name} must be a whole number of at least {low}, got {value!r}")
    return value


def _override_set(i: int, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list | tuple):
        out: dict[str, Any] = {}
        for text in value:
            key, eq, val = str(text).partition("=")
            if not eq or not key.strip():
                raise InputError(f"grid: set[{i}]: expected KEY=VALUE, got {text!r}")
            out[key.strip()] = val.strip()
        return out
    raise InputError(f"grid: set[{i}] must be a mapping KEY: VALUE or a list of KEY=VALUE, got {value!r}")


@dataclass(frozen=True)
class Grid:
    """A checked grid (see the module docstring)."""

    profiles: tuple[str, ...]
    sets: tuple[dict[str, Any], ...] = ({},)
    params: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    years: tuple[int, ...] = (30,)
    seeds: tuple[int, ...] = (1,)
    acts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Any) -> Grid:
        if not isinstance(data, Mapping):
            raise InputError("grid: expected a mapping with profiles, set, params, years and seeds")
        unknown = sorted(set(map(str, data)) - set(KEYS))
        if unknown:
            raise InputError(f"grid: unknown key(s) {', '.join(unknown)} (known: {', '.join(KEYS)})")
        if "profiles" in data and "profile" in data:
            raise InputError("grid: give profiles or profile, not both")
        raw = data.get("profiles", data.get("profile"))
        if raw is None:
            raise InputError("grid: profiles is missing (a profile name or file, or a list of them)")
        profiles = tuple(str(p) for p in _values("profiles", raw))
        sets = tuple(_override_set(i, s) for i, s in enumerate(_values("set", data.get("set", [{}]))))
        params_raw = data.get("params") or {}
        if not isinstance(params_raw, Mapping):
            raise InputError("grid: params must be a mapping NAME: value or NAME: [values]")
        params = {str(k): tuple(_values(f"params.{k}", v)) for k, v in params_raw.items()}
        years = tuple(_whole("years", y, 1) for y in _values("years", data.get("years", 30)))
        seeds_raw = data.get("seeds", 1)
        if isinstance(seeds_raw, Mapping):
            extra = sorted(set(seeds_raw) - {"start", "count"})
            if extra:
                raise InputError(f"grid: seeds takes start and count, not {', '.join(map(str, extra))}")
            start = _whole("seeds.start", seeds_raw.get("start", 1), 0)
            count = _whole("seeds.count", seeds_raw.get("count", 1), 1)
            seeds = tuple(range(start, start + count))
        elif isinstance(seeds_raw, list | tuple):
            seeds = tuple(_whole("seeds[]", s, 0) for s in _values("seeds", seeds_raw))
        else:
            seeds = tuple(range(1, _whole("seeds", seeds_raw, 1) + 1))
        if any(s >= 2**63 for s in seeds):
            raise InputError("grid: seeds must be below 2**63")
        acts_raw = data.get("acts") or {}
        if not isinstance(acts_raw, Mapping):
            raise InputError("grid: acts must be a mapping ROLE: ACT")
        grid = cls(profiles, sets, params, years, seeds, {str(k): str(v) for k, v in acts_raw.items()})
        for combo in grid.param_combinations():
            SimParams().with_values(combo)  # a bad parameter fails here, before any run
        return grid

    def param_combinations(self) -> list[dict[str, Any]]:
        names = list(self.params)
        return [dict(zip(names, values, strict=True)) for values in itertools.product(*self.params.values())]

    def set_keys(self) -> list[str]:
        return sorted({k for s in self.sets for k in s})

    def runs(self) -> list[dict[str, Any]]:
        """Every run's payload for :func:`run_one`, in the grid's order."""
        out: list[dict[str, Any]] = []
        keys, pnames = self.set_keys(), list(self.params)
        for profile, overrides, params, years, seed in itertools.product(
                self.profiles, self.sets, self.param_combinations(), self.years, self.seeds):
            spec = {"profile": profile, "overrides": overrides, "params": params, "years": years,
                    "seed": seed, "acts": self.acts}
            out.append({"run": len(out), "key": run_key(spec), "spec": spec, "set_keys": keys,
                        "param_names": pnames})
        return out

    def __len__(self) -> int:
        return (len(self.profiles) * len(self.sets) * len(self.param_combinations()) * len(self.years)
                * len(self.seeds))


def run_key(spec: Mapping[str, Any]) -> str:
    """A stable identifier of a run's configuration (16 hex digits of its SHA-256)."""
    text = json.dumps(spec, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def set_label(overrides: Mapping[str, Any]) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted(overrides.items()))


_profiles: dict[str, Any] = {}


def _profile(config: Any) -> Any:
    key = json.dumps([config.profile, config.overrides], sort_keys=True, default=str)
    if key not in _profiles:
        _profiles[key] = config.load()
    return _profiles[key]


def run_one(payload: Mapping[str, Any]) -> dict[str, Any]:
    """One run of the grid, in memory: its row (see the module docstring)."""
    from respublika.simulate.run import SimulationConfig, simulation_for

    spec = payload["spec"]
    params = SimParams().with_values(spec["params"])
    config = SimulationConfig(spec["profile"], dict(spec["overrides"]), params, int(spec["seed"]),
                              int(spec["years"]), dict(spec["acts"]))
    sim = simulation_for(config, _profile(config), keep_log=False)
    sim.run()
    summary = sim.recorder.summary()
    days = sim.recorder.days_to_law
    row: dict[str, Any] = {"run": payload["run"], "key": payload["key"], "profile": spec["profile"],
                           "set": set_label(spec["overrides"])}
    for k in payload["set_keys"]:
        value = spec["overrides"].get(k)
        row[f"set.{k}"] = None if value is None else str(value)
    for k in payload["param_names"]:
        row[f"param.{k}"] = spec["params"][k]
    row.update({"years": spec["years"], "seed": spec["seed"], "largest_share": round(max(normalized_shares(params)), 6)})
    vetoed = int(summary["vetoed"])
    row.update({k: summary[k] for k in ("introduced", "passed", "failed", "vetoed", "overridden")})
    row["override_rate"] = summary["overridden"] / vetoed if vetoed else None
    row["median_days_to_law"] = summary["median_days_to_law"]
    row["mean_days_to_law"] = round(sum(days) / len(days), 3) if days else None
    row.update({k: summary[k] for k in ("dissolutions", "crises", "refusals", "events", "steps")})
    return row


def columns(grid: Grid) -> list[str]:
    """The table's columns, in order."""
    return ["run", "key", "profile", "set", *(f"set.{k}" for k in grid.set_keys()),
            *(f"param.{k}" for k in grid.params), "years", "seed", "largest_share", *OUTCOME_COLUMNS]


def check_profiles(grid: Grid, open_profile: Any) -> None:
    """Open every (profile, set) pair once with ``open_profile(ref, overrides)`` (bad ones fail here)."""
    for profile in grid.profiles:
        for overrides in grid.sets:
            open_profile(profile, overrides)


def rows_in_order(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return sorted(rows, key=lambda r: int(r["run"]))
