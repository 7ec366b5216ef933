"""The network boundary on references, over HTTP as a coordinator: a page of
a network may point only at its own network's pages or public ones, its own
collection's files, and PME actions of its member schools. Anything else is
refused on the server with a Spanish message, and nothing is saved."""

import datetime
import html
import json

import pytest
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from meetings.models import SessionPage
from networks.coordinators import coordinator_assign, network_collection
from practices.models import InstrumentPage, PracticePage
from tests.admin_forms import as_post, form_data, practice_form_data
from tests.factories import (
    SchoolFactory,
    UserFactory,
    make_action,
    make_document,
    make_instrument,
    make_network,
    make_practice,
    make_session,
)

pytestmark = pytest.mark.django_db
Document = get_document_model()

OTHER_NETWORK = "pertenece a otra red y no está publicada para todos"
OTHER_COLLECTION = "no está en una colección de esta red"
OTHER_SCHOOL = "pertenece a un establecimiento que no es miembro de esta red"


def shown(response, message) -> int:
    """How many times the page shows this message: as HTML, or inside the
    JSON a StreamField's errors are handed to the admin's script in."""
    text = html.unescape(response.content.decode())
    return text.count(message) + text.count(json.dumps(message)[1:-1])


def listblock(values):
    data = {str(i): {"value": str(v), "deleted": "", "order": str(i), "id": ""} for i, v in enumerate(values)}
    data["count"] = str(len(values))
    return data


def agenda(practices=(), instruments=(), actions=()):
    return streamfield(
        [
            (
                "item",
                {
                    "start_time": "",
                    "minutes": "30",
                    "activity": "Revisión de la pauta",
                    "responsible": "",
                    "sub_items": listblock([]),
                    "practices": listblock([p.pk for p in practices]),
                    "instruments": listblock([i.pk for i in instruments]),
                    "pme_actions": listblock([a.pk for a in actions]),
                    "outcome_type": "",
                    "outcome": "",
                },
            )
        ]
    )


def a_text_file(title, collection):
    return make_document(title, collection=collection, content=b"pauta", filename="pauta.txt")


@pytest.fixture
def two_networks(client):
    member = SchoolFactory(name="ESCUELA MIEMBRO")
    outsider = SchoolFactory(name="ESCUELA DE OTRA RED")
    ours = make_network("Red de Lautaro", schools=[member])
    theirs = make_network("Red de Osorno", region_id=10, schools=[outsider])
    user = UserFactory()
    coordinator_assign(ours, user)
    coordinator_assign(theirs, UserFactory())
    client.force_login(user)
    their_draft = make_practice(theirs, "Borrador de Osorno")
    their_draft.unpublish()
    their_private = make_practice(theirs, "Práctica reservada de Osorno")
    PageViewRestriction.objects.create(page=their_private, restriction_type=PageViewRestriction.LOGIN)
    return {
        "client": client,
        "ours": ours,
        "theirs": theirs,
        "member": member,
        "outsider": outsider,
        "their_draft": their_draft,
        "their_private": their_private,
        "their_public": make_practice(theirs, "Práctica pública de Osorno"),
        "their_instrument_draft": make_instrument(theirs, "Pauta borrador de Osorno"),
        "our_draft": make_practice(ours, "Nuestro borrador"),
        "our_file": make_document(
            "Pauta de Lautaro", collection=network_collection(ours), content=b"pauta", filename="pauta.txt"
        ),
        "their_file": make_document(
            "Pauta de Osorno", collection=network_collection(theirs), content=b"pauta", filename="pauta.txt"
        ),
        "our_action": make_action(member, "Acompañamiento al aula"),
        "their_action": make_action(outsider, "Acción de Osorno"),
    }


