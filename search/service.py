"""The one search service every page and API uses (PostgreSQL backend)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import F, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from pme.dimensions import Dimension
from practices.choices import EvidenceLevel, InstrumentType
from practices.selectors import network_options, region_options, topic_options
from rme_portal.facets import FacetedResult, apply_facets, array_facet, field_facet
from schools.teaching import Level
from territories.names import normalise_name

from .index import CONFIGS
from .models import ContentKind, SearchDocument, Synonym
from .suggestions import suggest

MAX_QUERY_LENGTH = 300
PER_PAGE = 20
# Markers PostgreSQL puts around matched words; escaped text never contains them.
START, STOP = "\x02", "\x03"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
SORTS = {"relevance": _("Relevance"), "date": _("Most recent")}


@dataclass
class SearchResults:
    query: str
    result: FacetedResult
    page: object
    sort: str
    sort_options: dict
    suggestion: str | None = None

    @property
    def total(self) -> int:
        return self.page.paginator.count


def clean_query(text: str | None) -> str:
    """Any string a person or a robot may send, made safe to search."""
    text = CONTROL_CHARACTERS.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


ACCENTLESS_CION = re.compile(r"\b(\w+?[cs])ion\b", re.IGNORECASE)


def restore_accents(text: str) -> str:
    """'evaluacion' → 'evaluación': the plain Spanish stemmer only reduces the
    accented form to the stem it gives the plural ('evaluaciones' → 'evalu')."""
    return ACCENTLESS_CION.sub(lambda match: match.group(1) + "ión", text)


def websearch(text: str) -> SearchQuery:
    """Quotes for phrases, -word to exclude, OR: websearch syntax, which
    PostgreSQL parses without ever failing; once per configuration."""
    query = None
    for config in CONFIGS:
        words = restore_accents(text) if config == "spanish" else text
        part = SearchQuery(words, search_type="websearch", config=config)
        query = part if query is None else query | part
    return query


TOKENS = re.compile(r'-?"[^"]*"|\S+')


def text_query(text: str) -> SearchQuery:
    """The query, with the field's acronyms searched both ways: "PME" also
    finds "Plan de Mejoramiento Educativo", and the other way round."""
    synonyms = list(Synonym.objects.values_list("term", "meaning"))
    tokens = TOKENS.findall(text)
    if not synonyms or any(token.upper() == "OR" for token in tokens):
        return websearch(text)
    by_term = {normalise_name(term): meaning for term, meaning in synonyms}
    query = None
    for token in tokens:
        part = websearch(token)
        meaning = by_term.get(normalise_name(token)) if not token.startswith(("-", '"')) else None
        if meaning:
            part = part | websearch(f'"{meaning}"')
        query = part if query is None else query & part
    normalised = f" {normalise_name(text)} "
    for term, meaning in synonyms:
        if f" {normalise_name(meaning)} " in normalised:
            pattern = re.compile(re.escape(meaning).replace(r"\ ", r"\s+"), re.IGNORECASE)
            shortened = pattern.sub(term, text) if pattern.search(text) else text
            if shortened != text:
                query = query | websearch(shortened)
    return query


FACETS = [
    field_facet("type", _("Content type"), lambda: ContentKind.choices, "kind"),
    field_facet("region", _("Region"), region_options, "region_id", cast=int),
    field_facet("network", _("Network"), network_options, "network_id", cast=int, hide_empty=True),
    array_facet("topic", _("Topic"), topic_options, "topics", hide_empty=True),
    array_facet("dimension", _("PME dimension"), lambda: Dimension.choices, "dimensions"),
    array_facet("level", _("Level"), lambda: Level.choices, "levels"),
    field_facet(
        "evidence", _("Evidence level"), lambda: EvidenceLevel.choices, "evidence_level", cast=int, hide_empty=True
    ),
    field_facet(
        "instrument_type", _("Instrument type"), lambda: InstrumentType.choices, "instrument_type", hide_empty=True
    ),
    field_facet("year", _("Year"), lambda: indexed_years(), "year", cast=int, hide_empty=True),
]


def indexed_years() -> list[tuple[int, str]]:
    years = SearchDocument.objects.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


def search(params) -> SearchResults:
    query_text = clean_query(params.get("q"))
    documents = SearchDocument.objects.all()
    query = text_query(query_text) if query_text else None
    if query is not None:
        documents = documents.filter(search_vector=query)
    result = apply_facets(documents, FACETS, params)
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    items = result.queryset
    if query is not None and sort == "relevance":
        # Title (A) beats summary (B) beats body (C); a complete item beats a stub.
        rank = SearchRank(F("search_vector"), query, weights=[0.05, 0.2, 0.4, 1.0])
        items = items.annotate(score=rank * (Value(0.5) + Value(0.5) * F("completeness"))).order_by(
            "-score", "-published_at", "pk"
        )
    else:
        items = items.order_by(F("published_at").desc(nulls_last=True), "title")
    paginator = Paginator(
        items.only("kind", "object_id", "title", "summary", "url", "region_id", "published_at"), PER_PAGE
    )
    page = paginator.get_page(params.get("page"))
    suggestion = None
    if query is not None:
        _add_snippets(page, query)
        if paginator.count < 3:
            suggestion = suggest(query_text)
    return SearchResults(
        query=query_text, result=result, page=page, sort=sort, sort_options=SORTS, suggestion=suggestion
    )


def autocomplete(text: str, limit: int = 8) -> list[dict]:
    """Titles that contain words starting as typed ("acomp" → Acompañamiento…)."""
    words = re.findall(r"[^\W_]+", normalise_name(clean_query(text)).lower())[:6]
    if not words or len(words[-1]) < 2:
        return []
    # Prefix matching on the title's (A-weighted) lexemes, accents ignored.
    raw = " & ".join(f"{word}:*A" for word in words)
    query = SearchQuery(raw, search_type="raw", config="es_unaccent")
    rows = (
        SearchDocument.objects.filter(search_vector=query)
        .exclude(kind="school")
        .order_by(F("published_at").desc(nulls_last=True), "title")
        .values("title", "url", "kind")[:limit]
    )
    return list(rows)


def _add_snippets(page, query) -> None:
    """Highlight the matched words in each result of the page (one query):
    from the body when it matched there, else the summary."""
    headlines = _headline_rows([document.pk for document in page.object_list], query)
    for document in page.object_list:
        body, summary = headlines.get(document.pk, ("", ""))
        chosen = body if START in (body or "") else (summary or body or "")
        document.snippet = mark_safe(escape(chosen).replace(START, "<mark>").replace(STOP, "</mark>"))


def _headline_rows(ids, query):
    rows = (
        SearchDocument.objects.filter(pk__in=ids)
        .annotate(
            body_snippet=SearchHeadline(
                "body",
                query,
                config="es_unaccent",
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
            summary_snippet=SearchHeadline(
                "summary", query, config="es_unaccent", start_sel=START, stop_sel=STOP, highlight_all=True
            ),
        )
        .values_list("pk", "body_snippet", "summary_snippet")
    )
    return {pk: (body, summary) for pk, body, summary in rows}
