"""Calendar durations: ISO 8601 periods (``P60D``, ``P1M``, ``P1Y``) added to real dates.

Months and years are calendar months and years: 31 January plus one month is the last
day of February. No floats, no fixed 30-day months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Final

from respublika.errors import InputError

_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    days: int = 0

    def __str__(self) -> str:
        parts = [f"{n}{u}" for n, u in ((self.years, "Y"), (self.months, "M"), (self.days, "D")) if n]
        return "P" + ("".join(parts) or "0D")

    @property
    def is_positive(self) -> bool:
        return self.years > 0 or self.months > 0 or self.days > 0

    def describe(self) -> str:
        bits = []
        for n, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if n:
                bits.append(f"{n} {unit}{'s' if n != 1 else ''}")
        return ", ".join(bits) or "0 days"


def parse_duration(text: object, *, what: str = "duration") -> Duration:
    """``"P60D"`` -> ``Duration(days=60)``; refuses anything that is not an ISO 8601 period."""
    if isinstance(text, str):
        return _parse_period(text, what)
    raise InputError(f"{what}: {text!r} is not an ISO 8601 period like 'P60D', 'P1M', 'P1Y'")


@lru_cache(maxsize=1024)
def _parse_period(text: str, what: str) -> Duration:
    m = _PERIOD.match(text.strip())
    if not m or not any(m.groups()):
        raise InputError(f"{what}: {text!r} is not an ISO 8601 period like 'P60D', 'P1M', 'P1Y'")
    years, months, weeks, days = (int(g) if g else 0 for g in m.groups())
    return Duration(years=years, months=months, days=days + 7 * weeks)


_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""Days in each month of a common year (``calendar.monthrange`` without its weekday)."""


def add(start: date, duration: Duration, *, sign: int = 1) -> date:
    """``start`` plus (or, with ``sign=-1``, minus) ``duration``, clamping to month ends."""
    if not duration.years and not duration.months:  # days only (most deadlines): no month arithmetic
        return start + timedelta(days=sign * duration.days)
    total_months = start.year * 12 + (start.month - 1) + sign * (duration.years * 12 + duration.months)
    year, month0 = divmod(total_months, 12)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # (calendar.isleap, written out)
    last_day = 29 if month0 == 1 and leap else _MONTH_DAYS[month0]
    moved = date(year, month0 + 1, min(start.day, last_day))
    return moved + timedelta(days=sign * duration.days) if duration.days else moved
