"""The coordinator boundary, proved through the Wagtail admin over HTTP."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from networks.coordinators import coordinator_assign, coordinator_group_name, coordinator_remove
from networks.models import NetworkCoordinator, NetworkPage
from tests.admin_forms import as_post, form_data
from tests.factories import SchoolFactory, UserFactory, make_network, network_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks():
    return (
        make_network("Red A", schools=SchoolFactory.create_batch(2)),
        make_network("Red B", region_id=10, schools=SchoolFactory.create_batch(2)),
    )


@pytest.fixture
def coordinator_of_a(client, networks):
    user = UserFactory(username="coordinadora.a")
    coordinator_assign(networks[0], user)
    client.force_login(user)
    return client


def assert_refused(response):
    # Wagtail answers a missing permission by sending the user back to the
    # admin's dashboard with an error message.
    assert response.status_code == 302 and response["Location"] == "/admin/"


STREAM_FIELDS = ("mobilisation", "collaboration", "learnings", "projections")


def edit_form(client, page):
    """The admin's edit form as the browser would post it. StreamFields are
    drawn by JavaScript, so their current items are added as the editor sends them."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = form_data(response.content.decode())
    data.update(
        nested_form_data(
            {
                name: streamfield([(block.block_type, block.value) for block in getattr(page, name)])
                for name in STREAM_FIELDS
            }
        )
    )
    return data


def test_a_coordinator_edits_and_publishes_their_network(coordinator_of_a, networks):
    network_a, _ = networks
    data = edit_form(coordinator_of_a, network_a)
    data["title"] = "Red A, renovada"
    data["key_idea"] = "Confianza entre pares."
    data.update(nested_form_data({"learnings": streamfield([("item", "Aprendimos a observar clases juntos.")])}))
    data["action-publish"] = "action-publish"
    response = coordinator_of_a.post(f"/admin/pages/{network_a.pk}/edit/", as_post(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    network_a = NetworkPage.objects.get(pk=network_a.pk)
    assert network_a.title == "Red A, renovada" and network_a.key_idea == "Confianza entre pares."
    assert [block.value for block in network_a.learnings] == ["Aprendimos a observar clases juntos."]
    assert network_a.live and not network_a.has_unpublished_changes
    # The member schools and their roles came back unchanged through the form.
    assert [m.roles for m in network_a.memberships.all()] == [["director", "utp"], ["director", "utp"]]


def test_a_coordinator_is_refused_on_another_network(coordinator_of_a, networks):
    _, network_b = networks
    assert_refused(coordinator_of_a.get(f"/admin/pages/{network_b.pk}/edit/"))

    response = coordinator_of_a.post(
        f"/admin/pages/{network_b.pk}/edit/", {"title": "Tomada", "slug": "red-b", "action-publish": "1"}
    )
    assert_refused(response)
    assert NetworkPage.objects.get(pk=network_b.pk).title == "Red B"
    assert not Page.objects.get(pk=network_b.pk).specific.has_unpublished_changes


def test_a_coordinator_cannot_add_networks_or_touch_the_rest_of_the_tree(coordinator_of_a, networks):
    index = network_index()
    assert_refused(coordinator_of_a.get(f"/admin/pages/add/networks/networkpage/{index.pk}/"))
    assert_refused(coordinator_of_a.get(f"/admin/pages/{index.pk}/edit/"))
    assert_refused(coordinator_of_a.get(f"/admin/pages/{index.get_parent().pk}/edit/"))
    assert NetworkPage.objects.count() == 2


def test_the_explorer_shows_a_coordinator_only_their_network(coordinator_of_a, networks):
    network_a, _ = networks
    response = coordinator_of_a.get("/admin/pages/")
    # Wagtail opens the explorer at the coordinator's own network.
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{network_a.pk}/"
    response = coordinator_of_a.get(response["Location"])
    text = response.content.decode()
    assert "Red A" in text and "Red B" not in text


def test_removing_the_coordinator_takes_the_access_away(client, networks):
    network_a, _ = networks
    user = UserFactory()
    coordinator_assign(network_a, user)
    assert Group.objects.filter(name=coordinator_group_name(network_a), user=user).exists()
    coordinator_remove(network_a, user)
    assert not Group.objects.filter(name=coordinator_group_name(network_a)).exists()
    client.force_login(user)
    response = client.get(f"/admin/pages/{network_a.pk}/edit/")
    # No longer allowed into the admin at all: sent to the login page.
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_administrator_assigns_a_coordinator_in_the_admin(admin_client, networks, client):
    network_a, network_b = networks
    user = UserFactory(username="director.b")
    response = admin_client.get("/admin/snippets/networks/networkcoordinator/add/")
    assert response.status_code == 200
    response = admin_client.post(
        "/admin/snippets/networks/networkcoordinator/add/", {"network": network_b.pk, "user": user.pk}
    )
    assert response.status_code == 302
    assert NetworkCoordinator.objects.filter(network=network_b, user=user).exists()
    client.force_login(user)
    assert client.get(f"/admin/pages/{network_b.pk}/edit/").status_code == 200
    assert_refused(client.get(f"/admin/pages/{network_a.pk}/edit/"))


def test_coordinators_cannot_assign_coordinators(coordinator_of_a, networks):
    assert_refused(coordinator_of_a.get("/admin/snippets/networks/networkcoordinator/add/"))
