"""The admin makes no request to another host and names no other host.

Editors work from school networks that may filter or log outside hosts, and the
admin should not tell third parties who is editing (Gravatar gets a hash of the
editor's e-mail; Wagtail's release check calls wagtail.io from the browser).
Every URL in an attribute (src, href, action, data-*) or in the JSON that
Wagtail's scripts read (the sidebar, panels) must be the portal's own;
protocol-relative URLs (//host/...) count, since that is how Gravatar is drawn.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.factories import UserFactory

# An absolute or protocol-relative URL with a dotted host name.
URL = re.compile(r"""(?<![\w:/])(?:https?:)?(?://|\\/\\/)[a-z0-9][a-z0-9.-]*\.[a-z]{2,}[^\s"'<>\\]*""", re.IGNORECASE)
# XML namespace identifiers: never fetched.
NAMESPACES = ("http://www.w3.org/",)


class _AttributesAndScripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.chunks.extend(value for _name, value in attrs if value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.chunks.append(data)


def outside_urls(html: str) -> list[str]:
    parser = _AttributesAndScripts()
    parser.feed(html)
    found = {url for chunk in parser.chunks for url in URL.findall(chunk)}
    return sorted(url for url in found if not url.startswith(NAMESPACES))


def test_the_check_sees_each_kind_of_outside_url():
    html = (
        '<img src="//www.gravatar.com/avatar/abc"><a href="https://guide.wagtail.org/">x</a>'
        '<script type="application/json">{"url": "https:\\/\\/releases.wagtail.io\\/latest.txt"}</script>'
        '<p>Texto que menciona http://ejemplo.cl sin enlazarlo</p><a href="/admin/pages/">propio</a>'
        '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    )
    assert outside_urls(html) == [
        "//www.gravatar.com/avatar/abc",
        "https://guide.wagtail.org/",
        "https:\\/\\/releases.wagtail.io",
    ]


@pytest.fixture
def editor_client(network):
    # An e-mail address is what makes Wagtail draw a Gravatar.
    user = UserFactory(is_superuser=True, is_staff=True, email="coordinadora@example.org")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/pages/{network}/edit/", "/admin/documents/", "/admin/images/", "/admin/account/"],
)
def test_admin_pages_name_no_outside_host(editor_client, network, path):
    response = editor_client.get(path.format(network=network.pk))
    assert response.status_code == 200
    urls = outside_urls(response.content.decode())
    assert urls == [], "\n".join(urls)


def test_login_page_names_no_outside_host(db):
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    urls = outside_urls(response.content.decode())
    assert urls == [], "\n".join(urls)


def test_no_release_check_on_the_dashboard(editor_client):
    # The check itself is a script (w-upgrade) that fetches releases.wagtail.io.
    html = editor_client.get("/admin/").content.decode()
    assert "Panel de control" in html
    assert 'data-controller="w-upgrade' not in html


def test_the_sign_in_page_is_spanish_and_the_portals(db):
    html = Client().get("/admin/login/").content.decode()
    assert "<title>Iniciar sesión - Portal RME</title>" in html
    assert "Iniciar sesión en el Portal RME" in html and "Wagtail" not in html.split("<body", 1)[1].split("<script")[0]
    assert re.search(r"<label[^>]*for=\"id_password\"[^>]*>\s*Contraseña", html), "password label"
    assert re.search(r"<label[^>]*for=\"id_username\"[^>]*>\s*Nombre de usuario", html), "username label"
    assert ">Password<" not in html and "Password\n" not in html


def test_the_keyboard_shortcuts_dialog_is_spanish(editor_client):
    html = editor_client.get("/admin/").content.decode()
    for spanish in ("Atajos de teclado", "Pegar sin formato", "Insertar o editar un enlace"):
        assert spanish in html
    assert re.search(r"\d+ páginas? <span class=\"w-sr-only\">cread", html), "site summary"
