"""The procedure's commands as a user runs them: scenarios, acts on the database, diagrams."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "src" / "respublika" / "data" / "examples").glob("*.yaml"))


@pytest.fixture
def cli(respublika):
    """``respublika ARGS`` through the shared runner: (exit code, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        ran = respublika(*args)
        return ran.code, ran.out, ran.err

    return invoke


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_run_and_meet_expectations(cli, path):
    code, out, err = cli("scenario", "run", str(path), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["expect_met"] is True
    assert set(data) >= {"steps", "final", "expect_met"}
    for step in data["steps"]:
        assert set(step) >= {"ok", "error", "status_after"}
        assert (step["error"] is None) == step["ok"]


def test_text_output_explains_the_votes(cli):
    code, out, _ = cli("scenario", "run", str(ROOT / "src" / "respublika" / "data" / "examples" / "01-law.yaml"))
    assert code == 0
    assert ("Mazhilis passed B1: 75 of 107 in favour, 72 required (two thirds of the total membership) "
            "[S22, S24, A1]. Now: in the Senate.") in out
    assert "expect met" in out
    code, out, _ = cli("scenario", "run", str(ROOT / "src" / "respublika" / "data" / "examples" / "01-law.yaml"), "--lang", "de")
    assert "75 von 107 dafür" in out


def test_unmet_expectations_exit_1(cli, tmp_path):
    path = tmp_path / "wrong.yaml"
    path.write_text("steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: government}\n"
                    "  - {date: 2010-02-02, act: sign, bill: B1}\nexpect: {B1: law}\n")
    code, out, _ = cli("scenario", "run", str(path), "--json")
    data = json.loads(out)
    assert code == 1 and data["expect_met"] is False
    assert data["final"] == {"B1": "in_mazhilis"}
    assert data["steps"][1]["ok"] is False and "no rule allows sign" in data["steps"][1]["error"]


@pytest.mark.parametrize("text", [
    "steps: []\n",
    "steps:\n  - {act: introduce, bill: B1}\n",
    "steps:\n  - {date: 2010-02-30, act: introduce, bill: B1}\n",
    "stepz:\n  - {date: 2010-02-01, act: introduce}\n",
    "steps: [unclosed\n",
    "profile: no-such-profile\nsteps:\n  - {date: 2010-02-01, act: introduce, bill: B1}\n",
])
def test_malformed_scenarios_exit_2(cli, tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    code, _, err = cli("scenario", "run", str(path))
    assert code == 2 and "error:" in err


def test_scenario_with_profile_override_and_db(cli, tmp_path):
    path = ROOT / "tests" / "scenarios" / "majority-profile.yaml"
    assert cli("scenario", "run", str(path), "--profile", "seed")[0] == 1
    db = f"sqlite:///{tmp_path / 'runs.db'}"
    assert cli("scenario", "run", str(path), "--db", db)[0] == 0
    assert cli("scenario", "run", str(path), "--db", db)[0] == 0  # a second world, majority-profile-2
    _, out, _ = cli("world", "list", "--db", db, "--json")
    assert [w["name"] for w in json.loads(out)] == ["majority-profile", "majority-profile-2"]
    assert cli("world", "check", "--db", db)[:2] == (0, "consistent\n")


def test_acts_against_the_database(cli):
    assert cli("bill", "new", "B1", "--initiator", "deputies", "--budget-impact", "--date", "2010-02-01")[0] == 0
    code, _, err = cli("bill", "vote", "B1", "--chamber", "mazhilis", "--for", "80", "--against", "27",
                       "--date", "2010-02-10")
    assert code == 2 and "no rule allows vote on B1 in state awaiting the Government's opinion" in err
    assert cli("bill", "opinion", "B1", "--param", "approve=true", "--date", "2010-02-15")[0] == 0
    code, out, _ = cli("bill", "vote", "B1", "-c", "mazhilis", "--for", "75", "--against", "30", "--abstain", "2",
                       "--date", "2010-03-01")
    assert code == 0 and "B1: in the Senate" in out and "in_senate" not in out
    code, _, err = cli("bill", "vote", "B1", "-c", "senate", "--for", "40", "--against", "8", "--date", "2010-03-02")
    assert code == 2 and "47 members" in err
    code, _, err = cli("bill", "sign", "B1", "--date", "2010-02-01")
    assert code == 2 and "before the previous step" in err
    code, out, _ = cli("bill", "show", "B1")
    assert "Mazhilis passed B1: 75 of 107 in favour, 72 required" in out
    assert "vote (chamber: the Senate)" in out and "last day 30 April 2010" in out and "with the President" in out
    code, out, _ = cli("world", "list", "--json")
    assert json.loads(out)[0]["steps"] == 3
    code, out, _ = cli("bill", "show", "B1", "--json", "--on", "2010-05-01")
    assert json.loads(out)["state"] == "with_president"
    listed = cli("bill", "list")[1]  # words, not ids (issue 12); --json keeps the ids
    assert listed.split()[:2] == ["B1", "Bill"] and "in_senate" not in listed and "Senate" in listed
    assert json.loads(cli("bill", "list", "--json")[1])[0]["state"] == "in_senate"
    assert "Senat" in cli("bill", "list", "--lang", "de")[1]


def test_joint_votes_republic_acts_and_other_matters(cli):
    day = iter(f"2012-01-{d:02d}" for d in range(10, 32))
    assert cli("bill", "nominate-pm", "PM1", "--param", "candidate=A", "-d", next(day))[0] == 0
    code, out, _ = cli("bill", "vote", "PM1", "--counts", "mazhilis=54,53", "--counts", "senate=24,23", "-d", next(day))
    assert code == 0 and "PM1: appointed" in out
    assert cli("bill", "security-decision", "S1", "--param", "title=Air", "-d", next(day))[0] == 0
    assert cli("bill", "vote", "S1", "-c", "mazhilis", "--for", "1", "--against", "0", "-d", next(day))[0] == 2
    assert cli("bill", "decree", "L1", "-d", next(day))[0] == 2
    assert cli("bill", "delegation", "D1", "-d", next(day))[0] == 0
    assert cli("bill", "vote", "D1", "--counts", "mazhilis=72,35", "--counts", "senate=32,15", "-d", next(day))[0] == 0
    assert cli("bill", "decree", "L1", "--param", "title=Roads", "-d", next(day))[0] == 0
    assert cli("bill", "propose-amendment", "A1", "-d", next(day))[0] == 0
    assert cli("bill", "call-referendum", "A1", "-d", next(day))[0] == 0
    units = [f"--unit={u}=20,10" for u in ("akmola", "aktobe", "almaty_region", "atyrau", "east_kazakhstan",
                                           "jambyl", "karaganda", "kostanay", "kyzylorda", "mangystau", "astana")]
    code, out, _ = cli("bill", "referendum", "A1", "--electorate", "1000", "--turnout", "600", *units, "-d", next(day))
    assert code == 0 and "A1: adopted" in out
    assert cli("republic", "dissolve", "-d", next(day))[0] == 2
    assert cli("republic", "crisis", "declare", "-d", next(day))[0] == 0
    code, out, _ = cli("republic", "dissolve", "-d", next(day))
    assert code == 0 and "scheduled: convene" in out
    code, out, _ = cli("republic", "advance", "2012-04-01")
    assert code == 0 and "convene" in out
    code, out, _ = cli("republic", "show", "--json")
    assert json.loads(out)["not_sitting"] == {}
    assert cli("bill", "act", "L1", "frobnicate", "-d", "2012-04-02")[0] == 2
    assert cli("world", "check")[0] == 0


def test_a_world_keeps_its_profile(cli):
    assert cli("world", "new", "reform", "--profile", "seed", "--set", "thresholds.two_thirds.share=1/2",
               "--setup", "president_elected=2011-04-03")[0] == 0
    assert cli("bill", "new", "B1", "--initiator", "government", "-w", "reform", "-d", "2012-01-01")[0] == 0
    code, out, _ = cli("bill", "vote", "B1", "-c", "mazhilis", "--for", "54", "--against", "53", "-w", "reform",
                       "-d", "2012-01-02")
    assert code == 0 and "54 required" in out
    code, _, err = cli("bill", "new", "B2", "--initiator", "government", "-w", "reform", "--profile", "seed")
    assert code == 2 and "uses profile" in err


def test_diagram_svg_and_dot(cli, tmp_path):
    code, out, _ = cli("procedure", "diagram")
    # people's words, not ids: the senate_silence deadline is drawn as what it means
    assert code == 0 and out.startswith("<svg") and "[S22, S24, A1]" in out
    assert "Senate did not decide within sixty days" in out and "senate_silence" not in out
    code, out, _ = cli("procedure", "diagram", "--matter", "delegation", "--format", "dot", "--lang", "de")
    assert code == 0 and out.startswith('digraph "delegation"') and "delegation_expired" in out
    assert cli("procedure", "diagram", "-o", str(tmp_path / "bill.svg"))[0] == 0
    assert (tmp_path / "bill.svg").read_text().count("<g") > 10
    assert cli("procedure", "diagram", "--matter", "treaty")[0] == 2


def test_console_script_exit_codes(tmp_path):
    exe = Path(sys.executable).with_name("respublika")
    ok = subprocess.run([str(exe), "scenario", "run", str(EXAMPLES[0])], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("steps: 3\n")
    broken = subprocess.run([str(exe), "scenario", "run", str(bad)], capture_output=True, text=True, timeout=120)
    assert broken.returncode == 2 and "steps" in broken.stderr
