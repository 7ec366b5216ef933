"""Keep extracted document text and each page's network in step."""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.signals import post_page_move

from .models import DocumentText, InstrumentPage, PracticePage
from .text_extraction import ExtractionError, extract_text

logger = logging.getLogger(__name__)


@receiver(post_save, sender=get_document_model())
def extract_document_text(sender, instance, **kwargs):
    """Store the words inside an uploaded file. A file we cannot read is kept
    (it can still be downloaded); the reason is stored for editors."""
    current = DocumentText.objects.filter(document=instance).values_list("file_hash", flat=True).first()
    if current and current == instance.file_hash:
        return  # a title or collection edit: same file, same words
    text, error = "", ""
    try:
        with instance.open_file() as handle:
            data = handle.read()
        text = extract_text(data, instance.file.name)
    except ExtractionError as failure:
        error = str(failure)
    except OSError as failure:
        error = f"no se pudo abrir el archivo ({failure.strerror or failure})"
    if error:
        logger.warning("Text extraction failed for document %s: %s", instance.pk, error)
    DocumentText.objects.update_or_create(
        document=instance, defaults={"text": text, "error": error[:255], "file_hash": instance.file_hash or ""}
    )


@receiver(post_page_move)
def follow_the_new_network(sender, instance, **kwargs):
    specific = instance.specific
    if isinstance(specific, PracticePage | InstrumentPage):
        network = specific.network_from_tree()
        type(specific).objects.filter(pk=specific.pk).update(network=network)
