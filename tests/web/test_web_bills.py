"""Matters in the web app: the API and the form posts, on a throwaway database."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from respublika.store import Store
from respublika.web.app import create_app

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "respublika" / "data" / "examples"


@pytest.fixture()
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture()
def client(db):
    return TestClient(create_app(db_url=db))


def test_examples_are_loaded_on_first_start(client):
    data = client.get("/api/matters").json()
    assert {m["id"]: m["state"] for m in data["matters"]} == {
        "B1": "law", "B2": "law", "B3": "failed", "PM1": "appointed"}
    assert data["clock"] == "2012-01-21"


def test_filters(client):
    rows = client.get("/api/matters", params={"status": "law"}).json()["matters"]
    assert [m["id"] for m in rows] == ["B1", "B2"]
    rows = client.get("/api/matters", params={"kind": "pm_nomination"}).json()["matters"]
    assert [m["id"] for m in rows] == ["PM1"]
    rows = client.get("/api/matters", params={"q": "librar"}).json()["matters"]
    assert [m["id"] for m in rows] == ["B1"]


def test_walk_a_bill_to_law_through_the_api(client):
    def act(**body):
        response = client.post("/api/acts", json=body)
        assert response.status_code == 200, response.text
        return response.json()

    act(date="2012-03-01", act="introduce", matter="B10", params={"initiator": "government"})
    forms = client.get("/api/matters/B10").json()["forms"]
    assert [f["label"] for f in forms] == ["vote (chamber=mazhilis)"]
    assert forms[0]["votes"][0]["required"] == 72
    act(date="2012-03-02", act="vote", matter="B10", params={"chamber": "mazhilis", "for": 72, "against": 35})
    result = act(date="2012-03-03", act="vote", matter="B10", params={"chamber": "senate", "for": 32, "against": 15})
    assert result["status"]["B10"] == "with_president"
    assert "32 of 47 in favour, 32 required" in " ".join(result["events"][0]["text"])
    act(date="2012-03-04", act="sign", matter="B10")
    matter = client.get("/api/matters/B10").json()
    assert matter["state"] == "law" and matter["final"] and matter["forms"] == []


def test_refused_act_changes_nothing(client, db):
    before = Store(db).steps("web")
    response = client.post("/api/acts", json={"date": "2012-03-01", "act": "sign", "matter": "B3"})
    assert response.status_code == 422 and "final" in response.json()["detail"]
    response = client.post("/api/acts", json={"date": "2012-03-01", "act": "introduce", "matter": "B11",
                                              "params": {"initiator": "king"}})
    assert response.status_code == 422 and "initiator" in response.json()["detail"]
    response = client.post("/api/acts", json={"date": "2000-01-01", "act": "introduce", "matter": "B11",
                                              "params": {"initiator": "deputies"}})
    assert response.status_code == 422 and "before the previous step" in response.json()["detail"]
    response = client.post("/api/acts", json={"date": "not a date", "act": "introduce"})
    assert response.status_code == 422
    assert Store(db).steps("web") == before


def test_form_posts_and_html_errors(client):
    response = client.post("/bills/act", data={"act": "introduce", "matter": "B20", "date": "2012-04-01",
                                                "p.initiator": "deputies", "p.budget_impact": "true",
                                                "p.title": "<script>x</script>", "vote_chambers": ""},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/bills/B20"
    page = client.get("/bills/B20?lang=en").text
    assert "awaiting_government" in page and "<script>x</script>" not in page
    assert 'data-act="government_opinion"' in page
    bad = client.post("/bills/act", data={"act": "vote", "matter": "B20", "date": "2012-04-02",
                                           "fixed.chamber": "mazhilis", "vote_chambers": "mazhilis",
                                           "v.mazhilis.for": "many", "v.mazhilis.against": "1"})
    assert bad.status_code == 422 and "expected a whole number" in bad.text


def test_scenario_upload_runs_in_memory(client):
    text = (EXAMPLE / "03-second-reading.yaml").read_text("utf-8")
    response = client.post("/api/scenarios/run", json={"scenario": text})
    assert response.status_code == 200
    assert response.json()["final"] == {"B3": "failed"} and response.json()["expect_met"] is True
    page = client.post("/bills/scenario", files={"file": ("s.yaml", text.encode(), "application/x-yaml")})
    assert page.status_code == 200 and 'id="verdict"' in page.text
    assert "B3" not in [m["id"] for m in client.get("/api/matters").json()["matters"] if m["state"] != "failed"]
    bad = client.post("/api/scenarios/run", json={"scenario": "steps: 3"})
    assert bad.status_code == 422


def test_diagram_api(client):
    assert client.get("/api/procedure/bill/diagram").json()["svg"].startswith("<svg")
    assert client.get("/api/procedure/nothing/diagram").status_code == 422


def test_token_protects_writes_but_not_reads(db):
    client = TestClient(create_app(db_url=db, token="s3cret"))
    assert client.get("/api/matters").status_code == 200
    body = {"date": "2012-03-01", "act": "introduce", "matter": "B30", "params": {"initiator": "deputies"}}
    assert client.post("/api/acts", json=body).status_code == 403
    assert client.post("/api/acts", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.post("/api/acts", json=body, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    form = {"act": "vote", "matter": "B30", "date": "2012-03-02", "fixed.chamber": "mazhilis",
            "vote_chambers": "mazhilis", "v.mazhilis.for": "80", "v.mazhilis.against": "1"}
    assert client.post("/bills/act", data=form, follow_redirects=False).status_code == 403
    assert client.post("/bills/act", data={**form, "token": "s3cret"}, follow_redirects=False).status_code == 303
