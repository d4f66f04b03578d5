"""The command line's polish (issue 12, item 8) and its safety net (issue 14)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from respublika.cli import main

EXE = Path(sys.executable).with_name("respublika")


def _commands() -> list[list[str]]:
    """Every command path of the CLI (``[]`` for the top level)."""
    out: list[list[str]] = []
    stack: list[tuple[list[str], Any]] = [([], main.command())]
    while stack:
        path, cmd = stack.pop()
        out.append(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            stack.append(([*path, name], sub))
    return sorted(out)


def test_every_help_reads_as_prose(respublika: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    commands = _commands()
    assert len(commands) > 20
    for path in commands:
        ran = respublika(*path, "--help")
        assert ran.code == 0, (path, ran.err)
        text = ran.out
        assert "<bool>" not in text, path
        assert "``" not in text, path
        assert "<str>" not in text and "list[str]" not in text, path


def test_help_texts_have_no_lines_broken_mid_sentence() -> None:
    stack = [main.command()]
    while stack:
        cmd = stack.pop()
        texts = [cmd.help, cmd.short_help, *(getattr(p, "help", None) for p in cmd.params)]
        for text in filter(None, texts):
            for paragraph in text.split("\n\n"):
                assert "\n" not in paragraph, (cmd.name, text)
        stack.extend(getattr(cmd, "commands", {}).values())


def test_prose_joins_lines_and_unquotes_code() -> None:
    assert main.prose("Run ``x``\nand then\nstop.\n\nNext.") == "Run 'x' and then stop.\n\nNext."


def test_flags_show_no_type(respublika: Callable[..., Any]) -> None:
    ran = respublika("show", "--help")
    line = next(x for x in ran.out.splitlines() if "--json" in x)
    assert "bool" not in line


# ------------------------------------------------------------------------------ pipes


@pytest.mark.skipif(not EXE.exists(), reason="the console script is not installed")
def test_a_closed_pipe_exits_zero_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("RESPUBLIKA_DB", None)
    result = subprocess.run(f"'{EXE}' show | head -1; echo \"rc=${{PIPESTATUS[0]}}\"", shell=True,
                            executable="/bin/bash", capture_output=True, text=True, cwd=tmp_path,
                            env=env, timeout=120)
    assert result.stdout.strip().endswith("rc=0"), result
    assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr, result.stderr


# ------------------------------------------------------------------------------ serve


def test_serve_refuses_a_bad_port_before_anything(respublika: Callable[..., Any]) -> None:
    ran = respublika("serve", "--port", "99999")
    assert ran.code == 2
    assert "99999" in ran.err and "65535" in ran.err
    assert ran.out == ""


def test_serve_reports_a_busy_port_before_running(respublika: Callable[..., Any]) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    port = sock.getsockname()[1]
    try:
        ran = respublika("serve", "--port", str(port))
    finally:
        sock.close()
    assert ran.code == 2
    assert "busy" in ran.err and str(port) in ran.err
    assert "running" not in ran.out


# ------------------------------------------------------------------------------ vote files


@pytest.mark.parametrize("text", [
    "candidate,votes\nAlpha,6000\nBeta,500\n",
    "\ufeffcandidate;votes\nAlpha;6000\nBeta;500\n",
    "name;votes\nAlpha;6000\nBeta;500\n",
    "list,votes\nAlpha,6000\nBeta,500\n",
    "Party,Votes\nAlpha,6000\nBeta,500\n",
])
def test_vote_files_take_any_name_header_and_delimiter(text: str, respublika: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "v.csv").write_text(text, "utf-8")
    ran = respublika("seats", "v.csv", "--seats", "10", "--json")
    assert ran.code == 0, ran.err
    assert "Alpha" in ran.out and "candidate" not in ran.out.lower().split("alpha")[0][-20:]


def test_elect_president_takes_a_candidates_file(respublika: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "candidates.csv").write_text("\ufeffcandidate;votes\nAlpha;6000\nBeta;500\n", "utf-8")
    ran = respublika("elect", "president", "candidates.csv")
    assert ran.code == 0, ran.err
    assert "Alpha" in ran.out


def test_a_header_is_not_a_party(respublika: Callable[..., Any], tmp_path: Path) -> None:
    from respublika.elections import parse_votes

    assert parse_votes("candidate;votes\nA;3\nB;2\n") == [("A", 3), ("B", 2)]
    assert parse_votes("\ufeffA,3\nB,2\n") == [("A", 3), ("B", 2)]


# ------------------------------------------------------------------------------ profile diff


def test_profile_diff_reads_at_80_columns(respublika: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    ran = respublika("profile", "diff", "seed", "majority")
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert "procedure.matters.bill:" in lines  # grouped
    rule = lines.index("  rules.mazhilis_vote.vote.threshold")  # the rule's name first, whole
    assert lines[rule + 1].split() == ["seed", "two_thirds", "[S22,", "S24,", "A1]"]
    assert lines[rule + 2].split()[:2] == ["majority", "majority"]


def test_diff_group() -> None:
    from respublika.cli.constitution import diff_group

    assert diff_group("institutions.senate.size") == ("institutions.senate", "size")
    assert diff_group("procedure.matters.bill.rules.sign.to") == ("procedure.matters.bill", "rules.sign.to")
    assert diff_group("version") == ("version", "version")


# ------------------------------------------------------------------------------ the safety net


def test_an_unexpected_error_is_one_line_and_exit_1(respublika: Callable[..., Any],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from respublika.app import constitution

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(constitution, "show", boom)
    monkeypatch.delenv("RESPUBLIKA_DEBUG", raising=False)
    ran = respublika("show")
    assert ran.code == 1
    assert "ZeroDivisionError" in ran.err and "please report" in ran.err
    assert "Traceback" not in ran.err
    assert len(ran.err.strip().splitlines()) <= 3


def test_user_errors_stay_exit_2(respublika: Callable[..., Any]) -> None:
    ran = respublika("show", "--profile", "narnia")
    assert ran.code == 2 and "narnia" in ran.err


def test_elect_date_is_checked(respublika: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "v.csv").write_text("A,100\nB,50\n", "utf-8")
    for bad in ("2026-02-30", "yesterday"):
        ran = respublika("elect", "president", "v.csv", "--date", bad)
        assert ran.code == 2 and bad in ran.err and "Traceback" not in ran.err
