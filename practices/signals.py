"""Keep extracted document text and each page's network in step."""

from django.db.models.signals import post_save
from django.dispatch import Signal, receiver
from wagtail.documents import get_document_model
from wagtail.signals import post_page_move

from .models import DocumentText, InstrumentPage, PracticePage

# Sent after a document's text was read (or its failure recorded): receivers
# get ``document``. Search reindexes the instruments that attach it.
document_text_extracted = Signal()


@receiver(post_save, sender=get_document_model())
def extract_document_text(sender, instance, raw=False, **kwargs):
    """Queue the reading of an uploaded file's words: it runs off the request,
    in a limited child process (practices.tasks)."""
    if raw:
        return
    current = DocumentText.objects.filter(document=instance).values_list("file_hash", flat=True).first()
    if current and current == instance.file_hash:
        return  # a title or collection edit: same file, same words
    # Imported here: the task's module imports the services that send this module's signal.
    from .tasks import document_text_extract_task

    document_text_extract_task.enqueue(instance.pk)


@receiver(post_page_move)
def follow_the_new_network(sender, instance, **kwargs):
    specific = instance.specific
    if isinstance(specific, PracticePage | InstrumentPage):
        network = specific.network_from_tree()
        type(specific).objects.filter(pk=specific.pk).update(network=network)
