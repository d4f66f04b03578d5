"""Differences between two profiles: every changed value with the citations on both sides."""

from __future__ import annotations

from typing import Any

from respublika.profile.schema import Profile

SKIP = {"id", "title", "description", "extends"}
TEXTS = {"sources", "assumptions", "versions", "version", "as_of"}
"""Top-level sections that are texts and metadata, not rules: left out unless asked for."""
PROSE = {"description", "name_de", "responsibilities"}


def _flatten(
    node: Any, path: str, out: dict[str, Any], cites: dict[str, list[str]], owner: str, texts: bool = False
) -> None:
    if isinstance(node, dict):
        here_cites = node.get("cites")
        owner_path = path if isinstance(here_cites, list) else owner
        if isinstance(here_cites, list):
            cites[path] = [str(c) for c in here_cites]
        for key, value in node.items():
            if key == "cites" or (not path and key in SKIP):
                continue
            if not texts and ((not path and key in TEXTS) or key in PROSE):
                continue
            _flatten(value, f"{path}.{key}" if path else str(key), out, cites, owner_path, texts)
    elif isinstance(node, list) and node and all(isinstance(i, dict) and "id" in i for i in node):
        for item in node:
            _flatten(item, f"{path}.{item['id']}", out, cites, owner, texts)
    else:
        out[path] = node
        cites.setdefault(f"@{path}", cites.get(owner, []))


def _flat(profile: Profile, texts: bool) -> tuple[dict[str, Any], dict[str, list[str]]]:
    out: dict[str, Any] = {}
    cites: dict[str, list[str]] = {}
    _flatten(profile.model_dump(mode="json", by_alias=True), "", out, cites, "", texts)
    return out, cites


def diff(a: Profile, b: Profile, *, texts: bool = False) -> list[dict[str, Any]]:
    """Every rule whose value differs (or exists on one side only), in a stable order.

    Sources, assumptions, version metadata and prose (descriptions, German names) are left
    out unless ``texts`` is true: the diff is of rules, each with its citations."""
    flat_a, cites_a = _flat(a, texts)
    flat_b, cites_b = _flat(b, texts)
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
