"""Stored files that no row points at, and their removal.

A file is written before its row: Django's FileField saves the upload in the
model's pre_save, then the INSERT follows. When that INSERT fails, when the
transaction around it is rolled back (an error in a signal, the database
going away) or when the worker is killed in between, the row is gone and the
file stays: nothing in Django or Wagtail removes it, and no in-process hook can
run after a SIGKILL. So the orphans are found afterwards, by comparing each
upload folder with the rows of the model that stores files there, through the
storage API (the same code for a local folder and object storage).

A grace period keeps files younger than it: an upload in progress has written
its file and not yet committed its row.

The same goes for Django's upload temporaries (a body larger than
FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to tmp*.upload.<ext> in
FILE_UPLOAD_TEMP_DIR): a killed worker never closes, so never deletes, its own.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

GRACE = datetime.timedelta(hours=1)
CHUNK = 1000  # names per query
# tempfile.NamedTemporaryFile(suffix=".upload" + ext) in TemporaryUploadedFile.
UPLOAD_TEMPORARY = re.compile(r"^tmp[a-z0-9_]{8}\.upload(\.[^/]{0,32})?$")


@dataclass(frozen=True)
class Orphan:
    name: str
    size: int
    modified: datetime.datetime


def _folders():
    """(upload folder, model whose ``file`` field stores there)."""
    image_model = get_image_model()
    return [
        ("documents", get_document_model()),
        ("original_images", image_model),
        ("images", image_model.get_rendition_model()),
        ("wagtail_uploads", UploadedFile),
    ]


def _walk(storage, folder: str):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def orphan_files_find(older_than: datetime.timedelta = GRACE) -> list[Orphan]:
    """Files in the upload folders that no row names, last modified before now - older_than."""
    cutoff = timezone.now() - older_than
    orphans = []
    for folder, model in _folders():
        storage = model._meta.get_field("file").storage
        names = list(_walk(storage, folder))
        if not names:
            continue
        referenced = set()
        for start in range(0, len(names), CHUNK):
            chunk = names[start : start + CHUNK]
            referenced.update(model.objects.filter(file__in=chunk).values_list("file", flat=True))
        for name in names:
            if name in referenced:
                continue
            modified = storage.get_modified_time(name)
            if modified <= cutoff:
                orphans.append(Orphan(name, storage.size(name), modified))
    return sorted(orphans, key=lambda orphan: orphan.name)


def orphan_files_remove(older_than: datetime.timedelta = GRACE) -> list[Orphan]:
    """Delete the orphans found; returns them. Each is checked again just
    before it goes, in case a row claimed it meanwhile."""
    removed = []
    by_folder = dict(_folders())
    for orphan in orphan_files_find(older_than):
        model = by_folder[orphan.name.split("/", 1)[0]]
        if model.objects.filter(file=orphan.name).exists():
            continue
        model._meta.get_field("file").storage.delete(orphan.name)
        removed.append(orphan)
    return removed


def upload_temporaries_find(older_than: datetime.timedelta = GRACE) -> list[Path]:
    """Django's upload temporaries left in FILE_UPLOAD_TEMP_DIR (or the
    system's temporary folder) and last modified before now - older_than."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
    cutoff = (timezone.now() - older_than).timestamp()
    return sorted(
        path
        for path in folder.iterdir()
        if UPLOAD_TEMPORARY.match(path.name) and path.is_file() and path.stat().st_mtime <= cutoff
    )


def upload_temporaries_remove(older_than: datetime.timedelta = GRACE) -> list[Path]:
    removed = []
    for path in upload_temporaries_find(older_than):
        try:
            path.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours
        removed.append(path)
    return removed
