"""The shared backend suite: what a person searching sees, over HTTP, on
PostgreSQL and (when ELASTICSEARCH_URL is set) on Elasticsearch. Every test
takes `corpus`, which runs it once per backend."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import make_practice
from tests.search.pages import results

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_each_backend(backend):
    """Set up first, so the corpus is indexed by the backend under test."""
    return backend


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
    # Words in order and next to each other (stop words aside), or no match.
    assert results(client, q='"común pauta"')[0] == []
    assert results(client, q='"acompañamiento al aula"')[0][0] == "Acompañamiento al aula con pauta común"
    assert "Acompañamiento al aula con pauta común" not in results(client, q='"acompañamiento común"')[0]
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
    assert results(client, q="pauta")[0] == []
    PageViewRestriction.objects.filter(page=guide).delete()
    assert "Acompañamiento al aula con pauta común" in results(client, q="inclusion")[0]

    corpus["workshops"].unpublish()
    assert results(client, q="apoderados")[0] == []
    assert "Red de Osorno" in results(client, q="osorno")[0]
    corpus["osorno"].delete()
    assert "Red de Osorno" not in results(client, q="osorno")[0]


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


@pytest.fixture
def members_only(corpus):
    """The guide restricted to the Arica network's group."""
    from django.contrib.auth.models import Group

    arica, osorno = Group.objects.create(name="Red Arica"), Group.objects.create(name="Red Osorno")
    restriction = PageViewRestriction.objects.create(page=corpus["guide"], restriction_type="groups")
    restriction.groups.set([arica])  # as the admin does: the restriction first, its groups after
    return {"arica": arica, "osorno": osorno}


def test_a_group_restricted_page_is_found_by_its_group_only(client, corpus, members_only):
    from tests.factories import UserFactory

    guide = "Acompañamiento al aula con pauta común"
    # Visitors: not in results, snippets, facet counts or autocomplete.
    titles, html = results(client, q="acompañamiento")
    assert titles == ["Talleres con apoderados"] and "pauta" not in html.select_one(".results").get_text()
    regions = {o["value"]: o.get_text() for o in html.select("#filter-region option") if o["value"]}
    assert regions["15"] == "Arica y Parinacota (0)"
    assert client.get("/api/search/autocomplete/", {"q": "pauta"}).json() == {"results": []}

    outsider = UserFactory()
    outsider.groups.add(members_only["osorno"])
    client.force_login(outsider)
    assert guide not in results(client, q="acompañamiento")[0]
    assert client.get("/api/search/", {"q": "pauta"}).json()["total"] == 0

    member = UserFactory()
    member.groups.add(members_only["arica"])
    client.force_login(member)
    titles, html = results(client, q="inclusion")
    assert titles == [guide] and html.select_one(".result mark")
    assert client.get("/api/search/", {"q": "pauta"}).json()["total"] == 1
    assert [r["title"] for r in client.get("/api/search/autocomplete/", {"q": "pauta"}).json()["results"]] == [guide]

    client.force_login(UserFactory(is_superuser=True))
    assert guide in results(client, q="acompañamiento")[0]


def test_a_login_restricted_page_is_found_by_any_signed_in_user(client, corpus):
    from tests.factories import UserFactory

    PageViewRestriction.objects.create(page=corpus["arica"], restriction_type="login")
    # The restriction covers the network and the practice under it.
    assert results(client, q="inclusion")[0] == []
    client.force_login(UserFactory())
    assert results(client, q="inclusion")[0] == ["Acompañamiento al aula con pauta común"]


def test_a_private_page_words_are_never_suggested(client, corpus, members_only):
    hidden = make_practice(corpus["arica"], "Sociograma del curso", summary="Un sociograma.")
    restriction = PageViewRestriction.objects.create(page=hidden, restriction_type="groups")
    restriction.groups.set([members_only["arica"]])
    _titles, html = results(client, q="sociogrma")
    assert html.select_one(".suggestion") is None
    # A public page's words are suggested, and forgotten when it goes.
    public = make_practice(corpus["osorno"], "Cartografía escolar", summary="Una cartografía.")
    assert results(client, q="cartografa")[1].select_one(".suggestion a").get_text() == "cartografía"
    public.unpublish()
    assert results(client, q="cartografa")[1].select_one(".suggestion") is None


def test_rich_text_entities_show_as_characters_in_snippets(client, corpus):
    make_practice(
        corpus["osorno"], "Cuaderno viajero", need="<p>Un &quot;cuaderno viajero&quot; entre R&amp;D y aula.</p>"
    )
    _titles, html = results(client, q="viajero")
    snippet = html.select_one(".result p:not(.meta)").get_text()
    assert 'viajero"' in snippet and "R&D" in snippet and "&quot;" not in snippet and "&amp;" not in snippet
