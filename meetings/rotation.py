"""Which member school hosts each session: spread fairly, pins respected.

Pure functions (no database): the planner passes members, dates, pins and
how often each school already hosted.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from collections.abc import Iterable, Sequence


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date | None:
    """The ``nth`` (1–5, or -1 for the last) ``weekday`` (0 = Monday) of a month, if it exists."""
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    if nth == -1:
        return datetime.date(year, month, days[-1])
    if 1 <= nth <= len(days):
        return datetime.date(year, month, days[nth - 1])
    return None


def monthly_dates(
    year: int, months: Iterable[int], weekday: int, nth: int, skip: Iterable[datetime.date] = ()
) -> list[datetime.date]:
    skipped = set(skip)
    dates = (nth_weekday(year, month, weekday, nth) for month in sorted(set(months)))
    return [day for day in dates if day is not None and day not in skipped]


def propose_rotation(
    members: Sequence,
    dates: Sequence[datetime.date],
    pins: dict[datetime.date, object] | None = None,
    hosted_before: dict | None = None,
    key=lambda member: member,
) -> list[tuple[datetime.date, object]]:
    """Assign a host to each date.

    Each unpinned date goes to the member that has hosted least (counting
    earlier sessions and every pinned date), then to the one that hosted
    longest ago, then by ``key`` for a stable order. So no school hosts twice
    before every school has hosted once, unless a pin says otherwise.
    """
    if not members:
        raise ValueError("a rotation needs at least one member")
    pins = pins or {}
    counts: Counter = Counter({key(member): (hosted_before or {}).get(key(member), 0) for member in members})
    for member in pins.values():
        counts[key(member)] += 1
    last_hosted: dict = {}
    plan = []
    for day in sorted(dates):
        if day in pins:
            host = pins[day]
        else:
            host = min(members, key=lambda m: (counts[key(m)], last_hosted.get(key(m), datetime.date.min), key(m)))
            counts[key(host)] += 1
        last_hosted[key(host)] = day
        plan.append((day, host))
    return plan


# Chile's school summer holidays run from mid-December to the end of
# February: no network meets in January or February.
HOLIDAY_MONTHS = frozenset({1, 2})


def next_session_date(day: datetime.date, today: datetime.date) -> datetime.date:
    """The default date for a copy of the session held on ``day``.

    Networks meet on a monthly pattern ("the second Thursday"), so the copy
    keeps the same nth weekday one month later: a session on the 5th
    weekday of its month maps to the last one. January and February (the
    summer holidays) are skipped, and so is every month whose date is not
    after ``today``. A December session therefore proposes March.
    """
    nth = (day.day - 1) // 7 + 1
    nth = -1 if nth == 5 else nth
    year, month = day.year, day.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if month in HOLIDAY_MONTHS:
            continue
        candidate = nth_weekday(year, month, day.weekday(), nth)
        if candidate is not None and candidate > today:
            return candidate
