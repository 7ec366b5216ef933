"""The default backend: PostgreSQL full-text search over SearchDocument."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from rme_portal.facets import FacetedResult

from ..facets import ARRAY_FIELDS, FACET_FIELDS, FACETS, NUMBER_FIELDS, facet_choices, facet_options, selected_facets
from ..index import CONFIGS
from ..models import SearchDocument
from ..query import ParsedQuery, Term
from .base import PER_PAGE, SORTS, PageOfHits, SearchBackend, SearchResults, page_number

SNIPPET_SOURCE = 20_000  # characters of the body a snippet is looked for in
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
        choices = facet_choices()
        selected = selected_facets(params, choices)
        sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
        if query is not None and sort == "relevance":
            # Title (A) beats summary (B) beats a body-only match (0); a
            # complete item beats a stub. The small rank_vector keeps this cheap.
            rank = SearchRank(F("rank_vector"), query, weights=[0.05, 0.2, 0.4, 1.0])
            documents = documents.annotate(score=rank * (Value(0.5) + Value(0.5) * F("completeness")))
            order = "score DESC, published_at DESC NULLS LAST, id"
        else:
            documents = documents.annotate(score=Value(0.0))
            order = "published_at DESC NULLS LAST, title, id"
        number = page_number(params.get("page"))
        summary = summarise(documents, selected, order, number, text=query is not None)
        last = max(1, -(-summary.total // PER_PAGE))
        if number > last:
            number = last
            summary = summarise(documents, selected, order, number, text=query is not None)
        rows = SearchDocument.objects.filter(pk__in=summary.ids).only(
            "kind", "object_id", "title", "summary", "url", "region_id", "published_at"
        )
        by_id = {row.pk: row for row in rows}
        hits = [by_id[pk] for pk in summary.ids if pk in by_id]
        if query is not None:
            _add_snippets(hits, query)
        page = Paginator(PageOfHits(summary.total, (number - 1) * PER_PAGE, hits), PER_PAGE).page(number)
        result = FacetedResult(
            queryset=None, selected=selected, facets=facet_options(summary.counts, selected, choices)
        )
        return SearchResults(query=query_text, result=result, page=page, sort=sort, sort_options=SORTS)

    def autocomplete(self, words, audience, limit):
        # Prefix matching on the title's (A-weighted) lexemes, accents ignored.
        raw = " & ".join(f"{word}:*A" for word in words)
        query = SearchQuery(raw, search_type="raw", config="es_unaccent")
        rows = (
            visible(SearchDocument.objects.filter(rank_vector=query), audience)
            .exclude(kind="school")
            .order_by(F("published_at").desc(nulls_last=True), "title")
            .values("title", "url", "kind")[:limit]
        )
        return list(rows)


@dataclass
class Summary:
    total: int
    counts: dict[str, dict[str, int]]  # per facet, the number of results per value
    ids: list[int]  # the page's documents, in order


def summarise(documents, selected: dict[str, str], order: str, number: int, *, text: bool) -> Summary:
    """The number of results, every facet's counts and the page's ids, in one
    query: the matching rows are read once (a materialised CTE); each facet is
    counted with the other facets' filters, not its own."""
    columns = sorted(set(FACET_FIELDS.values()))
    try:
        inner, params = (
            documents.order_by().values("id", "title", "published_at", "score", *columns).query.sql_with_params()
        )
    except EmptyResultSet:
        return Summary(0, {}, [])

    def where(excluding: str | None = None) -> tuple[str, list]:
        conditions, values = [], []
        for name, value in selected.items():
            if name == excluding:
                continue
            column = FACET_FIELDS[name]
            conditions.append(f"%s = ANY(m.{column})" if column in ARRAY_FIELDS else f"m.{column} = %s")
            values.append(int(value) if column in NUMBER_FIELDS else value)
        return ("WHERE " + " AND ".join(conditions)) if conditions else "", values

    condition, args = where()
    parts = [
        f"SELECT '' AS facet, NULL::text AS value, count(*) AS n FROM m {condition}",
        # The page: ids in order (n is the position).
        f"SELECT '#', id::text, row_number() OVER () FROM "
        f"(SELECT id FROM m {condition} ORDER BY {order} LIMIT {PER_PAGE} OFFSET {(number - 1) * PER_PAGE}) AS page",
    ]
    params = [*params, *args, *args]
    for facet in FACETS:
        column = FACET_FIELDS[facet.name]
        condition, args = where(facet.name)
        if column in ARRAY_FIELDS:
            parts.append(f"SELECT %s, v, count(*) FROM m CROSS JOIN unnest(m.{column}) AS v {condition} GROUP BY v")
        else:
            parts.append(f"SELECT %s, m.{column}::text, count(*) FROM m {condition} GROUP BY m.{column}")
        params += [facet.name, *args]
    sql = f"WITH m AS MATERIALIZED ({inner}) " + " UNION ALL ".join(parts)
    summary = Summary(0, {}, [])
    page = []
    with transaction.atomic(), connection.cursor() as cursor:
        if text:
            # The planner underrates reading every large vector in a
            # sequential scan; the GIN index is always the faster way in.
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        for facet, value, count in cursor.fetchall():
            if facet == "":
                summary.total = count
            elif facet == "#":
                page.append((count, int(value)))
            elif value is not None:
                summary.counts.setdefault(facet, {})[value] = count
    summary.ids = [pk for _position, pk in sorted(page)]
    return summary


def _add_snippets(documents, query) -> None:
    """Highlight the matched words in each result of the page (one query):
    from the body when it matched there, else the summary."""
    headlines = _headline_rows([document.pk for document in documents], query)
    for document in documents:
        body, summary = headlines.get(document.pk, ("", ""))
        chosen = body if START in (body or "") else (summary or body or "")
        document.snippet = mark_safe(escape(chosen).replace(START, "<mark>").replace(STOP, "</mark>"))


def _headline_rows(ids, query):
    rows = (
        SearchDocument.objects.filter(pk__in=ids)
        .annotate(
            # The start of long bodies (attached files) is enough for a snippet.
            body_snippet=SearchHeadline(
                Substr("body", 1, SNIPPET_SOURCE),
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
