"""Schedules come from the profile: cycles, classes, appointments; overrides change them."""

from __future__ import annotations

from datetime import date

from respublika.profile import load_profile
from respublika.simulate.schedule import structure


def test_seed_cycles_follow_the_profile():
    s = structure(load_profile("seed"))
    cycles = {c.id: (c.kind, c.first, c.every) for c in s.cycles}
    assert cycles["president:president"] == ("president", 5, 5)          # S07
    assert cycles["general:mazhilis"] == ("general", 5, 5)               # S18
    assert cycles["class:senate.elected.1"] == ("class", 3, 6)           # S15: a class every 3 years
    assert cycles["class:senate.elected.2"] == ("class", 6, 6)
    assert cycles["appoint:senate.appointed"] == ("appoint", 6, 6)       # S16, A13
    assert cycles["local:maslikhat"] == ("local", 2, 2)                  # S26
    assert s.appointed_offices == {"akim": 14}                           # S27
    assert s.popular_chambers == ("mazhilis",)
    groups = {g.key: g.seats for g in s.chambers["senate"]}
    assert groups == {"elected.1": 16, "elected.2": 16, "appointed": 15}
    assert sum(g.seats for g in s.chambers["mazhilis"]) == 107


def test_renewals_alternate_between_the_senate_classes():
    s = structure(load_profile("seed"))
    start = date(2000, 1, 1)
    one, two = s.cycle("class:senate.elected.1"), s.cycle("class:senate.elected.2")
    dates = []
    for cycle in (one, two):
        on = start
        for _ in range(3):
            on = cycle.next_after(start, on)
            dates.append((on.year, cycle.id[-1]))
    assert sorted(dates) == [(2003, "1"), (2006, "2"), (2009, "1"), (2012, "2"), (2015, "1"), (2018, "2")]


def test_overrides_change_the_schedule():
    p = load_profile("seed", overrides=["elections.president.cycle_years=7",
                                        "institutions.senate.seats.appointed.term_years=3"])
    cycles = {c.id: (c.first, c.every) for c in structure(p).cycles}
    assert cycles["president:president"] == (7, 7)
    assert cycles["appoint:senate.appointed"] == (3, 3)


def test_next_renewal_is_the_first_after_the_date_whatever_the_history():
    """The renewal after a date, found without walking the run's past renewals, is the one the
    walk from the anchor finds (leap-day anchors, renewals on the date itself, long runs)."""
    from datetime import timedelta

    from respublika.calendar import Duration, add
    from respublika.simulate.schedule import Cycle

    def walked(cycle, anchor, after):
        years = cycle.first
        while add(anchor, Duration(years=years)) <= after:
            years += cycle.every
        return add(anchor, Duration(years=years))

    anchors = [date(2000, 2, 29), date(2000, 1, 1), date(2003, 12, 31), date(2001, 3, 1)]
    checked = 0
    for first, every in [(0, 1), (2, 2), (3, 6), (5, 5), (6, 6), (7, 4), (1, 10)]:
        cycle = Cycle(id="c", kind="local", institution="x", first=first, every=every)
        for anchor in anchors:
            renewals = {add(anchor, Duration(years=first + j * every)) for j in range(40)}
            probes = [anchor + timedelta(days=d) for d in range(0, 400 * 365, 97)]
            probes += [r + timedelta(days=k) for r in sorted(renewals)[:12] for k in (-1, 0, 1)]
            for after in probes:
                if after < anchor:
                    continue
                assert cycle.next_after(anchor, after) == walked(cycle, anchor, after), (first, every, anchor, after)
                checked += 1
    assert checked > 10000