def post_session(world, **fields):
    client = world["client"]
    number = SessionPage.objects.count()
    session = make_session(
        world["ours"], datetime.date(2027, 3, 4), host=world["member"], title="Sesión", slug=f"sesion-{number}"
    )
    edit_url = f"/admin/pages/{session.pk}/edit/"
    data = form_data(client.get(edit_url).content.decode())
    data.update(
        nested_form_data(
            {
                "agenda": fields.get("agenda", agenda()),
                "materials": fields.get("materials", streamfield([])),
                "attendance": inline_formset([]),
                "agreements": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
    )
    return session, client.post(edit_url, as_post(data))


def test_an_agenda_linking_another_networks_draft_or_private_page_is_refused(two_networks):
    w = two_networks
    session, response = post_session(
        w, agenda=agenda(practices=[w["their_draft"], w["their_private"]], instruments=[w["their_instrument_draft"]])
    )
    assert response.status_code == 200
    assert shown(response, OTHER_NETWORK) == 2  # the draft and the private practice; the instrument is public
    assert len(SessionPage.objects.get(pk=session.pk).agenda.raw_data) == 0  # nothing saved
    assert session.revisions.count() == 1


def test_an_agenda_may_link_own_drafts_and_other_networks_public_pages(two_networks):
    w = two_networks
    session, response = post_session(
        w, agenda=agenda(practices=[w["our_draft"], w["their_public"]], actions=[w["our_action"]])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = SessionPage.objects.get(pk=session.pk).agenda[0].value
    assert [page.pk for page in item["practices"]] == [w["our_draft"].pk, w["their_public"].pk]


def test_a_pme_action_of_a_school_outside_the_network_is_refused_in_the_agenda(two_networks):
    w = two_networks
    session, response = post_session(w, agenda=agenda(actions=[w["their_action"]]))
    assert response.status_code == 200
    assert shown(response, OTHER_SCHOOL) >= 1


def test_a_material_from_another_networks_collection_is_refused(two_networks):
    w = two_networks
    session, response = post_session(w, materials=streamfield([("document", str(w["their_file"].pk))]))
    assert response.status_code == 200
    assert shown(response, OTHER_COLLECTION) == 1
    assert len(SessionPage.objects.get(pk=session.pk).materials.raw_data) == 0
    session, response = post_session(w, materials=streamfield([("document", str(w["our_file"].pk))]))
    assert response.status_code == 302


def post_practice(world, *, instruments=(), actions=(), files=()):
    client = world["client"]
    add_url, data = practice_form_data(
        client,
        world["ours"],
        instrument_links=inline_formset([{"instrument": str(i.pk)} for i in instruments]),
        attachments=inline_formset([{"document": str(d.pk), "label": ""} for d in files]),
        adoptions=inline_formset([{"action": str(a.pk), "note": ""} for a in actions]),
    )
    return client.post(add_url, as_post(data))


def test_a_practice_adopted_by_a_school_outside_the_network_is_refused(two_networks):
    w = two_networks
    response = post_practice(w, actions=[w["their_action"]])
    assert response.status_code == 200
    assert shown(response, OTHER_SCHOOL) >= 1  # on the field (and in the form's summary)
    assert not PracticePage.objects.filter(slug="pareja-pedagogica").exists()
    assert post_practice(w, actions=[w["our_action"]]).status_code == 302


def test_a_practice_using_another_networks_unpublished_instrument_is_refused(two_networks):
    w = two_networks
    w["their_instrument_draft"].unpublish()
    response = post_practice(w, instruments=[w["their_instrument_draft"]])
    assert response.status_code == 200
    assert shown(response, OTHER_NETWORK) >= 1
    assert not PracticePage.objects.filter(slug="pareja-pedagogica").exists()


def test_a_practice_attaching_another_networks_file_is_refused(two_networks):
    w = two_networks
    response = post_practice(w, files=[w["their_file"]])
    assert response.status_code == 200
    assert shown(response, OTHER_COLLECTION) >= 1
    assert not PracticePage.objects.filter(slug="pareja-pedagogica").exists()
    assert post_practice(w, files=[w["our_file"]]).status_code == 302
    assert PracticePage.objects.get(slug="pareja-pedagogica").attachments.get().document == w["our_file"]


def test_an_instrument_attaching_another_networks_file_is_refused(two_networks):
    w = two_networks
    client = w["client"]
    add_url = f"/admin/pages/add/practices/instrumentpage/{w['ours'].pk}/"
    data = form_data(client.get(add_url).content.decode())
    fields = {
        "title": "Pauta",
        "slug": "pauta",
        "summary": "Pauta.",
        "instrument_type": "observation_guide",
        "structure": streamfield([]),
        "adoptions": inline_formset([]),
        "licence": "cc_by_sa",
        "action-publish": "action-publish",
    }
    data.update(nested_form_data({**fields, "attachments": inline_formset([{"document": str(w["their_file"].pk)}])}))
    response = client.post(add_url, as_post(data))
    assert response.status_code == 200
    assert shown(response, OTHER_COLLECTION) >= 1
    assert not InstrumentPage.objects.filter(slug="pauta").exists()


def test_a_copy_into_another_network_belongs_to_that_network(admin_client):
    first, second = make_network("Red de Lautaro"), make_network("Red de Osorno", region_id=10)
    practice = make_practice(first, "Pareja pedagógica")
    response = admin_client.post(
        f"/admin/pages/{practice.pk}/copy/",
        {
            "new_title": "Pareja pedagógica (copia)",
            "new_slug": "pareja-copia",
            "new_parent_page": str(second.pk),
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    copy = PracticePage.objects.get(slug="pareja-copia")
    assert copy.network_id == second.pk
    copy.get_latest_revision().publish()  # publishing the copied revision keeps the new network
    assert PracticePage.objects.get(pk=copy.pk).network_id == second.pk


def test_the_pme_action_chooser_offers_a_coordinator_only_member_schools_actions(two_networks):
    w = two_networks
    response = w["client"].get("/admin/snippets/choose/pme/planaction/")
    assert response.status_code == 200
    text = response.json()["html"]
    assert "Acompañamiento al aula" in text and "Acción de Osorno" not in text
    response = w["client"].get("/admin/snippets/choose/pme/planaction/results/", {"q": "Acción"})
    assert "Acción de Osorno" not in response.content.decode()
