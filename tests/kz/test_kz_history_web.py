"""The history timeline page and its API (issue 16)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from respublika.web.app import create_app


def _client(tmp_path):
    return TestClient(create_app(db_url=f"sqlite:///{tmp_path / 'w.db'}"))


def test_the_timeline_page_and_api(tmp_path):
    client = _client(tmp_path)
    page = client.get("/history")
    assert page.status_code == 200
    assert "48 events: 47 legal" in page.text and "2026-08-23" in page.text and "2022a-2023" in page.text
    assert 'href="/history"' in page.text
    data = client.get("/api/history", params={"profile": "kz"}).json()
    assert data["counts"] == {"accepted": 47, "departure": 1, "unmodelled": 0, "refused": 0}
    assert 400 <= client.get("/api/history", params={"profile": "nope"}).status_code < 500
