"""The alternatives' power where users look: ``respublika power`` and the power page."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient


def test_power_shows_what_the_alternatives_change(respublika):
    text = respublika("power").out
    assert "A22.senate_silence" in text and "change no index" in text
    data = json.loads(respublika("power", "--json", "--alternatives").out)
    assert data["alternatives"]["changed_by"] == ["A22.senate_silence"]
    assert "alternatives" not in json.loads(respublika("power", "--json").out)  # the contract of 0.1


def test_the_power_page_shows_them(tmp_path):
    from respublika.web.app import create_app

    client = TestClient(create_app(db_url=f"sqlite:///{tmp_path / 'p.db'}", examples=False))
    html = client.get("/power").text
    assert 'data-switch="A22.senate_silence"' in html
    assert client.get("/api/power").json()["alternatives"]["changed_by"] == ["A22.senate_silence"]
