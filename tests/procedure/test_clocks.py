"""A state's last day, read from the profile's clock table (built once per profile), equals
the reference: the entry date plus the deadline's duration in calendar arithmetic, or the
date held in the deadline's variable, for every clocked state of every profile version."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from respublika.calendar import add, parse_duration
from respublika.procedure.deadlines import last_day, next_due
from respublika.procedure.model import Matter, World
from respublika.profile import load_profile

REFS = ["seed", "kz@1996-01-01", "kz@2008-01-01", "kz@2018-01-01", "kz@2023-06-01", "kz"]
DAYS = [date(1999, 1, 1) + timedelta(days=n) for n in range(0, 12000, 37)]
DAYS += [date(2000, 1, 31), date(2000, 2, 29), date(2001, 2, 28), date(2003, 8, 31), date(2004, 12, 31)]


def clocked(profile):
    for kid, kind in profile.procedure.matters.items():
        for sid, spec in kind.states.items():
            if spec.deadline is not None and not spec.final:
                yield kid, sid, spec.deadline


@pytest.mark.parametrize("ref", REFS)
def test_last_day_is_the_reference_in_every_clocked_state(ref):
    profile = load_profile(ref)
    states = list(clocked(profile))
    assert states, f"{ref}: no deadline at all?"
    months = 0
    for kid, sid, deadline in states:
        for day in DAYS:
            held = (day + timedelta(days=45)).isoformat()
            m = Matter(id="M1", kind=kid, state=sid, entered=day, created=day, order=1,
                       vars={deadline.at_var: held} if deadline.at_var else {}, params={})
            if deadline.after is not None:
                duration = parse_duration(profile.durations[deadline.after].duration)
                months += bool(duration.months or duration.years)
                expected = add(day, duration)
            else:
                expected = date.fromisoformat(held)
            assert last_day(profile, m) == expected, (ref, kid, sid, day)
    if ref.startswith("kz@20"):
        assert months, f"{ref}: no deadline in months or years was checked"


def test_no_clock_in_a_final_or_unclocked_state_and_none_without_the_variable():
    profile = load_profile("kz")
    for kid, kind in profile.procedure.matters.items():
        for sid, spec in kind.states.items():
            m = Matter(id="M1", kind=kid, state=sid, entered=date(2020, 1, 1), created=date(2020, 1, 1),
                       order=1, vars={}, params={})
            if spec.final or spec.deadline is None:
                assert last_day(profile, m) is None
            elif spec.deadline.at_var:
                assert last_day(profile, m) is None  # the variable is not set


def test_next_due_picks_the_earliest_then_creation_order():
    profile = load_profile("seed")
    kid, sid, deadline = next(c for c in clocked(profile) if c[2].after is not None)
    start = date(2010, 3, 1)

    def matter(mid, order, entered):
        return Matter(id=mid, kind=kid, state=sid, entered=entered, created=entered, order=order, vars={},
                      params={})

    early, late, twin = matter("A", 3, start), matter("B", 1, start + timedelta(days=5)), matter("C", 2, start)
    world = World(matters={"B": late, "A": early, "C": twin})
    last = last_day(profile, early)
    assert next_due(profile, world, last) is None  # the last day itself is still allowed
    due = next_due(profile, world, last + timedelta(days=1))
    assert due is not None and due.matter is twin and due.last_day == last  # same day: creation order
    assert due.fires_on == last + timedelta(days=1) and due.deadline == deadline
