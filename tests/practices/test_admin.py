"""A coordinator creates a practice and an instrument with an attachment in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from demo.files import build_docx
from networks.coordinators import coordinator_assign
from practices.models import InstrumentPage, PracticePage
from tests.admin_forms import as_post, form_data, practice_form_data
from tests.factories import SchoolFactory, UserFactory, make_action, make_network, make_topic

pytestmark = pytest.mark.django_db
Document = get_document_model()


@pytest.fixture
def coordinator(client):
    school = SchoolFactory()
    network = make_network("Red de Pichidegua", region_id=6, schools=[school])
    other = make_network("Red de Osorno", region_id=10)
    user = UserFactory()
    coordinator_assign(network, user)
    client.force_login(user)
    return client, network, other, school


def test_a_coordinator_creates_an_instrument_with_a_file_then_a_practice_that_uses_it(coordinator):
    client, network, other, school = coordinator
    topic = make_topic("Acompañamiento al aula")
    action = make_action(school, "Acompañamiento al aula", progresses=[40])

    # 1. Upload the file into the network's collection (the only one they may use).
    response = client.get("/admin/documents/add/")
    assert response.status_code == 200
    # With a single permitted collection Wagtail shows no choice and uses it.
    assert not BeautifulSoup(response.content, "html.parser").select('[name="collection"]')
    docx = SimpleUploadedFile("pauta.docx", build_docx("Pauta", ["Retroalimentación oportuna"]))
    response = client.post("/admin/documents/add/", {"title": "Pauta editable", "file": docx})
    assert response.status_code == 302
    document = Document.objects.get(title="Pauta editable")
    assert document.collection.name.startswith("Red de Pichidegua")
    assert "Retroalimentación oportuna" in document.extracted_text.text

    # 2. The instrument, under the network.
    add_url = f"/admin/pages/add/practices/instrumentpage/{network.pk}/"
    data = form_data(client.get(add_url).content.decode())
    data.update(
        nested_form_data(
            {
                "title": "Pauta de acompañamiento al aula",
                "slug": "pauta-pichidegua",
                "summary": "Pauta consensuada por la red.",
                "instrument_type": "observation_guide",
                "framework": "mbe",
                "purpose": rich_text("<p>Acompañar a los docentes.</p>"),
                "structure": streamfield([]),
                "attachments": inline_formset([{"document": str(document.pk), "label": "Versión editable"}]),
                "adoptions": inline_formset([{"action": str(action.pk), "note": "La usa la UTP"}]),
                "licence": "cc_by_sa",
                "action-publish": "action-publish",
            }
        )
    )
    data.setlist("topics", [str(topic.pk)])
    response = client.post(add_url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    instrument = InstrumentPage.objects.get(slug="pauta-pichidegua")
    assert instrument.live and instrument.network_id == network.pk
    assert instrument.attachments.get().document == document
    assert instrument.adoptions.get().action == action

    # 3. The practice that uses it.
    add_url = f"/admin/pages/add/practices/practicepage/{network.pk}/"
    data = form_data(client.get(add_url).content.decode())
    data.update(
        nested_form_data(
            {
                "title": "Acompañamiento al aula con pauta consensuada",
                "slug": "acompanamiento-pichidegua",
                "summary": "Las escuelas acordaron una pauta común.",
                "need": rich_text("<p>Las visitas al aula no tenían criterios comunes.</p>"),
                "steps": streamfield([("step", {"title": "Acordar la pauta", "description": "En sesión de red."})]),
                "results": rich_text("<p>Todas las escuelas la aplican.</p>"),
                "evidence_level": "2",
                "difficulties": streamfield([]),
                "stage": "in_progress",
                "subdimension": "ensenanza_aprendizaje",
                "instrument_links": inline_formset([{"instrument": str(instrument.pk)}]),
                "adoptions": inline_formset([{"action": str(action.pk), "note": "Acción SEP"}]),
                "action-publish": "action-publish",
            }
        )
    )
    data.setlist("dimensions", ["gestion_pedagogica"])
    data.setlist("participants", ["directors", "utp"])
    response = client.post(add_url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = PracticePage.objects.get(slug="acompanamiento-pichidegua")
    assert practice.live and practice.network_id == network.pk
    assert [block.value["title"] for block in practice.steps] == ["Acordar la pauta"]
    assert practice.instrument_links.get().instrument == instrument

    # 4. Not under another network.
    response = client.get(f"/admin/pages/add/practices/practicepage/{other.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_subdimension_outside_the_dimensions_is_refused_in_spanish(admin_client):
    network = make_network("Red")
    add_url, data = practice_form_data(
        admin_client, network, title="Práctica", slug="practica", summary="x", subdimension="participacion"
    )
    response = admin_client.post(add_url, as_post(data))
    assert response.status_code == 200
    assert "Elija una subdimensión de alguna de las dimensiones de la práctica." in response.content.decode()
    assert not PracticePage.objects.exists()


def test_the_pme_action_chooser_searches_by_school_and_action(admin_client):
    school = SchoolFactory(name="ESCUELA ESPAÑA")
    make_action(school, "Talleres con familias", dimension="convivencia")
    make_action(SchoolFactory(name="LICEO TP"), "Pasantías técnico profesionales")
    response = admin_client.get("/admin/snippets/choose/pme/planaction/results/", {"q": "espana"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Talleres con familias" in text and "Pasantías" not in text
    response = admin_client.get("/admin/snippets/choose/pme/planaction/results/", {"q": "pasantias"})
    assert "Pasantías técnico profesionales" in response.content.decode()
