"""What keeps the lists usable on a phone, as the server sends it: the
filters in a <details> panel whose summary says how many are on (closed on
small screens, so the results come first), and a wide table in a wrapper a
keyboard can scroll and a screen reader can name. The browser measurement
(first result's height at 390 px) is in tests/e2e/test_small_screens.py."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import SchoolFactory, instrument_index, make_network, make_practice, network_index, practice_index

pytestmark = pytest.mark.django_db


def soup(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def content():
    practice_index()
    instrument_index()
    arica = make_network("Red Básica 1", region_id=15, schools=[SchoolFactory(name="ESCUELA ARICA")])
    make_practice(arica, "Pauta de inclusión")
    return arica


def filter_panel(html):
    panel = html.select_one("details.filters-panel")
    assert panel is not None, "no <details> filter panel"
    assert panel.find("form", class_="filters") is not None, "the filter form is not inside the panel"
    # Closed as sent: only wide screens open it (static/js/filters.js).
    assert not panel.has_attr("open")
    return panel


@pytest.mark.parametrize(
    "url,params,count",
    [
        ("/practicas/", {}, None),
        ("/practicas/", {"region": "15"}, "1 activo"),
        ("/instrumentos/", {"region": "15", "level": "basica"}, "2 activos"),
        ("/buscar/", {"q": "inclusión"}, None),
        ("/buscar/", {"q": "inclusión", "region": "15"}, "1 activo"),
    ],
)
def test_the_filters_are_a_closed_panel_that_counts_the_active_ones(client, content, url, params, count):
    html = soup(client, url, params)
    summary = filter_panel(html).find("summary")
    assert summary.get_text(" ", strip=True).startswith("Filtros")
    counted = summary.select_one(".filters-panel__count")
    if count is None:
        assert counted is None
    else:
        assert counted is not None and count in counted.get_text(), summary
    # The results count comes right after the panel, before any result.
    after = [tag for tag in html.select_one("details.filters-panel").find_next_siblings() if tag.name != "script"]
    assert after[0].get("class") == ["result-count"]
    script = html.find("script", src=lambda src: src and src.endswith("js/filters.js"))
    assert script is not None and script.get("nonce")


def test_the_members_table_scrolls_in_a_focusable_labelled_region(client):
    network_index()
    page = make_network("Red Básica 1", region_id=15, schools=[SchoolFactory(name="ESCUELA ARICA")])
    html = soup(client, page.url)
    wrapper = html.select_one(".table-scroll")
    assert wrapper is not None
    assert wrapper.get("tabindex") == "0"
    assert wrapper.get("role") == "region"
    label = html.find(id=wrapper.get("aria-labelledby"))
    assert label is not None and label.name == "caption" and "1 establecimiento" in label.get_text()
    assert label.find_parent(class_="table-scroll") is wrapper
    hint = wrapper.find_previous_sibling(class_="table-scroll__hint")
    assert hint is not None and "Deslice para ver más columnas" in hint.get_text()
