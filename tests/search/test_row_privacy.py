"""Privacy where search rows are read back: even with ids handed over by the
in-process columns (a stale or wrong column), PostgreSQL returns only rows
the audience may see."""

import pytest
from wagtail.models import PageViewRestriction

from search.audience import LOGIN, PUBLIC
from search.backends.postgres import page_rows, seen_by
from search.models import SearchDocument
from tests.factories import make_network, make_practice

pytestmark = pytest.mark.django_db


def test_rows_read_back_are_filtered_by_audience_in_sql():
    network = make_network("Red de Lautaro")
    open_practice = make_practice(network, "Pareja pedagógica abierta")
    private = make_practice(network, "Pareja pedagógica reservada")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ids = list(SearchDocument.objects.filter(kind="practice").values_list("pk", flat=True))
    assert len(ids) == 2

    anonymous = [row.title for row in page_rows(ids, None, [PUBLIC])]
    assert anonymous == [open_practice.title]
    signed_in = {row.title for row in page_rows(ids, None, [PUBLIC, LOGIN])}
    assert signed_in == {open_practice.title, private.title}
    assert seen_by(SearchDocument.objects.filter(pk__in=ids), None).count() == 2  # superusers


def test_closing_a_collection_takes_its_files_words_out_of_public_results(client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    from practices.models import DocumentText
    from tests.factories import make_instrument

    collection = Collection.get_first_root_node().add_child(name="Red de Lautaro")
    document = get_document_model()(title="Pauta", collection=collection)
    document.file.save("pauta.txt", ContentFile(b"pauta de observacion"), save=False)
    document.save()
    DocumentText.objects.update_or_create(document=document, defaults={"text": "Retroalimentación entre pares"})
    instrument = make_instrument(make_network("Red de Lautaro"), "Pauta de aula", documents=[document])

    def found():
        return [row["title"] for row in client.get("/api/search/", {"q": "retroalimentación"}).json()["results"]]

    assert found() == [instrument.title]
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert found() == []
    restriction.delete()
    assert found() == [instrument.title]
