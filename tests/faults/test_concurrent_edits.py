"""Two coordinators of one network edit the same page at once, through the
Wagtail admin over HTTP.

Wagtail 8 warns in the browser (the editor's pings report a newer revision)
and refuses an outdated autosave; a plain form save from an outdated copy
used to replace the newer revision silently. rme_portal.edit_conflicts
refuses it too, keeping the editor's input; saving again is a deliberate
overwrite. Wagtail's page lock stops the other coordinator outright.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Revision

from networks.coordinators import coordinator_assign
from practices.models import PracticePage
from tests.factories import SchoolFactory, UserFactory, make_network, make_practice
from tests.faults.admin_pages import edit_form, post_edit
from tests.faults.ledger import changes, ledger

pytestmark = pytest.mark.django_db
CONFLICT = "guardó una versión más reciente de esta página"


def current(page):
    return PracticePage.objects.get(pk=page.pk)


@pytest.fixture
def practice():
    network = make_network("Red Compartida", schools=SchoolFactory.create_batch(2))
    page = make_practice(network, "Pauta común", summary="Resumen original.")
    page.coordinators = []
    for name in ("ana", "bruno"):
        user = UserFactory(username=f"coordinacion.{name}", first_name=name.capitalize(), last_name="Rojas")
        coordinator_assign(network, user)
        client = Client()
        client.force_login(user)
        page.coordinators.append(client)
    return page


@pytest.mark.parametrize("action", ["action-publish", None], ids=["publish", "save-draft"])
def test_a_save_from_an_outdated_form_is_refused_and_keeps_the_input(practice, action):
    ana, bruno = practice.coordinators
    form_a, form_b = edit_form(ana, practice), edit_form(bruno, practice)
    assert form_a["loaded_revision_id"] == form_b["loaded_revision_id"]

    form_a["summary"] = "Resumen de Ana."
    assert post_edit(ana, practice, form_a, action).status_code == 302
    before = ledger()

    form_b["title"] = "Pauta común revisada"
    response = post_edit(bruno, practice, form_b, action)

    # Refused: the form again, with Bruno's input and who saved before him.
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert CONFLICT in html.get_text() and "Ana Rojas" in html.get_text()
    assert html.select_one('input[name="title"]')["value"] == "Pauta común revisada"
    page = current(practice)
    if action:
        assert (page.title, page.summary) == ("Pauta común", "Resumen de Ana.")
    latest = page.get_latest_revision_as_object()
    assert (latest.title, latest.summary) == ("Pauta común", "Resumen de Ana.")
    assert changes(before, ledger()) == {}  # no revision, no index change

    # Saving again is deliberate: the form now carries Ana's revision.
    again = edit_form(bruno, practice, html=response.content.decode())
    assert again["loaded_revision_id"] == str(page.latest_revision_id)
    assert post_edit(bruno, practice, again, action).status_code == 302
    assert current(practice).get_latest_revision_as_object().title == "Pauta común revisada"


def test_edits_one_after_the_other_are_saved(practice):
    ana, bruno = practice.coordinators
    form_a = edit_form(ana, practice)
    form_a["summary"] = "Resumen de Ana."
    assert post_edit(ana, practice, form_a).status_code == 302
    form_b = edit_form(bruno, practice)  # opened after Ana's save
    form_b["title"] = "Pauta común revisada"
    assert post_edit(bruno, practice, form_b).status_code == 302
    # Ana again, from the form Wagtail showed her after her own save.
    form_a = edit_form(ana, practice)
    form_a["summary"] = "Resumen final."
    assert post_edit(ana, practice, form_a).status_code == 302
    page = current(practice)
    assert (page.title, page.summary) == ("Pauta común revisada", "Resumen final.")
    assert Revision.page_revisions.filter(object_id=str(practice.pk)).count() == 4


def test_the_editor_is_told_of_the_newer_revision_and_an_outdated_autosave_is_refused(practice):
    """Wagtail's own detection, as the browser uses it, works for coordinators."""
    ana, bruno = practice.coordinators
    page_b = bruno.get(f"/admin/pages/{practice.pk}/edit/").content.decode()
    form_b = edit_form(bruno, practice, html=page_b)
    form_a = edit_form(ana, practice)
    form_a["summary"] = "Resumen de Ana."
    assert post_edit(ana, practice, form_a).status_code == 302
    newest = current(practice).latest_revision_id

    # The ping the editor's JavaScript sends every 10 s.
    ping_url = re.search(r"/admin/editing-sessions/ping/[^\"']+/\d+/", page_b).group(0)
    response = bruno.post(
        ping_url,
        {
            "revision_id": form_b["loaded_revision_id"],
            "revision_created_at": form_b["loaded_revision_created_at"],
            "is_editing": "1",
        },
    )
    assert response.status_code == 200
    others = response.json()["other_sessions"]
    assert [(other["user"], other["revision_id"]) for other in others if other["revision_id"]] == [
        ("Ana Rojas", newest)
    ]

    # An autosave (JSON) from the outdated form: refused by Wagtail itself.
    response = post_edit(bruno, practice, form_b, action=None, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert current(practice).get_latest_revision_as_object().summary == "Resumen de Ana."


def test_a_locked_page_cannot_be_saved_by_the_other_coordinator(practice):
    ana, bruno = practice.coordinators
    form_b = edit_form(bruno, practice)
    assert ana.post(f"/admin/pages/{practice.pk}/lock/").status_code == 302
    assert current(practice).locked
    before = ledger()

    form_b["title"] = "Pauta común revisada"
    response = post_edit(bruno, practice, form_b)

    assert response.status_code == 200
    assert current(practice).title == "Pauta común"
    assert changes(before, ledger()) == {}
    # Ana, who holds the lock, still saves.
    form_a = edit_form(ana, practice)
    form_a["summary"] = "Resumen de Ana."
    assert post_edit(ana, practice, form_a).status_code == 302
    assert current(practice).summary == "Resumen de Ana."
