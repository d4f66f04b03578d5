"""Imports run one way: profile → engines → app → render → adapters; no engine imports the
store, the application layer, the renderers or an adapter (docs/layers.md)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "respublika"
BASE = {"errors", "exact", "calendar", "data", "i18n", "profiles", "_accel"}
"""Modules at the bottom, importable from anywhere."""

ENGINES = {"profile", "elections", "procedure", "games", "simulate"}
MAY_IMPORT = {
    "profile": BASE | {"profile"},
    "elections": BASE | {"profile", "elections"},
    "procedure": BASE | {"profile", "procedure"},
    "games": BASE | {"profile", "games", "procedure"},
    "simulate": BASE | ENGINES,
    "store": BASE | ENGINES | {"store"},
    "app": BASE | ENGINES | {"store", "app"},
    "render": BASE | ENGINES | {"app", "render"},
    "cli": BASE | ENGINES | {"store", "app", "render", "cli"},
    "web": BASE | ENGINES | {"store", "app", "render", "web"},
}


EXCEPTIONS = {
    ("profile/validate.py", "elections"): "a profile's seat methods are checked against the method registry "
                                          "(respublika.elections.registry) when it loads",
    ("cli/serve.py", "web"): "the serve command starts the web adapter",
}


def _modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of its code."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def _imports(path: Path) -> set[str]:
    """The packages of respublika that ``path`` imports."""
    return {name.split(".")[1] for name in _modules(path) if name.startswith("respublika.")}


def violations() -> list[str]:
    found = []
    for package, allowed in MAY_IMPORT.items():
        for path in sorted((SRC / package).rglob("*.py")):
            where = str(path.relative_to(SRC))
            for target in sorted(_imports(path) - allowed):
                if (where, target) not in EXCEPTIONS:
                    found.append(f"{where} imports respublika.{target}")
    return found


def test_imports_run_one_way():
    assert not violations(), "\n".join(violations())


def test_every_package_has_a_place():
    packages = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages <= set(MAY_IMPORT) | BASE, packages - set(MAY_IMPORT) - BASE


THIRD_PARTY_HOMES = {"matplotlib": "render", "sqlalchemy": "store", "alembic": "store"}
"""Libraries that only one package may use: plots are the renderers', tables the store's."""


def test_plots_and_tables_have_one_home():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        package = path.relative_to(SRC).parts[0]
        for name in _modules(path):
            home = THIRD_PARTY_HOMES.get(name.split(".")[0])
            if home is not None and package != home:
                offenders.append(f"{path.relative_to(SRC)} imports {name} (only {home}/ may)")
    assert not offenders, "\n".join(offenders)
