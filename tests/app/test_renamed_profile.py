"""A profile with every id renamed runs every command and renders every page.

``tests/profiles/renamed.json`` is the seed with its institutions, seat kinds, elections,
thresholds, durations, acts, kinds of matter, states, parameters and games under other
names (made by ``tests/profiles/renamed.py``). Whatever works for the seed only because some
code knows the seed's ids fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PROFILES = Path(__file__).resolve().parents[1] / "profiles"
RENAMED = PROFILES / "renamed.json"
SCENARIO = PROFILES / "renamed-law.yaml"


def test_the_renamed_profile_is_the_current_seed_renamed():
    import importlib.util

    spec = importlib.util.spec_from_file_location("renamed", PROFILES / "renamed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert RENAMED.read_text("utf-8") == module.text(), "run: python tests/profiles/renamed.py"
    data = json.loads(RENAMED.read_text("utf-8"))
    assert {"lower", "upper", "head_of_state"} <= set(data["institutions"])
    assert "mazhilis" not in data["institutions"] and "bill" not in data["procedure"]["matters"]


@pytest.fixture
def files(tmp_path):
    (tmp_path / "lists.csv").write_text("party,votes\nA,5000\nB,800\nC,300\n", "utf-8")
    (tmp_path / "office.csv").write_text("party,votes\nX,600\nY,300\nZ,100\n", "utf-8")
    (tmp_path / "delegates.csv").write_text("".join(f"C{i},{100 - i}\n" for i in range(12)), "utf-8")
    from respublika.profile import load_profile

    units = list(load_profile(str(RENAMED)).units)
    (tmp_path / "units.json").write_text(json.dumps({u: {"X": 20, "Y": 10} for u in units}), "utf-8")
    return tmp_path


def commands(files: Path) -> list[list[str]]:
    p = ["--profile", str(RENAMED)]
    db = ["--db", f"sqlite:///{files / 'w.db'}"]
    return [
        ["show", *p], ["show", *p, "--json"], ["show", *p, "--lang", "de"],
        ["cite", "S15", *p], ["cite", "A4", *p], ["profile", "check", str(RENAMED)],
        ["profile", "diff", "seed", str(RENAMED)], ["profile", "docs", "--out", str(files / "docs"), *p],
        ["seats", str(files / "lists.csv"), *p], ["seats", str(files / "lists.csv"), "--json", *p],
        ["elect", "--list", *p],
        ["elect", "lower", str(files / "lists.csv"), *p], ["elect", "lower", str(files / "lists.csv"), "--json", *p],
        ["elect", "head_of_state", str(files / "office.csv"), *p],
        ["elect", "upper", str(files / "units.json"), *p],
        ["elect", "peoples_assembly", str(files / "delegates.csv"), "--seed", "1", *p],
        ["elect", "regional_council", str(files / "units.json"), *p],
        ["forecast", "lower", "--shares", "A=0.6,B=0.2", "--draws", "500", "--seed", "1", *p],
        ["forecast", "--shares", "A=0.6,B=0.2", "--draws", "500", "--seed", "1", "--json", *p],
        ["power", *p], ["power", *p, "--seats", "lower:A=60,B=38", "--blocs"], ["power", *p, "--json"],
        ["scenario", "run", str(SCENARIO)], ["scenario", "run", str(SCENARIO), "--json"],
        ["procedure", "diagram", *p], ["procedure", "diagram", *p, "--format", "dot"],
        ["world", "new", "r", *p, *db, "--setup", "president_elected=2011-04-03"],
        ["bill", "new", "B1", "--sponsor", "deputies", "--heading", "Roads", "-w", "r", *db, "-d", "2012-02-01"],
        ["bill", "ballot", "B1", "-c", "lower", "--for", "80", "--against", "27", "-w", "r", *db, "-d", "2012-02-10"],
        ["bill", "ballot", "B1", "--chamber", "upper", "--for", "40", "--against", "7", "-w", "r", *db,
         "-d", "2012-02-20"],
        ["bill", "promulgate", "B1", "-w", "r", *db, "-d", "2012-02-25"],
        ["bill", "show", "B1", "-w", "r", *db], ["bill", "show", "B1", "-w", "r", *db, "--json"],
        ["bill", "list", "-w", "r", *db],
        ["bill", "propose-premier", "P1", "--nominee", "A. B.", "-w", "r", *db, "-d", "2012-03-01"],
        ["bill", "ballot", "P1", "--counts", "lower=60,40", "--counts", "upper=30,10", "-w", "r", *db,
         "-d", "2012-03-02"],
        ["republic", "crisis", "declare", "-w", "r", *db, "-d", "2012-04-01"],
        ["republic", "disband", "-w", "r", *db, "-d", "2012-04-02"],
        ["republic", "advance", "2012-09-01", "-w", "r", *db], ["republic", "show", "-w", "r", *db],
        ["world", "list", *db], ["world", "check", *db],
        ["bill", "ballot", "--help", "-w", "r", *db], ["republic", "--help"],
        ["simulate", "--years", "2", "--seed", "3", "--rate", "20", *p, *db, "--json"],
        ["simulate", "--years", "1", "--seed", "3", "--runs", "2", "--workers", "1", "--rate", "20", *p],
    ]


def test_every_command_runs_with_the_renamed_profile(respublika, files):
    for args in commands(files):
        ran = respublika(*args)
        assert ran.code == 0, f"respublika {' '.join(args)} -> {ran.code}\n{ran.out[-2000:]}\n{ran.err}"
        assert "Traceback" not in ran.err
    shown = respublika("bill", "show", "B1", "-w", "r", "--db", f"sqlite:///{files / 'w.db'}", "--json")
    assert json.loads(shown.out)["state"] == "enacted"
    republic = json.loads(respublika("republic", "show", "-w", "r", "--db", f"sqlite:///{files / 'w.db'}",
                                     "--json").out)
    assert republic["status"]["P1"] == "named"  # the premier's state, renamed


PAGES = ["/", "/parliament", "/parliament?colour=party", "/parliament?colour=party&parties=A=60,B=38",
         "/elections", "/bills", "/power", "/power?seats.lower=A=60,B=38&blocs=true", "/profiles",
         "/simulations", "/api/profile", "/api/parliament", "/api/bodies", "/api/power",
         "/api/procedure/draft_law/diagram", "/api/matters", "/api/cite/S15", "/api/profiles",
         "/?lang=de", "/parliament?lang=de", "/power?lang=de"]


def test_every_page_renders_with_the_renamed_profile(tmp_path):
    from fastapi.testclient import TestClient

    from respublika.web.app import create_app

    client = TestClient(create_app(str(RENAMED), db_url=f"sqlite:///{tmp_path / 'web.db'}"))
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 200, f"{page}: {response.status_code} {response.text[:500]}"
    act = client.post("/api/acts", json={"date": "2012-02-01", "act": "table_bill", "matter": "B1",
                                         "params": {"sponsor": "deputies"}})
    assert act.status_code == 200, act.text
    assert client.get("/bills/B1").status_code == 200
    form = client.post("/bills/act", data={"act": "ballot", "matter": "B1", "date": "2012-02-10",
                                           "vote_chambers": "lower", "v.lower.for": "80", "v.lower.against": "27"},
                       follow_redirects=False)
    assert form.status_code == 303, form.text
    assert client.get("/api/matters/B1").json()["state"] == "in_upper"
    seats = client.post("/api/seats", json={"votes": {"A": 930, "B": 70}})
    assert seats.status_code == 200 and sum(seats.json()["seats"].values()) == 98
    elect = client.post("/api/elect", json={"body": "lower", "results": "A,930\nB,70\n"})
    assert elect.status_code == 200 and elect.json()["composition"]["filled"] == 107
    job = client.post("/api/forecasts", json={"shares": "A=0.6,B=0.2", "draws": 200, "seed": 1})
    assert job.status_code == 200, job.text


def test_a_matters_title_comes_from_its_act_not_a_name(tmp_path):
    """The title shown for a matter is the first text parameter of the act that made it:
    ``heading`` in the renamed profile, ``title`` in the seed."""
    from respublika.app import worlds
    from respublika.app.profiles import ProfileRequest

    with worlds.store(f"sqlite:///{tmp_path / 't.db'}") as opened:
        done = worlds.act(opened, "r", "table_bill", "B1", {"sponsor": "deputies", "heading": "On roads"},
                          None, ProfileRequest.of(str(RENAMED)))
        assert [r["title"] for r in worlds.matters(done.engine.profile, done.world)] == ["On roads"]
        assert worlds.matters(done.engine.profile, done.world, q="roads")[0]["id"] == "B1"
