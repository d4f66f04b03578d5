"""Loading profiles: shipped names or files, derivation (``extends``), ``--set`` overrides.

A derived profile is a small TOML file with ``extends = "seed"`` and the values it changes.
Tables merge key by key; a list of tables whose items have an ``id`` merges item by item
(so a reform can change one procedure rule); any other list is replaced whole.
The merged data is validated like any profile; a broken one is refused whole.
"""

from __future__ import annotations

import copy
import itertools
import json
import tomllib
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from respublika.errors import ProfileError
from respublika.profile.schema import Profile
from respublika.profile.validate import check

MAX_DEPTH = 8
DEFAULT_PROFILE = "seed"
"""The profile used when none is named (the specification's own); named here only."""


def shipped_profiles() -> list[str]:
    """Names of the profiles that ship inside the package (``seed`` first)."""
    names = sorted(
        entry.name.removesuffix(".toml")
        for entry in resources.files("respublika.profiles").iterdir()
        if entry.name.endswith(".toml")
    )
    return sorted(names, key=lambda n: (n != DEFAULT_PROFILE, n))


def _read_text_source(ref: str, base_dir: Path | None) -> tuple[dict[str, Any], Path | None]:
    if ref in shipped_profiles() and not ref.endswith((".toml", ".json")):
        text = resources.files("respublika.profiles").joinpath(f"{ref}.toml").read_text("utf-8")
        return _parse(text, ref, "toml"), None
    path = Path(ref)
    if not path.is_absolute() and base_dir is not None and not _exists(path):
        path = base_dir / path
    if not _exists(path):
        known = ", ".join(shipped_profiles())
        raise ProfileError(f"no profile named {ref!r} (shipped: {known}) and no such file", ref)
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(f"{path}: not UTF-8 text (byte {exc.start})", ref) from None
    except OSError as exc:
        raise ProfileError(f"cannot read {path}: {exc.strerror}", ref) from exc
    return _parse(text, str(path), "json" if path.suffix == ".json" else "toml"), path.parent


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long, a bad character: no such file
        return False


def _parse(text: str, source: str, fmt: str) -> dict[str, Any]:
    try:
        data = json.loads(text) if fmt == "json" else tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"{fmt.upper()} syntax: {exc}", source) from exc
    except RecursionError:
        raise ProfileError(f"{fmt.upper()}: nested too deep", source) from None
    if not isinstance(data, dict):
        raise ProfileError("the top level must be a table", source)
    return data


def merge(base: Any, override: Any) -> Any:
    """Deep-merge ``override`` onto ``base`` (neither is modified)."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    if _is_id_list(base) and _is_id_list(override):
        out_list = [copy.deepcopy(item) for item in base]
        index = {item["id"]: i for i, item in enumerate(out_list)}
        for item in override:
            if item["id"] in index:
                out_list[index[item["id"]]] = merge(out_list[index[item["id"]]], item)
            else:
                out_list.append(copy.deepcopy(item))
        return out_list
    return copy.deepcopy(override)


def _is_id_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "id" in item for item in value)
    )


def parse_assignment(text: str) -> tuple[str, Any]:
    """``"a.b=value"`` -> (``"a.b"``, value); the value is read as TOML, else as a string."""
    if "=" not in text:
        raise ProfileError(f"--set {text!r}: expected KEY=VALUE")
    key, raw = text.split("=", 1)
    key = key.strip()
    if not key:
        raise ProfileError(f"--set {text!r}: empty key")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    return key, value


def overrides_dict(overrides: Mapping[str, Any] | list[str] | tuple[str, ...] | None) -> dict[str, Any]:
    """``["a.b=1"]`` (command-line form) or ``{"a.b": 1}`` -> ``{"a.b": 1}``."""
    if overrides is None:
        return {}
    if isinstance(overrides, Mapping):
        return dict(overrides)
    return dict(parse_assignment(item) for item in overrides)


def set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``dotted`` (``a.b.c``; a list item is named by its ``id``) in ``data`` in place."""
    parts = dotted.split(".")
    node: Any = data
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        where = ".".join(parts[: depth + 1])
        if isinstance(node, dict):
            if last:
                node[part] = copy.deepcopy(value)
                return
            if part not in node:
                node[part] = {}
            node = node[part]
        elif isinstance(node, list):
            match = [item for item in node if isinstance(item, dict) and item.get("id") == part]
            if not match:
                ids = ", ".join(str(item.get("id")) for item in node if isinstance(item, dict))
                raise ProfileError(f"{dotted}: no item with id {part!r} at {where} (ids: {ids})")
            if last:
                raise ProfileError(f"{dotted}: cannot replace a whole list item; set its fields")
            node = match[0]
        else:
            raise ProfileError(f"{dotted}: {'.'.join(parts[:depth])} is a value, not a table")


