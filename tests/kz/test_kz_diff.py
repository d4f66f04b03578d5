"""`respublika profile diff seed kz@2012-01-01` lists the known departures of the
specification (the seed) from the real text in force on 1 Jan 2012, with both citations."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from respublika.cli.main import app
from respublika.profile import load_profile
from respublika.profile.diff import diff

# path -> (seed, kz@2012-01-01): the departures docs/real-constitution.md explains
KNOWN = {
    # S22/S23: two thirds in each chamber; the text: a majority of the total membership
    "procedure.matters.bill.rules.mazhilis_vote.vote.threshold": ("two_thirds", "majority"),
    "procedure.matters.bill.rules.senate_vote.vote.threshold": ("two_thirds", "majority"),
    # S24: the second reading (two thirds) is a separate vote in the text
    "procedure.matters.bill.rules.mazhilis_vote.from": (["in_mazhilis", "mazhilis_second_reading"], ["in_mazhilis"]),
    # A4: the Senate's silence sends the bill to the President only from 2023
    "procedure.matters.bill.states.in_senate.deadline.after": ("senate_review", None),
    # S08/S25, A7: since 2007 the Mazhilis alone consents to the Prime Minister
    "procedure.matters.pm_nomination.rules.consent_vote.vote.chambers": (["mazhilis", "senate"], ["mazhilis"]),
    # S09, A10: since 2007 no ground is needed to dissolve; and the Mazhilis alone may be dissolved
    "procedure.republic.rules.dissolve.require.crisis.republic.crisis": (True, None),
    "procedure.republic.rules.dissolve_mazhilis.effects.dissolve": (None, ["mazhilis"]),
    # S26: maslikhats are elected for five years (four until 2007), never two
    "institutions.maslikhat.term_years": (2, 5),
    "institutions.city_maslikhat.term_years": (2, 5),
    # S19/S20: the Assembly's 382 members and 140 groups are not verified
    "institutions.assembly.size": (382, None),
    "institutions.assembly.ethnic_groups": (140, None),
    # A3: the runner-up rule of the election law (2009-2022)
    "elections.mazhilis.runner_up_admitted": (False, True),
    # the seed has no constitutional laws (two thirds of each chamber) and no urgent bills
    "procedure.matters.constitutional_law.rules.mazhilis_vote.vote.threshold": (None, "two_thirds"),
    "procedure.acts.declare_urgent.actor": (None, "president"),
    # S12: no "final decision" on security without Parliament in the text
    "procedure.acts.security_decision.actor": ("president", None),
    # S27: akims head every region, city of republican significance and the capital
    "institutions.akim.per_unit": ("regions", "all"),
}


def _rows(a: str, b: str) -> dict[str, dict]:
    return {row["path"]: row for row in diff(load_profile(a), load_profile(b))}


def test_the_known_departures_are_listed_with_both_citations():
    rows = _rows("seed", "kz@2012-01-01")
    for path, (seed_value, kz_value) in KNOWN.items():
        assert path in rows, path
        row = rows[path]
        assert (row["a"], row["b"]) == (seed_value, kz_value), path
        if seed_value is not None:
            assert row["cites_a"], path
        if kz_value is not None:
            assert row["cites_b"] and all(not c.startswith(("S", "A")) or c.startswith("Art") for c in row["cites_b"]), path


def test_what_agrees_is_not_listed():
    rows = _rows("seed", "kz@2012-01-01")
    for path in ("institutions.senate.size", "institutions.mazhilis.size", "institutions.senate.seats.appointed.count",
                 "institutions.mazhilis.seats.party_lists.count", "elections.mazhilis.threshold",
                 "elections.mazhilis.method", "thresholds.two_thirds.share",
                 "procedure.matters.bill.rules.override_mazhilis.vote.threshold",
                 "procedure.matters.delegation.rules.delegation_vote.vote.threshold",
                 "procedure.matters.amendment.rules.parliament_vote.vote.threshold",
                 "durations.senate_review.duration", "durations.president_term.duration"):
        assert path not in rows, path


def test_the_cli_diffs_seed_against_a_date_and_two_dates():
    runner = CliRunner()
    result = runner.invoke(app, ["profile", "diff", "seed", "kz@2012-01-01", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {r["path"] for r in data["rows"]} >= set(KNOWN)
    result = runner.invoke(app, ["profile", "diff", "kz@2022-12-31", "kz@2023-01-01", "--json"])
    rows = {r["path"]: r for r in json.loads(result.output)["rows"]}
    assert rows["institutions.senate.size"]["a"] == 49 and rows["institutions.senate.size"]["b"] == 50
    assert rows["procedure.matters.bill.states.in_senate.deadline.to"]["b"] == "with_president"
    assert rows["elections.mazhilis.threshold"]["a"] == "7/100" and rows["elections.mazhilis.threshold"]["b"] == "1/20"
