"""Previewing a page in the admin renders it, with the unsaved changes
(modelcluster keeps child rows in memory) and the same visibility rule."""

import datetime

import pytest
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.admin_forms import as_post, form_data
from tests.factories import make_instrument, make_network, make_practice, make_session

pytestmark = pytest.mark.django_db


# StreamFields are drawn by the admin's script: their data is not in the HTML.
STREAMS = {
    "practicepage": ["steps", "difficulties"],
    "instrumentpage": ["structure"],
    "sessionpage": ["agenda", "materials"],
}


def preview(client, page):
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = form_data(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    data.update(nested_form_data({name: streamfield([]) for name in STREAMS[page.specific._meta.model_name]}))
    response = client.post(url, as_post(data))
    assert response.status_code == 200 and response.json()["is_valid"], response.content.decode()[:500]
    return client.get(url)


def test_practice_instrument_and_session_previews_render(admin_client):
    network = make_network("Red de Lautaro")
    hidden = make_instrument(network, "Pauta reservada")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    instrument = make_instrument(network, "Pauta abierta")
    practice = make_practice(network, "Pareja pedagógica")
    practice.instrument_links.create(instrument=instrument)
    practice.instrument_links.create(instrument=hidden)
    practice.save_revision().publish()
    session = make_session(network, datetime.date(2027, 3, 4), title="Sesión de marzo")
    for page in (practice, instrument, session):
        response = preview(admin_client, page)
        assert response.status_code == 200
        assert page.title in response.content.decode()
    # The administrator is signed in: the login-restricted instrument shows.
    assert "Pauta reservada" in preview(admin_client, practice).content.decode()
