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


def rows_of(response) -> list[str]:
    assert response.status_code == 200
    return [
        row.th.get_text(" ", strip=True) for row in BeautifulSoup(response.content, "html.parser").select("tbody tr")
    ]


def test_filters_by_supervising_deprov_office_and_slep(client, calendar_page):
    arica = make_network("Red Básica 1", region_id=15, supervising_deprov_id=151)
    iquique = make_network("Red de Iquique", region_id=1, supervising_slep_id=101)
    make_network("Red oculta", region_id=1, supervising_deprov_id=11, live=False)  # a draft: its office not offered
    make_session(arica, soon(10))
    make_session(iquique, soon(12))

    html = BeautifulSoup(client.get(calendar_page.url).content, "html.parser")
    assert [o["value"] for o in html.select("#filter-deprov option")] == ["", "151"]
    assert [o["value"] for o in html.select("#filter-slep option")] == ["", "101"]

    by_deprov = BeautifulSoup(client.get(calendar_page.url, {"deprov": "151"}).content, "html.parser")
    assert [row.td.get_text(" ", strip=True).startswith("Red Básica 1") for row in by_deprov.select("tbody tr")] == [
        True
    ]
    assert [o.get_text() for o in by_deprov.select("#filter-network option")][1:] == ["Red Básica 1"]
    by_slep = BeautifulSoup(client.get(calendar_page.url, {"slep": "101"}).content, "html.parser")
    assert [row.td.get_text(" ", strip=True).startswith("Red de Iquique") for row in by_slep.select("tbody tr")] == [
        True
    ]
    # An office that supervises no visible network is ignored, not an error.
    assert len(rows_of(client.get(calendar_page.url, {"deprov": "11"}))) == 2


def test_month_view_with_previous_and_next_months_keeping_the_filters(client, calendar_page):
    arica = make_network("Red Básica 1", region_id=15)
    osorno = make_network("Red de Osorno", region_id=10)
    make_session(arica, datetime.date(2027, 2, 25))
    make_session(arica, datetime.date(2027, 3, 4))
    make_session(arica, datetime.date(2027, 3, 18))
    make_session(osorno, datetime.date(2027, 3, 10))
    make_session(arica, datetime.date(2027, 4, 1))

    response = client.get(calendar_page.url, {"mes": "2027-03", "region": "15"})
    assert rows_of(response) == ["jue 4 Mar 2027, 09:00", "jue 18 Mar 2027, 09:00"]
    html = BeautifulSoup(response.content, "html.parser")
    assert "marzo 2027" in html.select_one("main h2").get_text()
    previous = html.select_one("a[rel='prev']")["href"]
    following = html.select_one("a[rel='next']")["href"]
    assert previous == "?mes=2027-02&region=15" and following == "?mes=2027-04&region=15"
    assert rows_of(client.get(calendar_page.url + previous)) == ["jue 25 Feb 2027, 09:00"]
    assert rows_of(client.get(calendar_page.url + following)) == ["jue 1 Abr 2027, 09:00"]
    # The filter form keeps the month.
    assert html.select_one("form.filters input[name='mes']")["value"] == "2027-03"
    # December's next month is January of the next year; a malformed month is the default view.
    december = BeautifulSoup(client.get(calendar_page.url, {"mes": "2026-12"}).content, "html.parser")
    assert december.select_one("a[rel='next']")["href"] == "?mes=2027-01"
    assert client.get(calendar_page.url, {"mes": "2027-13"}).status_code == 200


def test_archive_lists_past_sessions_newest_first_over_pages(client, calendar_page):
    from meetings.selectors import SESSIONS_PER_PAGE

    arica = make_network("Red Básica 1", region_id=15)
    osorno = make_network("Red de Osorno", region_id=10)
    past = [soon(-days) for days in range(1, SESSIONS_PER_PAGE + 6)]
    for day in past:
        make_session(arica, day, status="held")
    make_session(osorno, soon(-3), status="held")  # another region: filtered out
    make_session(arica, soon(-2), status="held", live=False, slug="borrador")  # a draft: never listed
    make_session(arica, soon(4))  # upcoming: not in the archive

    first = client.get(calendar_page.url, {"pasadas": "1", "region": "15"})
    html = BeautifulSoup(first.content, "html.parser")
    links = [a["href"] for a in html.select("tbody th a")]
    assert len(links) == SESSIONS_PER_PAGE
    assert links[0].endswith(f"sesion-{past[0].isoformat()}/")  # newest first
    next_link = html.select_one(".pagination a[rel='next']")["href"]
    assert "pasadas=1" in next_link and "region=15" in next_link and "page=2" in next_link
    second = BeautifulSoup(client.get(calendar_page.url + next_link).content, "html.parser")
    more = [a["href"] for a in second.select("tbody th a")]
    assert len(more) == len(past) - SESSIONS_PER_PAGE
    assert more[-1].endswith(f"sesion-{past[-1].isoformat()}/")
    # The default view still lists what is coming.
    assert len(rows_of(client.get(calendar_page.url))) == 1


@pytest.mark.parametrize("params", [{}, {"mes": "2027-03", "deprov": "151"}, {"pasadas": "1", "slep": "1501"}])
def test_every_calendar_view_has_constant_queries(client, calendar_page, params):
    network = make_network(
        "Red Básica 1",
        region_id=15,
        schools=SchoolFactory.create_batch(3),
        supervising_deprov_id=151,
        supervising_slep_id=1501,
    )
    base = datetime.date(2027, 3, 1) if "mes" in params else soon(1 if not params else -40)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(calendar_page.url, params).status_code == 200
        return len(queries)

    make_session(network, base, host=network.memberships.first().school, status="held")
    few = count()
    for days in range(1, 12):
        make_session(network, base + datetime.timedelta(days=days), host=network.memberships.last().school)
    many = count()
    assert many == few
    assert len(rows_of(client.get(calendar_page.url, params))) == 12


def test_the_supervisors_card_on_the_home_page_leads_to_the_calendar_and_the_planner(client, superuser, calendar_page):
    def card(response):
        html = BeautifulSoup(response.content, "html.parser")
        cards = [c for c in html.select(".entry-points .card") if "Supervisores DEPROV y SLEP" in c.get_text()]
        assert len(cards) == 1
        return [a["href"] for a in cards[0].select("a")]

    links = card(client.get("/"))
    assert links[0] == calendar_page.url == "/calendario/"
    assert "/admin/planificador/" not in links  # anonymous visitors are not sent to the admin
    client.force_login(superuser)
    assert "/admin/planificador/" in card(client.get("/"))
