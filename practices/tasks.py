"""Background work of the practices app, through django-tasks.

django_tasks (the backport) rather than Django 6's own django.tasks: Wagtail 8
enqueues its own tasks (reference index, file deletion, focal points) through
django_tasks, so one TASKS backend and one worker serve both. The backend is
chosen per environment in settings (TASKS)."""

from django_tasks import task
from wagtail.documents import get_document_model

from .models import DocumentText
from .services import document_text_extract


@task()
def document_text_extract_task(document_id: int) -> None:
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return  # deleted before its turn came
    if DocumentText.objects.filter(document=document, file_hash=document.file_hash).exclude(file_hash="").exists():
        return  # this file was already read (the task ran twice)
    document_text_extract(document)
