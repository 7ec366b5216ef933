"""What only the PostgreSQL index has: its rows, its query counts, the
rebuild command and the bulk indexing of school imports."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.postgres import find, rank_queries, tsquery
from search.columns import columns_for
from search.models import SearchDocument, SearchMatch, Synonym
from search.query import parse
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_search_queries_do_not_grow_with_results(client, corpus):
    # Three or more results: no typo suggestion is looked for.
    params = {"q": "escuelas OR taller OR acompañamiento"}

    def count():
        client.get("/buscar/", params)  # the facet columns read new documents once
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/buscar/", params).status_code == 200
        return len(queries)

    # The matching ids (inside BEGIN, SET LOCAL, COMMIT), the page's rows, and the
    # site and menu the page template reads.
    assert count() == 7
    for number in range(8):
        make_practice(corpus["osorno"], f"Taller {number}", summary="Un taller más.")
    assert count() == 7


@pytest.mark.parametrize(
    "text",
    [
        "escuelas",
        "acompanamiento docentes",
        "Acompañamiento al aula",
        "taller OR talleres",
        '"pauta común" -madres',
        "TCA",  # and what it stands for
        "de la",  # stop words only
        "apoderados OR urbanas -Osorno",
    ],
)
def test_title_and_summary_matches_in_the_process_equal_postgresql(corpus, text):
    """Ranking evaluates each word group over title and summary lexemes held
    in the process (search.postings): the same documents as PostgreSQL's
    `title @@ q` and `summary @@ q` (the corpus has no phrase-only match)."""
    Synonym.objects.create(term="TCA", meaning="talleres con apoderados")
    synonyms = list(Synonym.objects.values_list("term", "meaning"))
    parsed = parse(text, synonyms)
    ranked = rank_queries(parsed)
    assert ranked
    found = find(tsquery(parsed), ranked)
    # Every document's rows, matching or not (not those of earlier tests' documents).
    columns, existing = columns_for(np.array(SearchDocument.objects.values_list("id", flat=True), dtype=np.int64))
    matched = 0
    for vector in ("title", "summary"):
        for query, tree in zip(ranked, found.ranked, strict=True):
            expected = set(SearchMatch.objects.filter(**{vector: query}).values_list("document_id", flat=True))
            assert set(columns.ids[columns.holding(vector, tree) & existing].tolist()) == expected, (vector, text)
            matched += len(expected)
    assert matched or text == "de la"


def facet_counts(client, params) -> dict[str, dict[str, int]]:
    facets = client.get("/api/search/", params).json()["facets"]
    return {name: {option["value"]: option["count"] for option in options} for name, options in facets.items()}


def test_facet_columns_follow_new_changed_and_deleted_documents(client, corpus):
    """The process keeps facet columns per document id: a new, edited or
    deleted document must change the counts at the next search."""
    params = {"q": "taller OR talleres"}
    before = facet_counts(client, params)["level"]
    practice = make_practice(corpus["osorno"], "Taller de lectura", levels=["media_tp"])
    after = facet_counts(client, params)["level"]
    assert after.get("media_tp", 0) == before.get("media_tp", 0) + 1
    practice.levels = ["parvularia"]
    practice.save_revision().publish()
    edited = facet_counts(client, params)["level"]
    assert edited.get("media_tp", 0) == before.get("media_tp", 0)
    assert edited.get("parvularia", 0) == before.get("parvularia", 0) + 1
    practice.delete()
    assert facet_counts(client, params)["level"] == before


def test_rebuild_command_rebuilds_from_scratch(corpus):
    from io import StringIO

    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Índice reconstruido" in out.getvalue()
    assert SearchDocument.objects.filter(kind="practice").count() == 2
    assert SearchDocument.objects.filter(kind="school").count() == 1


def test_importing_schools_indexes_them(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from tests.schools.directory_rows import ROW_1, ROW_2, write_directory

    call_command(
        "import_schools", str(write_directory(tmp_path / "d.csv", [ROW_1, ROW_2])), stdout=StringIO(), stderr=StringIO()
    )
    assert set(SearchDocument.objects.filter(kind="school").values_list("object_id", flat=True)) == {1, 2}


def test_an_unreadable_ranking_query_still_answers(client, corpus, monkeypatch, caplog):
    """Should PostgreSQL ever print a query the process cannot read, the
    search still answers, ranked without it, and the error is logged."""
    from search.tsquery import TsqueryError

    def unreadable(text):
        raise TsqueryError(text)

    monkeypatch.setattr("search.backends.postgres.tsquery_tree", unreadable)
    response = client.get("/api/search/", {"q": "talleres"})
    assert response.status_code == 200
    assert [hit["title"] for hit in response.json()["results"]] == ["Talleres con apoderados"]
    assert "Cannot read the text search query" in caplog.text
