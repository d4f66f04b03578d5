"""Any current Python: the project accepts 3.11 and newer, locks once for all of them, and
refuses an older interpreter with a message that names the ones that work."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_requires_python_has_no_upper_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"


def test_the_lock_is_universal() -> None:
    head = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()[:3]
    assert any("--universal" in line for line in head), head
    assert sys.version_info >= (3, 11)


def _fake_python(tmp_path: Path, version: str) -> Path:
    """A stand-in interpreter that reports ``version`` and evaluates the version check."""
    major, minor = (int(x) for x in version.split(".")[:2])
    script = tmp_path / "python"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "Python {version}"; exit 0; fi\n'
        f'exec {sys.executable} -c "import sys; sys.version_info = ({major}, {minor}, 0); exec(sys.argv[1])" "$2"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def test_an_old_python_is_refused_with_the_versions_that_work(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON": str(_fake_python(tmp_path, "3.10.13")), "VENV": str(tmp_path / "venv")}
    out = subprocess.run(["bash", str(ROOT / "scripts/install.sh")], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 1
    assert "3.11, 3.12 and 3.13" in out.stderr and "3.10.13" in out.stderr
    assert not (tmp_path / "venv").exists()


@pytest.mark.parametrize("version", ["3.11.7", "3.13.0"])
def test_the_version_check_admits_current_pythons(tmp_path: Path, version: str) -> None:
    fake = _fake_python(tmp_path, version)
    check = subprocess.run([str(fake), "-c", "import sys; sys.exit(sys.version_info[:2] < (3, 11))"],
                           capture_output=True, timeout=30)
    assert check.returncode == 0
    text = (ROOT / "scripts/install.sh").read_text(encoding="utf-8")
    assert "sys.version_info[:2] < (3, 11)" in text


def test_the_test_command_runs_every_interpreter_once() -> None:
    text = (ROOT / "scripts/test.sh").read_text(encoding="utf-8")
    assert "RESPUBLIKA_PYTHONS" in text and '-m "not browser and not postgres and not once"' in text
