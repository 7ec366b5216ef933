"""Wagtail's own admin search keeps working next to the portal's search."""

import pytest

from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_the_admin_page_search_finds_pages(admin_client, corpus):
    make_practice(corpus["osorno"], "Bitácora de aula compartida")
    response = admin_client.get("/admin/pages/search/", {"q": "bitácora"})
    assert response.status_code == 200
    assert "Bitácora de aula compartida" in response.content.decode()
    assert "Talleres con apoderados" not in response.content.decode()
