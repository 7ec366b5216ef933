"""Deleting a page that has a view restriction, through the Wagtail admin.

The restriction goes in the same cascade as the page; the search signal on
that privacy row must not try to re-index a half-deleted subtree (it used to
raise <Type>Page.DoesNotExist: a 500 in the admin). Every restricted page type,
every restriction type, as a superuser and as the network's coordinator.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from networks.coordinators import coordinator_assign, coordinator_group_name
from search.models import SearchDocument
from tests.factories import SchoolFactory, UserFactory, make_instrument, make_network, make_practice, make_session
from tests.faults.ledger import changes, ledger

pytestmark = pytest.mark.django_db

PAGE_TYPES = ("network", "practice", "instrument", "session")
RESTRICTIONS = ("login", "password", "groups")
# What the index says about a page behind each restriction (a password hides it).
AUDIENCE = {"login": ["login"], "password": None}


@pytest.fixture
def site():
    network = make_network("Red Restringida", schools=SchoolFactory.create_batch(2))
    other = make_network("Red Vecina", region_id=10)
    bystander = make_practice(other, "Bitácora compartida")  # must stay as it is
    coordinator = UserFactory(username="coordinadora.restringida")
    coordinator_assign(network, coordinator)
    return {"network": network, "bystander": bystander, "coordinator": coordinator}


def make_target(kind, network):
    if kind == "network":
        return network  # a leaf: its coordinator may delete it (change + publish)
    if kind == "practice":
        return make_practice(network, "Práctica reservada")
    if kind == "instrument":
        return make_instrument(network, "Pauta reservada")
    return make_session(network, datetime.date(2027, 5, 3), title="Sesión reservada")


def restrict(client, page, restriction, group):
    """Set the page's privacy through the admin's privacy dialog."""
    data = {"restriction_type": restriction}
    if restriction == "password":
        data["password"] = "clave-compartida"
    if restriction == "groups":
        data["groups"] = [group.pk]
    response = client.post(f"/admin/pages/{page.pk}/privacy/", data)
    assert response.status_code == 200 and response.json()["step"] == "set_privacy_done", response.content[:500]


def audience(page):
    document = SearchDocument.objects.filter(object_id=page.pk).exclude(kind="school").first()
    return document.audience if document else None


def acting_client(client, who, site):
    user = site["coordinator"] if who == "coordinator" else UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["superuser", "coordinator"])
@pytest.mark.parametrize("restriction", RESTRICTIONS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_restricted_page_is_deleted_from_the_admin(client, site, kind, restriction, who):
    page = make_target(kind, site["network"])
    group = Group.objects.get(name=coordinator_group_name(site["network"]))
    client = acting_client(client, who, site)
    restrict(client, page, restriction, group)
    expected = AUDIENCE.get(restriction, [f"group:{group.pk}"])
    assert audience(page) == expected
    before = ledger()

    assert client.get(f"/admin/pages/{page.pk}/delete/").status_code == 200
    response = client.post(f"/admin/pages/{page.pk}/delete/")

    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == f"/admin/pages/{page.get_parent().pk}/"
    assert not Page.objects.filter(pk=page.pk).exists()
    assert not PageViewRestriction.objects.filter(page_id=page.pk).exists()
    assert audience(page) is None
    assert audience(site["bystander"]) == ["public"]
    # Exactly the page, its revisions, its restriction and (unless a password
    # kept it out) its index rows went; nothing else changed.
    after = ledger()
    indexed = 0 if restriction == "password" else 1
    assert after["pages"] == before["pages"] - 1
    assert after["restrictions"] == before["restrictions"] - 1
    assert after["search_documents"] == before["search_documents"] - indexed
    assert after["search_matches"] == before["search_matches"] - indexed
    assert set(changes(before, after)) <= {
        "pages",
        "revisions",
        "restrictions",
        "search_documents",
        "search_matches",
        "page_titles",
        "search_titles",
    }


def test_a_restricted_network_with_restricted_children_is_deleted_whole(admin_client, site):
    network = site["network"]
    practice = make_practice(network, "Práctica reservada")
    session = make_session(network, datetime.date(2027, 5, 3))
    instrument = make_instrument(network, "Pauta reservada")
    group = Group.objects.get(name=coordinator_group_name(network))
    restrict(admin_client, network, "login", group)
    restrict(admin_client, session, "groups", group)
    restrict(admin_client, instrument, "password", group)
    assert [audience(page) for page in (network, practice, session, instrument)] == [
        ["login"],
        ["login"],
        [f"group:{group.pk}"],
        None,
    ]
    before = ledger()

    response = admin_client.post(f"/admin/pages/{network.pk}/delete/")

    assert response.status_code == 302, response.content[:500]
    pks = [network.pk, practice.pk, session.pk, instrument.pk]
    assert not Page.objects.filter(pk__in=pks).exists()
    assert not SearchDocument.objects.filter(object_id__in=pks).exclude(kind="school").exists()
    after = ledger()
    assert after["pages"] == before["pages"] - 4
    assert after["restrictions"] == before["restrictions"] - 3
    assert after["search_documents"] == before["search_documents"] - 3
    assert audience(site["bystander"]) == ["public"]


def test_removing_a_restriction_alone_makes_the_page_public_again(client, site):
    """The fix must not stop the ordinary case: privacy back to public re-indexes."""
    page = make_practice(site["network"], "Práctica reservada")
    client = acting_client(client, "coordinator", site)
    group = Group.objects.get(name=coordinator_group_name(site["network"]))
    restrict(client, page, "groups", group)
    assert audience(page) == [f"group:{group.pk}"]
    restrict(client, page, "none", group)
    assert audience(page) == ["public"]
    restrict(client, page, "password", group)
    assert audience(page) is None
    PageViewRestriction.objects.filter(page=page).delete()  # a bulk delete, as a script would
    assert audience(page) == ["public"]
