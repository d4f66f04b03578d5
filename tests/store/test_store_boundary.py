"""The store is the only code that knows the tables, and no engine imports it."""

from __future__ import annotations

import ast
import subprocess
import sys
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


@pytest.mark.parametrize("package", ENGINES)
def test_no_engine_imports_the_store(package):
    offenders = [str(p.relative_to(SRC)) for p in sorted((SRC / package).rglob("*.py"))
                 if any(n == "respublika.store" or n.startswith("respublika.store.") for n in _imports(p))]
    assert offenders == []


def test_only_the_store_names_sqlalchemy():
    offenders = [str(p.relative_to(SRC)) for p in sorted(SRC.rglob("*.py"))
                 if p.relative_to(SRC).parts[0] != "store"
                 and any(n == "sqlalchemy" or n.startswith(("sqlalchemy.", "alembic")) for n in _imports(p))]
    assert offenders == []


def test_running_a_simulation_loads_no_database_code():
    code = ("import sys; from respublika.simulate import run_simulation; "
            "run_simulation('seed', {'rate': 5}, seed=1, years=1); "
            "print(sorted(m for m in sys.modules if m.startswith(('respublika.store', 'sqlalchemy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
