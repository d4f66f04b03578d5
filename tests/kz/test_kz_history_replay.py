"""Issue 16: thirty years of real history replayed through the dated kz profile."""

from __future__ import annotations

import json

import pytest

from respublika.app import history as history_app
from respublika.errors import InputError


@pytest.fixture(scope="module")
def result():
    return history_app.replay("kz")


def test_every_event_is_legal_or_a_recorded_departure(result):
    assert result["counts"]["refused"] == 0, [e for e in result["events"] if e["status"] == "refused"]
    assert result["counts"] == {"accepted": 47, "departure": 1, "unmodelled": 0, "refused": 0}
    for event in result["events"]:
        assert event["source"].startswith("http") and event["reliability"]
        if event["status"] == "departure":
            assert event["departure"]["reason"] and event["departure"]["source"].startswith("http")
        if event["status"] == "accepted":
            assert event["version"] and event["rule"]


def test_the_events_the_issue_lists_are_there(result):
    ids = {e["id"] for e in result["events"]}
    for year in (1999, 2005, 2011, 2015, 2019, 2022):
        assert f"president-{year}" in ids
    for year in (1998, 2007, 2011, 2017, 2019, "2022a", "2022b"):
        assert f"amendment-{year}" in ids
    assert {"emergency-2022", "resignation-2019", "kurultai-2026", "referendum-2022", "referendum-2026",
            "dissolution-2007", "dissolution-2023", "senate-2023", "pm-2024"} <= ids


def test_each_event_under_the_version_in_force(result):
    by_id = {e["id"]: e for e in result["events"]}
    assert by_id["mazhilis-1999"]["version"] == "1999"
    assert by_id["mazhilis-2007"]["version"] == "2007-mazhilis"
    assert by_id["kurultai-2026"]["version"] == "2026"
    assert "Art. 63 §1 (2007)" in by_id["dissolution-2007"]["rule"]["cites"]
    assert by_id["emergency-2022"]["reason"].count("accepted") == 2  # no dissolution meanwhile


def test_a_wrong_event_is_refused():
    text = """profile: kz
events:
  - {id: e3, date: 2005-12-04, kind: election, body: president, share: "45/100", title: t, source: "https://x"}
  - {id: e4, date: 2006-01-01, kind: acts, steps: [{act: dissolve, body: mazhilis}], title: t, source: "https://x"}
  - {id: e2, date: 2012-01-15, kind: election, body: mazhilis, seats: 98, title: t, source: "https://x"}
  - {id: e1, date: 2026-07-03, kind: election, body: kurultai, title: t, source: "https://x"}
"""
    result = history_app.replay("kz", text)
    assert [e["status"] for e in result["events"]] == ["refused"] * 4
    assert "first elected on 2026-08-23" in result["events"][3]["reason"]


def test_the_command(respublika):
    ran = respublika("history", "replay", "kz", "--json")
    assert ran.code == 0
    data = json.loads(ran.out)
    assert data["counts"]["accepted"] == 47 and data["total"] == 48
    text = respublika("history", "replay", "kz")
    assert text.code == 0 and "48 events: 47 legal" in text.out
    bad = respublika("history", "replay", "seed")
    assert bad.code == 2


def test_bad_files_are_refused():
    with pytest.raises(InputError, match="date order"):
        history_app.replay("kz", """profile: kz
events:
  - {id: a, date: 2000-01-02, kind: unmodelled, title: t, source: s}
  - {id: b, date: 2000-01-01, kind: unmodelled, title: t, source: s}
""")
    with pytest.raises(InputError, match="kind"):
        history_app.replay("kz", "profile: kz\nevents:\n  - {id: a, date: 2000-01-01, kind: war, title: t, source: s}\n")


def test_the_2019_resignation_and_the_2024_referendum_are_checked(result):
    by_id = {e["id"]: e for e in result["events"]}
    resignation = by_id["resignation-2019"]
    assert resignation["status"] == "accepted" and resignation["rule"]["id"] == "resign"
    assert "Art. 48 §1" in resignation["rule"]["cites"]
    referendum = by_id["referendum-2024"]
    assert referendum["status"] == "accepted" and referendum["version"] == "2022a-2023"
    assert {"Art. 44(10)", "CL Referendum Art. 31"} <= set(referendum["rule"]["cites"])
