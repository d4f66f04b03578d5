"""``cite`` prints ``--set`` switches that can be pasted into a shell, and that the version
they are printed for accepts (issue 12, 8th item)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from respublika.cli import options
from respublika.profile.query import assumption_summary

EXE = Path(sys.executable).with_name("respublika")


def _cite(args: list[str]) -> str:
    done = subprocess.run([str(EXE), "cite", *args], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.mark.skipif(not EXE.exists(), reason="the respublika script is not installed next to python")
def test_printed_switch_for_a_dated_version_runs_in_a_shell() -> None:
    ref = "kz@2000-01-01"  # version 1999: U1's alternatives set a TOML table (spaces, quotes)
    switches = [line.strip() for line in _cite(["U1", "-p", ref]).splitlines() if line.strip().startswith("--set")]
    assert switches, "cite printed no switch"
    line = switches[0]
    assert "'" in line  # quoted: the table stays one word
    done = subprocess.run(["bash", "-c", f"{shlex.quote(str(EXE))} profile check {ref} {line}"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "invalid" not in done.stdout.lower()


def test_switches_are_marked_for_the_versions_that_refuse_them() -> None:
    refused = options.profile("kz@2026-07-01")  # no third ground of dissolution in that version
    alternatives = assumption_summary(refused, "M3")["alternatives"]
    assert alternatives and not any(alt["applies"] for alt in alternatives)
    for alt in assumption_summary(options.profile("seed"), "A4")["alternatives"]:
        assert alt["applies"], alt
