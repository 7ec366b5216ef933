"""Security headers on every public URL, and no inline code for the CSP to block.

The walk is kept complete by construction: every URL pattern outside the admin,
every page type and every sub-route of a routable page must be listed in
PATTERNS, PAGE_TYPES or ROUTES below with the URLs that reach it, or a test
fails. A new view therefore gets its headers checked the day it is added.
"""

import datetime
import json
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client, override_settings
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, get_page_models

from meetings.models import SessionCalendarPage
from rme_portal.settings.base import BASE_DIR
from tests.factories import (
    SchoolFactory,
    home_page,
    instrument_index,
    make_document,
    make_instrument,
    make_network,
    make_practice,
    make_session,
    make_topic,
    network_index,
    practice_index,
)
from tests.url_routes import public_routes

pytestmark = pytest.mark.django_db

ADMIN_PREFIX = "admin/"  # the Wagtail admin: its own policy, tested apart

# URL pattern (as the resolver spells it) -> the labels of the URLs below that reach it.
PATTERNS = {
    "salud/": ["health"],
    "documentos/^(\\d+)/(.*)$": ["document", "protected_document"],
    "documentos/authenticate_with_password/<int:restriction_id>/": ["document_password_form"],
    "establecimientos/<int:rbd>/": ["school"],
    "calendario/red/<int:network_id>.ics": ["network_feed"],
    "calendario/region/<int:code>.ics": ["region_feed"],
    "sesiones/<int:session_id>/sesion.ics": ["session_ics"],
    "sesiones/<int:session_id>/plan.pdf": ["session_pdf"],
    "buscar/": ["search", "search_results"],
    "api/search/": ["search_api"],
    "api/search/autocomplete/": ["autocomplete_api"],
    "api/schema/": ["schema"],
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": ["page_password_form"],
    "_util/login/": ["frontend_login"],
    "^((?:[\\w\\-]+/)*)$": ["home", "not_found", "protected_page"],  # and every page type below
}
# Page type -> labels; routable pages also list each sub-route in ROUTES.
PAGE_TYPES = {
    "HomePage": ["home"],
    "NetworkIndexPage": ["networks"],
    "NetworkPage": ["network"],
    "PracticeIndexPage": ["practices", "practices_filtered"],
    "PracticePage": ["practice"],
    "InstrumentIndexPage": ["instruments"],
    "InstrumentPage": ["instrument"],
    "SessionPage": ["session"],
    "SessionCalendarPage": ["calendar"],
}
ROUTES = {
    ("InstrumentPage", "index_route"): ["instrument"],
    ("InstrumentPage", "print"): ["instrument_print"],
    ("SessionPage", "index_route"): ["session"],
    ("SessionPage", "print"): ["session_print"],
}
NOT_FOUND = {"not_found"}


@pytest.fixture
def urls():
    """Demo-like content (a network with a practice, an instrument with a
    document, a session, the calendar) and the URL of each label."""
    school = SchoolFactory(name="ESCUELA ESPAÑA")
    network = make_network(
        "Red Básica 1",
        schools=[school, SchoolFactory()],
        objective="<p>Fortalecer el <b>acompañamiento</b> al aula. <a href='https://example.org'>Guía</a></p>",
    )
    topic = make_topic("Acompañamiento al aula")
    practice = make_practice(network, "Pauta consensuada de acompañamiento", topics=[topic])
    document = make_document("Pauta PDF")
    instrument = make_instrument(
        network,
        "Pauta de acompañamiento al aula",
        topics=[topic],
        documents=[document],
        structure=[
            (
                "section",
                {
                    "title": "Clima de aula",
                    "description": "",
                    "scale": ["Logrado", "En desarrollo"],
                    "criteria": [{"criterion": "Se respetan los turnos", "descriptors": ["Siempre", "A veces"]}],
                },
            )
        ],
    )
    session = make_session(
        network,
        datetime.date.today() + datetime.timedelta(days=7),
        host=school,
        agenda=[("item", {"activity": "Revisión de la pauta", "minutes": 60, "responsible": "UTP", "sub_items": []})],
    )
    calendar = home_page().add_child(instance=SessionCalendarPage(title="Calendario", slug="calendario"))
    protected = make_practice(network, "Práctica con clave")
    page_restriction = PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="clave-de-prueba"
    )
    private_collection = Collection.get_first_root_node().add_child(name="Con clave")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.PASSWORD, password="clave-de-prueba"
    )
    protected_document = make_document("Acta con clave", collection=private_collection)
    return {
        "home": "/",
        "networks": network_index().url,
        "network": network.url,
        "practices": practice_index().url,
        "practices_filtered": practice_index().url + f"?topic={topic.slug}&region=15",
        "practice": practice.url,
        "instruments": instrument_index().url,
        "instrument": instrument.url,
        "instrument_print": instrument.url + "imprimir/",
        "document": document.url,
        "protected_document": protected_document.url,
        "document_password_form": f"/documentos/authenticate_with_password/{document_restriction.pk}/",
        "session": session.url,
        "session_print": session.url + "imprimir/",
        "session_pdf": f"/sesiones/{session.pk}/plan.pdf",
        "session_ics": f"/sesiones/{session.pk}/sesion.ics",
        "calendar": calendar.url,
        "network_feed": f"/calendario/red/{network.pk}.ics",
        "region_feed": "/calendario/region/15.ics",
        "search": "/buscar/",
        "search_results": "/buscar/?q=pauta",
        "search_api": "/api/search/?q=pauta",
        "autocomplete_api": "/api/search/autocomplete/?q=pau",
        "schema": "/api/schema/",
        "school": f"/establecimientos/{school.rbd}/",
        "health": "/salud/",
        "frontend_login": "/_util/login/",
        "protected_page": protected.url,
        "page_password_form": f"/_util/authenticate_with_password/{page_restriction.pk}/{protected.pk}/",
        "not_found": "/esta-pagina-no-existe/",
        "static_css": "/static/css/portal.css",
    }


def policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def problems_with_headers(response) -> list[str]:
    """What is missing or loose in a response's headers."""
    found = []
    header = response.get("Content-Security-Policy")
    if not header:
        return ["no Content-Security-Policy"]
    csp = policy(header)
    if csp.get("default-src") == ["'none'"]:
        pass  # Wagtail's own policy for served documents: nothing at all may load
    else:
        expected = {
            "default-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
        found += [f"{name} is {csp.get(name)}" for name, values in expected.items() if csp.get(name) != values]
        scripts = csp.get("script-src", [])
        if scripts[:1] != ["'self'"] or any(not value.startswith("'nonce-") for value in scripts[1:]):
            found.append(f"script-src is {scripts}")
    for name, values in csp.items():
        if {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(values):
            found.append(f"{name} allows {values}")
    permissions = response.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        if f"{feature}=()" not in permissions:
            found.append(f"Permissions-Policy lacks {feature}=(): {permissions!r}")
    expected_headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    found += [
        f"{name} is {response.get(name)!r}" for name, value in expected_headers.items() if response.get(name) != value
    ]
    # Static files leave before the X-Frame-Options middleware; frame-ancestors says the same.
    if response.get("X-Frame-Options") != "DENY" and csp.get("frame-ancestors") != ["'none'"]:
        found.append("may be framed: no X-Frame-Options DENY nor frame-ancestors 'none'")
    return found


def problems_with_html(response) -> list[str]:
    """Inline code the CSP would block, and scripts without the response's nonce."""
    header = policy(response["Content-Security-Policy"])
    html = BeautifulSoup(response.content, "html.parser")
    found = []
    for script in html.find_all("script"):
        nonce = script.get("nonce")
        if not nonce or f"'nonce-{nonce}'" not in header.get("script-src", []):
            found.append(f"script without the header's nonce: {script}")
        if not script.get("src") and script.get("type") != "application/json":
            found.append(f"inline script: {str(script)[:80]}")
    found += [f"inline <style>: {str(style)[:80]}" for style in html.find_all("style")]
    for tag in html.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute == "style":
                found.append(f"style attribute on <{tag.name}>")
            elif attribute.startswith("on"):
                found.append(f"{attribute} handler on <{tag.name}>")
            elif attribute in ("href", "src", "action", "formaction") and str(value).strip().lower().startswith(
                "javascript:"
            ):
                found.append(f"javascript: URL on <{tag.name}>")
    found += [f"<{tag.name}> element" for tag in html.find_all(["iframe", "object", "embed"])]
    return found


def test_every_url_pattern_is_covered():
    routes = public_routes(ADMIN_PREFIX)
    assert routes - PATTERNS.keys() == set(), "new URL patterns: add them to PATTERNS with a URL that reaches them"
    assert PATTERNS.keys() - routes == set(), "PATTERNS lists patterns that no longer exist"


def test_every_page_type_and_route_is_covered():
    page_types = {model.__name__ for model in get_page_models() if model is not Page}
    assert page_types == PAGE_TYPES.keys(), "add new page types to PAGE_TYPES (and their routes to ROUTES)"
    routes = {
        (model.__name__, route.name)
        for model in get_page_models()
        if issubclass(model, RoutablePageMixin)
        for route in model.get_subpage_urls()
    }
    assert routes == ROUTES.keys()


def test_every_public_url_has_the_headers_and_no_inline_code(client, urls):
    labels = {label for table in (PATTERNS, PAGE_TYPES, ROUTES) for labels in table.values() for label in labels}
    assert labels <= urls.keys(), f"labels without a URL: {labels - urls.keys()}"
    problems = {}
    pages_with_scripts = 0
    for label, url in urls.items():
        response = client.get(url)
        expected_status = 404 if label in NOT_FOUND else 200
        found = [] if response.status_code == expected_status else [f"status {response.status_code}"]
        found += problems_with_headers(response)
        if response.get("Content-Type", "").startswith("text/html"):
            found += problems_with_html(response)
            pages_with_scripts += bool(BeautifulSoup(response.content, "html.parser").find("script"))
        if found:
            problems[f"{label} {url}"] = found
    assert problems == {}
    assert pages_with_scripts >= 3  # search and both print views: the nonce check did run


def test_the_nonce_changes_with_every_response(client, urls):
    nonces = {policy(client.get(urls["search"])["Content-Security-Policy"])["script-src"][1] for _ in range(3)}
    assert len(nonces) == 3


def test_the_admin_has_its_own_looser_policy(admin_client, urls):
    """Wagtail's admin needs inline scripts and styles, and frames its previews;
    only under /admin/."""
    for url in ("/admin/", "/admin/login/", "/admin/pages/"):
        csp = policy(admin_client.get(url)["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"], url
    assert "'unsafe-inline'" not in admin_client.get(urls["home"])["Content-Security-Policy"]


def test_a_preview_keeps_the_public_policy_and_may_be_framed_by_the_admin(admin_client, urls):
    """Previews (the preview panel's iframe, "view draft") render the public
    page through Wagtail's dummy request: strict scripts and styles, but the
    admin may frame it."""
    page = Page.objects.get(title="Red Básica 1")
    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200 and "Red Básica 1" in preview.content.decode()
    csp = policy(preview["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["script-src"][0] == "'self'" and csp["style-src"] == ["'self'"]
    assert problems_with_html(preview) == []


def production_settings() -> dict:
    """The header settings as rme_portal.settings.production computes them."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SECURE_REDIRECT_EXEMPT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_CSP",
        "PORTAL_ADMIN_CSP",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names}}}))"
    )
    environment = {
        "PATH": os.environ["PATH"],
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "rme_portal.settings.production",
        "SECRET_KEY": "k" * 64,
        "DATABASE_URL": "postgres://u@db/rme",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_headers(urls):
    production = production_settings()
    production["SECURE_PROXY_SSL_HEADER"] = tuple(production["SECURE_PROXY_SSL_HEADER"])
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    with override_settings(**production):
        client = Client()  # its middleware reads the overridden settings
        response = client.get(urls["home"], secure=True)
        assert response.status_code == 200
        hsts = response["Strict-Transport-Security"].split("; ")
        assert int(hsts[0].removeprefix("max-age=")) >= 31_536_000
        assert hsts[1:] == ["includeSubDomains", "preload"]
        assert "upgrade-insecure-requests" in policy(response["Content-Security-Policy"])
        assert problems_with_headers(response) == []

        # Behind the proxy: plain HTTP is redirected, except the health check.
        plain = client.get(urls["network"])
        assert plain.status_code == 301 and plain["Location"] == "https://testserver" + urls["network"]
        assert client.get(urls["health"]).status_code == 200
        proxied = client.get(urls["network"], headers={"X-Forwarded-Proto": "https"})
        assert proxied.status_code == 200 and "Strict-Transport-Security" in proxied

        login = client.get("/admin/login/", secure=True)
        assert login.cookies["csrftoken"]["secure"] is True
        assert "upgrade-insecure-requests" in policy(login["Content-Security-Policy"])
    assert settings.SECURE_HSTS_SECONDS == 0  # the test settings again
