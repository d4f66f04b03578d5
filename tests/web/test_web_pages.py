"""The web app's pages and API (in-process, through httpx)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from respublika.i18n import catalogue
from respublika.web.app import create_app

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "respublika" / "web"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("pages") / "pages.db"
    return TestClient(create_app(db_url=f"sqlite:///{db}"))


@pytest.mark.parametrize(
    "path", ["/", "/parliament", "/parliament?colour=party", "/elections", "/bills", "/power", "/profiles", "/simulations"]
)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_pages_render(client, path, lang):
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}lang={lang}")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text


def test_language_switch_is_remembered(client):
    client.get("/?lang=de")
    assert "Überblick" in client.get("/").text
    client.get("/?lang=en")
    assert "Overview" in client.get("/").text


def test_overview_shows_structure_and_citations(client):
    html = client.get("/?lang=en").text
    assert 'class="structure"' in html and 'data-id="senate"' in html
    assert 'data-institution="mazhilis"' in html and ">S17<" in html


def seat_count(svg: str) -> int:
    return len(re.findall(r'<circle class="seat"', svg))


def test_hemicycles_have_every_seat_and_thresholds(client):
    data = client.get("/api/parliament").json()
    by_id = {c["id"]: c for c in data["chambers"]}
    assert seat_count(by_id["mazhilis"]["svg"]) == 107
    assert seat_count(by_id["senate"]["svg"]) == 47
    assert [t["required"] for t in by_id["mazhilis"]["thresholds"]] == [54, 72, 81]
    assert [t["required"] for t in by_id["senate"]["thresholds"]] == [24, 32, 36]
    marks = re.findall(r'class="threshold" data-seats="(\d+)"', by_id["mazhilis"]["svg"])
    assert marks == ["54", "72", "81"]


def test_party_colouring_uses_example_or_given_composition(client):
    data = client.get("/api/parliament?colour=party").json()
    mazhilis = next(c for c in data["chambers"] if c["id"] == "mazhilis")
    assert [(g["label"], g["seats"]) for g in mazhilis["groups"]][:3] == [
        ("Nur Otan", 76), ("Ak Zhol", 12), ("People's Party of Kazakhstan", 10)]
    custom = client.get("/api/parliament", params={"colour": "party", "mazhilis": "A=50,B=48"}).json()
    mazhilis = next(c for c in custom["chambers"] if c["id"] == "mazhilis")
    assert [g["seats"] for g in mazhilis["groups"]] == [50, 48, 9]


def test_bad_composition_is_refused_with_a_message(client):
    response = client.get("/api/parliament", params={"colour": "party", "mazhilis": "A=50,B=40"})
    assert response.status_code == 422
    assert "the parties hold 90 seats, but 98 seats" in response.json()["detail"]
    page = client.get("/parliament", params={"colour": "party", "mazhilis": "A=x"})
    assert page.status_code == 422 and "must be a whole number" in page.text


def test_user_text_is_escaped(client):
    response = client.get("/parliament", params={"colour": "party", "mazhilis": "<script>alert(1)</script>=98"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_profile_diff(client):
    data = client.get("/api/profiles", params={"a": "seed", "b": "seed+thresholds.two_thirds.share=1/2"}).json()
    rows = data["diff"]["rows"]
    assert [r["path"] for r in rows] == ["thresholds.two_thirds.share"]
    assert rows[0]["a"] == "2/3" and rows[0]["b"] == "1/2" and "S22" in rows[0]["cites_a"]
    html = client.get("/profiles", params={"a": "seed", "b": "seed+thresholds.two_thirds.share=1/2"}).text
    assert "thresholds.two_thirds.share" in html


def test_api_cite(client):
    assert client.get("/api/cite/S15").json()["implemented_by"]
    assert client.get("/api/cite/S99").status_code == 422


def test_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    assert "/api/parliament" in schema["paths"]


def test_every_template_message_has_a_german_translation():
    messages = set()
    for path in list(TEMPLATES.glob("templates/*.html")) + list(TEMPLATES.glob("*.py")):
        messages |= set(re.findall(r"""_\(["']([^"']+)["']\)""", path.read_text("utf-8")))
    missing = sorted(m for m in messages if m not in catalogue("de"))
    assert not missing, f"add German translations for: {missing}"


def test_power_page_and_api(client):
    data = client.get("/api/power").json()
    assert data["result"]["offices"]["president"]["shapley_shubik"] == "0/1"
    assert any("adds no voting power" in f for f in data["result"]["findings"])
    majority = client.get("/api/power", params={"profile": "majority"}).json()
    assert round(majority["result"]["offices"]["president"]["shapley_shubik_float"], 3) == 0.165
    blocs = client.get("/api/power", params={"mazhilis": "Nur Otan=76,Ak Zhol=12,People's Party=10",
                                              "blocs": "true"}).json()
    assert "mazhilis:Nur Otan" in blocs["result"]["veto_players"]
    html = client.get("/power", params={"lang": "de", "profile": "majority"}).text
    assert "Wer die Macht hat" in html and 'data-label="president"' in html
    assert client.get("/api/power", params={"profile": "../etc"}).status_code == 422
    assert client.get("/api/power", params={"index": "gini"}).status_code == 422


def test_bill_diagram_highlights_the_current_state(client):
    html = client.get("/bills/B3?lang=en").text
    assert re.search(r'<g class="state[^"]*\bcurrent\b[^"]*" data-state="failed"', html)


def test_the_server_reads_only_shipped_profiles(client):
    response = client.get("/api/profiles", params={"a": "/etc/passwd", "b": "seed"})
    assert response.status_code == 422 and "not a shipped profile" in response.json()["detail"]
    long_name = client.get("/api/profiles", params={"a": "0" * 400, "b": "seed"})
    assert long_name.status_code == 422


def test_dated_profile_timeline_and_history(client):
    data = client.get("/api/profiles", params={"dated": "kz", "as_of": "2012-01-01"}).json()["timeline"]
    assert data["as_of"] == "2012-01-01" and data["versions"][0]["effective"] == "1995-09-05"
    assert {c["id"] for c in data["chambers"]} == {"senate", "mazhilis"}
    later = client.get("/api/profiles", params={"dated": "kz", "as_of": "2026-07-01"}).json()["timeline"]
    assert [c["id"] for c in later["chambers"]] == ["kurultai"]
    assert client.get("/api/profiles", params={"dated": "seed"}).status_code == 422
    assert client.get("/api/profiles", params={"dated": "kz", "as_of": "1990-01-01"}).status_code == 422
    svg = client.get("/profiles/kz/history.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    diff = client.get("/api/profiles", params={"a": "seed", "b": "kz@2012-01-01"}).json()["diff"]["rows"]
    assert any(r["path"] == "institutions.mazhilis.size" for r in diff) or diff


@pytest.mark.parametrize("index", ["banzhaf", "shapley-shubik", "johnston", "deegan-packel", "coleman-prevent"])
def test_the_power_page_shows_any_registered_index(client, index):
    """Each index of the registry gets its column (a page that assumed two crashed on one)."""
    from respublika.games import get_index

    response = client.get("/power", params={"index": index, "lang": "en"})  # the shared client may remember German
    assert response.status_code == 200
    assert f'<th colspan="2">{get_index(index).title}</th>' in response.text
