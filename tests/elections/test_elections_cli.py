"""``respublika seats``: JSON shape, human output, and exit code 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from respublika.cli.main import app, run

DATA = Path(__file__).parent / "data"
EXE = Path(sys.executable).parent / "respublika"
runner = CliRunner()


def mazhilis_csv(tmp_path: Path, year: int, header: bool = True) -> Path:
    data = json.loads((DATA / f"mazhilis-{year}.json").read_text("utf-8"))
    lines = ["party,votes"] if header else []
    lines += [f'"{p["party"]}",{p["votes"]}' for p in data["parties"]]
    path = tmp_path / f"mazhilis-{year}.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_json_output_shape(tmp_path):
    path = mazhilis_csv(tmp_path, 2021)
    result = runner.invoke(
        app, ["seats", str(path), "--seats", "98", "--threshold", "7/100", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data)[:5] == ["seats", "eligible", "quota", "ties", "explain"]
    assert list(data["seats"].values()) == [76, 12, 10, 0, 0]
    assert data["eligible"] == ["Nur Otan", "Ak Zhol", "People's Party of Kazakhstan"]
    assert data["quota"] == "6599921/98" and data["ties"] == []
    assert all({"kind", "text", "cites"} <= set(step) for step in data["explain"])


def test_json_input_and_divisor_method(tmp_path):
    path = tmp_path / "v.json"
    path.write_text(json.dumps({"A": 600, "B": 350, "C": 50}), "utf-8")
    result = runner.invoke(
        app, ["seats", str(path), "--seats", "5", "--method", "dhondt", "--json"]
    )
    data = json.loads(result.output)
    assert data["seats"] == {"A": 3, "B": 2, "C": 0} and data["quota"] is None
    assert data["last_quotient"] == "175/1"


def test_csv_without_header_and_cites(tmp_path):
    path = mazhilis_csv(tmp_path, 2016, header=False)
    args = [
        "seats",
        str(path),
        "--seats",
        "98",
        "--threshold",
        "7%",
        "--cite",
        "EA art. 97",
        "--json",
    ]
    data = json.loads(runner.invoke(app, args).output)
    assert list(data["seats"].values()) == [84, 7, 7, 0, 0, 0]
    assert data["cites"] == ["EA art. 97"] and data["explain"][0]["cites"] == ["EA art. 97"]


def test_ties_are_reported_and_lot_is_seeded(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("A,1\nB,1\nC,1\n", "utf-8")
    data = json.loads(runner.invoke(app, ["seats", str(path), "--seats", "2", "--json"]).output)
    assert data["seats"] == {"A": 1, "B": 1, "C": 0}
    assert data["ties"][0]["rule"] == "order" and data["ties"][0]["winners"] == ["A", "B"]
    args = ["seats", str(path), "--seats", "2", "--ties", "lot", "--seed", "9", "--json"]
    one, two = (json.loads(runner.invoke(app, args).output) for _ in range(2))
    assert one == two and one["ties"][0]["seed"] == 9


def test_human_output_has_table_and_steps(tmp_path):
    path = mazhilis_csv(tmp_path, 2021)
    result = runner.invoke(app, ["seats", str(path), "--seats", "98", "--threshold", "7/100"])
    assert result.exit_code == 0
    out = result.output
    for text in ("Nur Otan", "Admitted", "Quota: 6599921/98", "threshold", "remainders", "floors"):
        assert text in out


def test_base_extra_and_runner_up_options(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("A,93\nB,7\n", "utf-8")
    base = ["seats", str(path), "--seats", "10", "--threshold", "7/100", "--json"]
    assert json.loads(runner.invoke(app, base).output)["eligible"] == ["A", "B"]
    out = json.loads(runner.invoke(app, [*base, "--base-extra", "1"]).output)
    assert out["eligible"] == ["A"] and out["threshold_base"] == 101
    out = json.loads(runner.invoke(app, [*base, "--base-extra", "1", "--runner-up"]).output)
    assert out["eligible"] == ["A", "B"]


def test_stdin(tmp_path):
    result = subprocess.run(
        [str(EXE), "seats", "-", "--seats", "3", "--json"],
        input="A,2\nB,1\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["seats"] == {"A": 2, "B": 1}


BAD = [
    ("neg.csv", "A,10\nB,-3\n", [], "must not be negative"),
    ("frac.csv", "A,10\nB,2.5\n", [], "whole number"),
    ("missing.csv", "A,10\nB,\n", [], "missing"),
    ("noname.csv", ",10\n", [], "party name is missing"),
    ("fields.csv", "A,10,3\n", [], "expected 'party,votes'"),
    ("dup.csv", "party,votes\nA,10\nB,3\nA,4\n", [], "'A' appears more than once"),
    ("empty.csv", "", [], "empty"),
    ("header.csv", "party,votes\n", [], "empty"),
    ("dup.json", '{"A": 1, "A": 2}', [], "'A' appears more than once"),
    ("bad.json", '{"A": 1,', [], "malformed JSON"),
    ("list.json", "[1, 2]", [], "expected a JSON object"),
    ("float.json", '{"A": 1.5}', [], "whole number"),
    ("null.json", '{"A": null}', [], "missing"),
    ("ok.csv", "A,1\n", ["--method", "hamilton"], "unknown seat method"),
    ("ok.csv", "A,1\n", ["--threshold", "1"], "below 1"),
    ("ok.csv", "A,1\n", ["--threshold", "150%"], "below 1"),
    ("ok.csv", "A,1\n", ["--threshold", "abc"], "cannot read"),
    ("ok.csv", "A,1\n", ["--seats", "0"], "seats must be at least 1"),
    ("ok.csv", "A,1\n", ["--base-extra", "-1"], "must not be negative"),
    ("ok.csv", "A,1\n", ["--ties", "coin"], "--ties"),
    ("tie.csv", "A,1\nB,1\n", ["--seats", "1", "--ties", "lot"], "no seed"),
    ("low.csv", "A,1\nB,1\nC,1\n", ["--threshold", "1/2"], "no list reaches the threshold"),
]


def run_cli(args: list[str], monkeypatch, capsys) -> tuple[int, str]:
    """The console-script entry point in-process (the same error mapping, no startup cost)."""
    monkeypatch.setattr(sys, "argv", ["respublika", *args])
    with pytest.raises(SystemExit) as exc:
        run()
    return int(exc.value.code or 0), " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize(("name", "content", "extra", "message"), BAD)
def test_bad_input_exits_2_with_a_message(
    tmp_path, monkeypatch, capsys, name, content, extra, message
):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    args = ["seats", str(path)] + ([] if "--seats" in extra else ["--seats", "3"]) + extra
    code, err = run_cli(args, monkeypatch, capsys)
    assert code == 2 and err.startswith("error:") and message in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path, monkeypatch, capsys):
    code, err = run_cli(["seats", str(tmp_path / "nope.csv"), "--seats", "3"], monkeypatch, capsys)
    assert code == 2 and "no such file" in err


def test_installed_command_exits_2_without_traceback(tmp_path):
    # One real process is enough to check the entry point (each start costs seconds);
    # every other bad input goes through the same ``run()`` in-process above.
    path = tmp_path / "votes.csv"
    path.write_text("party,votes\nA,10\nB,3\nA,4\n", "utf-8")
    result = subprocess.run(
        [str(EXE), "seats", str(path), "--seats", "3"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "line 4: 'A' appears more than once" in " ".join(result.stderr.split())
