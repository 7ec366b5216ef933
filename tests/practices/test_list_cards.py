"""The practice and instrument lists as a screen reader and a visitor read
them: headings that never skip a level, and topic chips that open the list
filtered by that topic."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import instrument_index, make_instrument, make_network, make_practice, make_topic, practice_index

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def skipped_heading_levels(html) -> list[str]:
    """Headings more than one level below the one before them (axe's heading-order)."""
    skipped, previous = [], 0
    for heading in html.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        level = int(heading.name[1])
        if level > previous + 1:
            skipped.append(f"h{previous} → {heading.name} {heading.get_text(strip=True)!r}")
        previous = level
    return skipped


@pytest.fixture
def lists():
    practice_index()
    instrument_index()
    inclusion, families = make_topic("Inclusión"), make_topic("Familias")
    arica = make_network("Red Básica 1", region_id=15)
    make_practice(arica, "Pauta de inclusión", topics=[inclusion, families])
    make_practice(arica, "Escuela para familias", topics=[families])
    make_instrument(arica, "Pauta de observación inclusiva", topics=[inclusion])
    make_instrument(arica, "Encuesta a familias", topics=[families])
    return {"/practicas/": "Pauta de inclusión", "/instrumentos/": "Pauta de observación inclusiva"}


@pytest.mark.parametrize("url", ["/practicas/", "/instrumentos/"])
def test_list_headings_do_not_skip_a_level(client, lists, url):
    html = soup(client, url)
    assert html.select(".grid .card")
    assert skipped_heading_levels(html) == []


def test_the_heading_check_catches_a_card_h3_after_the_h1():
    html = BeautifulSoup("<h1>Prácticas</h1><ul><li><h3>Una</h3></li></ul>", "html.parser")
    assert skipped_heading_levels(html) == ["h1 → h3 'Una'"]


@pytest.mark.parametrize("url", ["/practicas/", "/instrumentos/"])
def test_a_topic_chip_opens_the_list_filtered_by_that_topic(client, lists, url):
    html = soup(client, url)
    card = next(card for card in html.select(".grid .card") if lists[url] in card.get_text())
    chips = {a.get_text(strip=True): a["href"] for a in card.select(".tags .tag a")}
    assert "Inclusión" in chips
    assert len(card.select(".tags .tag")) == len(chips)  # every chip is a link, none repeats
    filtered = soup(client, chips["Inclusión"])
    assert [a.get_text() for a in filtered.select(".card h2 a")] == [lists[url]]


def test_a_practice_page_shows_each_chip_once(client):
    """A topic named like a level (Educación parvularia) is one chip, not two."""
    early = make_topic("Educación parvularia")
    reflection = make_topic("Reflexión pedagógica")
    network = make_network("Red de Calama", region_id=2)
    practice = make_practice(network, "Práctica reflexiva", levels=["parvularia"], topics=[early, reflection])
    chips = [chip.get_text(strip=True) for chip in soup(client, practice.url).select(".practice-facts .tag")]
    assert chips.count("Educación parvularia") == 1
    assert "Reflexión pedagógica" in chips
