"""Writing the index: one page or school at a time (signals) or everything (rebuild)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import transaction

from schools.models import School

from .documents import MAX_BODY, PAGE_DOCUMENTS, school_document
from .models import SearchDocument, SearchTerm
from .suggestions import vocabulary_add

CONFIGS = ("spanish", "es_unaccent")


def search_vector():
    vector = None
    for field, weight in (("title", "A"), ("summary", "B"), ("body", "C")):
        for config in CONFIGS:
            part = SearchVector(field, weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


def _write(kind: str, object_id: int, url: str, fields: dict, published_at=None) -> None:
    fields = {**fields, "body": (fields.get("body") or "")[:MAX_BODY], "url": url, "published_at": published_at}
    fields["title"] = (fields.get("title") or "")[:255]
    document, _created = SearchDocument.objects.update_or_create(kind=kind, object_id=object_id, defaults=fields)
    SearchDocument.objects.filter(pk=document.pk).update(search_vector=search_vector())
    vocabulary_add([document.pk])


def page_is_public(page) -> bool:
    """Live and without any view restriction on it or above it: only such
    pages are indexed, so a private page's words never surface for anyone."""
    return page.live and not page.get_view_restrictions().exists()


@transaction.atomic
def index_page(page) -> None:
    page = page.specific
    entry = PAGE_DOCUMENTS.get(type(page))
    if entry is None:
        return
    kind, build = entry
    if not page_is_public(page):
        unindex_page(page)
        return
    published = page.first_published_at
    _write(kind, page.pk, page.url or "", build(page), published)


def unindex_page(page) -> None:
    SearchDocument.objects.filter(object_id=page.pk).exclude(kind="school").delete()


def index_subtree(page) -> None:
    for descendant in page.get_descendants(inclusive=True).specific():
        index_page(descendant)


def index_school(school: School) -> None:
    _write("school", school.rbd, school.get_absolute_url(), school_document(school))


@transaction.atomic
def index_schools(rbds=None, *, progress=None) -> int:
    """(Re)index schools in bulk: a national directory is ~16,500 rows."""
    schools = School.objects.select_related("commune__province__region").order_by("rbd")
    existing = SearchDocument.objects.filter(kind="school")
    if rbds is not None:
        schools = schools.filter(rbd__in=rbds)
        existing = existing.filter(object_id__in=rbds)
    existing.delete()
    batch, count = [], 0
    for count, school in enumerate(schools.iterator(chunk_size=2000), start=1):
        batch.append(
            SearchDocument(
                kind="school", object_id=school.rbd, url=school.get_absolute_url(), **school_document(school)
            )
        )
        if len(batch) == 2000:
            SearchDocument.objects.bulk_create(batch)
            batch = []
            if progress:
                progress(count)
    SearchDocument.objects.bulk_create(batch)
    # One statement for every vector, rather than one per school.
    documents = SearchDocument.objects.filter(kind="school")
    if rbds is not None:
        documents = documents.filter(object_id__in=rbds)
    documents.update(search_vector=search_vector())
    vocabulary_add(list(documents.values_list("pk", flat=True)) if rbds is not None else None)
    return count


@transaction.atomic
def rebuild(*, progress=None) -> dict[str, int]:
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    counts = {}
    for model, (kind, _build) in PAGE_DOCUMENTS.items():
        pages = list(model.objects.live())
        for page in pages:
            index_page(page)
        counts[kind] = SearchDocument.objects.filter(kind=kind).count()
        if progress:
            progress(kind, counts[kind])
    counts["school"] = index_schools(progress=(lambda n: progress("school", n)) if progress else None)
    return counts
