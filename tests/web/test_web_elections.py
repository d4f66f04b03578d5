"""The elections page and API: seats explained, forecasts as jobs, limits."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from respublika.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("elections") / "e.db"
    return TestClient(create_app(db_url=f"sqlite:///{db}", examples=False))


def test_defaults_come_from_the_profile(client):
    html = client.get("/elections?lang=en").text
    assert 'name="seats" min="1" max="1000" value="98"' in html
    assert 'name="threshold" value="7/100"' in html


def test_seats_form_explains_and_draws_the_chamber(client):
    response = client.post("/elections/seats", data={"votes": "A,930\nB,70\n", "seats": "98", "method": "hare",
                                                      "threshold": "7/100", "base_extra": "0", "ties": "order"})
    assert response.status_code == 200
    assert len(re.findall(r'class="seat"', response.text)) == 107
    assert "Hare quota" in response.text and "7.000 %" in response.text


def test_seats_api_keeps_exactly_seven_percent(client):
    data = client.post("/api/seats", json={"votes": {"A": 93, "B": 7}}).json()
    assert data["seats"] == {"A": 91, "B": 7} and data["threshold"] == "7/100"
    data = client.post("/api/seats", json={"votes": "A,93\nB,7\n", "seats": 10, "method": "dhondt",
                                           "threshold": "0"}).json()
    assert sum(data["seats"].values()) == 10


@pytest.mark.parametrize(
    ("body", "message"),
    [({"votes": {"A": -1}}, "negative"), ({"votes": {}}, "votes"), ({"votes": {"A": 5}, "method": "borda"}, "borda"),
     ({"votes": {"A": 5}, "threshold": "1"}, "below 1")],
)
def test_seats_api_refusals(client, body, message):
    response = client.post("/api/seats", json=body)
    assert response.status_code == 422 and message in str(response.json()["detail"])


def test_forecast_job_reports_progress_and_result(client):
    job = client.post("/api/forecasts", json={"shares": "A=0.6,B=0.2", "draws": 3000, "seed": 2}).json()
    deadline = time.monotonic() + 60
    while job["status"] == "running" and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(f"/api/forecasts/{job['id']}").json()
    assert job["status"] == "done" and job["done"] == job["total"] == 3000
    assert set(job["result"]["parties"]) == {"A", "B"} and job["result"]["chart"].startswith("<svg")
    again = client.post("/api/forecasts", json={"shares": "A=0.6,B=0.2", "draws": 3000, "seed": 2}).json()
    while again["status"] == "running" and time.monotonic() < deadline:
        time.sleep(0.1)
        again = client.get(f"/api/forecasts/{again['id']}").json()
    assert again["result"]["parties"] == job["result"]["parties"]


def test_forecast_limits_and_errors(client):
    assert client.post("/api/forecasts", json={"shares": "A=0.6", "draws": 10**7}).status_code == 422
    response = client.post("/api/forecasts", json={"shares": "A=0.9,B=0.3"})
    assert response.status_code == 422 and "more than 1" in response.json()["detail"]
    assert client.get("/api/forecasts/nope").status_code == 404


def test_forecast_without_javascript(client):
    response = client.post("/elections/forecast", data={"shares": "A=0.6,B=0.2", "draws": "1000", "seed": "1",
                                                         "concentration": "100"})
    assert response.status_code == 200 and 'class="distribution"' in response.text
