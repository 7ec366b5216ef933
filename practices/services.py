"""Writes of the practices app."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext

from .archives import CHUNK
from .extraction_errors import ExtractionError
from .extraction_process import extract_in_child
from .models import DocumentText
from .signals import document_text_extracted


def document_text_extract(document) -> DocumentText:
    """Read the words inside ``document`` in a limited child process and keep
    them. A file that cannot be read is kept (it can still be downloaded): the
    reason is stored for editors instead."""
    text, error = "", ""
    try:
        with _local_copy(document) as path:
            text = extract_in_child(path, document.file.name)
    except ExtractionError as failure:
        error = str(failure)
    except OSError as failure:
        error = gettext("the file could not be opened (%(reason)s)") % {"reason": failure.strerror or failure}
    record, _created = DocumentText.objects.update_or_create(
        document=document, defaults={"text": text, "error": error[:255], "file_hash": document.file_hash or ""}
    )
    document_text_extracted.send(sender=DocumentText, document=document)
    return record


@contextmanager
def _local_copy(document) -> Iterator[Path]:
    """A path the child can open: the stored file itself on local storage, a
    temporary copy (written in chunks) on object storage."""
    try:
        path = Path(document.file.path)
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=Path(document.file.name).suffix) as copy:
        with document.open_file() as handle:
            shutil.copyfileobj(handle, copy, CHUNK)
        copy.flush()
        yield Path(copy.name)
