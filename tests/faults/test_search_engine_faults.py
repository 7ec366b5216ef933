"""Elasticsearch refused (a closed port) or black-holed (a socket that accepts
and never answers) while coordinators save in the admin and visitors search.

tests/search/test_elasticsearch_down.py covers a save through the ORM and the
fallback searches after it. Here, through HTTP and on the production path
(the mirror runs after the commit, with the production timeout): how long an
admin save and a first search take, that the cluster is tried once per
cool-down and not on every request (connections counted on the black hole),
that unpublishing and deleting keep their updates for later, and that nothing
else in the database changes.
"""

import socket
import threading
import time

import pytest
from django.test import Client

from networks.coordinators import coordinator_assign
from rme_portal.settings import base as base_settings
from search.backends import elasticsearch as es_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import PendingIndexUpdate, SearchDocument
from tests.factories import SchoolFactory, UserFactory, make_network, make_practice
from tests.faults.admin_pages import edit_form, post_edit
from tests.faults.ledger import changes, ledger
from tests.search.pages import results

pytestmark = pytest.mark.django_db
TIMEOUT = base_settings.ELASTICSEARCH_TIMEOUT  # production's (2 s unless the environment says otherwise)
NOTICE = "no está respondiendo"


class BlackHole:
    """A local server that accepts connections, never answers, and counts them."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.held, self.stop = [], threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        self.server.settimeout(0.05)
        while not self.stop.is_set():
            try:
                self.held.append(self.server.accept()[0])
            except TimeoutError:
                continue

    def connections(self) -> int:
        time.sleep(0.2)  # let the accepting thread catch up
        return len(self.held)

    def close(self):
        self.stop.set()
        self.thread.join()
        for connection in self.held:
            connection.close()
        self.server.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["refused", "black-holed"])
def cluster(request, settings):
    """ELASTICSEARCH_URL at a dead cluster, the mirror after commit as in production."""
    hole = BlackHole() if request.param == "black-holed" else None
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{hole.port if hole else closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = TIMEOUT
    settings.SEARCH_MIRROR_ON_COMMIT = True
    ElasticsearchBackend.reset_availability()
    yield request.param, hole
    ElasticsearchBackend.reset_availability()
    if hole:
        hole.close()


@pytest.fixture
def coordinator():
    network = make_network("Red de Osorno", region_id=10, schools=SchoolFactory.create_batch(2))
    practice = make_practice(network, "Talleres con apoderados", summary="Talleres para las familias.")
    user = UserFactory(username="coordinacion.osorno")
    coordinator_assign(network, user)
    client = Client()
    client.force_login(user)
    return client, practice


def timed(function):
    started = time.monotonic()
    result = function()
    return result, time.monotonic() - started


def admin_save(client, page, django_capture_on_commit_callbacks, **fields):
    """Edit and publish in the admin; the commit's callbacks (the mirror) run as after a real commit."""
    data = edit_form(client, page)
    data.update(fields)

    def save():
        with django_capture_on_commit_callbacks(execute=True):
            response = post_edit(client, page, data)
        assert response.status_code == 302, response.content[:1000]

    return timed(save)[1]


def figure(name: str, seconds: float) -> None:
    """The figures for the README: shown with pytest -s."""
    print(f"\n{name}: {seconds:.3f} s")


def connections(hole) -> int:
    return hole.connections() if hole else 0


