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


# ------------------------------------------------------------------ 2. worlds can be recovered


def test_fork_through_the_api_needs_the_token_and_recovers_a_world(db):
    client = TestClient(create_app(db_url=db, token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    steps = len(Store(db).steps("web"))
    assert client.post("/api/worlds/fork", json={"new": "web2", "at": 1}).status_code == 403
    bad = client.post("/api/worlds/fork", json={"new": "web2", "at": steps + 1}, headers=auth)
    assert bad.status_code == 422 and f"no step {steps + 1}" in bad.json()["detail"]
    assert client.post("/api/worlds/fork", json={"new": "a/b", "at": 1}, headers=auth).status_code == 422
    unknown = client.post("/api/worlds/fork", json={"world": "nope", "new": "x", "at": 0}, headers=auth)
    assert unknown.status_code == 404
    done = client.post("/api/worlds/fork", json={"new": "web2", "at": 1, "switch": True}, headers=auth)
    assert done.status_code == 200, done.text
    assert done.json()["steps"] == 1 and done.json()["serving"] == "web2"
    assert len(client.get("/api/matters").json()["matters"]) == 1
    assert client.get("/api/worlds").json()["serving"] == "web2"
    assert len(Store(db).steps("web")) == steps


def test_fork_on_the_bill_page(client, db):
    page = client.get("/bills/B1").text
    assert 'action="/bills/fork"' in page
    steps = len(Store(db).steps("web"))
    done = client.post("/bills/fork", data={"new": "before", "at": "2", "switch": "on", "matter": "B1"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/bills/B1"
    assert len(Store(db).steps("before")) == 2 and len(Store(db).steps("web")) == steps
    assert client.get("/bills/PM1").status_code == 404  # not in the fork's first two steps
    bad = client.post("/bills/fork", data={"new": "before", "at": "1"})
    assert bad.status_code == 422 and "exists already" in bad.text
