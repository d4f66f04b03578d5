"""Reading JSON and YAML a user gives, with bounded resources (issue 14, item 5).

- JSON: a nesting depth limit (:data:`MAX_JSON_DEPTH`); a file nested 100,000 deep is refused
  at once instead of raising ``RecursionError``.
- YAML: an alias limit. Anchors and aliases (``&x`` / ``*x``) let 900 bytes stand for 10⁸
  values (the "billion laughs"); a document whose aliases would expand beyond
  :data:`MAX_YAML_NODES` values, or that uses more than :data:`MAX_YAML_ALIASES` aliases, is
  refused before anything is built from it.

Every problem is an :class:`~respublika.errors.InputError` naming the source. These helpers
live beside the profile loader because every engine may import ``profile``.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from respublika.errors import InputError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the build has it

MAX_JSON_DEPTH = 64
MAX_YAML_ALIASES = 1_000
MAX_YAML_NODES = 2_000_000


def json_depth_ok(data: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``data`` (parsed JSON: dicts, lists, tuples and scalars) nests at most ``limit``
    levels deep; iterative, so it cannot overflow the stack itself."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children)
    return True


def json_loads(text: str, *, source: str, limit: int = MAX_JSON_DEPTH, **options: Any) -> Any:
    """``json.loads(text, **options)``, refusing data nested deeper than ``limit`` levels.

    ``json.JSONDecodeError`` (and the ``ValueError`` an option's hook raises) propagate, so each
    caller keeps its own wording for a syntax error."""
    try:
        data = json.loads(text, **options)
    except RecursionError:
        raise InputError.of("{source}: nested too deep (at most {limit} levels)",
                            source=source, limit=limit) from None
    if not json_depth_ok(data, limit):
        raise InputError.of("{source}: nested too deep (at most {limit} levels)", source=source, limit=limit)
    return data


def yaml_load(text: str, *, source: str) -> Any:
    """``yaml.safe_load(text)`` with an alias limit: refused (``InputError``) when its aliases
    are too many or would expand beyond :data:`MAX_YAML_NODES` values. ``yaml.YAMLError`` (and
    the ``ValueError`` of a date like 2010-02-30) propagate for the caller to word."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, source)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, source: str) -> None:
    """Count the values ``root`` stands for with every alias expanded (memoized per node, so the
    count itself is linear in the document)."""
    sizes: dict[int, int] = {}
    seen_nodes: dict[int, int] = {}
    # PyYAML composes an alias as the very node of its anchor: a node met twice is an alias
    order: list[yaml.Node] = []
    stack: list[yaml.Node] = [root]
    aliases = 0
    while stack:
        node = stack.pop()
        key = id(node)
        if key in seen_nodes:
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise InputError.of("{source}: more than {limit} YAML aliases", source=source,
                                    limit=MAX_YAML_ALIASES)
            continue
        seen_nodes[key] = 1
        order.append(node)
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
    for node in reversed(order):  # children before parents
        if isinstance(node, yaml.SequenceNode):
            size = 1 + sum(sizes.get(id(child), 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size = 1 + sum(sizes.get(id(k), 1) + sizes.get(id(v), 1) for k, v in node.value)
        else:
            size = 1
        if size > MAX_YAML_NODES:
            raise InputError.of("{source}: its YAML aliases expand to more than {limit} values",
                                source=source, limit=MAX_YAML_NODES)
        sizes[id(node)] = size