def load_raw(
    ref: str = DEFAULT_PROFILE, *, base_dir: Path | None = None, _chain: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The merged data of a profile, following ``extends``, before validation."""
    if not isinstance(ref, str):
        raise ProfileError(f"expected a profile name or path as text, got {type(ref).__name__}")
    if len(_chain) > MAX_DEPTH or ref in _chain:
        raise ProfileError(f"extends forms a loop or is too deep: {' -> '.join((*_chain, ref))}", ref)
    data, here = _read_text_source(ref, base_dir)
    parent = data.get("extends")
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ProfileError(f"extends: expected a profile name or path, got {parent!r}", ref)
    base = load_raw(parent, base_dir=here, _chain=(*_chain, ref))
    merged: dict[str, Any] = merge(base, data)
    return merged


def from_data(data: dict[str, Any], *, source: str = "profile") -> Profile:
    """Validate merged data into a :class:`Profile`, or raise one error listing every problem."""
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown key"
            elif err["type"] == "less_than_equal":
                msg = f"at most {err.get('ctx', {}).get('le', '?'):,}, got {err.get('input')!r:.40}"
            problems.append(f"{loc}: {msg}")
        raise ProfileError(problems, source) from None
    except ProfileError:
        raise
    except ValueError as exc:  # e.g. a fraction the BeforeValidator could not read
        raise ProfileError(str(exc), source) from None
    problems = check(profile)
    if problems:
        raise ProfileError(problems, source)
    return profile


def split_ref(ref: str) -> tuple[str, date | None]:
    """``"kz@2012-01-01"`` -> (``"kz"``, 2012-01-01); a plain name has no date."""
    name, sep, when = ref.rpartition("@")
    if not sep or not name:
        return ref, None
    try:
        return name, date.fromisoformat(when.strip())
    except ValueError:
        raise ProfileError(f"{ref!r}: {when!r} after '@' is not a date (YYYY-MM-DD)", ref) from None


def resolve_versions(data: dict[str, Any], as_of: date | None, source: str) -> dict[str, Any]:
    """Apply the ``[[versions]]`` in force on ``as_of`` (the latest when ``None``).

    Each version may ``remove`` dotted paths (a chamber that ceased to exist) and then
    merges its ``changes`` like a derived profile. The result keeps every version's
    metadata in ``versions`` and names the one in force in ``version``.
    """
    versions = data.get("versions")
    if not versions:
        if as_of is not None:
            raise ProfileError(f"profile {source!r} is not dated; it has no versions to choose by date", source)
        return data
    if not isinstance(versions, list) or not all(isinstance(v, dict) for v in versions):
        raise ProfileError("versions: expected an array of tables ([[versions]])", source)
    seen: dict[object, int] = {}
    for i, version in enumerate(versions):
        if not isinstance(version.get("effective"), date) or "id" not in version:
            raise ProfileError(f"versions[{i}]: each version needs an id and an effective date", source)
        if not isinstance(version.get("changes", {}), dict):
            raise ProfileError(f"versions[{i}] ({version['id']}): changes must be a table of values, "
                               f"got {type(version['changes']).__name__}", source)
        removed = version.get("remove", [])
        if not isinstance(removed, list) or not all(isinstance(r, str) for r in removed):
            raise ProfileError(f"versions[{i}] ({version['id']}): remove must be a list of dotted paths", source)
        if version["id"] in seen:
            raise ProfileError(f"versions[{i}]: the id {version['id']!r} is given twice "
                               f"(versions[{seen[version['id']]}] has it)", source)
        seen[version["id"]] = i
    for earlier, later in itertools.pairwise(versions):
        if earlier["effective"] == later["effective"]:
            raise ProfileError(f"versions {earlier['id']!r} and {later['id']!r} both take effect on "
                               f"{later['effective']}; one version per date", source)
    ordered = sorted(versions, key=lambda v: v["effective"])
    if ordered != versions:
        raise ProfileError("versions: list them in order of their effective dates", source)
    when = as_of or ordered[-1]["effective"]
    if when < ordered[0]["effective"]:
        raise ProfileError(
            f"{when} is before the first version of {source!r} (in force from {ordered[0]['effective']})", source
        )
    base = {k: v for k, v in data.items() if k != "versions"}
    in_force = ordered[0]
    for version in ordered:
        if version["effective"] > when:
            break
        for path in version.get("remove", []):
            delete_path(base, path, source)
        base = merge(base, version.get("changes", {}))
        in_force = version
    base["versions"] = [{k: v for k, v in version.items() if k not in ("changes", "remove")} for version in ordered]
    base["version"] = in_force["id"]
    base["as_of"] = when
    return base


def delete_path(data: dict[str, Any], dotted: str, source: str = "profile") -> None:
    """Remove ``dotted`` (a table key, or a list item by ``id``) from ``data`` in place."""
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list):
            node = next((i for i in node if isinstance(i, dict) and i.get("id") == part), None)
        else:
            node = None
        if node is None:
            raise ProfileError(f"remove {dotted!r}: {part!r} does not exist", source)
    if isinstance(node, dict) and last in node:
        del node[last]
    elif isinstance(node, list) and any(isinstance(i, dict) and i.get("id") == last for i in node):
        node[:] = [i for i in node if not (isinstance(i, dict) and i.get("id") == last)]
    else:
        raise ProfileError(f"remove {dotted!r}: {last!r} does not exist", source)


def load_profile(
    ref: str = DEFAULT_PROFILE,
    *,
    overrides: list[str] | dict[str, Any] | None = None,
    as_of: date | str | None = None,
) -> Profile:
    """Load a shipped profile by name, or a file, apply ``--set`` overrides, validate it.

    ``overrides`` is a list of ``"key=value"`` strings (as on the command line) or a dict.
    A dated profile resolves to the version in force on ``as_of`` (or ``ref`` written as
    ``name@YYYY-MM-DD``); without a date, to its latest version.
    """
    if not isinstance(ref, str):
        raise ProfileError(f"expected a profile name or path as text, got {type(ref).__name__}")
    if overrides is not None and not isinstance(overrides, dict) and (
            not isinstance(overrides, list | tuple) or not all(isinstance(o, str) for o in overrides)):
        raise ProfileError(f"overrides: expected a list of 'KEY=VALUE' texts or a dict, got {type(overrides).__name__}")
    if as_of is not None and not isinstance(as_of, date | str):
        raise ProfileError(f"as_of: expected a date or 'YYYY-MM-DD', got {type(as_of).__name__}")
    name, dated = split_ref(ref)
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError:
            raise ProfileError(f"as of {as_of!r}: not a date (YYYY-MM-DD)", ref) from None
    if dated is not None and as_of is not None and dated != as_of:
        raise ProfileError(f"{ref!r} and as_of={as_of} name two different dates", ref)
    data = resolve_versions(copy.deepcopy(load_raw(name)), as_of or dated, name)
    pairs: list[tuple[str, Any]]
    if overrides is None:
        pairs = []
    elif isinstance(overrides, dict):
        pairs = list(overrides.items())
    else:
        pairs = [parse_assignment(text) for text in overrides]
    for key, value in pairs:
        set_path(data, key, value)
    return from_data(data, source=ref)
