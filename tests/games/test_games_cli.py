"""``respublika power``: the table, the JSON, and exit code 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from respublika.cli.main import app, run
from respublika.games import analyze

SEED = {
    "groups": {"mazhilis": 107, "senate": 47, "president": 1},
    "wins": {
        "any": [
            {
                "all": [
                    {"quota": 72, "weights": {"mazhilis": 1}},
                    {"quota": 32, "weights": {"senate": 1}},
                    {"quota": 1, "weights": {"president": 1}},
                ]
            },
            {
                "all": [
                    {"quota": 72, "weights": {"mazhilis": 1}},
                    {"quota": 32, "weights": {"senate": 1}},
                ]
            },
        ]
    },
}
RESPUBLIKA = Path(sys.executable).with_name("respublika")


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(SEED), encoding="utf-8")
    return path


def test_json_output_is_exactly_analyze(seed_file):
    result = CliRunner().invoke(app, ["power", str(seed_file), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == analyze(SEED)


def test_json_output_for_one_index(seed_file):
    result = CliRunner().invoke(app, ["power", str(seed_file), "--json", "--index", "banzhaf"])
    assert json.loads(result.stdout) == analyze(SEED, "banzhaf")
    result = CliRunner().invoke(
        app, ["power", str(seed_file), "--json", "--index", "shapley-shubik"]
    )
    assert json.loads(result.stdout) == analyze(SEED, "shapley-shubik")


def test_table_output(seed_file):
    result = CliRunner().invoke(app, ["power", str(seed_file)])
    assert result.exit_code == 0, result.output
    for text in ("mazhilis", "senate", "president", "Dummies: president", "72 of 107 mazhilis"):
        assert text in result.stdout
    assert "0.4937" in result.stdout  # the Mazhilis' Shapley-Shubik share as a whole


def test_table_of_a_weighted_game(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(
        json.dumps({"groups": {"A": 1, "B": 1}, "wins": {"quota": 6, "weights": {"A": 4, "B": 3}}})
    )
    result = CliRunner().invoke(app, ["power", str(path), "--index", "shapley-shubik"])
    assert result.exit_code == 0, result.output
    assert "0.5000" in result.stdout and "Veto players: A, B" in result.stdout


def test_warnings_are_shown(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(
        json.dumps({"groups": {"A": 1, "B": 1}, "wins": {"quota": 9, "weights": {"A": 4, "B": 3}}})
    )
    result = CliRunner().invoke(app, ["power", str(path)])
    assert result.exit_code == 0
    assert "warning:" in result.stdout and "no coalition wins" in result.stdout


def run_in_process(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run the console-script entry point (``respublika.cli.main:run``) in this process."""
    monkeypatch.setattr(sys, "argv", ["respublika", "power", *args])
    with pytest.raises(SystemExit) as done:
        run()
    captured = capsys.readouterr()
    return done.value.code, captured.out, " ".join(captured.err.split())  # Rich wraps lines


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"groups": ', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"groups": {"A": 1}, "wins": {"quota": 1, "weights": {"B": 1}}}', "unknown group 'B'"),
        (
            '{"groups": {"A": 1, "A": 2}, "wins": {"quota": 1, "weights": {"A": 1}}}',
            "appears twice",
        ),
        ('{"groups": {"A": 1}, "wins": {"quota": NaN, "weights": {"A": 1}}}', "NaN"),
        ('{"groups": {"A": 1}, "wins": {"all": []}}', "empty list"),
        ('{"groups": {"A": 1.5}, "wins": {"quota": 1, "weights": {"A": 1}}}', "whole number"),
        ('{"groups": {"A": 1}, "wins": {"quota": -1, "weights": {"A": 1}}}', "non-negative"),
        ('{"groups": {}, "wins": {"quota": 1, "weights": {"A": 1}}}', "empty"),
    ],
)
def test_bad_files_exit_2_without_traceback(tmp_path, monkeypatch, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = run_in_process(monkeypatch, capsys, str(path))
    assert code == 2, err
    assert "error:" in err and message in err
    assert "Traceback" not in err


def test_missing_file_unknown_index_and_missing_argument_exit_2(
    tmp_path, seed_file, monkeypatch, capsys
):
    code, _, err = run_in_process(monkeypatch, capsys, str(tmp_path / "nope.json"))
    assert code == 2 and "no such file" in err
    code, _, err = run_in_process(monkeypatch, capsys, str(tmp_path))
    assert code == 2 and "is a directory" in err
    code, _, err = run_in_process(monkeypatch, capsys, str(seed_file), "--index", "gini")
    assert code == 2 and "--index" in err
    code, _, err = run_in_process(monkeypatch, capsys, str(seed_file), "--profile", "seed")
    assert code == 2 and "not both" in err
    code, out, _ = run_in_process(monkeypatch, capsys)  # no file: the seed's law-making game
    assert code == 0 and "office: President of the Republic" in out


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RESPUBLIKA), "power", *args], capture_output=True, text=True, timeout=120
    )


def test_the_installed_command_exits_0_and_2(seed_file, tmp_path):
    done = run_cli(str(seed_file), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["dummies"] == ["president"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"groups": {"A": 1}, "wins": {"quota": 1, "weights": {"B": 1}}}')
    done = run_cli(str(bad))
    assert done.returncode == 2
    assert "error:" in done.stderr and "unknown group 'B'" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
    done = run_cli(str(seed_file), "--mazhilis", "A=1")
    assert done.returncode == 2 and "not both" in " ".join(done.stderr.split())
