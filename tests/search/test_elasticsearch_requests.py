"""The Elasticsearch backend's index definition and request bodies, checked
without a cluster (the shared suite runs them against one when there is)."""

import pytest

from search.backends.elasticsearch import autocomplete_body, index_definition, search_body
from search.facets import FACETS, facet_choices, selected_facets
from search.query import parse

pytestmark = pytest.mark.django_db
PME = [("PME", "Plan de Mejoramiento Educativo")]


def test_the_mapping_folds_accents_stems_spanish_and_keeps_facets_exact():
    definition = index_definition("rme-portal").to_dict()
    analysis = definition["settings"]["analysis"]
    assert analysis["analyzer"]["spanish_folded"]["filter"] == [
        "lowercase",
        "asciifolding",
        "spanish_stop",
        "spanish_stemmer",
    ]
    assert analysis["filter"]["spanish_stemmer"] == {"type": "stemmer", "language": "spanish"}
    assert analysis["filter"]["spanish_stop"]["stopwords"] == "_spanish_"
    fields = definition["mappings"]["properties"]
    for name in ("title", "summary", "body"):
        assert fields[name]["analyzer"] == "spanish_folded"
    assert fields["title"]["fields"]["prefix"]["analyzer"] == "title_prefix"
    assert analysis["tokenizer"]["title_edge"]["type"] == "edge_ngram"
    # Every facet filters an exact (keyword or number) field; so does privacy.
    for field in ("kind", "region_id", "network_id", "topics", "dimensions", "levels", "audience", "year"):
        assert fields[field]["type"] in {"keyword", "integer", "long"}


def clauses(body):
    """The text clause inside the relevance wrapper."""
    return body["query"]["function_score"]["query"]["bool"]


def test_words_phrases_exclusions_and_or_become_bool_clauses():
    body = search_body(parse('acompañamiento "pauta común" -taller OR'), {}, ["public"], "relevance", 1)
    text = clauses(body)["must"][0]["bool"]
    first, second = (group["bool"]["should"] for group in text["must"])
    assert first[0]["multi_match"]["query"] == "acompañamiento"
    assert first[0]["multi_match"]["fields"] == ["title^4", "summary^2", "body"]  # title above body
    assert second[0]["multi_match"] | {} == {**second[0]["multi_match"], "type": "phrase", "query": "pauta común"}
    assert text["must_not"][0]["multi_match"]["query"] == "taller"

    either = search_body(parse("apoderados OR familias"), {}, ["public"], "relevance", 1)
    (group,) = clauses(either)["must"][0]["bool"]["must"]
    assert [c["multi_match"]["query"] for c in group["bool"]["should"]] == ["apoderados", "familias"]


def test_acronyms_are_searched_both_ways():
    short = clauses(search_body(parse("PME", PME), {}, ["public"], "relevance", 1))["must"][0]["bool"]
    (group,) = short["must"]
    assert {c["multi_match"]["query"] for c in group["bool"]["should"]} == {"PME", "Plan de Mejoramiento Educativo"}
    long = clauses(search_body(parse("plan de mejoramiento educativo", PME), {}, ["public"], "relevance", 1))
    alternatives = long["must"][0]["bool"]["should"]
    assert alternatives[1]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]["query"] == "PME"


def test_privacy_ranking_paging_and_snippets():
    body = search_body(parse("inclusión"), {}, ["public", "login", "group:3"], "relevance", 3)
    assert clauses(body)["filter"] == [{"terms": {"audience": ["public", "login", "group:3"]}}]
    assert "completeness" in body["query"]["function_score"]["functions"][0]["script_score"]["script"]["source"]
    assert body["from"] == 40 and body["size"] == 20 and body["track_total_hits"] is True
    assert body["highlight"]["encoder"] == "html" and body["highlight"]["pre_tags"] == ["<mark>"]
    # Superusers see everything: no audience filter at all.
    assert "filter" not in clauses(search_body(parse("inclusión"), {}, None, "relevance", 1))

    by_date = search_body(parse("inclusión"), {}, ["public"], "date", 1)
    assert "function_score" not in by_date["query"]
    assert by_date["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}


def test_each_facet_is_counted_with_the_other_facets_filters_only():
    selected = selected_facets({"region": "10", "type": "practice", "level": "nonsense"}, facet_choices())
    assert selected == {"region": "10", "type": "practice"}  # unknown values are ignored
    body = search_body(parse("talleres"), selected, ["public"], "relevance", 1)
    assert body["post_filter"]["bool"]["filter"] == [{"term": {"kind": "practice"}}, {"term": {"region_id": "10"}}]
    aggs = body["aggs"]
    assert set(aggs) == {facet.name for facet in FACETS}
    assert aggs["region"]["filter"]["bool"]["filter"] == [{"term": {"kind": "practice"}}]
    assert aggs["type"]["filter"]["bool"]["filter"] == [{"term": {"region_id": "10"}}]
    assert len(aggs["level"]["filter"]["bool"]["filter"]) == 2
    assert aggs["topic"]["aggs"]["values"]["terms"]["field"] == "topics"


def test_autocomplete_matches_title_prefixes_without_schools():
    body = autocomplete_body(["acomp", "au"], ["public"], 8)
    assert body["query"]["bool"]["must"][0]["match"]["title.prefix"] == {"query": "acomp au", "operator": "and"}
    assert {"terms": {"audience": ["public"]}} in body["query"]["bool"]["filter"]
    assert body["size"] == 8
