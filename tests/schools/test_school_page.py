import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SchoolFactory, make_network

pytestmark = pytest.mark.django_db


def test_school_page_shows_facts_and_networks(client):
    school = SchoolFactory(
        rbd=13208,
        check_digit="8",  # published so, against the modulo-11 rule
        name="CENTRO DE EDUCACIÓN DE ADULTOS LA HAYA",
        commune_id=13101,
        deprov_id=131,
        teaching_codes=[165, 363],
        status=2,
        has_pie=True,
    )
    make_network("Red de Santiago", region_id=13, schools=[school])
    make_network("Red en borrador", region_id=13, schools=[school], live=False)
    response = client.get(school.get_absolute_url())
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text(strip=True) == "Centro de Educación de Adultos La Haya"
    text = html.get_text(" ", strip=True)
    assert "13208-8" in text and "no cumple la regla módulo 11" in text
    assert "En receso" in text and "Educación de adultos" in text
    assert "Santiago" in text and "Metropolitana de Santiago" in text
    assert "SLEP Santiago Centro" in text and "DEPROV Santiago Centro" in text
    networks = [a.get_text(strip=True) for a in html.select("#school-networks-title ~ ul a")]
    assert networks == ["Red de Santiago"]


def test_school_page_queries_do_not_grow_with_networks(client):
    school = SchoolFactory()
    make_network("Red 1", schools=[school])
    with CaptureQueriesContext(connection) as few:
        client.get(school.get_absolute_url())
    for number in range(4):
        make_network(f"Red extra {number}", schools=[school])
    with CaptureQueriesContext(connection) as many:
        response = client.get(school.get_absolute_url())
    assert response.content.decode().count('class="card"') == 5
    # School with its territory (1), networks the visitor may see (1, view
    # restrictions in the same statement), PME actions (1: none here; see
    # tests/practices for a school with a plan), practices of other networks
    # for its levels, offered instead (1), site and menu (2).
    assert len(few) == len(many) == 6
