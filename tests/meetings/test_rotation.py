"""The host rotation and the session dates: pure functions, no database."""

import datetime
from collections import Counter

import pytest

from meetings.rotation import monthly_dates, nth_weekday, propose_rotation

SCHOOLS = ["Alfa", "Beta", "Gama", "Delta", "Épsilon"]


def dates(count):
    return [datetime.date(2027, 3, 1) + datetime.timedelta(weeks=4 * i) for i in range(count)]


def hosts(plan):
    return [host for _day, host in plan]


def test_no_school_hosts_twice_before_every_school_hosted_once():
    plan = hosts(propose_rotation(SCHOOLS, dates(12)))
    for start in range(0, 12, 5):
        cycle = plan[start : start + 5]
        assert len(set(cycle)) == len(cycle)  # every cycle is a permutation (the last may be short)
    counts = Counter(plan)
    assert max(counts.values()) - min(counts.values()) <= 1


def test_schools_that_hosted_less_in_the_past_go_first():
    plan = hosts(propose_rotation(SCHOOLS, dates(3), hosted_before={"Alfa": 2, "Beta": 2, "Gama": 1}))
    assert plan == ["Delta", "Épsilon", "Gama"]


def test_a_pinned_host_is_respected_and_counted():
    pinned_day = dates(5)[3]
    plan = propose_rotation(SCHOOLS, dates(5), pins={pinned_day: "Alfa"})
    assert dict(plan)[pinned_day] == "Alfa"
    # Alfa hosts only on its pinned date; the other four share the rest.
    assert Counter(hosts(plan)) == Counter({"Alfa": 1, "Beta": 1, "Gama": 1, "Delta": 1, "Épsilon": 1})


def test_a_pin_may_make_a_school_host_twice():
    days = dates(3)
    plan = propose_rotation(SCHOOLS, days, pins={days[0]: "Alfa", days[2]: "Alfa"})
    assert hosts(plan) == ["Alfa", "Beta", "Alfa"]


def test_one_member_hosts_everything_and_none_is_an_error():
    assert hosts(propose_rotation(["Única"], dates(3))) == ["Única"] * 3
    with pytest.raises(ValueError):
        propose_rotation([], dates(1))


def test_nth_weekday_of_a_month():
    assert nth_weekday(2026, 4, 3, 2) == datetime.date(2026, 4, 9)  # second Thursday of April 2026
    assert nth_weekday(2026, 4, 3, -1) == datetime.date(2026, 4, 30)
    assert nth_weekday(2026, 2, 0, 5) is None  # February 2026 has four Mondays


def test_monthly_dates_skip_what_is_asked():
    days = monthly_dates(2026, [3, 4, 5], weekday=3, nth=2, skip=[datetime.date(2026, 4, 9)])
    assert days == [datetime.date(2026, 3, 12), datetime.date(2026, 5, 14)]
