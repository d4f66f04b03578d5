"""``respublika simulate`` as a user runs it: one run in the database, many in memory,
reports, and bad input refused before any work (exit code 2)."""

from __future__ import annotations

import json

import pytest

from respublika.store import Store, simulations


@pytest.fixture
def cli(respublika):
    """``respublika simulate ARGS`` through the shared runner: (exit code, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        ran = respublika("simulate", *args)
        return ran.code, ran.out, ran.err

    return invoke


def test_one_run_writes_the_database_and_the_report(cli, tmp_path):
    code, out, err = cli("--years", "3", "--seed", "4", "--rate", "20", "--out", "rep", "--param", "crisis_rate=0",
                         "--save")
    assert code == 0, err
    assert "Simulation sim-4" in out and "introduced" in out
    with Store(f"sqlite:///{tmp_path / 'respublika.db'}") as store:
        assert store.check("sim-4") == []
        assert simulations.timeline(store, "sim-4")["bills"]["years"] == [2000, 2001, 2002]
    page = (tmp_path / "rep" / "report.html").read_text("utf-8")
    data = json.loads((tmp_path / "rep" / "report.json").read_text("utf-8"))
    assert page.count("<svg") == 5 and "respublika simulate --years 3 --seed 4" in page
    assert data["config"]["seed"] == 4 and data["name"] == "sim-4"
    code, out, err = cli("--years", "3", "--seed", "4", "--save")
    assert code == 2 and "exists already" in err
    code, out, err = cli("--resume", "--name", "sim-4", "--json")
    assert code == 0, err
    assert json.loads(out)["summary"]["introduced"] == sum(data["bills"]["introduced"])


def test_many_runs_on_processes(cli):
    code, out, err = cli("--years", "2", "--seed", "1", "--rate", "15", "--runs", "3", "--workers", "2",
                         "--json", "--out", "mc")
    assert code == 0, err
    data = json.loads(out)
    assert data["runs"] == 3 and data["seeds"] == [1, 2, 3]
    assert data["report"][0].endswith("report.html")


@pytest.mark.parametrize("args, message", [
    (["--profile", "nope"], "no profile named 'nope'"),
    (["--years", "-5"], "--years must be at least 1"),
    (["--years", "0"], "--years must be at least 1"),
    (["--rate", "-1"], "--rate must not be negative"),
    (["--runs", "0"], "--runs must be at least 1"),
    (["--workers", "0", "--runs", "2"], "--workers must be at least 1"),
    (["--param", "crisis_rate=-2"], "crisis_rate: must not be negative"),
    (["--param", "nonsense=1"], "unknown simulation parameter"),
    (["--set", "thresholds.two_thirds.share=3/2"], "invalid"),
    (["--runs", "2", "--name", "x"], "apply to one run"),
    (["--resume", "--name", "never"], "no simulation named 'never'"),
])
def test_bad_input_is_refused_before_any_work(cli, tmp_path, args, message):
    code, out, err = cli(*args)
    assert code == 2, (out, err)
    assert message in err
    assert not (tmp_path / "respublika.db").exists() or args[0] == "--resume"


def test_an_unwritable_output_directory_is_refused_first(cli, tmp_path):
    (tmp_path / "file").write_text("x")
    code, _out, err = cli("--out", str(tmp_path / "file"), "--years", "1")
    assert code == 2 and "not a directory" in err
    assert not (tmp_path / "respublika.db").exists()


def test_acts_named_differently_in_a_profile(cli, tmp_path):
    code, out, err = cli("--profile", "kz", "--act", "declare=declare_emergency", "--act", "end=end_emergency",
                         "--years", "2", "--rate", "10", "--param", "crisis_rate=3", "--json", "--out", "kz")
    assert code == 0, err
    data = json.loads(out)
    assert data["timeline"]["config"]["acts"] == {"declare": "declare_emergency", "end": "end_emergency"}
    assert not any("unknown act" in k for k in data["timeline"]["refusals"])
    page = (tmp_path / "kz" / "report.html").read_text("utf-8")
    assert "--act declare=declare_emergency --act end=end_emergency" in page
    code, out, err = cli("--act", "declare=nonsense")
    assert code == 2 and "the profile has no act 'nonsense'" in err
    code, out, err = cli("--act", "nonsense=vote")
    assert code == 2 and "unknown act role" in err


def test_an_unsaved_run_repeats_and_writes_nothing(cli, tmp_path):
    """Issue 18, item 3: the README's command twice works both times; no database unless asked."""
    for _ in range(2):
        code, out, err = cli("--years", "2", "--seed", "1", "--rate", "10", "--json")
        assert code == 0, err
        assert json.loads(out)["saved"] is False
    assert not (tmp_path / "respublika.db").exists()


@pytest.mark.parametrize("years", ["8000", "100000", "1001"])
def test_too_many_years_are_refused_before_anything_is_written(cli, tmp_path, years):
    code, _, err = cli("--years", years, "--save")
    assert code == 2 and "--years" in err and "Traceback" not in err
    assert not (tmp_path / "respublika.db").exists()
    code, _, err = cli("--years", "1", "--rate", "5", "--save")      # nothing blocks a restart
    assert code == 0, err
