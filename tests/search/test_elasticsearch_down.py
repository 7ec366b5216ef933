"""Elasticsearch down or hanging: saves still succeed quickly and are kept for
later, searches answer from PostgreSQL with a notice, never a 500."""

import socket
import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.backends.elasticsearch import ElasticsearchBackend
from search.models import PendingIndexUpdate, SearchDocument
from tests.factories import make_practice
from tests.search.pages import results

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused_port():
    """A port nobody listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hanging_port():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def use_cluster(settings, port, timeout=0.5):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = timeout
    ElasticsearchBackend.reset_availability()


@pytest.mark.parametrize("server", ["refused_port", "hanging_port"])
def test_saves_succeed_and_searches_fall_back(client, corpus, settings, server, request):
    use_cluster(settings, request.getfixturevalue(server))
    started = time.monotonic()
    page = make_practice(corpus["osorno"], "Bitácora de aula compartida", summary="Registro común de visitas.")
    saving = time.monotonic() - started

    # Saved, published, in PostgreSQL's index, and remembered for the cluster.
    assert page.live and SearchDocument.objects.filter(kind="practice", object_id=page.pk).exists()
    assert PendingIndexUpdate.objects.filter(kind="practice", object_id=page.pk).exists()
    # Bounded: one timeout at most (0.5 s), then the cluster is not retried for a while.
    assert saving < 10, f"saving took {saving:.1f} s"

    titles, html = results(client, q="bitacora")
    assert titles == ["Bitácora de aula compartida"]
    assert "no está respondiendo" in html.select_one(".notice").get_text()
    assert client.get("/api/search/", {"q": "bitacora"}).json()["notice"]
    assert client.get("/api/search/autocomplete/", {"q": "bitac"}).json()["results"]


def test_updates_missed_are_reported_until_the_cluster_is_back(corpus, settings, refused_port):
    use_cluster(settings, refused_port)
    make_practice(corpus["osorno"], "Bitácora de aula compartida")
    ElasticsearchBackend.reset_availability()
    with pytest.raises(CommandError, match="siguen pendientes"):
        call_command("retry_search_updates", stdout=StringIO())
    assert PendingIndexUpdate.objects.exists()  # nothing lost

    with pytest.raises(CommandError, match="PostgreSQL se reconstruyó"):
        call_command("rebuild_search_index", stdout=StringIO())
    # PostgreSQL's rebuilt index answers meanwhile.
    assert SearchDocument.objects.filter(title="Bitácora de aula compartida").exists()


def test_without_a_cluster_there_is_nothing_to_retry(settings):
    settings.ELASTICSEARCH_URL = ""
    out = StringIO()
    call_command("retry_search_updates", stdout=out)
    assert "no está configurado" in out.getvalue()
