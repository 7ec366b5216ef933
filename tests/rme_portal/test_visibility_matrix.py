"""The visibility matrix: every public URL, walked as an anonymous visitor, a
signed-in user and a member of the group a page is restricted to, against
content that is a draft, login-restricted, group-restricted or
password-protected (pages, sessions and their agreements, documents).

Each private item carries a marker in its title or text; the walk reads every
response (HTML, JSON, iCalendar and the text of PDFs) and fails on any marker
the viewer may not see. It also fails when a URL pattern, a page type or a
page sub-route exists that the walk does not visit, so a new public surface
cannot forget the rule (rme_portal.visibility)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from pypdf import PdfReader
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, get_page_models

from meetings.models import SessionCalendarPage
from search.models import SearchDocument
from tests.factories import (
    SchoolFactory,
    UserFactory,
    home_page,
    instrument_index,
    make_action,
    make_document,
    make_instrument,
    make_network,
    make_practice,
    make_session,
    practice_index,
)
from tests.url_routes import url_routes

pytestmark = pytest.mark.django_db
Document = get_document_model()

DRAFT, LOGIN, GROUP, PASSWORD = "zdraftsecret", "zloginsecret", "zgroupsecret", "zpasswordsecret"
OPEN = "zopenmark"
# What each viewer may see of the private markers.
ALLOWED = {"anonymous": set(), "signed_in": {LOGIN}, "member": {LOGIN, GROUP}}

# Every URL pattern outside Wagtail's page tree, and where the walk covers it.
COVERED_PATTERNS = {
    "salud/",
    "documentos/^(\\d+)/(.*)$",
    "documentos/authenticate_with_password/<int:restriction_id>/",
    "establecimientos/<int:rbd>/",
    "calendario/red/<int:network_id>.ics",
    "calendario/region/<int:code>.ics",
    "sesiones/<int:session_id>/sesion.ics",
    "sesiones/<int:session_id>/plan.pdf",
    "buscar/",
    "api/search/",
    "api/search/autocomplete/",
    "api/schema/",
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
    "_util/login/",
    "^((?:[\\w\\-]+/)*)$",  # every page below, by type
}
# Not public surfaces: the admin has its own boundary tests (tests/networks).
EXEMPT_PREFIXES = ("admin/",)
COVERED_PAGE_TYPES = {
    "home.HomePage",
    "networks.NetworkIndexPage",
    "networks.NetworkPage",
    "practices.PracticeIndexPage",
    "practices.InstrumentIndexPage",
    "practices.PracticePage",
    "practices.InstrumentPage",
    "meetings.SessionPage",
    "meetings.SessionCalendarPage",
}
COVERED_SUB_ROUTES = {"practices.InstrumentPage": {"print"}, "meetings.SessionPage": {"print"}}


def test_every_public_url_pattern_page_type_and_sub_route_is_walked():
    patterns = {route for route in url_routes() if not route.startswith(EXEMPT_PREFIXES)}
    assert patterns - COVERED_PATTERNS == set(), "a public URL the visibility matrix does not walk"
    assert COVERED_PATTERNS - patterns == set(), "a URL the walk lists no longer exists"
    page_types = {model._meta.label for model in get_page_models() if model._meta.label != "wagtailcore.Page"}
    assert page_types - COVERED_PAGE_TYPES == set(), "a page type the visibility matrix does not walk"
    assert COVERED_PAGE_TYPES - page_types == set(), "a page type the walk lists no longer exists"
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            names = {route.name for route in model.get_subpage_urls()} - {"index_route"}
            assert names <= COVERED_SUB_ROUTES.get(model._meta.label, set()), model._meta.label


def restrict(page, kind, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="clave-secreta" if kind == PageViewRestriction.PASSWORD else ""
    )
    if group:
        restriction.groups.add(group)
    return restriction


@pytest.fixture
def world():
    """A public network whose pages link private ones every way the portal allows."""
    group = Group.objects.create(name="Equipo directivo Red Abierta")
    member = UserFactory(username="integrante")
    member.groups.add(group)
    signed_in = UserFactory(username="otra-persona")
    host, other = SchoolFactory(name="ESCUELA ANFITRIONA"), SchoolFactory(name="ESCUELA VECINA")
    practice_index(), instrument_index()
    calendar = home_page().add_child(instance=SessionCalendarPage(title="Calendario", slug="calendario"))
    calendar.save_revision().publish()
    network = make_network(f"Red Abierta {OPEN}", schools=[host, other])
    action = make_action(host, f"Acción PME {OPEN}")

    root = Collection.get_first_root_node()
    private_collection = root.add_child(name="Solo equipo")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.GROUPS
    ).groups.add(group)
    open_file = make_document(f"Archivo {OPEN}", collection=root, content=f"texto {OPEN}".encode())
    group_file = make_document(
        f"Archivo {GROUP}", collection=private_collection, content=f"texto del archivo {GROUP}".encode()
    )

    kinds = {
        LOGIN: (PageViewRestriction.LOGIN, None),
        GROUP: (PageViewRestriction.GROUPS, group),
        PASSWORD: (PageViewRestriction.PASSWORD, None),
    }
    practices, instruments, sessions = [], [], []
    restrictions = {}
    # Slugs without the marker: a page's own address is not a leak of its title.
    for number, marker in enumerate([DRAFT, LOGIN, GROUP, PASSWORD]):
        practice = make_practice(
            network, f"Práctica {marker}", slug=f"practica-{number}", adoptions=[(action, f"nota {marker}")]
        )
        instrument = make_instrument(network, f"Instrumento {marker}", slug=f"instrumento-{number}")
        session = make_session(
            network,
            datetime.date(2026, 9, 1 + number),
            status="held",
            title=f"Sesión {marker}",
            slug=f"sesion-{number}",
            agreements=[(f"Acuerdo {marker}", datetime.date(2026, 12, 30), False)],
        )
        upcoming = make_session(
            network, datetime.date(2027, 4, 1 + number), title=f"Próxima {marker}", slug=f"proxima-{number}"
        )
        for page in (practice, instrument, session, upcoming):
            if marker == DRAFT:
                page.unpublish()
            else:
                kind, restricted_to = kinds[marker]
                restrictions[marker] = restrict(page, kind, restricted_to)
        practices.append(practice)
        instruments.append(instrument)
        sessions += [session, upcoming]
    # A whole network restricted, the school a member of it.
    hidden_network = make_network(f"Red {LOGIN}", slug="red-restringida", schools=[host])
    restrict(hidden_network, PageViewRestriction.LOGIN)
    # Its sessions show its name in the calendar's rows (past and upcoming).
    make_session(hidden_network, datetime.date(2026, 9, 20), status="held", slug="sesion-red-restringida")
    make_session(hidden_network, datetime.date(2027, 3, 10), slug="proxima-red-restringida")

    open_instrument = make_instrument(network, f"Instrumento {OPEN}", documents=[open_file, group_file])
    open_practice = make_practice(network, f"Práctica {OPEN}", adoptions=[(action, "nota abierta")])
    for instrument in [*instruments, open_instrument]:
        open_practice.instrument_links.create(instrument=instrument)
    open_practice.save_revision().publish()
    uses = [
        (
            "item",
            {
                "activity": f"Actividad {OPEN}",
                "minutes": 30,
                "sub_items": [],
                "practices": [*practices, open_practice],
                "instruments": [*instruments, open_instrument],
                "pme_actions": [],
            },
        )
    ]
    materials = [("document", open_file), ("document", group_file)]
    held = make_session(
        network,
        datetime.date(2026, 10, 1),
        host=host,
        status="held",
        title=f"Sesión {OPEN}",
        slug="sesion-abierta",
        agenda=uses,
        materials=materials,
        agreements=[(f"Acuerdo {OPEN}", datetime.date(2026, 12, 30), False)],
    )
    upcoming = make_session(
        network,
        datetime.date(2027, 3, 4),
        host=host,
        title="Próxima abierta",
        slug="proxima-abierta",
        agenda=uses,
        materials=materials,
    )
    return {
        "users": {"signed_in": signed_in, "member": member},
        "network": network,
        "hidden_network": hidden_network,
        "host": host,
        "calendar": calendar,
        "practices": [*practices, open_practice],
        "instruments": [*instruments, open_instrument],
        "sessions": [*sessions, held, upcoming],
        "open_sessions": [held, upcoming],
        "open_instrument": open_instrument,
        "documents": [open_file, group_file],
        "restrictions": restrictions,
        "document_restriction": CollectionViewRestriction.objects.get(collection=private_collection),
    }


def public_urls(world) -> list[tuple[str, str, dict | None]]:
    """(method, url, data) for every public surface of the world."""
    network, host = world["network"], world["host"]
    gets = [
        "/",
        "/salud/",
        network.get_parent().url,
        network.url,
        world["hidden_network"].url,
        practice_index().url,
        instrument_index().url,
        world["calendar"].url,
        # The calendar's month view and archive (its page 2 too).
        "/calendario/?mes=2026-09",
        "/calendario/?mes=2027-03",
        "/calendario/?mes=2027-04",
        "/calendario/?pasadas=1",
        "/calendario/?pasadas=1&page=2",
        f"/establecimientos/{host.rbd}/",
        f"/calendario/red/{network.pk}.ics",
        f"/calendario/red/{world['hidden_network'].pk}.ics",
        f"/calendario/region/{network.region_id}.ics",
        "/api/schema/",
        "/_util/login/",
        "/pagina-que-no-existe/",
    ]
    for page in [*world["practices"], *world["instruments"], *world["sessions"]]:
        gets.append(page.url)
    for instrument in world["instruments"]:
        gets.append(instrument.url + "imprimir/")
    for session in world["sessions"]:
        gets += [session.url + "imprimir/", f"/sesiones/{session.pk}/sesion.ics", f"/sesiones/{session.pk}/plan.pdf"]
    for document in world["documents"]:
        gets.append(document.url)
    # Words the private items hold (not the markers: a query is echoed back).
    for words in ["secret", "zopen", "Práctica", "Instrumento", "Sesión", "Próxima", "Acuerdo", "Archivo", "texto"]:
        gets += [f"/buscar/?q={words}", f"/api/search/?q={words}", f"/api/search/autocomplete/?q={words[:5]}"]
    gets += ["/buscar/", "/api/search/?q=", "/practicas/?sort=title", "/practicas/?page=2", "/instrumentos/?page=2"]
    posts = [
        (
            f"/_util/authenticate_with_password/{world['restrictions'][PASSWORD].pk}/{world['practices'][3].pk}/",
            {"password": "equivocada", "return_url": world["practices"][3].url},
        ),
        (f"/documentos/authenticate_with_password/{world['document_restriction'].pk}/", {"password": "x"}),
    ]
    return [("get", url, None) for url in gets] + [("post", url, data) for url, data in posts]


def response_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", errors="replace")


def walk(client, world) -> dict[str, str]:
    texts = {}
    for method, url, data in public_urls(world):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code < 500, (url, response.status_code)
        texts[f"{method.upper()} {url}"] = response_text(response).lower()
    return texts


@pytest.mark.parametrize("viewer", ["anonymous", "signed_in", "member"])
def test_no_public_url_shows_what_the_viewer_may_not_see(client, world, viewer):
    assert SearchDocument.objects.filter(title__icontains=LOGIN).exists()  # the index holds private rows
    if viewer != "anonymous":
        client.force_login(world["users"][viewer])
    texts = walk(client, world)
    forbidden = {DRAFT, LOGIN, GROUP, PASSWORD} - ALLOWED[viewer]
    leaks = sorted((url, marker) for url, text in texts.items() for marker in forbidden if marker in text)
    assert leaks == [], f"{len(leaks)} leaks over {len(texts)} URLs: {leaks}"
    # The walk saw real content (it cannot pass by showing nothing), and what
    # the viewer may see reaches them on the pages that link it.
    network_page = texts[f"GET {world['network'].url}"]
    assert OPEN in network_page and f"acuerdo {OPEN}" in network_page
    for marker in ALLOWED[viewer]:
        assert f"práctica {marker}" in network_page and f"acuerdo {marker}" in network_page
        open_session = texts[f"GET {world['open_sessions'][1].url}"]
        assert f"práctica {marker}" in open_session and f"instrumento {marker}" in open_session
    school = texts[f"GET /establecimientos/{world['host'].rbd}/"]
    assert f"práctica {OPEN}" in school
    assert (f"práctica {LOGIN}" in school) == (LOGIN in ALLOWED[viewer])
    # The calendar lists the open sessions: the walk of its views saw rows.
    assert "1 oct 2026" in texts["GET /calendario/?pasadas=1"] and "4 mar 2027" in texts["GET /calendario/?mes=2027-03"]
    pdf = texts[f"GET /sesiones/{world['open_sessions'][1].pk}/plan.pdf"]
    assert f"acuerdo {OPEN}" in pdf
    assert (f"acuerdo {LOGIN}" in pdf) == (LOGIN in ALLOWED[viewer])
    instrument = texts[f"GET {world['open_instrument'].url}"]
    assert (f"archivo {GROUP}" in instrument) == (GROUP in ALLOWED[viewer])
    assert len(re.findall(OPEN, texts["GET /buscar/?q=Práctica"])) > 0
