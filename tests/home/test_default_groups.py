"""Only a network's coordinators hold page rights, and only on their network:
Wagtail's default "Editors" and "Moderators" groups (rights over the whole
tree) are removed by home/migrations/0003."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from networks.coordinators import coordinator_assign, coordinator_group_name
from tests.factories import UserFactory, home_page, make_network

pytestmark = pytest.mark.django_db
COORDINATOR_GROUP = re.compile(r"Coordinación de red #\d+")
migration = importlib.import_module("home.migrations.0003_remove_wagtail_default_groups")


def test_no_group_but_coordinators_holds_rights_on_the_root_or_home_page():
    network = make_network("Red con coordinación")
    coordinator_assign(network, UserFactory())
    top_pages = [Page.get_first_root_node().pk, home_page().pk]

    holders = GroupPagePermission.objects.filter(page_id__in=top_pages).values_list("group__name", flat=True)
    assert [name for name in holders if not COORDINATOR_GROUP.fullmatch(name)] == []
    # Nor on the root collection, which every network's collection sits under.
    root_collection = Collection.get_first_root_node()
    assert not GroupCollectionPermission.objects.filter(collection=root_collection).exists()
    # The coordinators' own rights are on their network page only.
    assert set(GroupPagePermission.objects.values_list("group__name", "page_id")) == {
        (coordinator_group_name(network), network.pk)
    }
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_the_migration_removes_the_groups_with_their_rights_and_is_safe_to_repeat():
    root = Page.get_first_root_node()
    edit = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    editors = Group.objects.create(name="Editors")
    GroupPagePermission.objects.create(group=editors, page=root, permission=edit)
    member = UserFactory()
    member.groups.add(editors)
    renamed = Group.objects.create(name="Editores del portal")  # renamed by an administrator: theirs now

    migration.remove_default_groups(apps, schema_editor=None)
    migration.remove_default_groups(apps, schema_editor=None)  # already gone: nothing happens

    assert not Group.objects.filter(name="Editors").exists()
    assert not GroupPagePermission.objects.filter(page=root).exists()
    assert not member.groups.exists()
    assert Group.objects.filter(pk=renamed.pk).exists()


def test_the_default_workflow_is_named_in_spanish_for_who_approves_it():
    from wagtail.models import Task, Workflow

    assert list(Workflow.objects.values_list("name", flat=True)) == ["Aprobación de administración"]
    assert "Moderators approval" not in Task.objects.values_list("name", flat=True)
