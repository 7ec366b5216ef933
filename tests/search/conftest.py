"""The search tests' corpus, and the backend they run on: every test that asks
for `backend` runs on PostgreSQL, again on PostgreSQL with every match kept
in the process as a large one is (search.large_matches: repeated searches
then answer from the kept ids while the index is unchanged) and, when
ELASTICSEARCH_URL points at a cluster, on Elasticsearch too (skipped with
the reason otherwise)."""

import pytest

from search.large_matches import large_matches
from tests.factories import SchoolFactory, make_network, make_practice, make_topic


@pytest.fixture
def every_match_kept(monkeypatch):
    """Every match kept as a large one is, from an empty start."""
    large_matches.clear()
    monkeypatch.setattr(large_matches, "large", 0)
    yield
    large_matches.clear()


@pytest.fixture(params=["postgres", "postgres-kept", "elasticsearch"])
def backend(request, db, settings):
    large_matches.clear()
    if request.param == "postgres-kept":
        request.getfixturevalue("every_match_kept")
    if request.param == "elasticsearch":
        url = getattr(settings, "ELASTICSEARCH_TEST_URL", "")
        if not url:
            pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against")
        from search.backends.elasticsearch import ElasticsearchBackend

        settings.ELASTICSEARCH_URL = url
        ElasticsearchBackend.reset_availability()
        ElasticsearchBackend.from_settings().recreate_index()
    return request.param


@pytest.fixture
def corpus(db):
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
