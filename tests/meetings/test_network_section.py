"""The sessions section of a network's page: this year and, once planned, the next."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import NetworkYearPlan
from tests.factories import SchoolFactory, make_network, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return make_network("Red de Magallanes", region_id=12, schools=SchoolFactory.create_batch(2, commune_id=12101))


def section(client, network):
    response = client.get(network.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#sesiones")


def test_next_years_plan_and_sessions_show_once_planned(client, network):
    this_year = timezone.localdate().year
    make_session(network, datetime.date(this_year, 1, 2), status="held")
    NetworkYearPlan.objects.create(network=network, year=this_year, objectives="Observar clases")
    NetworkYearPlan.objects.create(network=network, year=this_year + 1, objectives="Leer juntos\nEscribir juntos")
    make_session(network, datetime.date(this_year + 1, 3, 4))
    make_session(network, datetime.date(this_year + 1, 4, 8))

    html = section(client, network)
    headings = [h3.get_text(strip=True) for h3 in html.find_all("h3")]
    assert f"Plan de trabajo {this_year}" in headings and f"Plan de trabajo {this_year + 1}" in headings
    captions = [caption.get_text(strip=True) for caption in html.find_all("caption")]
    assert captions == [f"Calendario {this_year}", f"Calendario {this_year + 1}"]
    next_year_rows = html.find_all("table")[1].select("tbody tr")
    next_year = this_year + 1
    assert [row.th.get_text(strip=True) for row in next_year_rows] == [f"04-03-{next_year}", f"08-04-{next_year}"]
    # The next session is next year: its date says which year.
    assert f"Próxima sesión: 4 de marzo de {this_year + 1}" in html.get_text(" ", strip=True)
    assert html.select_one(f'a[href="/calendario/red/{network.pk}.ics"]')


def test_only_next_year_planned_still_shows_calendar_link_and_plan(client, network):
    this_year = timezone.localdate().year
    NetworkYearPlan.objects.create(network=network, year=this_year + 1, objectives="Leer juntos")
    make_session(network, datetime.date(this_year + 1, 3, 4))
    html = section(client, network)
    assert [h3.get_text(strip=True) for h3 in html.find_all("h3")][0] == f"Plan de trabajo {this_year + 1}"
    assert [caption.get_text(strip=True) for caption in html.find_all("caption")] == [f"Calendario {this_year + 1}"]
    assert html.select_one(f'a[href="/calendario/red/{network.pk}.ics"]')


def test_a_network_without_sessions_offers_no_calendar(client, network):
    html = section(client, network)
    assert not html.find("table") and not html.select_one('a[href$=".ics"]')


def test_the_section_queries_do_not_grow_with_years_and_sessions(client, network):
    this_year = timezone.localdate().year

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(network.url).status_code == 200
        return len(queries)

    make_session(network, datetime.date(this_year, 1, 2), status="held")
    few = count()
    NetworkYearPlan.objects.create(network=network, year=this_year, objectives="Observar clases")
    NetworkYearPlan.objects.create(network=network, year=this_year + 1, objectives="Leer juntos")
    for month in range(3, 12):
        make_session(network, datetime.date(this_year + 1, month, 4))
    assert count() == few
