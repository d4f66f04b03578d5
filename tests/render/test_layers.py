"""Imports run one way: engines → render → adapters. No engine imports the renderers, and
the renderers import no adapter and no store."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "respublika"
ENGINES = ["profile", "elections", "procedure", "games", "simulate"]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{p.relative_to(SRC)}: {n}" for p in sorted((SRC / package).rglob("*.py")) for n in sorted(_imports(p))
            if any(n == f"respublika.{f}" or n.startswith(f"respublika.{f}.") for f in forbidden)]


@pytest.mark.parametrize("package", ENGINES)
def test_no_engine_imports_the_renderers_or_an_adapter(package):
    assert _offenders(package, ("render", "cli", "web", "app")) == []


def test_the_renderers_import_no_adapter_and_no_store():
    assert _offenders("render", ("cli", "web", "store")) == []


@pytest.mark.parametrize("package", ENGINES)
def test_no_engine_draws(package):
    """Plots are the renderers' (matplotlib is imported only in render/)."""
    offenders = [str(p.relative_to(SRC)) for p in sorted((SRC / package).rglob("*.py"))
                 if any(n == "matplotlib" or n.startswith("matplotlib.") for n in _imports(p))]
    assert offenders == []
