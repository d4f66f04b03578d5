"""Fixtures every test folder may use: one runner of the ``respublika`` command."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def respublika(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
               tmp_path) -> Callable[..., Ran]:  # type: ignore[no-untyped-def]
    """Run ``respublika ARGS`` in-process (the console script's own entry point and error
    mapping), in a fresh working directory with no database or world from the environment."""
    from respublika.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.delenv("RESPUBLIKA_DB", raising=False)
    monkeypatch.delenv("RESPUBLIKA_WORLD", raising=False)

    def invoke(*args: str) -> Ran:
        monkeypatch.setattr(sys, "argv", ["respublika", *args])
        code = 0
        try:
            main.run()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return invoke


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With pytest-xdist (``-n 2 --dist loadgroup``, as ``scripts/test.sh`` runs the suite), the
    tests that share one thing run on one worker, one after another: the PostgreSQL tests (one
    database), the browser tests (one artifacts folder, a browser each), the many-process tests
    (``once``: they would starve each other)."""
    for item in items:
        for marker in ("postgres", "browser", "once"):
            if item.get_closest_marker(marker) is not None:
                item.add_marker(pytest.mark.xdist_group(marker))
                break
