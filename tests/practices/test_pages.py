"""Practice and instrument pages, the lists and the links to PME, over HTTP."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from demo.files import build_pdf
from practices.models import PracticeAttachment
from tests.factories import (
    SchoolFactory,
    instrument_index,
    make_action,
    make_instrument,
    make_network,
    make_practice,
    make_topic,
    practice_index,
)

pytestmark = pytest.mark.django_db
Document = get_document_model()


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def when(day: int) -> datetime.datetime:
    return datetime.datetime(2026, 1, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def world():
    """Two networks in two regions, practices with topics, a school whose PME adopted one."""
    accompaniment = make_topic("Acompañamiento al aula")
    families = make_topic("Familias")
    school = SchoolFactory(name="ESCUELA ESPAÑA")
    arica = make_network("Red Básica 1", region_id=15, schools=[school])
    osorno = make_network("Red de Osorno", region_id=10, schools=[SchoolFactory()])
    action = make_action(school, "Acompañamiento al aula con pauta de la red", progresses=[100, 50])
    guide = make_practice(
        arica,
        "Pauta consensuada de acompañamiento",
        topics=[accompaniment],
        subdimension="ensenanza_aprendizaje",
        adoptions=[(action, "La UTP la aplica en todos los cursos")],
        evidence_level=3,
        published=when(10),
    )
    workshops = make_practice(
        osorno,
        "Talleres para familias",
        topics=[families],
        dimensions=["convivencia"],
        evidence_level=1,
        published=when(20),
    )
    feedback = make_practice(
        osorno,
        "Retroalimentación entre pares",
        topics=[accompaniment],
        subdimension="ensenanza_aprendizaje",
        levels=["media_tp"],
        published=when(15),
    )
    practice_index()
    instrument_index()
    return {
        "school": school,
        "arica": arica,
        "osorno": osorno,
        "action": action,
        "guide": guide,
        "workshops": workshops,
        "feedback": feedback,
    }


def test_practice_page_shows_evidence_adoptions_and_related_practices(client, world):
    html = soup(client.get(world["guide"].url))
    text = html.get_text(" ", strip=True)
    assert html.h1.get_text(strip=True) == "Pauta consensuada de acompañamiento"
    assert "Evidencia 3/4: Resultados evaluados" in text
    assert "Qué significan los niveles de evidencia" in text
    # The school whose PME adopted it, the action and its progress (mean of 100 and 50).
    row = html.select_one("#adoptions-title ~ div table tbody tr")
    assert "Escuela España" in row.get_text() and "Acompañamiento al aula con pauta de la red" in row.get_text()
    assert row.select_one("progress")["value"] == "75"
    assert row.a["href"] == f"/establecimientos/{world['school'].rbd}/#pme"
    # From another region, sharing dimension and topic, comes first.
    related = [a.get_text() for a in html.select("#related-title ~ ul a")]
    assert related[0] == "Retroalimentación entre pares"
    assert "Talleres para familias" not in related  # another dimension


def test_the_school_page_shows_its_pme_and_practices_that_could_help(client, world):
    html = soup(client.get(world["school"].get_absolute_url()))
    section = html.select_one("#pme")
    text = section.get_text(" ", strip=True)
    assert "Acompañamiento al aula con pauta de la red" in text and "75 %" in text
    assert "Adoptado de la red: Pauta consensuada de acompañamiento" in text
    suggestions = [a.get_text() for a in section.select("ul a")]
    # Only practices of other networks, same dimension; sharing the adopted practice's topic first.
    assert suggestions == ["Retroalimentación entre pares"]


def test_a_school_without_pme_gets_practices_of_other_networks_for_its_levels(client, world):
    school = SchoolFactory(name="ESCUELA SIN PME", teaching_codes=[110])  # básica, in Arica (region 15)
    make_practice(make_network("Red de Arica 2", schools=[school]), "Práctica de su propia red", published=when(28))
    putre = make_network("Red de Putre", region_id=15)
    make_practice(putre, "Lectura compartida en Putre", published=when(5))
    make_practice(putre, "Borrador de Putre", published=when(26)).unpublish()
    private = make_practice(world["osorno"], "Práctica reservada de Osorno", published=when(27))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    url = school.get_absolute_url()
    section = soup(client.get(url)).select_one("#pme")
    text = section.get_text(" ", strip=True)
    assert "no tiene acciones de PME registradas" in text
    assert "Prácticas de otras redes para los niveles de este establecimiento (Educación básica)" in text
    suggestions = [a.get_text() for a in section.select("#level-suggestions-title ~ ul a")]
    # Its region first, then the most recent; not its own network's, not other levels (media TP), no draft,
    # nothing private.
    assert suggestions == [
        "Pauta consensuada de acompañamiento",
        "Lectura compartida en Putre",
        "Talleres para familias",
    ]

    few = count_queries(client, url)
    for number in range(6):
        make_practice(world["osorno"], f"Práctica básica {number}", published=when(number + 1))
    assert count_queries(client, url) == few


def test_practice_list_filters_and_counts(client, world):
    url = practice_index().url
    html = soup(client.get(url))
    assert [a.get_text() for a in html.select(".card h2 a")] == [
        "Talleres para familias",
        "Retroalimentación entre pares",
        "Pauta consensuada de acompañamiento",
    ]  # most recent first
    options = {o["value"]: o.get_text() for o in html.select("#filter-region option") if o["value"]}
    assert options["10"] == "Los Lagos (2)" and options["15"] == "Arica y Parinacota (1)"

    html = soup(client.get(url, {"topic": "acompanamiento-al-aula", "sort": "title"}))
    assert [a.get_text() for a in html.select(".card h2 a")] == [
        "Pauta consensuada de acompañamiento",
        "Retroalimentación entre pares",
    ]
    regions = {o["value"]: o.get_text() for o in html.select("#filter-region option") if o["value"]}
    assert regions["10"] == "Los Lagos (1)"
    topics = {o["value"]: o.get_text() for o in html.select("#filter-topic option") if o["value"]}
    assert topics["familias"] == "Familias (1)"  # counted as if chosen instead
    evidence = {o["value"]: o.get_text() for o in html.select("#filter-evidence option") if o["value"]}
    assert evidence["3"] == "Resultados evaluados (1)" and evidence["1"] == "Testimonios (0)"

    html = soup(client.get(url, {"region": "10", "dimension": "gestion_pedagogica", "level": "media_tp"}))
    assert [a.get_text() for a in html.select(".card h2 a")] == ["Retroalimentación entre pares"]

    html = soup(client.get(url, {"region": "10", "evidence": "4"}))
    assert "Ninguna práctica coincide con estos filtros." in html.get_text()


def test_lists_survive_malformed_parameters(client, world):
    for params in [{"region": "x"}, {"page": "999"}, {"page": "-1"}, {"sort": "<script>"}, {"topic": "'"}]:
        assert client.get(practice_index().url, params).status_code == 200
        assert client.get(instrument_index().url, params).status_code == 200


def test_list_queries_do_not_grow_with_practices(client, world):
    url = practice_index().url
    few = count_queries(client, url, {"topic": "familias"})
    topic = make_topic("Inclusión")
    for number in range(8):
        make_practice(world["osorno"], f"Práctica extra {number}", topics=[topic])
    many = count_queries(client, url, {"topic": "familias"})
    assert few == many
    assert count_queries(client, url) == count_queries(client, url, {"region": "10"})


def test_practice_page_queries_do_not_grow_with_adoptions(client, world):
    url = world["guide"].url
    few = count_queries(client, url)
    for number in range(5):
        school = SchoolFactory()
        action = make_action(school, f"Acción {number}", progresses=[20])
        from practices.models import PracticeAdoption

        PracticeAdoption.objects.create(page=world["guide"], action=action)
    assert count_queries(client, url) == few


def a_pdf(title, size=0, collection=None):
    """A PDF document; `size` pads it to about that many bytes."""
    data = build_pdf(title, ["Criterio uno"])
    document = Document(title=title, **({"collection": collection} if collection else {}))
    document.file.save("pauta.pdf", ContentFile(data + b"%" * max(0, size - len(data))), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def attach(page, *documents):
    for document in documents:
        PracticeAttachment.objects.create(page=page, document=document, label=document.title)
    page.save_revision().publish()


def test_practice_page_lists_its_files_with_type_and_size_but_not_private_ones(client, world):
    private = Collection.get_first_root_node().add_child(name="Privada")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    attach(world["guide"], a_pdf("Pauta firmada", 240 * 1024), a_pdf("Acta interna", 1000, private))
    html = soup(client.get(world["guide"].url))
    items = [li.get_text(" ", strip=True) for li in html.select("#downloads-title ~ ul li")]
    assert items == ["Pauta firmada (PDF, 240\xa0KB)"]
    response = client.get(html.select_one("#downloads-title ~ ul a")["href"])  # anonymous: no account needed
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # The same list, shared, on the instrument page.
    instrument = make_instrument(world["arica"], "Pauta", documents=[a_pdf("Rúbrica", 3 * 1024 * 1024 // 2)])
    html = soup(client.get(instrument.url))
    assert [li.get_text(" ", strip=True) for li in html.select("#downloads-title ~ ul li")] == [
        "Rúbrica (PDF, 1,5\xa0MB)"
    ]


def test_practice_page_queries_do_not_grow_with_files(client, world):
    url = world["guide"].url
    none = count_queries(client, url)
    attach(world["guide"], a_pdf("Pauta"))
    one = count_queries(client, url)
    attach(world["guide"], *[a_pdf(f"Anexo {number}") for number in range(4)])
    assert count_queries(client, url) == one == none
    # 21: routing (site, page tree, aliases, view restrictions: 10), topics, files (one query: attachments with
    # their visible documents), instruments, adoptions, related practices (page, topics, candidates, their
    # topics: 4), breadcrumbs, the network and its region (2).
    assert none == 21


def test_instrument_page_download_print_and_list(client, world):
    document = Document(title="Pauta PDF")
    document.file.save("pauta.pdf", ContentFile(build_pdf("Pauta", ["Criterio uno"])), save=False)
    document.save()
    instrument = make_instrument(
        world["arica"],
        "Pauta de acompañamiento al aula",
        documents=[document],
        structure=[
            (
                "section",
                {
                    "title": "Clima de aula",
                    "description": "",
                    "scale": ["Logrado", "En desarrollo"],
                    "criteria": [{"criterion": "Se respetan los turnos", "descriptors": ["Siempre", "A veces"]}],
                },
            )
        ],
    )
    html = soup(client.get(instrument.url))
    table = html.select_one("table.instrument-table")
    assert [th.get_text() for th in table.select("thead th")] == ["Criterio", "Logrado", "En desarrollo"]
    assert [td.get_text() for td in table.select("tbody td")] == ["Siempre", "A veces"]
    link = html.select_one("#downloads-title ~ ul a")
    response = client.get(link["href"])  # anonymous: no account needed
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    printable = soup(client.get(instrument.url + "imprimir/"))
    assert printable.select_one("table.instrument-table") and not printable.select_one("nav.site-nav")

    html = soup(client.get(instrument_index().url, {"type": "observation_guide"}))
    assert [a.get_text() for a in html.select(".card h2 a")] == ["Pauta de acompañamiento al aula"]


def test_the_network_page_lists_its_practices_and_instruments(client, world):
    html = soup(client.get(world["osorno"].url))
    titles = [a.get_text() for a in html.select("#published-title ~ ul a")]
    assert titles == ["Retroalimentación entre pares", "Talleres para familias"]


def test_school_page_queries_do_not_grow_with_pme_actions(client, world):
    url = world["school"].get_absolute_url()
    few = count_queries(client, url)
    for number in range(5):
        action = make_action(world["school"], f"Acción extra {number}", progresses=[10, 20])
        make_practice(world["arica"], f"Práctica adoptada {number}", adoptions=[(action, "")])
    assert count_queries(client, url) == few
