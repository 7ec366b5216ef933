"""Session times in the clock of the session's place: Magallanes keeps UTC−3
all year (America/Punta_Arenas); the rest of Chile changes in April and
September (America/Santiago). Read back from the .ics with icalendar."""

import datetime

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.factories import SchoolFactory, make_network, make_session

pytestmark = pytest.mark.django_db
UTC = datetime.UTC

# 2026: Chile's winter time begins on Sunday 5 April (UTC−3 → UTC−4) and
# summer time on Sunday 6 September (UTC−4 → UTC−3). Each session starts at 09:00.
DAYS = [datetime.date(2026, 4, 2), datetime.date(2026, 6, 10), datetime.date(2026, 9, 10), datetime.date(2026, 11, 10)]
SANTIAGO_STARTS = {
    datetime.date(2026, 4, 2): datetime.datetime(2026, 4, 2, 12, 0, tzinfo=UTC),
    datetime.date(2026, 6, 10): datetime.datetime(2026, 6, 10, 13, 0, tzinfo=UTC),
    datetime.date(2026, 9, 10): datetime.datetime(2026, 9, 10, 12, 0, tzinfo=UTC),
    datetime.date(2026, 11, 10): datetime.datetime(2026, 11, 10, 12, 0, tzinfo=UTC),
}
PUNTA_ARENAS_STARTS = {day: datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=UTC) for day in DAYS}


def ics(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def starts_in_utc(calendar) -> dict:
    return {
        event.decoded("dtstart").date(): event.decoded("dtstart").astimezone(UTC) for event in calendar.walk("VEVENT")
    }


@pytest.fixture
def magallanes():
    return make_network("Red Punta Arenas", region_id=12, schools=[SchoolFactory(commune_id=12101)])


@pytest.fixture
def santiago():
    return make_network("Red de Pichidegua", region_id=6, schools=[SchoolFactory(commune_id=6113)])


def test_a_magallanes_session_is_at_utc_minus_3_all_year(client, magallanes):
    sessions = [make_session(magallanes, day) for day in DAYS]
    calendar = ics(client, f"/calendario/red/{magallanes.pk}.ics")
    assert starts_in_utc(calendar) == PUNTA_ARENAS_STARTS
    assert {event["dtstart"].params["TZID"] for event in calendar.walk("VEVENT")} == {"America/Punta_Arenas"}
    assert [zone.tz_name for zone in calendar.timezones] == ["America/Punta_Arenas"]
    assert str(calendar["x-wr-calname"]) == "Portal RME · Red Punta Arenas"
    # The region feed and the single session's file agree.
    region = ics(client, "/calendario/region/12.ics")
    assert starts_in_utc(region) == PUNTA_ARENAS_STARTS
    assert str(region["x-wr-calname"]) == "Portal RME · Región de Magallanes y de la Antártica Chilena"
    june = next(session for session in sessions if session.date.month == 6)
    single = ics(client, f"/sesiones/{june.pk}/sesion.ics")
    (event,) = single.walk("VEVENT")
    assert event.decoded("dtstart").astimezone(UTC) == datetime.datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    assert event.decoded("dtend").astimezone(UTC) == datetime.datetime(2026, 6, 10, 15, 30, tzinfo=UTC)


def test_a_santiago_session_moves_with_daylight_saving(client, santiago):
    for day in DAYS:
        make_session(santiago, day)
    calendar = ics(client, f"/calendario/red/{santiago.pk}.ics")
    assert starts_in_utc(calendar) == SANTIAGO_STARTS
    assert [zone.tz_name for zone in calendar.timezones] == ["America/Santiago"]
    region = ics(client, "/calendario/region/6.ics")
    assert str(region["x-wr-calname"]) == "Portal RME · Región del Libertador General Bernardo O'Higgins"


def test_the_session_page_names_the_clock_outside_santiago(client, magallanes, santiago):
    south = make_session(magallanes, datetime.date(2026, 6, 10))
    centre = make_session(santiago, datetime.date(2026, 6, 10))
    text = BeautifulSoup(client.get(south.url).content, "html.parser").select_one("dl.facts").get_text(" ", strip=True)
    assert "09:00–12:30 (hora de Punta Arenas)" in text
    text = BeautifulSoup(client.get(centre.url).content, "html.parser").select_one("dl.facts").get_text(" ", strip=True)
    assert "09:00–12:30" in text and "hora de" not in text


def test_the_calendar_names_the_clock_of_magallanes_sessions(client, magallanes, santiago):
    from meetings.models import SessionCalendarPage
    from tests.factories import home_page

    calendar = home_page().add_child(instance=SessionCalendarPage(title="Calendario", slug="calendario"))
    today = datetime.date.today()
    make_session(magallanes, today + datetime.timedelta(days=3))
    make_session(santiago, today + datetime.timedelta(days=4))
    rows = BeautifulSoup(client.get(calendar.url).content, "html.parser").select("tbody tr")
    texts = [row.th.get_text(" ", strip=True) for row in rows]
    assert texts[0].endswith("09:00 (hora de Punta Arenas)") and texts[1].endswith("09:00")
