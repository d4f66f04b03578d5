"""The dated `kz` profile: every version resolves, validates and runs; the numbers of each
version; citations and assumptions are complete (no silent facts)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from respublika.cli.main import app
from respublika.errors import ProfileError
from respublika.games.legislature import build
from respublika.procedure import Engine
from respublika.profile import Profile, load_profile, load_raw, shipped_profiles
from respublika.profile.query import threshold_count
from respublika.profile.validate import cited_entries, seat_count


@cache
def kz_at(day: object) -> Profile:
    """The kz profile as of ``day`` (loaded once per date: profiles are immutable)."""
    return load_profile("kz", as_of=day)  # type: ignore[arg-type]

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "src" / "respublika" / "profiles" / "kz.toml"
VERSIONS = [
    ("1995", "1995-09-05"), ("1997", "1997-12-10"), ("1998-astana", "1998-05-06"), ("1998", "1998-10-07"),
    ("1999", "1999-10-10"), ("2007", "2007-05-21"), ("2007-mazhilis", "2007-08-18"), ("2009", "2009-02-09"), ("2011", "2011-02-02"), ("2017", "2017-03-10"), ("2018", "2018-06-19"),
    ("2018-july", "2018-07-12"), ("2019", "2019-03-23"), ("2021-rural-akims", "2021-06-05"),
    ("2022-security-council", "2022-02-19"), ("2022a", "2022-06-08"), ("2022b", "2022-09-17"), ("2022a-2023", "2023-01-01"),
    ("2026", "2026-07-01"),
]


def test_the_versions_and_their_dates():
    profile = load_profile("kz")
    assert [(v.id, v.effective.isoformat()) for v in profile.versions] == VERSIONS
    assert profile.version == "2026"  # without a date: the latest
    for v in profile.versions:
        assert v.act and v.summary and v.source.startswith("http"), v.id
        assert v.cites, v.id


@pytest.mark.parametrize(("vid", "day"), VERSIONS)
def test_every_version_resolves_validates_and_runs(vid, day):
    start = date.fromisoformat(day)
    for when in (start, start + timedelta(days=1)):
        profile = load_profile(f"kz@{when.isoformat()}")
        assert profile.version == vid and profile.as_of == when
        engine = Engine(profile)
        assert engine.legal_acts(engine.initial())
        for game in ("lawmaking", "constitutional_law"):
            assert build(profile, game).requirements
    previous = kz_at(start - timedelta(days=1)) if vid != "1995" else None
    assert previous is None or previous.version != vid


def test_the_file_checks_and_is_shipped_beside_the_seed():
    result = CliRunner().invoke(app, ["profile", "check", str(FILE)])
    assert result.exit_code == 0, result.output
    assert "kz" in shipped_profiles() and shipped_profiles()[0] == "seed"
    assert load_profile().id == "seed"
    with pytest.raises(ProfileError, match="before the first version"):
        kz_at("1995-09-04")


def _seats(profile, chamber):
    inst = profile.institutions[chamber]
    return inst.size, {sid: seat_count(profile, rule) for sid, rule in inst.seats.items()}


COMPOSITION = {
    "1996-01-01": ({"elected": 40, "appointed": 7}, {"districts": 67}),
    "1998-01-01": ({"elected": 32, "appointed": 7}, {"districts": 67}),
    "2000-01-01": ({"elected": 32, "appointed": 7}, {"districts": 67, "party_lists": 10}),
    "2012-01-01": ({"elected": 32, "appointed": 15}, {"party_lists": 98, "assembly": 9}),
    "2020-01-01": ({"elected": 34, "appointed": 15}, {"party_lists": 98, "assembly": 9}),
    "2023-06-01": ({"elected": 40, "appointed": 5, "assembly_nominees": 5}, {"party_lists": 69, "districts": 29}),
}


@pytest.mark.parametrize("day", COMPOSITION)
def test_chambers_over_time(day):
    senate, mazhilis = COMPOSITION[day]
    profile = kz_at(day)
    assert _seats(profile, "senate") == (sum(senate.values()), senate)
    assert _seats(profile, "mazhilis") == (sum(mazhilis.values()), mazhilis)


def test_senate_and_mazhilis_sizes_in_sequence():
    sizes = []
    for _, day in VERSIONS[:-1]:
        profile = kz_at(day)
        pair = (profile.institutions["senate"].size, profile.institutions["mazhilis"].size)
        if not sizes or sizes[-1] != pair:
            sizes.append(pair)
    # a new Mazhilis from its convocation (N9): 77 from 10 Oct 1999, 107 from 18 Aug 2007
    assert [s for s, _ in sizes] == [47, 39, 39, 47, 47, 49, 50]
    assert [m for _, m in sizes] == [67, 67, 77, 77, 107, 107, 98]


def test_the_kurultai_replaces_both_chambers_on_1_july_2026():
    before, after = kz_at("2026-06-30"), kz_at("2026-07-01")
    assert {"senate", "mazhilis", "parliament"} <= set(before.institutions)
    assert not {"senate", "mazhilis", "parliament", "assembly"} & set(after.institutions)
    kurultai = after.institutions["kurultai"]
    assert kurultai.size == 145 and _seats(after, "kurultai") == (145, {"party_lists": 145})
    assert {"vice_president", "halyk_kenesi"} <= set(after.institutions)
    counts = {t: threshold_count(after, t, 145) for t in ("majority", "two_thirds", "three_quarters")}
    assert counts == {"majority": 73, "two_thirds": 97, "three_quarters": 109}
    # no rule, game or seat names a chamber that no longer exists
    text = after.model_dump_json(exclude={"sources", "assumptions", "versions", "labels"})  # labels name every version's ids
    assert '"senate"' not in text and '"mazhilis"' not in text
    assert after.state.constitution == date(2026, 3, 15)


@pytest.mark.parametrize(("day", "majority", "two_thirds", "three_quarters"), [
    ("1996-01-01", (34, 24), (45, 32), (51, 36)),
    ("2000-01-01", (39, 20), (52, 26), (58, 30)),
    ("2012-01-01", (54, 24), (72, 32), (81, 36)),
    ("2020-01-01", (54, 25), (72, 33), (81, 37)),
    ("2023-06-01", (50, 26), (66, 34), (74, 38)),
])
def test_thresholds_as_counts(day, majority, two_thirds, three_quarters):
    profile = kz_at(day)
    sizes = [profile.institutions[c].size or 0 for c in ("mazhilis", "senate")]
    for name, want in (("majority", majority), ("two_thirds", two_thirds), ("three_quarters", three_quarters)):
        assert tuple(threshold_count(profile, name, n) for n in sizes) == want, name


def _rule(profile, kind, rid):
    return next(r for r in profile.procedure.matters[kind].rules if r.id == rid)


def test_ordinary_laws_by_a_majority_constitutional_laws_by_two_thirds():
    for day in ("1996-01-01", "2012-01-01", "2023-06-01"):
        profile = kz_at(day)
        assert _rule(profile, "bill", "mazhilis_vote").vote.threshold == "majority"
        assert _rule(profile, "bill", "senate_vote").vote.threshold == "majority"
    assert _rule(kz_at("2012-01-01"), "constitutional_law", "mazhilis_vote").vote.threshold == "two_thirds"
    assert _rule(kz_at("2023-06-01"), "constitutional_law", "joint_vote").vote.threshold == "two_thirds"
    assert _rule(kz_at("2023-06-01"), "constitutional_law", "override_joint").vote.threshold == "three_quarters"
    assert _rule(kz_at("2012-01-01"), "amendment", "parliament_vote").vote.threshold == "three_quarters"
    assert "parliament_vote" not in {r.id for r in kz_at("2026-07-01").procedure.matters["amendment"].rules}


def test_the_senates_role_and_the_pms_consent_change():
    old, new = kz_at("2022-12-31"), kz_at("2023-01-01")
    outcomes = {o.id: o.to for o in _rule(old, "bill", "senate_vote").rejected}
    assert outcomes == {"second_rejection": "failed", "first_rejection": "mazhilis_second_reading"}
    assert old.procedure.matters["bill"].states["in_senate"].deadline is None  # U1: unknown
    assert [o.to for o in _rule(new, "bill", "senate_vote").rejected] == ["conciliation"]
    deadline = new.procedure.matters["bill"].states["in_senate"].deadline
    assert deadline is not None and deadline.to == "with_president" and deadline.after == "senate_review"
    assert _rule(new, "bill", "mazhilis_override_senate").vote.threshold == "two_thirds"
    assert _rule(kz_at("2007-05-20"), "pm_nomination", "consent_vote").vote.chambers == ["mazhilis", "senate"]
    assert _rule(kz_at("2007-05-21"), "pm_nomination", "consent_vote").vote.chambers == ["mazhilis"]
    assert _rule(kz_at("2026-07-01"), "pm_nomination", "consent_vote").vote.chambers == ["kurultai"]


def test_delegation_and_decrees_until_2017():
    before, after = kz_at("2017-03-09"), kz_at("2017-03-10")
    assert "delegation" in before.procedure.matters and "delegation" not in after.procedure.matters
    assert {"declare_urgent", "urgent_decree", "decree"} <= set(before.procedure.acts)
    assert not {"declare_urgent", "urgent_decree", "decree", "request_delegation"} & set(after.procedure.acts)
    assert "set_priority" in after.procedure.acts
    assert "decree" in kz_at("2026-07-01").procedure.acts  # while no Kurultai sits


def test_electoral_rules_over_time():
    def rule(day):
        return kz_at(day).elections["mazhilis"]

    assert "mazhilis" not in kz_at("1998-10-06").elections
    assert (rule("1999-10-10").seats, rule("1999-10-10").threshold * 100) == (10, 7)
    assert not rule("2008-12-31").runner_up_admitted and rule("2009-02-09").runner_up_admitted
    assert rule("2022-12-31").threshold_base == "party_list_votes"
    r2023 = rule("2023-01-01")
    assert (r2023.seats, r2023.threshold * 100, r2023.threshold_base, r2023.runner_up_admitted) == (
        69, 5, "party_list_and_against_all", False)
    terms = {day: kz_at(day).institutions["maslikhat"].term_years
             for day in ("1996-01-01", "2007-05-20", "2007-05-21", "2026-07-01")}
    assert terms == {"1996-01-01": 4, "2007-05-20": 4, "2007-05-21": 5, "2026-07-01": 5}
    president = {day: kz_at(day).institutions["president"].term_years
                 for day in ("1996-01-01", "1998-10-07", "2007-05-21", "2022-09-17", "2026-07-01")}
    assert list(president.values()) == [5, 7, 5, 7, 7]


def test_citations_and_assumptions_are_complete():
    raw = load_raw("kz")
    cited: set[str] = set()
    for version in load_profile("kz").versions:
        profile = kz_at(version.effective)
        for _, cites in cited_entries(profile):
            cited |= set(cites)
        for source in profile.sources.values():
            assert source.kind == "article" and source.url.startswith("http") and source.text_en and source.asks
    assert set(raw["sources"]) - cited == set(), "a source no version cites"
    assert set(raw["assumptions"]) - cited == set(), "an assumption no entry cites"
    origins = {"U": "unknown", "M": "unverified", "N": "project"}
    for aid, assumption in raw["assumptions"].items():
        assert re.fullmatch(r"[UMN]\d+", aid)
        assert assumption["origin"] == origins[aid[0]], aid


def test_every_source_states_its_reliability():
    for sid, source in load_raw("kz")["sources"].items():
        assert re.search(r"\[(T|S|S2)\]", source["asks"]), sid


def test_every_alternative_switches_cleanly_where_its_assumption_applies():
    raw = load_raw("kz")
    cited = {v.effective: {c for _, cites in cited_entries(kz_at(v.effective)) for c in cites}
             for v in kz_at(None).versions}
    for aid, assumption in raw["assumptions"].items():
        for alternative in assumption.get("alternatives", []):
            ok = None
            for day in (d for d, ids in cited.items() if aid in ids):
                try:
                    load_profile("kz", as_of=day, overrides=alternative["set"])
                except ProfileError:
                    continue
                ok = day
                break
            assert ok, f"{aid}.{alternative['id']} applies to no version that cites {aid}"
