"""``calendar.add`` against the standard library's month lengths, every day of a century."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from respublika.calendar import Duration, add


def _reference(start: date, d: Duration, sign: int) -> date:
    months = start.year * 12 + start.month - 1 + sign * (d.years * 12 + d.months)
    year, month0 = divmod(months, 12)
    day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day) + timedelta(days=sign * d.days)


def test_add_clamps_to_month_ends_as_the_standard_calendar_does() -> None:
    durations = [Duration(days=60), Duration(months=1), Duration(years=1), Duration(months=13, days=3),
                 Duration(years=5, months=2), Duration(years=4)]
    day, end = date(1999, 1, 1), date(2101, 1, 1)
    checked = 0
    while day < end:
        for d in durations:
            for sign in (1, -1):
                assert add(day, d, sign=sign) == _reference(day, d, sign), (day, d, sign)
                checked += 1
        day += timedelta(days=1)
    assert checked > 400_000
    assert add(date(2024, 1, 31), Duration(months=1)) == date(2024, 2, 29)
    assert add(date(2023, 1, 31), Duration(months=1)) == date(2023, 2, 28)
    assert add(date(2100, 2, 28), Duration(years=-1 + 2)) == date(2101, 2, 28)
