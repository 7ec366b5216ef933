"""The scale-out backend: Elasticsearch 8/9 through elasticsearch.dsl.

PostgreSQL's SearchDocument table stays the source of truth (search.index
writes it first); this index mirrors it (search.mirror). Every call has a
bounded timeout and no retries in the request path: a down or hanging cluster
turns into BackendUnavailable quickly, and the service falls back.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elastic_transport import TransportError
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import (
    A,
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from rme_portal.facets import FacetedResult

from ..facets import FACET_FIELDS, FACETS, facet_choices, facet_options, selected_facets
from ..query import ParsedQuery, Term
from .base import PER_PAGE, SORTS, BackendUnavailable, Hit, PageOfHits, SearchBackend, SearchResults, page_number

# Accents and case removed, Spanish stop words, then the Snowball Spanish
# stemmer: "acompañar" and "Acompanamiento" both become "acompan".
spanish_folded = analyzer(
    "spanish_folded",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("spanish_stop", "stop", stopwords="_spanish_"),
        token_filter("spanish_stemmer", "stemmer", language="spanish"),
    ],
)
# Title prefixes for autocomplete ("acomp" → Acompañamiento…).
title_prefix = analyzer(
    "title_prefix",
    tokenizer=tokenizer("title_edge", "edge_ngram", min_gram=2, max_gram=20, token_chars=["letter", "digit"]),
    filter=["lowercase", "asciifolding"],
)
folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])

FIELDS = ["title^4", "summary^2", "body"]
# Errors that mean "the cluster cannot answer now", as opposed to a bug.
UNAVAILABLE = (TransportError, es_exceptions.ApiError, es_exceptions.TransportError, OSError)
# After a failure, do not try again for this long: each try costs a timeout.
COOL_DOWN = 30.0


def mapping() -> Mapping:
    m = Mapping()
    m.field("kind", Keyword())
    m.field("object_id", Long())
    m.field(
        "title",
        Text(analyzer=spanish_folded, fields={"prefix": Text(analyzer=title_prefix, search_analyzer=folded)}),
    )
    m.field("summary", Text(analyzer=spanish_folded, index_options="offsets"))
    m.field("body", Text(analyzer=spanish_folded, index_options="offsets"))
    m.field("url", Keyword(index=False))
    for name in ("region_id", "network_id", "evidence_level", "year"):
        m.field(name, Integer())
    for name in ("topics", "dimensions", "levels", "instrument_type", "audience"):
        m.field(name, Keyword())
    m.field("published_at", Date())
    m.field("completeness", Float())
    return m


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=10_000)
    index.mapping(mapping())
    return index


def term_clause(term: Term) -> Q:
    kind = "phrase" if term.phrase else "best_fields"
    return Q("multi_match", query=term.text, fields=FIELDS, type=kind, operator="and")


def text_clause(parsed: ParsedQuery) -> Q:
    """AND of groups (each an OR of words or phrases), minus the excluded
    ones; any alternative wording (acronyms shortened) also matches."""
    groups = [Q("bool", should=[term_clause(t) for t in group], minimum_should_match=1) for group in parsed.groups]
    clause = Q("bool", must=groups, must_not=[term_clause(t) for t in parsed.excluded])
    alternatives = [text_clause(alternative) for alternative in parsed.alternatives if not alternative.is_empty]
    if alternatives:
        clause = Q("bool", should=[clause, *alternatives], minimum_should_match=1)
    return clause


def audience_filter(audience: list[str] | None) -> list[Q]:
    return [] if audience is None else [Q("terms", audience=audience)]


def facet_filter(name: str, value: str) -> Q:
    return Q("term", **{FACET_FIELDS[name]: value})


def search_body(parsed: ParsedQuery | None, selected: dict, audience, sort: str, page: int) -> dict:
    """The whole request: matching, visibility, facet counts (each facet
    counted with the other facets' filters, not its own), ranking, snippets."""
    filters = audience_filter(audience)
    query = Q("bool", must=[text_clause(parsed)], filter=filters) if parsed else Q("bool", filter=filters)
    s = Search().extra(track_total_hits=True)
    if parsed and sort == "relevance":
        # A complete item beats a stub: score × (0.5 + 0.5 × completeness).
        s = s.query(
            "function_score",
            query=query,
            script_score={"script": {"source": "_score * (0.5 + 0.5 * doc['completeness'].value)"}},
            boost_mode="replace",
        )
        s = s.sort("_score", {"published_at": {"order": "desc", "missing": "_last"}}, {"object_id": "asc"})
    else:
        s = s.query(query).sort({"published_at": {"order": "desc", "missing": "_last"}}, {"object_id": "asc"})
    if selected:
        s = s.post_filter(Q("bool", filter=[facet_filter(name, value) for name, value in selected.items()]))
    for facet in FACETS:
        others = [facet_filter(name, value) for name, value in selected.items() if name != facet.name]
        bucket = A("filter", Q("bool", filter=others))
        bucket.bucket("values", "terms", field=FACET_FIELDS[facet.name], size=500)
        s.aggs.bucket(facet.name, bucket)
    if parsed:
        s = s.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
        s = s.highlight("body", fragment_size=160, number_of_fragments=2)
        s = s.highlight("summary", number_of_fragments=0)
    s = s.source(["kind", "object_id", "title", "summary", "url", "published_at"])
    start = (page - 1) * PER_PAGE
    return s[start : start + PER_PAGE].to_dict()


def autocomplete_body(words: list[str], audience, limit: int) -> dict:
    filters = [*audience_filter(audience), Q("bool", must_not=[Q("term", kind="school")])]
    s = Search().query(
        Q("bool", must=[Q("match", **{"title.prefix": {"query": " ".join(words), "operator": "and"}})], filter=filters)
    )
    s = s.sort("_score", {"published_at": {"order": "desc", "missing": "_last"}}).source(["title", "url", "kind"])
    return s[:limit].to_dict()


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    _down_until = 0.0  # shared by the process: a down cluster is not retried on every request

    def __init__(self, url: str, index: str, timeout: float):
        self.index = index
        self.timeout = timeout
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)

    @classmethod
    def from_settings(cls) -> ElasticsearchBackend:
        return cls(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX, settings.ELASTICSEARCH_TIMEOUT)

    # -- availability ---------------------------------------------------------

    def _call(self, function, *args, **kwargs):
        if time.monotonic() < ElasticsearchBackend._down_until:
            raise BackendUnavailable("Elasticsearch was down a moment ago")
        try:
            return function(*args, **kwargs)
        except UNAVAILABLE as error:
            ElasticsearchBackend._down_until = time.monotonic() + COOL_DOWN
            raise BackendUnavailable(str(error)) from error

    @classmethod
    def reset_availability(cls) -> None:
        cls._down_until = 0.0

    # -- reading --------------------------------------------------------------

    def search(self, query_text, parsed, params, audience) -> SearchResults:
        choices = facet_choices()
        selected = selected_facets(params, choices)
        sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
        matching = parsed if query_text else None
        number = page_number(params.get("page"))
        if query_text and parsed.is_empty:
            matching = ParsedQuery(groups=[[Term("\uffff")]])  # only operators: nothing matches
        response = self._call(
            self.client.search, index=self.index, body=search_body(matching, selected, audience, sort, number)
        )
        total = response["hits"]["total"]["value"]
        last = max(1, -(-total // PER_PAGE))
        if number > last:
            number = last
            response = self._call(
                self.client.search, index=self.index, body=search_body(matching, selected, audience, sort, number)
            )
        hits = [_hit(hit) for hit in response["hits"]["hits"]]
        start = (number - 1) * PER_PAGE
        page = Paginator(PageOfHits(total, start, hits), PER_PAGE).page(number)
        result = FacetedResult(
            queryset=None, selected=selected, facets=_facets(response.get("aggregations", {}), selected, choices)
        )
        return SearchResults(query=query_text, result=result, page=page, sort=sort, sort_options=SORTS)

    def autocomplete(self, words, audience, limit):
        response = self._call(self.client.search, index=self.index, body=autocomplete_body(words, audience, limit))
        return [
            {"title": hit["_source"]["title"], "url": hit["_source"]["url"], "kind": hit["_source"]["kind"]}
            for hit in response["hits"]["hits"]
        ]

    # -- writing --------------------------------------------------------------

    def recreate_index(self) -> None:
        definition = index_definition(self.index)
        self._call(self.client.indices.delete, index=self.index, ignore_unavailable=True)
        self._call(definition.create, using=self.client)

    def write(self, documents: list[dict], deleted: list[str], *, refresh: bool = False) -> None:
        """Index these documents (dicts of SearchDocument fields) and delete these ids."""
        actions = [
            {"_op_type": "index", "_index": self.index, "_id": document_id(d["kind"], d["object_id"]), "_source": d}
            for d in documents
        ]
        actions += [{"_op_type": "delete", "_index": self.index, "_id": key} for key in deleted]
        if actions:
            self._call(
                helpers.bulk, self.client, actions, raise_on_error=False, refresh="wait_for" if refresh else False
            )


def document_id(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def _hit(hit: dict) -> Hit:
    source, highlight = hit["_source"], hit.get("highlight", {})
    snippet = " … ".join(highlight.get("body", [])) or " ".join(highlight.get("summary", []))
    return Hit(
        kind=source["kind"],
        object_id=source["object_id"],
        title=source["title"],
        summary=source.get("summary", ""),
        url=source["url"],
        published_at=_date(source.get("published_at")),
        # Elasticsearch escaped the text (encoder "html") and added only <mark>.
        snippet=mark_safe(snippet) if snippet else escape(""),  # nosec B308 B703  # escaped by Elasticsearch
    )


def _date(value):
    return parse_datetime(value) if value else None


def _facets(aggregations: dict, selected: dict, choices) -> list:
    counts = {
        facet.name: {
            str(bucket["key"]): bucket["doc_count"]
            for bucket in aggregations.get(facet.name, {}).get("values", {}).get("buckets", [])
        }
        for facet in FACETS
    }
    return facet_options(counts, selected, choices)
