"""What each kind of content puts in the search index (search reads the other
apps; no app imports search)."""

from __future__ import annotations

import html

from django.utils.html import strip_tags
from wagtail.documents import get_document_model

from meetings.models import SessionPage
from networks.models import NetworkPage
from practices.models import InstrumentPage, PracticePage
from rme_portal.visibility import visible_documents
from schools.models import School

Document = get_document_model()
MAX_BODY = 200_000


def _text(*parts) -> str:
    # Rich text is HTML: its tags go, its entities (&quot;, &amp;…) become characters.
    return "\n".join(html.unescape(strip_tags(str(part))) for part in parts if part)


def _stream_text(stream) -> str:
    """Every string inside a StreamField value, in order."""

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            if "type" in value and "value" in value:
                # A block: {"type": ..., "value": ..., "id": ...}; only its value is content.
                yield from walk(value["value"])
                return
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item)

    return "\n".join(walk(list(stream.raw_data) if stream else []))


def _completeness(*fields) -> float:
    return sum(1 for field in fields if field) / len(fields)


def network_document(page: NetworkPage) -> dict:
    members = [m.school.name for m in page.memberships.all()]
    return {
        "title": page.title,
        "summary": page.summary,
        "body": _text(
            page.intro,
            page.principles_and_needs,
            page.objective,
            _stream_text(page.mobilisation),
            _stream_text(page.collaboration),
            page.key_idea,
            _stream_text(page.learnings),
            _stream_text(page.projections),
            "\n".join(members),
        ),
        "region_id": page.region_id,
        "network_id": page.pk,
        "levels": page.levels,
        "year": page.since_year,
        "completeness": _completeness(page.summary, page.objective, page.key_idea, page.learnings, members),
    }


def _public_file_texts(page) -> list[str]:
    """The extracted text of a page's attached files anyone may download.

    Words of files in a restricted collection would show in a public
    result's snippet: only files in unrestricted collections are indexed."""
    attachments = page.attachments.all()
    if not attachments:
        return []
    public_files = set(
        visible_documents(Document.objects.filter(pk__in=[a.document_id for a in attachments])).values_list(
            "pk", flat=True
        )
    )
    return [
        attachment.document.extracted_text.text
        for attachment in attachments
        if attachment.document_id in public_files and hasattr(attachment.document, "extracted_text")
    ]


def practice_document(page: PracticePage) -> dict:
    network = page.network
    extracted = _public_file_texts(page)
    return {
        "title": page.title,
        "summary": page.summary,
        "body": _text(
            page.need,
            _stream_text(page.steps),
            page.resources,
            page.results,
            _stream_text(page.difficulties),
            page.adaptation,
            network.title if network else "",
            *extracted,
        ),
        "region_id": network.region_id if network else None,
        "network_id": page.network_id,
        "topics": [topic.slug for topic in page.topics.all()],
        "dimensions": page.dimensions,
        "levels": page.levels,
        "evidence_level": page.evidence_level,
        "completeness": _completeness(page.summary, page.need, page.steps, page.results, page.adaptation),
    }


def instrument_document(page: InstrumentPage) -> dict:
    network = page.network
    extracted = _public_file_texts(page)
    return {
        "title": page.title,
        "summary": page.summary,
        "body": _text(
            page.purpose,
            page.description,
            page.guidance,
            _stream_text(page.structure),
            network.title if network else "",
            *extracted,
        ),
        "region_id": network.region_id if network else None,
        "network_id": page.network_id,
        "topics": [topic.slug for topic in page.topics.all()],
        "levels": page.levels,
        "instrument_type": page.instrument_type,
        "completeness": _completeness(page.summary, page.purpose, page.guidance, page.structure, extracted),
    }


def session_document(page: SessionPage) -> dict:
    network = page.network
    host = page.host_school
    return {
        "title": page.title,
        "summary": page.objective,
        "body": _text(_stream_text(page.agenda), network.title if network else "", host.name if host else ""),
        "region_id": network.region_id if network else None,
        "network_id": page.network_id,
        "year": page.date.year,
        "completeness": _completeness(page.objective, page.agenda, host),
    }


def school_document(school: School) -> dict:
    commune = school.commune
    return {
        "title": school.display_name,
        "summary": f"{commune.name}, {commune.province.region.name} · {school.get_dependency_display()}",
        "body": _text(school.name, school.rbd, school.rbd_display, commune.name),
        "region_id": commune.province.region_id,
        "levels": school.levels,
        # Schools rank below written content for the same words.
        "completeness": 0.5,
    }


# What each builder reads, fetched with the pages: (select_related, prefetch_related).
DOCUMENT_PREFETCH = {
    NetworkPage: ((), ("memberships__school",)),
    PracticePage: (("network",), ("topics", "attachments__document__extracted_text")),
    InstrumentPage: (("network",), ("topics", "attachments__document__extracted_text")),
    SessionPage: (("network", "host_school"), ()),
}


def with_document_relations(pages):
    """A queryset of one searchable type, with what its builder reads."""
    select, prefetch = DOCUMENT_PREFETCH.get(pages.model, ((), ()))
    if select:
        pages = pages.select_related(*select)
    return pages.prefetch_related(*prefetch) if prefetch else pages


PAGE_DOCUMENTS = {
    NetworkPage: ("network", network_document),
    PracticePage: ("practice", practice_document),
    InstrumentPage: ("instrument", instrument_document),
    SessionPage: ("session", session_document),
}
