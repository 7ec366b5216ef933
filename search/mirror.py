"""Mirror SearchDocument changes to Elasticsearch, when it is configured.

Writes happen after the database transaction commits (nothing uncommitted
reaches the cluster), with a bounded timeout. When the cluster is down or
hangs, the page save still succeeds: the changed keys are remembered in
PendingIndexUpdate and synced by the next successful write or by
`manage.py retry_search_updates`.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from .backends import elasticsearch_configured
from .backends.base import BackendUnavailable
from .models import PendingIndexUpdate, SearchDocument

logger = logging.getLogger(__name__)
# Mirrored fields: everything a search or a facet reads.
FIELDS = [
    "kind",
    "object_id",
    "title",
    "summary",
    "body",
    "url",
    "region_id",
    "network_id",
    "topics",
    "dimensions",
    "levels",
    "evidence_level",
    "instrument_type",
    "year",
    "published_at",
    "completeness",
    "audience",
]
RETRY_BATCH = 500
_paused = False  # during a rebuild, which pushes everything at the end


def _backend():
    from .backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend.from_settings()


def upsert(keys: list[tuple[str, int]]) -> None:
    """Sync these (kind, object_id) documents to their current database state."""
    if keys and elasticsearch_configured() and not _paused:
        _after_commit(lambda: sync(keys))


def delete(keys: list[tuple[str, int]]) -> None:
    upsert(keys)  # a key no longer in the database is deleted from the cluster


def _after_commit(callback) -> None:
    if getattr(settings, "SEARCH_MIRROR_ON_COMMIT", True):
        transaction.on_commit(callback, robust=True)
    else:
        callback()


def sync(keys: list[tuple[str, int]], *, refresh: bool | None = None) -> bool:
    """Push these keys (and some of the backlog); remember them on failure."""
    backend = _backend()
    refresh = getattr(settings, "ELASTICSEARCH_REFRESH", False) if refresh is None else refresh
    try:
        _push(backend, keys, refresh)
        backlog = list(PendingIndexUpdate.objects.values_list("pk", "kind", "object_id")[:RETRY_BATCH])
        if backlog:
            _push(backend, [(kind, object_id) for _pk, kind, object_id in backlog], refresh)
            PendingIndexUpdate.objects.filter(pk__in=[pk for pk, _kind, _id in backlog]).delete()
        return True
    except BackendUnavailable as error:
        logger.warning("Elasticsearch unavailable, %d index updates kept for later: %s", len(keys), error)
        PendingIndexUpdate.objects.bulk_create(
            [PendingIndexUpdate(kind=kind, object_id=object_id) for kind, object_id in keys],
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=["failed_at"],
        )
        return False


def _push(backend, keys, refresh) -> None:
    from .backends.elasticsearch import document_id

    wanted = {document_id(kind, object_id) for kind, object_id in keys}
    documents = []
    for kind in {kind for kind, _id in keys}:
        ids = [object_id for k, object_id in keys if k == kind]
        documents += list(SearchDocument.objects.filter(kind=kind, object_id__in=ids).values(*FIELDS))
    present = {document_id(d["kind"], d["object_id"]) for d in documents}
    backend.write(documents, sorted(wanted - present), refresh=refresh)


def retry_pending() -> tuple[int, int]:
    """Sync the whole backlog; returns (synced, still pending)."""
    synced = 0
    while True:
        backlog = list(PendingIndexUpdate.objects.values_list("pk", "kind", "object_id")[:RETRY_BATCH])
        if not backlog:
            return synced, 0
        try:
            _push(_backend(), [(kind, object_id) for _pk, kind, object_id in backlog], False)
        except BackendUnavailable:
            return synced, PendingIndexUpdate.objects.count()
        PendingIndexUpdate.objects.filter(pk__in=[pk for pk, _kind, _id in backlog]).delete()
        synced += len(backlog)


@contextmanager
def paused():
    """No per-change pushes (a rebuild sends everything once, at the end)."""
    global _paused
    _paused = True
    try:
        yield
    finally:
        _paused = False


def rebuild_cluster(*, progress=None) -> int:
    """Drop and create the cluster's index and fill it from SearchDocument.
    Raises BackendUnavailable when the cluster cannot be reached."""
    backend = _backend()
    backend.recreate_index()
    PendingIndexUpdate.objects.all().delete()
    count, ids = 0, SearchDocument.objects.order_by("pk").values_list("pk", flat=True)
    pks = list(ids)
    for start in range(0, len(pks), RETRY_BATCH):
        documents = list(SearchDocument.objects.filter(pk__in=pks[start : start + RETRY_BATCH]).values(*FIELDS))
        backend.write(documents, [])
        count += len(documents)
        if progress:
            progress(count)
    return count
