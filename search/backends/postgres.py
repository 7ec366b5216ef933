"""The default backend: PostgreSQL full-text search over SearchDocument."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from rme_portal.facets import FacetedResult

from ..facets import ARRAY_FIELDS, FACET_FIELDS, FACETS, NUMBER_FIELDS, facet_options, selected_facets
from ..index import CONFIGS
from ..models import SearchDocument
from ..query import ParsedQuery, Term
from .base import PER_PAGE, SORTS, SearchBackend, SearchResults

# Markers PostgreSQL puts around matched words; escaped text never contains them.
START, STOP = "\x02", "\x03"
ACCENTLESS_CION = re.compile(r"\b(\w+?[cs])ion\b", re.IGNORECASE)


def restore_accents(text: str) -> str:
    """'evaluacion' → 'evaluación': the plain Spanish stemmer only reduces the
    accented form to the stem it gives the plural ('evaluaciones' → 'evalu')."""
    return ACCENTLESS_CION.sub(lambda match: match.group(1) + "ión", text)


def term_query(term: Term, *, exclude: bool = False) -> SearchQuery:
    """One word or phrase, in both text search configurations (matching in
    either; or, to exclude it, matching in neither)."""
    text = f'"{term.text}"' if term.phrase else term.text
    query = None
    for config in CONFIGS:
        words = restore_accents(text) if config == "spanish" else text
        part = SearchQuery(words, search_type="websearch", config=config, invert=exclude)
        query = part if query is None else (query & part if exclude else query | part)
    return query


def tsquery(parsed: ParsedQuery) -> SearchQuery | None:
    query = None
    for group in parsed.groups:
        either = None
        for term in group:
            either = term_query(term) if either is None else either | term_query(term)
        query = either if query is None else query & either
    if query is None:
        return None
    for term in parsed.excluded:
        query = query & term_query(term, exclude=True)
    for alternative in parsed.alternatives:
        other = tsquery(alternative)
        if other is not None:
            query = query | other
    return query


def visible(documents, audience):
    return documents if audience is None else documents.filter(audience__overlap=audience)


class PostgresBackend(SearchBackend):
    name = "postgres"

    def search(self, query_text, parsed, params, audience) -> SearchResults:
        documents = visible(SearchDocument.objects.all(), audience)
        query = tsquery(parsed) if query_text else None
        if query is not None:
            documents = documents.filter(search_vector=query)
        elif query_text:
            documents = documents.none()  # only operators or punctuation
        selected = selected_facets(params)
        items = documents
        for facet in FACETS:
            if facet.name in selected:
                items = facet.apply(items, selected[facet.name])
        total, counts = facet_counts(documents, selected)
        result = FacetedResult(queryset=items, selected=selected, facets=facet_options(counts, selected))
        sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
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
        paginator.count = total  # counted with the facets, in the same query
        page = paginator.get_page(params.get("page"))
        if query is not None:
            _add_snippets(page, query)
        return SearchResults(query=query_text, result=result, page=page, sort=sort, sort_options=SORTS)

    def autocomplete(self, words, audience, limit):
        # Prefix matching on the title's (A-weighted) lexemes, accents ignored.
        raw = " & ".join(f"{word}:*A" for word in words)
        query = SearchQuery(raw, search_type="raw", config="es_unaccent")
        rows = (
            visible(SearchDocument.objects.filter(search_vector=query), audience)
            .exclude(kind="school")
            .order_by(F("published_at").desc(nulls_last=True), "title")
            .values("title", "url", "kind")[:limit]
        )
        return list(rows)


def facet_counts(documents, selected: dict[str, str]) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of results and every facet's counts, in one query: the
    matching rows are read once (a materialised CTE), then each facet is
    counted with the other facets' filters, not its own."""
    columns = sorted(set(FACET_FIELDS.values()))
    try:
        inner, params = documents.order_by().values("id", *columns).query.sql_with_params()
    except EmptyResultSet:
        return 0, {}

    def where(excluding: str | None) -> tuple[str, list]:
        conditions, values = [], []
        for name, value in selected.items():
            if name == excluding:
                continue
            column = FACET_FIELDS[name]
            conditions.append(f"%s = ANY(m.{column})" if column in ARRAY_FIELDS else f"m.{column} = %s")
            values.append(int(value) if column in NUMBER_FIELDS else value)
        return ("WHERE " + " AND ".join(conditions)) if conditions else "", values

    condition, args = where(None)
    parts, params = [f"SELECT '' AS facet, NULL::text AS value, count(*) FROM m {condition}"], [*params, *args]
    for facet in FACETS:
        column = FACET_FIELDS[facet.name]
        condition, args = where(facet.name)
        if column in ARRAY_FIELDS:
            parts.append(f"SELECT %s, v, count(*) FROM m CROSS JOIN unnest(m.{column}) AS v {condition} GROUP BY v")
        else:
            parts.append(f"SELECT %s, m.{column}::text, count(*) FROM m {condition} GROUP BY m.{column}")
        params += [facet.name, *args]
    sql = f"WITH m AS MATERIALIZED ({inner}) " + " UNION ALL ".join(parts)
    total, counts = 0, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, count in cursor.fetchall():
            if facet == "":
                total = count
            elif value is not None:
                counts.setdefault(facet, {})[value] = count
    return total, counts


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
