"""The network list and profile, through real HTTP requests."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SchoolFactory, make_network, network_index

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_profile_shows_every_section_and_the_member_schools(client):
    schools = [SchoolFactory(name="ESCUELA REPUBLICA DE ARGENTINA"), SchoolFactory(name="LICEO DE CAMIÑA")]
    page = make_network(
        "Red Básica 1",
        schools=schools,
        objective="<p>Fortalecer las competencias técnicas.</p>",
        principles_and_needs="<p>Las capacitaciones requieren mayor profundización.</p>",
        mobilisation=[("item", "Diagnostican las debilidades.")],
        collaboration=[("item", "Establecen relaciones de confianza.")],
        key_idea="Apoyo entre pares.",
        learnings=[("item", "Validación entre los miembros.")],
        projections=[("item", "Mantener el compromiso.")],
        coordinator_name="Coordinación Red Básica 1",
        coordinator_email="red@example.org",
        supervising_deprov_id=151,
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "Red Básica 1"
    headings = [h.get_text(strip=True) for h in html.select("main h2")]
    for heading in [
        "Quiénes conforman la red",
        "Principios y necesidades",
        "Objetivo",
        "Cómo movilizan el objetivo",
        "El trabajo colaborativo se refleja cuando sus integrantes…",
        "Idea fuerza",
        "Principales aprendizajes y logros",
        "Proyección y desafíos",
        "Contacto",
        "Supervisión",
    ]:
        assert heading in headings
    rows = html.select("table tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["Escuela Republica de Argentina", "Liceo de Camiña"]
    assert rows[0].a["href"] == f"/establecimientos/{schools[0].rbd}/"
    assert "Director/a, Jefe/a técnico/a (UTP)" in rows[0].get_text()
    assert "DEPROV Arica" in response.text
    # Breadcrumbs lead back through the network list.
    crumbs = [li.get_text(strip=True) for li in html.select(".breadcrumbs li")]
    assert crumbs == ["Inicio", "Redes", "Red Básica 1"]


def test_listing_filters_by_region_and_level_with_counts(client):
    make_network("Red Arica Básica", region_id=15, levels=["basica"])
    make_network("Red Arica Párvulos", region_id=15, levels=["parvularia", "basica"])
    make_network("Red Osorno TP", region_id=10, levels=["media_tp"])
    make_network("Red en borrador", region_id=10, levels=["media_tp"], live=False)
    url = network_index().url

    html = soup(client.get(url))
    assert [a.get_text() for a in html.select(".card h2 a")] == [
        "Red Arica Básica",
        "Red Arica Párvulos",
        "Red Osorno TP",
    ]
    assert html.select_one(".result-count").get_text(strip=True) == "3 redes"
    region_options = {o["value"]: o.get_text() for o in html.select("#filter-region option") if o["value"]}
    assert region_options["15"] == "Arica y Parinacota (2)"
    assert region_options["10"] == "Los Lagos (1)"
    assert region_options["13"] == "Metropolitana de Santiago (0)"

    html = soup(client.get(url, {"region": "15", "level": "parvularia"}))
    assert [a.get_text() for a in html.select(".card h2 a")] == ["Red Arica Párvulos"]
    # The level counts follow the region chosen, and the region counts the level chosen.
    level_options = {o["value"]: o.get_text() for o in html.select("#filter-level option") if o["value"]}
    assert level_options["basica"] == "Educación básica (2)"
    assert level_options["media_tp"] == "Media técnico-profesional (0)"
    region_options = {o["value"]: o.get_text() for o in html.select("#filter-region option") if o["value"]}
    assert region_options["10"] == "Los Lagos (0)"

    html = soup(client.get(url, {"region": "10", "level": "parvularia"}))
    assert html.select(".card") == []
    assert "Ninguna red coincide con estos filtros." in html.get_text()


def test_listing_filters_by_supervising_deprov_office_and_slep(client):
    make_network("Red Arica Básica", region_id=15, supervising_deprov_id=151)
    make_network("Red Arica Media", region_id=15, supervising_deprov_id=151, supervising_slep_id=1501)
    make_network("Red de Iquique", region_id=1, supervising_slep_id=101)
    make_network("Red en borrador", region_id=1, supervising_deprov_id=11, live=False)
    url = network_index().url

    html = soup(client.get(url))
    # Only offices and SLEPs that supervise a network the visitor may see.
    deprovs = {o["value"]: o.get_text() for o in html.select("#filter-deprov option") if o["value"]}
    assert deprovs == {"151": "Arica (2)"}
    sleps = {o["value"]: o.get_text(strip=True) for o in html.select("#filter-slep option") if o["value"]}
    assert sorted(sleps) == ["101", "1501"] and sleps["101"].endswith("(1)")

    html = soup(client.get(url, {"deprov": "151"}))
    assert [a.get_text() for a in html.select(".card h2 a")] == ["Red Arica Básica", "Red Arica Media"]
    html = soup(client.get(url, {"slep": "101"}))
    assert [a.get_text() for a in html.select(".card h2 a")] == ["Red de Iquique"]
    html = soup(client.get(url, {"deprov": "151", "slep": "1501"}))
    assert [a.get_text() for a in html.select(".card h2 a")] == ["Red Arica Media"]


def test_listing_ignores_malformed_filters(client):
    make_network("Red Arica Básica")
    response = client.get(network_index().url, {"region": "'; DROP TABLE", "level": "<script>"})
    assert response.status_code == 200
    assert "Red Arica Básica" in response.text


def test_listing_queries_do_not_grow_with_networks_or_members(client):
    make_network("Red A", schools=SchoolFactory.create_batch(2))
    url = network_index().url
    few = count_queries(client, url)
    for number in range(6):
        make_network(f"Red {number}", region_id=10, schools=SchoolFactory.create_batch(5))
    many = count_queries(client, url)
    assert few == many
    # Wagtail's serving: site (1), route through home and index (3), alias
    # check (1), view restrictions (1). The listing: regions (1), networks the
    # visitor may see with member counts (1: view restrictions are read in the
    # same statement), region facet (1), level facet (1), DEPROV and SLEP facets
    # (2: options, 2: counts). The template: menu (1), breadcrumbs (1).
    assert many == 16


def test_profile_queries_do_not_grow_with_members(client):
    small = make_network("Red pequeña", schools=SchoolFactory.create_batch(1))
    large = make_network("Red grande", schools=SchoolFactory.create_batch(15))
    assert count_queries(client, small.url) == count_queries(client, large.url)
    # Wagtail's serving: site (1), route through home, index and network (4),
    # alias check (1), view restrictions (1). The profile: members with their
    # schools and territory (1), participants (1), children the visitor may see
    # (1, view restrictions in the same statement, plus one per page type among
    # them), the page's region (1). The sessions section (meetings): sessions
    # of every year (1), work plans of this year and the next (1), open
    # agreements (1). The template: menu (1), breadcrumbs (1).
    assert count_queries(client, large.url) == 16


def test_draft_networks_are_not_public(client):
    page = make_network("Red en borrador", live=False)
    assert client.get(page.url).status_code == 404


def test_listing_is_sorted_as_a_spanish_reader_expects(client):
    for title in ["Red de Talagante", "Red Ángeles", "Red Básica 1", "Red Zapallar"]:
        make_network(title)
    html = soup(client.get(network_index().url))
    assert [a.get_text() for a in html.select(".card h2 a")] == [
        "Red Ángeles",
        "Red Básica 1",
        "Red de Talagante",
        "Red Zapallar",
    ]
