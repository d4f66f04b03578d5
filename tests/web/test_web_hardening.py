"""Issue 13: nothing a visitor sends breaks a world, a job or the server. Each finding is
reproduced here and answered with a 4xx and a clear message; nothing is stored."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from respublika.store import Store
from respublika.web.app import create_app


@pytest.fixture()
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture()
def client(db):
    return TestClient(create_app(db_url=db))


def act(client, **body):
    return client.post("/api/acts", json=body)


# ------------------------------------------------------------------ 1. dates within sense


def test_a_far_future_date_is_refused_and_the_world_lives_on(client, db):
    before = Store(db).steps("web")
    far = act(client, date="9999-12-31", act="introduce", matter="FAR", params={"initiator": "deputies"})
    assert far.status_code == 422 and "latest date allowed" in far.json()["detail"]
    form = client.post("/bills/act", data={"act": "introduce", "matter": "FAR", "date": "9999-12-31",
                                            "p.initiator": "deputies", "vote_chambers": ""})
    assert form.status_code == 422 and "latest date allowed" in form.text
    assert Store(db).steps("web") == before
    assert client.get("/bills/FAR").status_code == 404
    ok = act(client, date="2012-03-01", act="introduce", matter="B10", params={"initiator": "deputies"})
    assert ok.status_code == 200, ok.text
    assert client.get("/bills/B10").status_code == 200


def test_the_latest_allowed_date_breaks_no_page(client):
    last = "2110-02-01"  # the examples start on 2010-02-01: the horizon ends 100 years later
    ok = act(client, date=last, act="introduce", matter="LATE", params={"initiator": "deputies"})
    assert ok.status_code == 200, ok.text
    assert client.get("/bills/LATE").status_code == 200
    assert client.get("/bills").status_code == 200
    vote = act(client, date=last, act="vote", matter="LATE", params={"chamber": "mazhilis", "for": 80, "against": 27})
    assert vote.status_code == 200, vote.text
    assert client.get("/api/matters/LATE").status_code == 200


def test_the_horizon_is_the_operators(db):
    client = TestClient(create_app(db_url=db, horizon=1))
    far = act(client, date="2014-01-01", act="introduce", matter="B10", params={"initiator": "deputies"})
    assert far.status_code == 422 and "more than 1 years" in far.json()["detail"]


def test_a_scenario_with_a_far_date_is_refused(client):
    text = "profile: seed\nsteps:\n  - {date: 2012-01-01, act: introduce, bill: B1, initiator: deputies}\n" \
           "  - {date: 9999-12-31, act: introduce, bill: B2, initiator: deputies}\n"
    response = client.post("/api/scenarios/run", json={"scenario": text})
    assert response.status_code == 422 and "more than 100 years" in response.json()["detail"]