def test_admin_saves_stay_bounded_and_try_the_cluster_once_per_cool_down(
    cluster, coordinator, django_capture_on_commit_callbacks, client
):
    kind, hole = cluster
    coordinator_client, practice = coordinator
    before = ledger()

    first = admin_save(coordinator_client, practice, django_capture_on_commit_callbacks, title="Bitácora de aula")
    opened_by_first = connections(hole)
    second = admin_save(coordinator_client, practice, django_capture_on_commit_callbacks, summary="Una bitácora.")
    figure(f"{kind}: first admin save", first)
    figure(f"{kind}: second admin save, in the cool-down", second)

    # One timeout at most for the first save; none for the second.
    assert first < TIMEOUT + 5, f"first save took {first:.2f} s"
    assert second < 5, f"second save took {second:.2f} s"
    if hole:
        assert opened_by_first == 1 and connections(hole) == 1  # the second save did not try

    # Saved, published, searchable from PostgreSQL, remembered for the cluster.
    page = type(practice).objects.get(pk=practice.pk)
    assert page.live and (page.title, page.summary) == ("Bitácora de aula", "Una bitácora.")
    assert SearchDocument.objects.get(kind="practice", object_id=page.pk).title == "Bitácora de aula"
    assert list(PendingIndexUpdate.objects.values_list("kind", "object_id")) == [("practice", page.pk)]
    titles, html = results(client, q="bitacora")
    assert titles == ["Bitácora de aula"] and NOTICE in html.select_one(".notice").get_text()

    # Exactly the edit changed: two revisions, the title, one pending update.
    after = ledger()
    assert after["revisions"] == before["revisions"] + 2
    assert after["pending_index_updates"] == before["pending_index_updates"] + 1
    assert set(changes(before, after)) == {"revisions", "pending_index_updates", "page_titles", "search_titles"}


def test_once_the_cool_down_is_over_the_cluster_is_tried_again_once(
    cluster, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    kind, hole = cluster
    coordinator_client, practice = coordinator
    monkeypatch.setattr(es_backend, "COOL_DOWN", 0.5)
    admin_save(coordinator_client, practice, django_capture_on_commit_callbacks, title="Bitácora de aula")
    time.sleep(0.6)
    again = admin_save(coordinator_client, practice, django_capture_on_commit_callbacks, summary="Una bitácora.")
    figure(f"{kind}: admin save after the cool-down", again)
    assert again < TIMEOUT + 5
    if hole:
        assert connections(hole) == 2


def test_the_first_search_pays_one_timeout_then_answers_from_postgresql(cluster, coordinator, client):
    kind, hole = cluster
    (titles, html), first = timed(lambda: results(client, q="talleres"))
    assert titles == ["Talleres con apoderados"] and NOTICE in html.select_one(".notice").get_text()
    api, second = timed(lambda: client.get("/api/search/", {"q": "talleres"}).json())
    assert api["notice"] and [r["title"] for r in api["results"]] == ["Talleres con apoderados"]
    suggestions, third = timed(lambda: client.get("/api/search/autocomplete/", {"q": "talle"}).json())
    assert [r["title"] for r in suggestions["results"]] == ["Talleres con apoderados"]
    figure(f"{kind}: first search", first)
    figure(f"{kind}: next API search, in the cool-down", second)
    assert first < TIMEOUT + 5 and second < 5 and third < 5
    if hole:
        assert connections(hole) == 1


def test_unpublishing_and_deleting_keep_their_updates_for_later(
    cluster, coordinator, django_capture_on_commit_callbacks
):
    kind, hole = cluster
    coordinator_client, practice = coordinator
    other = make_practice(practice.get_parent().specific, "Pauta común")
    before = ledger()

    def unpublish():
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_client.post(f"/admin/pages/{practice.pk}/unpublish/")
        assert response.status_code == 302

    def delete():
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_client.post(f"/admin/pages/{other.pk}/delete/")
        assert response.status_code == 302

    _, unpublishing = timed(unpublish)
    _, deleting = timed(delete)
    figure(f"{kind}: unpublish then delete", unpublishing + deleting)
    assert unpublishing + deleting < TIMEOUT + 5

    assert not SearchDocument.objects.filter(object_id__in=[practice.pk, other.pk]).exists()
    assert set(PendingIndexUpdate.objects.values_list("kind", "object_id")) == {
        ("practice", practice.pk),
        ("practice", other.pk),
    }
    after = ledger()
    assert after["pages"] == before["pages"] - 1
    assert after["search_documents"] == before["search_documents"] - 2
