"""The history replay on a non-kz profile (the seed: undated, elections and acts only)."""

from __future__ import annotations

from respublika.app import history as history_app

SEED = """profile: seed
events:
  - {id: p, date: 2030-01-01, kind: election, body: president, share: "6/10", title: president, source: "https://example.org"}
  - {id: m, date: 2030-02-01, kind: election, body: mazhilis, seats: 107, title: lower, source: "https://example.org"}
  - id: law
    date: 2030-03-01
    kind: acts
    steps:
      - {act: introduce, bill: B1, initiator: president}
      - {act: vote, bill: B1, chamber: mazhilis, for: 80, against: 27}
    title: a bill passes the lower chamber
    source: "https://example.org"
  - {id: x, date: 2030-04-01, kind: election, body: mazhilis, seats: 99, title: wrong size, source: "https://example.org",
     departure: {reason: "a recorded departure", source: "https://example.org"}}
"""


def test_a_seed_history():
    result = history_app.replay("seed", SEED)
    assert [e["status"] for e in result["events"]] == ["accepted", "accepted", "accepted", "departure"]
    assert result["counts"] == {"accepted": 3, "departure": 1, "unmodelled": 0, "refused": 0}
    assert result["events"][2]["rule"]["id"]
