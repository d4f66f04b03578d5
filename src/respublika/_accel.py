"""The compiled build of the engine's hot modules (optional; issue 18).

``scripts/compile.py`` compiles :data:`MODULES` with mypyc (the same Python source, as C
extensions) into ``.accel/<interpreter>/`` beside the checkout and records a digest of every
source file of the package. At import, :func:`extend` puts that directory first on the
package's ``__path__`` only when the digest still matches the sources, so an edited source
is never shadowed by an older compiled module: the build is then ignored (pure Python)
until it is compiled again. ``RESPUBLIKA_PURE=1`` ignores it too. Results are the same
either way (the test suite passes on both; ``tests/simulate/test_identical_to_v010.py``
compares the logs); only the speed differs.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from functools import cache
from pathlib import Path
from typing import Any

try:  # classes the compiled build keeps as Python classes (their methods may be wrapped, copied)
    from mypy_extensions import mypyc_attr as mypyc_attr
except ImportError:  # pragma: no cover - mypy_extensions comes with the test tools only
    def mypyc_attr(*args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
        return lambda cls: cls

MODULES = (
    "respublika.calendar",
    "respublika.procedure.compiled",
    "respublika.procedure.deadlines",
    "respublika.procedure.engine",
    "respublika.procedure.model",
    "respublika.procedure.params",
    "respublika.procedure.rules",
    "respublika.procedure.votes",
    "respublika.simulate.backend",
    "respublika.simulate.behaviour",
    "respublika.simulate.core",
    "respublika.simulate.politics",
    "respublika.simulate.queue",
    "respublika.simulate.recorder",
    "respublika.simulate.republic",
)
"""The modules compiled: the procedure engine's step and the simulation's loop around it."""

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parents[1]


def build_dir() -> Path:
    """Where this interpreter's compiled build goes (one per interpreter and platform)."""
    tag = str(sysconfig.get_config_var("EXT_SUFFIX") or ".so").strip(".").removesuffix(".so").replace(".", "-")
    return ROOT / ".accel" / (tag or sys.implementation.cache_tag)


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def source_stats() -> list[list[object]]:
    """Each source's path, size and modification time: a cheap first check of the digest
    (any change of a file changes them; a file touched but unchanged falls back to the digest)."""
    out: list[list[object]] = []
    for p in source_files():
        st = p.stat()
        out.append([str(p.relative_to(PACKAGE)), st.st_size, st.st_mtime_ns])
    return out


def source_digest() -> str:
    """A digest of every Python source of the package (a compiled build is for these)."""
    h = hashlib.sha256()
    for path in source_files():
        h.update(str(path.relative_to(PACKAGE)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@cache
def status() -> tuple[bool, str]:
    """Whether the compiled build is used, and why (or why not), in words."""
    if os.environ.get("RESPUBLIKA_PURE", "") not in ("", "0"):
        return False, "pure Python (RESPUBLIKA_PURE is set)"
    folder = build_dir()
    stamp = folder / "stamp.json"
    if not stamp.is_file():
        return False, "pure Python (no compiled build: python scripts/compile.py)"
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, f"pure Python (unreadable {stamp})"
    current = recorded.get("stats") == source_stats() or recorded.get("sources") == source_digest()
    if not current or sorted(recorded.get("modules", [])) != sorted(MODULES):
        return False, "pure Python (the compiled build is older than the sources: python scripts/compile.py)"
    if str(folder) not in sys.path:
        sys.path.append(str(folder))  # mypyc's shared runtime module lives at the top
    return True, f"compiled ({len(MODULES)} modules, mypyc, {folder})"


def extend(path: list[str], package: str) -> None:
    """Put the compiled build of ``package`` first on its ``__path__`` (when it is current)."""
    used, _ = status()
    if used:
        path.insert(0, str(build_dir().joinpath(*package.split("."))))
