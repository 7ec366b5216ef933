"""Text extraction off the request: with the database queue the portal runs
(django-tasks-db), an upload returns before the file is read; the worker
(`manage.py db_worker`) reads it later and search follows."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model

from demo.files import build_docx
from practices.models import DocumentText
from tests.factories import make_instrument
from tests.practices.test_upload_limits import coordinator, upload_document  # noqa: F401 (fixture)
from tests.search.pages import results

Document = get_document_model()
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker commits and closes its connection, as it does in production;
# serialized_rollback puts back the migrations' rows (regions, communes).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=QUEUE)
def test_an_upload_is_read_by_the_worker_not_in_the_request(coordinator):  # noqa: F811
    client, network = coordinator
    response = upload_document(client, "pauta.docx", build_docx("Pauta", ["Tutoría entre pares"]))
    assert response.status_code == 302, response.content.decode()[:1500]
    document = Document.objects.get()
    assert not DocumentText.objects.filter(document=document).exists()  # not read in the request
    queued = DBTaskResult.objects.filter(task_path="practices.tasks.document_text_extract_task", status="READY")
    assert queued.count() == 1
    task_id = queued.get().pk
    make_instrument(network, "Pauta de acompañamiento", documents=[document])
    assert results(client, q="tutoría")[0] == []

    call_command("db_worker", batch=True)

    assert "Tutoría entre pares" in DocumentText.objects.get(document=document).text
    assert DBTaskResult.objects.get(pk=task_id).status == "SUCCESSFUL"
    assert results(client, q="tutoría")[0] == ["Pauta de acompañamiento"]
