"""Differences between two profiles: every changed value with the citations on both sides."""

from __future__ import annotations

from typing import Any

from respublika.profile.schema import Profile

SKIP = {"id", "title", "description", "extends"}


def _flatten(node: Any, path: str, out: dict[str, Any], cites: dict[str, list[str]], owner: str) -> None:
    if isinstance(node, dict):
        here_cites = node.get("cites")
        owner_path = path if isinstance(here_cites, list) else owner
        if isinstance(here_cites, list):
            cites[path] = [str(c) for c in here_cites]
        for key, value in node.items():
            if key == "cites" or (not path and key in SKIP):
                continue
            _flatten(value, f"{path}.{key}" if path else str(key), out, cites, owner_path)
    elif isinstance(node, list) and node and all(isinstance(i, dict) and "id" in i for i in node):
        for item in node:
            _flatten(item, f"{path}.{item['id']}", out, cites, owner)
    else:
        out[path] = node
        cites.setdefault(f"@{path}", cites.get(owner, []))


def _flat(profile: Profile) -> tuple[dict[str, Any], dict[str, list[str]]]:
    out: dict[str, Any] = {}
    cites: dict[str, list[str]] = {}
    _flatten(profile.model_dump(mode="json", by_alias=True), "", out, cites, "")
    return out, cites


def diff(a: Profile, b: Profile) -> list[dict[str, Any]]:
    """Every path whose value differs (or exists on one side only), in a stable order."""
    flat_a, cites_a = _flat(a)
    flat_b, cites_b = _flat(b)
    rows = []
    for path in sorted(set(flat_a) | set(flat_b)):
        in_a, in_b = path in flat_a, path in flat_b
        if in_a and in_b and flat_a[path] == flat_b[path]:
            continue
        rows.append(
            {
                "path": path,
                "a": flat_a.get(path),
                "b": flat_b.get(path),
                "only_in": None if in_a and in_b else ("a" if in_a else "b"),
                "cites_a": cites_a.get(f"@{path}", []) if in_a else [],
                "cites_b": cites_b.get(f"@{path}", []) if in_b else [],
            }
        )
    return rows
