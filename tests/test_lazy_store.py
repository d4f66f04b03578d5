"""The store (SQLAlchemy, about half of the command line's start-up) is imported only by the
commands that open a database: the others start without it."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
import sys
from respublika.cli.main import app
try:
    app({argv!r})
except SystemExit as exc:
    if exc.code not in (0, None):
        raise
print("sqlalchemy" in sys.modules)
"""


@pytest.mark.parametrize("argv", [["--help"], ["simulate", "--years", "1", "--seed", "1"]])
def test_commands_without_a_database_do_not_import_the_store(argv: list[str], tmp_path) -> None:
    out = subprocess.run([sys.executable, "-c", CHECK.format(argv=argv)], capture_output=True, text=True,
                         cwd=tmp_path, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
    assert not (tmp_path / "respublika.db").exists()


def test_a_command_that_opens_a_database_imports_it(tmp_path) -> None:
    """The check above can fail: a stored command does load the store."""
    out = subprocess.run([sys.executable, "-c", CHECK.format(argv=["simulate", "--years", "1", "--seed", "1",
                                                                   "--save"])],
                         capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout.strip().splitlines()[-1] == "True"
