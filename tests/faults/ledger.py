"""What a fault must not change: row counts and a checksum over titles.

A ledger is taken before and after a fault; the test then says exactly what
was meant to change (e.g. one page and its search rows gone) and everything
else must be equal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Revision

from search.models import PendingIndexUpdate, SearchDocument, SearchMatch


def _digest(rows) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()[:16]


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def ledger() -> dict:
    Document = get_document_model()
    files = media_files()
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
        "documents": Document.objects.count(),
        "files": len(files),
        "search_documents": SearchDocument.objects.count(),
        "search_matches": SearchMatch.objects.count(),
        "pending_index_updates": PendingIndexUpdate.objects.count(),
        "page_titles": _digest(Page.objects.order_by("pk").values_list("pk", "title", "live")),
        "search_titles": _digest(
            SearchDocument.objects.order_by("kind", "object_id").values_list("kind", "object_id", "title", "audience")
        ),
        "document_titles": _digest(Document.objects.order_by("pk").values_list("pk", "title", "file")),
        "file_contents": _digest((str(path), hashlib.sha256(path.read_bytes()).hexdigest()) for path in files),
    }


def changes(before: dict, after: dict) -> dict:
    """Only what differs: {key: (before, after)}."""
    return {key: (before[key], after[key]) for key in before if before[key] != after[key]}
