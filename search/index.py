"""Writing the index: one page or school at a time (signals), in bulk
(imports, rebuild). PostgreSQL's SearchDocument table is always written: it is
the index of the default backend and the fallback when Elasticsearch is down.
Every change is then mirrored to Elasticsearch when it is configured."""

from __future__ import annotations

from django.db import connection, transaction

from schools.models import School

from . import mirror
from .audience import all_restrictions, page_audience
from .backends import elasticsearch_configured
from .documents import MAX_BODY, PAGE_DOCUMENTS, school_document, with_document_relations
from .models import SearchDocument, SearchTerm
from .suggestions import vocabulary_add, vocabulary_remove

CONFIGS = ("spanish", "es_unaccent")
BATCH = 2000


FIELDS = ("title", "summary", "body")


def _parsed(field: str) -> str:
    """Each field is parsed once per configuration (a LATERAL subquery), the
    most expensive part of indexing a long body."""
    vectors = ", ".join(f"to_tsvector('{config}'::regconfig, d.{field}) AS {config}" for config in CONFIGS)
    return f"LATERAL (SELECT {vectors} OFFSET 0) AS {field}"  # OFFSET 0: computed once, not inlined


def _both(field: str) -> str:
    return " || ".join(f"{field}.{config}" for config in CONFIGS)


# A document's SearchMatch row, computed from its text in the database: its
# text vector also holds its pairs of consecutive words, for phrases
# (search_pairs, created by migration 0009).
MATCH_SQL = f"""
INSERT INTO search_searchmatch (document_id, text, title, summary)
SELECT d.id,
    {" || ".join(_both(field) for field in FIELDS)}
    || {" || ".join(f"search_pairs({field}.es_unaccent)" for field in FIELDS)},
    {_both("title")}, {_both("summary")}
FROM search_searchdocument AS d, {", ".join(_parsed(field) for field in FIELDS)}
WHERE d.id = ANY(%s)
"""  # nosec B608  # field and configuration names are constants; ids go as a parameter


def _document(kind: str, object_id: int, url: str, fields: dict, **extra) -> SearchDocument:
    fields = {**fields, **extra}
    fields["body"] = (fields.get("body") or "")[:MAX_BODY]
    fields["title"] = (fields.get("title") or "")[:255]
    return SearchDocument(kind=kind, object_id=object_id, url=url, **fields)


def page_document(page, restrictions=None) -> SearchDocument | None:
    """The page's document, or None when it must not be in the index (not a
    searchable type, not live, or behind a password)."""
    entry = PAGE_DOCUMENTS.get(type(page))
    audience = page_audience(page, restrictions) if entry else None
    if audience is None:
        return None
    kind, build = entry
    return _document(
        kind, page.pk, page.url or "", build(page), published_at=page.first_published_at, audience=audience
    )


def _store(documents: list[SearchDocument], replace) -> list[int]:
    """Replace documents (delete + insert), fill their SearchMatch rows in one statement
    and add their public words to the vocabulary; returns the new ids."""
    replaced = list(replace.values_list("pk", flat=True))
    if replaced:
        vocabulary_remove(replaced)
    replace.delete()
    created = SearchDocument.objects.bulk_create(documents)
    ids = [document.pk for document in created]
    with connection.cursor() as cursor:
        cursor.execute(MATCH_SQL, [ids])
    vocabulary_add(ids)
    return ids


@transaction.atomic
def index_page(page) -> None:
    page = page.specific
    if type(page) in PAGE_DOCUMENTS:
        # Read back as saved, with its relations in a fixed number of queries.
        page = with_document_relations(type(page).objects.filter(pk=page.pk)).first() or page
    document = page_document(page)
    if document is None:
        unindex_page(page)
        return
    _store([document], SearchDocument.objects.filter(kind=document.kind, object_id=page.pk))
    mirror.upsert([(document.kind, page.pk)])


def unindex_page(page) -> None:
    documents = SearchDocument.objects.filter(object_id=page.pk).exclude(kind="school")
    keys = list(documents.values_list("kind", "object_id"))
    if keys:
        vocabulary_remove(list(documents.values_list("pk", flat=True)))
        documents.delete()
    mirror.delete(keys)


def index_subtree(page) -> None:
    for descendant in page.get_descendants(inclusive=True).specific():
        index_page(descendant)


@transaction.atomic
def index_pages(pages, *, progress=None) -> int:
    """(Re)index many pages of the searchable types, BATCH at a time."""
    count, batch = 0, []
    restrictions = all_restrictions()

    def flush():
        keys = [(document.kind, document.object_id) for document in batch]
        existing = SearchDocument.objects.filter(object_id__in=[pk for _kind, pk in keys]).exclude(kind="school")
        _store(batch, existing)
        mirror.upsert(keys)

    for page in pages:
        document = page_document(page, restrictions)
        if document is None:
            continue
        batch.append(document)
        count += 1
        if len(batch) == BATCH:
            flush()
            batch = []
            if progress:
                progress(count)
    if batch:
        flush()
    return count


def index_school(school: School) -> None:
    index_schools([school.rbd])


@transaction.atomic
def index_schools(rbds=None, *, progress=None) -> int:
    """(Re)index schools in bulk: a national directory is ~16,500 rows."""
    schools = School.objects.select_related("commune__province__region").order_by("rbd")
    existing = SearchDocument.objects.filter(kind="school")
    if rbds is not None:
        schools = schools.filter(rbd__in=rbds)
        existing = existing.filter(object_id__in=rbds)
    vocabulary_remove(list(existing.values_list("pk", flat=True)))
    existing.delete()
    batch, count = [], 0
    for count, school in enumerate(schools.iterator(chunk_size=BATCH), start=1):
        batch.append(_document("school", school.rbd, school.get_absolute_url(), school_document(school)))
        if len(batch) == BATCH:
            _store(batch, SearchDocument.objects.none())
            mirror.upsert([("school", document.object_id) for document in batch])
            batch = []
            if progress:
                progress(count)
    _store(batch, SearchDocument.objects.none())
    mirror.upsert([("school", document.object_id) for document in batch])
    return count


def live_pages(model):
    """Every live page of a searchable type, with what its document reads."""
    return with_document_relations(model.objects.live().order_by("pk")).iterator(chunk_size=BATCH)


def rebuild(*, progress=None) -> dict[str, int]:
    """Rebuild PostgreSQL's index from the content; then, when configured,
    Elasticsearch's from it (raises BackendUnavailable if the cluster is
    down: PostgreSQL's rebuilt index is kept and answers meanwhile)."""
    with transaction.atomic(), mirror.paused():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        counts = {}
        for model, (kind, _build) in PAGE_DOCUMENTS.items():
            counts[kind] = index_pages(live_pages(model))
            if progress:
                progress(kind, counts[kind])
        counts["school"] = index_schools(progress=(lambda n: progress("school", n)) if progress else None)
    if elasticsearch_configured():
        mirror.rebuild_cluster(progress=(lambda n: progress("elasticsearch", n)) if progress else None)
    return counts
