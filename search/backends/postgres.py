"""The default backend: PostgreSQL full-text search over SearchMatch finds
the matching ids; facets, ranking and paging run over in-memory columns."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np
import psycopg
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast, Substr
from django.db.models.sql import Query
from django.utils.html import escape

from rme_portal.facets import FacetedResult

from .. import snippets
from ..columns import Columns, columns_for
from ..facets import FACET_FIELDS, FACETS, facet_choices, facet_options, selected_facets
from ..index import CONFIGS
from ..large_matches import GENERATION_SQL, Match, current_generation, large_matches
from ..models import SearchDocument, SearchMatch
from ..query import ParsedQuery, Term
from ..tsquery import Node, TsqueryError
from ..tsquery import parse as tsquery_tree
from .base import PER_PAGE, SORTS, PageOfHits, SearchBackend, SearchResults, page_number

logger = logging.getLogger(__name__)
SNIPPET_SOURCE = 20_000  # characters of the body a snippet is looked for in
ACCENTLESS_CION = re.compile(r"\b(\w+?[cs])ion\b", re.IGNORECASE)


def restore_accents(text: str) -> str:
    """'evaluacion' → 'evaluación': the plain Spanish stemmer only reduces the
    accented form to the stem it gives the plural ('evaluaciones' → 'evalu')."""
    return ACCENTLESS_CION.sub(lambda match: match.group(1) + "ión", text)


class PhraseQuery(SearchQuery):
    """A quoted phrase as its pairs of consecutive words, which SearchMatch.text
    holds (search_phrase, migration 0009): one GIN lookup and no recheck,
    where PostgreSQL's own phrase operator re-reads the positions of every
    document holding the words."""

    def __init__(self, phrase: str, *, invert: bool = False):
        super().__init__(phrase, invert=invert, search_type="raw")
        self.function = "search_phrase"


def term_query(term: Term, *, exclude: bool = False, pairs: bool = False) -> SearchQuery:
    """One word or phrase, in both text search configurations (matching in
    either; or, to exclude it, matching in neither). A phrase: with `pairs`,
    as its pairs of words, for SearchMatch.text; without, as all of its words
    (ranking by title and summary, where order does not matter and the GIN
    index then answers without rechecking rows)."""
    if term.phrase and pairs:
        return PhraseQuery(term.text, invert=exclude)
    text = term.text
    query = None
    for config in CONFIGS:
        words = restore_accents(text) if config == "spanish" else text
        part = SearchQuery(words, search_type="websearch", config=config, invert=exclude)
        query = part if query is None else (query & part if exclude else query | part)
    return query


def any_of(terms: list[Term], *, pairs: bool) -> SearchQuery:
    """A group of the query: any of its terms (a word and its OR alternatives)."""
    either = None
    for term in terms:
        part = term_query(term, pairs=pairs)
        either = part if either is None else either | part
    return either


def tsquery(parsed: ParsedQuery, *, pairs: bool = True) -> SearchQuery | None:
    """The whole query, for SearchMatch.text (`pairs`: phrases as pairs of
    words) or for the title and summary vectors (phrases as PostgreSQL's)."""
    query = None
    for group in parsed.groups:
        either = any_of(group, pairs=pairs)
        query = either if query is None else query & either
    if query is None:
        return None
    for term in parsed.excluded:
        query = query & term_query(term, exclude=True, pairs=pairs)
    for alternative in parsed.alternatives:
        other = tsquery(alternative, pairs=pairs)
        if other is not None:
            query = query | other
    return query


# At most this many of the query's word groups are ranked one by one; the
# rest count together.
RANKED_GROUPS = 6
# Relevance: a title match outweighs a summary match, which outweighs a
# body-only match; completeness scales it (a stub ranks below a full item).
TITLE, SUMMARY, BODY = 1.0, 0.4, 0.05
DATE_BITS = 24  # date_rank below 2**24: sixteen million documents


def rank_queries(parsed: ParsedQuery) -> list[SearchQuery]:
    """One query per group of the query's words (its alternatives, such as
    an acronym's meaning, count for every group): a document's relevance is
    the share of groups its title, and its summary, hold."""
    groups = [any_of(group, pairs=False) for group in parsed.groups]
    if len(groups) > RANKED_GROUPS:
        rest = groups[RANKED_GROUPS - 1]
        for either in groups[RANKED_GROUPS:]:
            rest = rest | either
        groups[RANKED_GROUPS - 1 :] = [rest]
    for alternative in parsed.alternatives:
        other = tsquery(alternative, pairs=False)
        if other is not None:
            groups = [either | other for either in groups] or [other]
    return groups


def _ids(queryset) -> tuple[str, list]:
    """A subquery giving the ids of a SearchMatch queryset as one bytea of
    8-byte integers: tens of thousands of ids in one value, read in one go."""
    inner, params = queryset.values("document_id").query.sql_with_params()
    # The ORM's own SQL, its values kept as parameters.
    return f"(SELECT string_agg(int8send(s.document_id), ''::bytea) FROM ({inner}) AS s)", list(params)  # nosec B608


def _text(query: SearchQuery) -> tuple[str, list]:
    """SQL giving a query as PostgreSQL prints it (its lexemes and operators)."""
    sql_query = Query(SearchMatch)
    return (
        Cast(query, TextField())
        .resolve_expression(sql_query)
        .as_sql(sql_query.get_compiler(connection=connection), connection)
    )


def _binary_cursor():
    """A cursor that reads results in PostgreSQL's binary format: packed ids
    arrive as they are, not as hexadecimal text of twice their size. Wrapped
    as Django wraps its own cursors (errors, query log and counts)."""
    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    raw.format = psycopg.pq.Format.BINARY
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


def _array(value) -> np.ndarray:
    return np.frombuffer(bytes(value), dtype=">i8").astype(np.int64) if value else np.array([], dtype=np.int64)


@dataclass
class Found:
    ids: np.ndarray  # every matching document (any audience)
    query: str = ""  # the query as PostgreSQL prints it (for snippets)
    ranked: list[Node | None] = field(default_factory=list)  # per rank query, its tree


def find(query: SearchQuery | None, ranked: list[SearchQuery], *, within: str = "text") -> Found:
    """The ids of the documents whose vector `within` matches (all of them
    without a query), with the query and the rank queries as PostgreSQL
    reads them: one statement, one GIN lookup; or, for a large match read
    before in the same index generation, the ids kept (search.large_matches)."""
    if query is None:
        with _binary_cursor() as cursor:
            cursor.execute("SELECT string_agg(int8send(id), ''::bytea) FROM search_searchdocument")
            return Found(ids=_array(cursor.fetchone()[0]))
    parts = [_ids(SearchMatch.objects.filter(**{within: query})), _text(query), *map(_text, ranked)]
    sql = "SELECT " + ", ".join(part for part, _params in parts)
    params = [param for _part, params in parts for param in params]
    key = (sql, tuple(params))
    if large_matches.holds(key):
        kept = large_matches.get(key, current_generation())
        if kept is not None:
            return _found(kept.ids, kept.printed)
    with transaction.atomic(), _binary_cursor() as cursor:
        # The planner underrates reading every vector in a sequential scan;
        # the GIN indexes are always the faster way in.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # The generation in the same statement: the one these ids belong to.
        cursor.execute(f"{sql}, {GENERATION_SQL}", params)
        row = cursor.fetchone()
    ids, printed = _array(row[0]), tuple(row[1:-1])
    ids.flags.writeable = False  # may be kept and shared between searches
    large_matches.offer(key, Match(generation=row[-1], ids=ids, printed=printed))
    return _found(ids, printed)


def _found(ids: np.ndarray, printed: tuple[str, ...]) -> Found:
    return Found(ids=ids, query=printed[0], ranked=[_tree(text) for text in printed[1:]])


def _tree(text: str) -> Node | None:
    try:
        return tsquery_tree(text)
    except TsqueryError:
        # Not expected from PostgreSQL's own output; rank without this group
        # rather than fail the search.
        logger.exception("Cannot read the text search query %r", text)
        return None


def relevance(columns: Columns, rows: np.ndarray, found: Found) -> np.ndarray:
    """Each row's relevance (`rows`: their positions): the share of the
    query's word groups its title holds, and its summary."""
    groups = max(1, len(found.ranked))
    title = sum(columns.holding("title", tree)[rows] for tree in found.ranked) / groups
    summary = sum(columns.holding("summary", tree)[rows] for tree in found.ranked) / groups
    return (TITLE * title + SUMMARY * summary + BODY) * (0.5 + 0.5 * columns.completeness[rows])


def page_of(positions: np.ndarray, keys: np.ndarray, offset: int, size: int) -> np.ndarray:
    """The positions from `offset` to `offset + size` in descending key
    order, without sorting them all."""
    wanted = min(offset + size, len(positions))
    if wanted <= 0:
        return positions[:0]
    best = np.argpartition(-keys, wanted - 1)[:wanted] if wanted < len(positions) else np.arange(len(positions))
    best = best[np.argsort(-keys[best], kind="stable")]
    return positions[best[offset:wanted]]


class PostgresBackend(SearchBackend):
    """PostgreSQL finds the matching ids (a GIN lookup over SearchMatch);
    the process filters, counts, ranks and pages them over its in-memory
    columns (search.columns: facets, and the lexemes of titles and
    summaries for ranking); the page's 20 rows are read back from
    PostgreSQL and their snippets cut in Python."""

    name = "postgres"

    def search(self, query_text, parsed, params, audience) -> SearchResults:
        query = tsquery(parsed) if query_text else None
        choices = facet_choices()
        selected = selected_facets(params, choices)
        sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
        if query_text and query is None:
            found = Found(ids=np.array([], dtype=np.int64))  # only operators or punctuation
        else:
            found = find(query, rank_queries(parsed) if query is not None and sort == "relevance" else [])
        columns, matching = columns_for(found.ids)
        matching = columns.visible(matching, audience)
        # Each selected facet's filter (a boolean per row); each facet is
        # counted with the other facets' filters, not its own.
        keep = {name: columns.rows_with(FACET_FIELDS[name], value) for name, value in selected.items()}
        counts = {}
        for facet in FACETS:
            others = [keep[name] for name in keep if name != facet.name]
            rows = np.logical_and.reduce([matching, *others]) if others else matching
            counts[facet.name] = columns.counts(FACET_FIELDS[facet.name], rows)
        results = np.flatnonzero(np.logical_and.reduce([matching, *keep.values()]) if keep else matching)
        total = len(results)
        number = min(page_number(params.get("page")), max(1, -(-total // PER_PAGE)))
        newest_first = -columns.date_rank[results]
        if query is not None and sort == "relevance":
            # The score first; among equal scores, the newer item.
            scores = np.round(relevance(columns, results, found) * 1e6).astype(np.int64)
            keys = (scores << DATE_BITS) + newest_first
        else:
            keys = newest_first
        ids = columns.ids[page_of(results, keys, (number - 1) * PER_PAGE, PER_PAGE)].tolist()
        hits = page_rows(ids, found.query if query is not None else None, audience)
        page = Paginator(PageOfHits(total, (number - 1) * PER_PAGE, hits), PER_PAGE).page(number)
        result = FacetedResult(queryset=None, selected=selected, facets=facet_options(counts, selected, choices))
        return SearchResults(query=query_text, result=result, page=page, sort=sort, sort_options=SORTS)

    def autocomplete(self, words, audience, limit):
        # Titles with words starting as typed, accents ignored; newest first.
        raw = " & ".join(f"{word}:*" for word in words)
        query = SearchQuery(raw, search_type="raw", config="es_unaccent")
        found = find(query, [], within="title")
        columns, matching = columns_for(found.ids)
        matching = columns.visible(matching, audience) & ~columns.rows_with("kind", "school")
        positions = np.flatnonzero(matching)
        ids = columns.ids[page_of(positions, -columns.date_rank[positions], 0, limit)].tolist()
        rows = seen_by(SearchDocument.objects.filter(pk__in=ids), audience).values("id", "title", "url", "kind")
        by_id = {row.pop("id"): row for row in rows}
        return [by_id[pk] for pk in ids if pk in by_id]


def seen_by(documents, audience: list[str] | None):
    """Documents someone with this audience may see, filtered in SQL where the
    rows are read: privacy never rests on the in-process columns alone."""
    return documents if audience is None else documents.filter(audience__overlap=audience)


def page_rows(ids: list[int], query: str | None, audience: list[str] | None) -> list[SearchDocument]:
    """The page's documents, in this order, each with its snippet when there
    is a query (`query`: as PostgreSQL prints it), among those `audience` may see."""
    rows = seen_by(SearchDocument.objects.filter(pk__in=ids), audience).only(
        "kind", "object_id", "title", "summary", "url", "region_id", "published_at"
    )
    if query is not None:
        # The start of long bodies (attached files) is enough for a snippet.
        rows = rows.annotate(source=Substr("body", 1, SNIPPET_SOURCE))
    by_id = {row.pk: row for row in rows}
    hits = [by_id[pk] for pk in ids if pk in by_id]
    if query is not None and hits:
        pattern = snippets.matcher(snippets.lexemes(query))
        for hit in hits:
            # From the body when it matched there, else the whole summary.
            hit.snippet = (
                snippets.highlight(hit.source, pattern)
                or snippets.highlight(hit.summary, pattern, whole=True)
                or escape(hit.summary)
            )
    return hits
