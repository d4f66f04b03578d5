"""`respublika show`, `cite`, `profile check|list|docs` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "profile" / "data"
SENTENCES = [f"S{n:02d}" for n in range(1, 28)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("respublika")
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=120)


def test_show_json_full_composition():
    result = run("show", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    senate = data["institutions"]["senate"]
    assert senate["size"] == 47
    assert [c["seats"] for c in senate["seats"][0]["classes"]] == [16, 16]
    assert senate["seats"][1]["seats"] == 15
    mazhilis = data["institutions"]["mazhilis"]
    assert [s["seats"] for s in mazhilis["seats"]] == [98, 9]
    assert len(data["units"]) == 16
    assert data["institutions"]["maslikhat"]["bodies"] == 14
    assert data["institutions"]["assembly"]["size"] == 382
    assert all(inst["cites"] for inst in data["institutions"].values())


def test_show_tree_in_both_languages():
    en = run("show")
    assert en.returncode == 0
    assert "Senate — size 47" in en.stdout and "class 2: 16 seats" in en.stdout
    de = run("show", "--lang", "de")
    assert de.returncode == 0
    assert "Senat — Größe 47" in de.stdout and "Klasse 2: 16 Sitze" in de.stdout
    bad = run("show", "--lang", "fr")
    assert bad.returncode == 2 and "unknown language 'fr'" in bad.stderr


def test_show_with_overrides_and_derived_profile():
    result = run("show", "--json", "--profile", str(DATA / "reform.toml"))
    assert json.loads(result.stdout)["institutions"]["senate"]["size"] == 26
    result = run("show", "--json", "--set", "thresholds.two_thirds.share=3/5")
    assert json.loads(result.stdout)["institutions"]["mazhilis"]["thresholds"]["two_thirds"]["required"] == 65
    bad = run("show", "--set", "institutions.mazhilis.size=100")
    assert bad.returncode == 2
    assert "institutions.mazhilis.size: 100 != 98 party lists + 9 assembly = 107" in bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize("sentence", SENTENCES)
def test_cite_answers_every_sentence(sentence):
    result = run("cite", sentence, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == sentence and data["implemented_by"]


def test_cite_assumption_text():
    result = run("cite", "A4")
    assert result.returncode == 0
    assert "The bill goes to the President for signature" in result.stdout
    assert "--set procedure.matters.bill.states.in_senate.deadline.to=failed" in result.stdout
    unknown = run("cite", "S42")
    assert unknown.returncode == 2 and "'S42' is not cited" in unknown.stderr


def test_profile_check_exit_codes(tmp_path):
    ok = run("profile", "check", str(DATA / "reform.toml"))
    assert ok.returncode == 0 and "valid" in ok.stdout
    broken = run("profile", "check", str(DATA / "broken_senate.toml"))
    assert broken.returncode == 1
    assert "institutions.senate.size: 47 != 2 seats x 16 units + 16 appointed = 48" in broken.stdout
    missing = run("profile", "check", str(tmp_path / "none.toml"))
    assert missing.returncode == 1 and "no such file" in missing.stdout


def test_profile_list():
    result = run("profile", "list", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["id"] == "seed"


def test_profile_diff():
    result = run("profile", "diff", "seed", str(DATA / "reform.toml"), "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["path"]: r for r in json.loads(result.stdout)["rows"]}
    assert rows["institutions.senate.size"]["a"] == 47 and rows["institutions.senate.size"]["b"] == 26
    assert rows["procedure.matters.bill.rules.mazhilis_vote.vote.threshold"]["b"] == "majority"
    assert "S22" in rows["procedure.matters.bill.rules.mazhilis_vote.vote.threshold"]["cites_a"]
    same = run("profile", "diff", "seed", "seed")
    assert "no differences" in same.stdout
