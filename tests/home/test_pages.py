"""Home, error pages and what every public page promises: Spanish, landmarks,
no request to any other site."""

import re

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import override_settings

from tests.factories import SchoolFactory, make_network, network_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_content():
    network = make_network("Red Básica 1", schools=SchoolFactory.create_batch(3))
    return network


def test_home_page_in_spanish_with_figures_and_entry_points(client, site_with_content):
    response = client.get("/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "es-CL"
    text = html.get_text(" ", strip=True)
    assert "Por dónde empezar" in text
    for audience in ["Directores y jefes de UTP", "Coordinadores de red", "Supervisores DEPROV y SLEP"]:
        assert audience in text
    figures = [li.get_text(" ", strip=True) for li in html.select(".figures li")]
    assert "1 redes publicadas en el portal" in figures
    assert "3 establecimientos miembros" in figures
    assert html.select_one(f'a[href="{network_index().url}"]')
    search = html.select_one('form[role="search"]')
    assert search["action"] == "/buscar/" and search.select_one('label[for="home-search"]')


@pytest.mark.parametrize("path", ["/", "/redes/", "/redes/red-basica-1/", "/no-existe/"])
def test_pages_have_landmarks_a_skip_link_and_no_outside_requests(client, site_with_content, path):
    response = client.get(path)
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("header") and html.find("nav") and html.find("main", id="contenido") and html.find("footer")
    assert html.select_one("a.skip-link")["href"] == "#contenido"
    # Everything the browser loads by itself comes from this server.
    for tag, attribute in [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")]:
        for element in html.find_all(tag):
            value = element.get(attribute, "")
            assert not re.match(r"^(https?:)?//", value), f"{tag} loads {value}"
    # Every form control has a label.
    for control in html.select("select, input:not([type=hidden]):not([type=submit])"):
        assert html.select_one(f'label[for="{control["id"]}"]'), control


def test_page_not_found_is_in_spanish(client, site_with_content):
    response = client.get("/no-existe/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


def test_unknown_school_is_a_spanish_404(client):
    response = client.get("/establecimientos/99999999/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


def test_server_error_page_is_in_spanish_and_needs_no_database():
    html = render_to_string("500.html")
    assert "Algo salió mal" in html and "No se perdió nada" in html


@override_settings(DEBUG=False)
def test_a_crash_shows_the_spanish_500_page(client, monkeypatch):
    from home import selectors

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "portal_figures", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Algo salió mal" in response.content.decode()


def test_static_files_are_served(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)
