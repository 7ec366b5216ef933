"""The portal's search on PostgreSQL: Spanish, accents, ranking, facets,
privacy and broken queries, over HTTP."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.models import SearchDocument
from tests.factories import SchoolFactory, make_network, make_practice, make_topic

pytestmark = pytest.mark.django_db


def results(client, **params):
    response = client.get("/buscar/", params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in html.select(".result h2 a")], html


@pytest.fixture
def corpus():
    inclusion = make_topic("Inclusión")
    school = SchoolFactory(name="ESCUELA REPÚBLICA DE ITALIA", commune_id=10301)
    arica = make_network("Red Básica 1", region_id=15, schools=[school], summary="Red de escuelas de Arica.")
    osorno = make_network("Red de Osorno", region_id=10, summary="Escuelas urbanas de Osorno.")
    guide = make_practice(
        arica,
        "Acompañamiento al aula con pauta común",
        summary="Los directivos acompañan a los docentes en el aula.",
        topics=[inclusion],
        results="<p>Las evaluaciones mostraron avances en la inclusión de estudiantes del PIE.</p>",
    )
    workshops = make_practice(
        osorno,
        "Talleres con apoderados",
        summary="Talleres para madres, padres y apoderados.",
        dimensions=["convivencia"],
        need="<p>Implementacion de talleres; la evaluación de cada taller incluye el acompañamiento de la UTP.</p>",
    )
    return {"guide": guide, "workshops": workshops, "school": school, "arica": arica, "osorno": osorno}


def test_accents_case_and_stemming(client, corpus):
    assert results(client, q="inclusion")[0][0] == "Acompañamiento al aula con pauta común"
    assert "Acompañamiento al aula con pauta común" in results(client, q="ACOMPAÑAR")[0]
    # OCR-damaged or accentless words still match ("Implementacion" in the text).
    assert "Talleres con apoderados" in results(client, q="implementación")[0]
    # Singular and plural across accents (evaluación / evaluaciones).
    assert set(results(client, q="evaluacion")[0]) >= {
        "Acompañamiento al aula con pauta común",
        "Talleres con apoderados",
    }
    assert set(results(client, q="evaluaciones")[0]) >= {
        "Acompañamiento al aula con pauta común",
        "Talleres con apoderados",
    }


def test_a_title_match_ranks_above_a_body_match(client, corpus):
    # "acompañamiento" is in the guide's title and only in the workshops' body.
    titles, _html = results(client, q="acompañamiento")
    assert titles.index("Acompañamiento al aula con pauta común") < titles.index("Talleres con apoderados")


def test_phrases_exclusions_and_or(client, corpus):
    assert results(client, q='"pauta común"')[0] == ["Acompañamiento al aula con pauta común"]
    assert "Acompañamiento al aula con pauta común" not in results(client, q="acompañamiento -aula")[0]
    assert set(results(client, q="apoderados OR inclusión")[0]) >= {
        "Talleres con apoderados",
        "Acompañamiento al aula con pauta común",
    }


def test_snippets_highlight_the_matched_words_and_escape_the_rest(client, corpus):
    _titles, html = results(client, q="inclusion")
    snippet = html.select_one(".result p:not(.meta)")
    assert snippet.find("mark").get_text().lower() == "inclusión"
    assert "<script" not in str(html.select_one(".results"))


def test_facets_count_and_combine(client, corpus):
    _titles, html = results(client, q="talleres OR acompañamiento")
    regions = {o["value"]: o.get_text() for o in html.select("#filter-region option") if o["value"]}
    assert regions["10"] == "Los Lagos (1)" and regions["15"] == "Arica y Parinacota (1)"
    titles, html = results(client, q="talleres OR acompañamiento", region="10", type="practice")
    assert titles == ["Talleres con apoderados"]
    kinds = {o["value"]: o.get_text() for o in html.select("#filter-type option") if o["value"]}
    assert kinds["practice"] == "Práctica (1)"


def test_schools_by_name_commune_or_rbd(client, corpus):
    assert "Escuela República de Italia" in results(client, q="republica italia")[0]
    assert "Escuela República de Italia" in results(client, q=str(corpus["school"].rbd))[0]


def test_unpublished_private_and_deleted_content_never_surfaces(client, corpus):
    guide = corpus["guide"]
    PageViewRestriction.objects.create(page=guide, restriction_type="password", password="secreto")
    assert "Acompañamiento al aula con pauta común" not in results(client, q="inclusion")[0]
    assert not SearchDocument.objects.filter(object_id=guide.pk).exists()
    PageViewRestriction.objects.filter(page=guide).delete()
    assert "Acompañamiento al aula con pauta común" in results(client, q="inclusion")[0]

    corpus["workshops"].unpublish()
    assert results(client, q="apoderados")[0] == []
    corpus["osorno"].delete()
    assert not SearchDocument.objects.filter(title="Red de Osorno").exists()


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "-", "OR", "a" * 10_000, "\x00\x07control", "((()))", "' OR 1=1 --", "¿qué?", "   "],
)
def test_any_query_answers_200(client, corpus, query):
    assert client.get("/buscar/", {"q": query}).status_code == 200
    assert client.get("/buscar/", {"q": query, "page": "999", "region": "x", "sort": "<b>"}).status_code == 200


def test_no_results_suggests_removing_filters(client, corpus):
    _titles, html = results(client, q="apoderados", region="15")
    assert "Try removing the filters" not in html.get_text()
    assert "quitar los filtros" in html.get_text().lower()


def test_search_queries_do_not_grow_with_results(client, corpus):
    def count():
        with CaptureQueriesContext(connection) as queries:
            # Three or more results: no typo suggestion is looked for.
            assert client.get("/buscar/", {"q": "escuelas OR taller OR acompañamiento"}).status_code == 200
        return len(queries)

    few = count()
    for number in range(8):
        make_practice(corpus["osorno"], f"Taller {number}", summary="Un taller más.")
    assert count() == few


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


def test_acronyms_are_searched_both_ways(client, corpus):
    # The guide's results mention "PIE"; its meaning finds it too, and the other way round.
    assert "Acompañamiento al aula con pauta común" in results(client, q="Programa de Integración Escolar")[0]
    make_practice(corpus["osorno"], "Articulación del Plan de Mejoramiento Educativo", summary="Con el PEI.")
    assert "Articulación del Plan de Mejoramiento Educativo" in results(client, q="PME")[0]


def test_the_json_api_has_the_same_parameters_and_a_schema(client, corpus):
    response = client.get("/api/search/", {"q": "inclusion", "type": "practice"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["total"] == 1 and data["results"][0]["title"] == "Acompañamiento al aula con pauta común"
    assert "<mark>" in data["results"][0]["snippet_html"] and "<mark>" not in data["results"][0]["snippet"]
    assert {option["value"]: option["count"] for option in data["facets"]["type"]}["practice"] == 1
    assert client.get("/api/search/", {"q": '"broken', "page": "x"}).status_code == 200
    schema = client.get("/api/schema/").json()
    names = {parameter["name"] for parameter in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "page", "sort", "type", "region", "topic", "dimension", "level", "evidence", "year"} <= names


def test_did_you_mean_for_a_typo(client, corpus):
    titles, html = results(client, q="acompañamineto")
    assert titles == []
    suggestion = html.select_one(".suggestion a")
    assert suggestion.get_text() == "acompañamiento"
    assert "Acompañamiento al aula con pauta común" in results(client, q=suggestion.get_text())[0]
    assert client.get("/api/search/", {"q": "apoderdos"}).json()["suggestion"] == "apoderados"


def test_autocomplete_titles_as_you_type(client, corpus):
    data = client.get("/api/search/autocomplete/", {"q": "acomp"}).json()
    assert [item["title"] for item in data["results"]] == ["Acompañamiento al aula con pauta común"]
    assert client.get("/api/search/autocomplete/", {"q": "ACOMPAÑAMIENTO AU"}).json()["results"]
    assert client.get("/api/search/autocomplete/", {"q": "a"}).json() == {"results": []}
    assert client.get("/api/search/autocomplete/", {"q": "'&|!:*"}).status_code == 200


def test_snippets_hold_content_not_block_ids(client, corpus):
    make_practice(
        corpus["osorno"],
        "Práctica con pasos",
        steps=[("step", {"title": "Diagnóstico participativo", "description": "Con las familias."})],
    )
    _titles, html = results(client, q="diagnostico participativo")
    snippet = html.select_one(".result p:not(.meta)").get_text()
    assert "Diagnóstico participativo" in snippet
    assert "step" not in snippet.split() and not any(
        len(word) == 36 and word.count("-") == 4 for word in snippet.split()
    )
