"""A saved simulation's timeline in the web app, read from the database."""

from __future__ import annotations

from fastapi.testclient import TestClient

from respublika.simulate import SimParams, SimulationConfig
from respublika.store import Store
from respublika.store.simulations import start as start_simulation
from respublika.web.app import create_app


def test_simulation_timeline_from_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'sim.db'}"
    with Store(url) as store:
        start_simulation(store, "sim-web", SimulationConfig("seed", {}, SimParams(rate=20), 5, 4))
    client = TestClient(create_app(db_url=url, examples=False))
    listing = client.get("/api/simulations").json()["simulations"]
    assert [s["name"] for s in listing] == ["sim-web"]
    timeline = client.get("/api/simulations/sim-web").json()
    assert timeline["years"] == 4 and set(timeline["seats"]) >= {"mazhilis", "senate"}
    assert sum(timeline["bills"]["introduced"]) > 0
    page = client.get("/simulations/sim-web?lang=de")
    assert page.status_code == 200 and page.text.count("<svg") >= 2 and "Sitze im Zeitverlauf" in page.text
    assert client.get("/simulations/nope").status_code == 404
    assert client.get("/simulations?lang=en").status_code == 200
