"""A practice's attached files are searchable as an instrument's are: over
HTTP, a coordinator uploads a DOCX and attaches it to a practice in the
admin, and a visitor finds the practice by a word only the file holds; the
words follow the file's text and its collection's privacy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.test.utils.form_data import inline_formset

from demo.files import build_docx
from networks.coordinators import coordinator_assign
from practices.models import PracticePage
from tests.admin_forms import as_post, practice_form_data
from tests.factories import UserFactory, make_network
from tests.search.pages import results

pytestmark = pytest.mark.django_db
Document = get_document_model()


@pytest.fixture
def coordinator(client):
    network = make_network("Red de Pichidegua", region_id=6)
    user = UserFactory()
    coordinator_assign(network, user)
    client.force_login(user)
    return client, network


def upload(client, lines) -> Document:
    docx = SimpleUploadedFile("pauta.docx", build_docx("Pauta", lines), "application/octet-stream")
    assert client.post("/admin/documents/add/", {"title": "Pauta de la pareja", "file": docx}).status_code == 302
    return Document.objects.get(title="Pauta de la pareja")


def publish_practice(client, network, document) -> PracticePage:
    add_url, data = practice_form_data(
        client,
        network,
        summary="Docentes en parejas que se observan.",
        attachments=inline_formset([{"document": str(document.pk), "label": "Pauta editable"}]),
    )
    response = client.post(add_url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    return PracticePage.objects.get(slug="pareja-pedagogica")


def test_a_practice_is_found_by_a_word_of_its_attached_docx(coordinator):
    client, network = coordinator
    document = upload(client, ["Bitácora de microenseñanza entre pares"])
    practice = publish_practice(client, network, document)
    assert practice.live and practice.attachments.get().document == document
    client.logout()
    assert results(client, q="microenseñanza")[0] == ["Pareja pedagógica"]

    # The file's collection closes: its words leave public results, and come back when it opens.
    restriction = CollectionViewRestriction.objects.create(
        collection=document.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert results(client, q="microenseñanza")[0] == []
    restriction.delete()
    assert results(client, q="microenseñanza")[0] == ["Pareja pedagógica"]


def test_a_new_file_for_an_attached_document_reindexes_its_practice(coordinator):
    client, network = coordinator
    document = upload(client, ["Primera versión"])
    publish_practice(client, network, document)
    assert results(client, q="microenseñanza")[0] == []

    new_file = SimpleUploadedFile("pauta.docx", build_docx("Pauta", ["Bitácora de microenseñanza"]))
    response = client.post(f"/admin/documents/edit/{document.pk}/", {"title": document.title, "file": new_file})
    assert response.status_code == 302
    # The text is read after the practice was published: its index entry follows.
    assert results(client, q="microenseñanza")[0] == ["Pareja pedagógica"]
