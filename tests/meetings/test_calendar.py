"""The calendar of upcoming sessions across networks."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import SessionCalendarPage
from tests.factories import SchoolFactory, home_page, make_network, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar_page():
    return home_page().add_child(instance=SessionCalendarPage(title="Calendario", slug="calendario"))


def soon(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_upcoming_sessions_with_host_commune_and_filters(client, calendar_page):
    osorno_school = SchoolFactory(name="ESCUELA ITALIA", commune_id=10301)
    osorno = make_network("Red de Osorno", region_id=10, schools=[osorno_school, SchoolFactory(commune_id=10301)])
    arica = make_network("Red Básica 1", region_id=15, schools=SchoolFactory.create_batch(2))
    make_session(osorno, soon(-7), host=osorno_school, status="held")  # past: not listed
    make_session(osorno, soon(10), host=osorno_school)
    make_session(arica, soon(20))
    make_session(arica, soon(30), live=False)  # a draft: not listed

    html = BeautifulSoup(client.get(calendar_page.url).content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in html.select("tbody tr")]
    assert len(rows) == 2
    assert "Red de Osorno" in rows[0] and "Escuela Italia" in rows[0] and "Osorno" in rows[0]

    html = BeautifulSoup(client.get(calendar_page.url, {"region": "15"}).content, "html.parser")
    assert [row.td.get_text(" ", strip=True).startswith("Red Básica 1") for row in html.select("tbody tr")] == [True]
    assert html.select_one('a[href="/calendario/region/15.ics"]')

    html = BeautifulSoup(client.get(calendar_page.url, {"network": str(osorno.pk)}).content, "html.parser")
    assert len(html.select("tbody tr")) == 1
    assert html.select_one(f'a[href="/calendario/red/{osorno.pk}.ics"]')

    response = client.get(calendar_page.url, {"region": "99", "network": "x"})
    assert response.status_code == 200 and len(BeautifulSoup(response.content, "html.parser").select("tbody tr")) == 2


def test_calendar_queries_do_not_grow_with_sessions(client, calendar_page):
    network = make_network("Red de Osorno", region_id=10, schools=SchoolFactory.create_batch(3))
    make_session(network, soon(5), host=network.memberships.first().school)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(calendar_page.url).status_code == 200
        return len(queries)

    few = count()
    for days in range(6, 16):
        make_session(network, soon(days), host=network.memberships.last().school)
    assert count() == few
