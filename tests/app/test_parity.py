"""The command line (``--json``) and the web API give the same answers: one application layer."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from respublika.web.app import create_app

VOTES = "party,votes\nNur Otan,5148074\nAk Zhol,792828\nPeople's Party,659019\nAuyl,383023\nAdal,258618\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("parity") / "p.db"
    return TestClient(create_app(db_url=f"sqlite:///{db}", examples=False))


def _without(data, *keys):  # type: ignore[no-untyped-def]
    return {k: v for k, v in data.items() if k not in keys}


def test_an_election_is_the_same(respublika, client, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(VOTES, "utf-8")
    for body, extra in (("mazhilis", []), ("president", [])):
        cli = json.loads(respublika("elect", body, str(path), "--json", *extra).out)
        api = client.post("/api/elect", json={"body": body, "results": VOTES}).json()
        assert cli == api
    kz_cli = json.loads(respublika("elect", "mazhilis", str(path), "--json", "--profile", "kz@2012-01-15").out)
    kz_api = client.post("/api/elect", params={"profile": "kz@2012-01-15"},
                         json={"body": "mazhilis", "results": VOTES}).json()
    assert kz_cli == kz_api and kz_cli["version"] == kz_api["version"]


def test_seats_are_the_same(respublika, client, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(VOTES, "utf-8")
    cli = json.loads(respublika("seats", str(path), "--json", "--method", "dhondt", "--seats", "50").out)
    api = client.post("/api/seats", json={"votes": VOTES, "method": "dhondt", "seats": 50}).json()
    assert cli == _without(api, "svg")


def test_a_forecast_is_the_same(respublika, client):
    import time

    args = ["--shares", "A=0.6,B=0.2,C=0.1", "--draws", "2000", "--seed", "7", "--concentration", "150"]
    cli = json.loads(respublika("forecast", "mazhilis", *args, "--json").out)
    job = client.post("/api/forecasts", json={"shares": "A=0.6,B=0.2,C=0.1", "draws": 2000, "seed": 7,
                                              "concentration": 150}).json()
    deadline = time.monotonic() + 60
    while job["status"] == "running" and time.monotonic() < deadline:
        time.sleep(0.05)
        job = client.get(f"/api/forecasts/{job['id']}").json()
    assert job["status"] == "done", job
    assert cli == _without(job["result"], "chart")


def test_power_is_the_same(respublika, client):
    cli = json.loads(respublika("power", "--json", "--mazhilis", "A=76,B=12,C=10", "--blocs").out)
    api = client.get("/api/power", params={"mazhilis": "A=76,B=12,C=10", "blocs": True}).json()["result"]
    assert cli == api
    cli = json.loads(respublika("power", "--json", "--profile", "kz", "--as-of", "2020-01-01",
                                "--seats", "senate:A=30,B=17").out)
    api = client.get("/api/power", params={"profile": "kz", "as_of": "2020-01-01",
                                           "seats": "senate:A=30,B=17"}).json()["result"]
    assert cli == api
