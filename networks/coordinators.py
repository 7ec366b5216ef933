"""Coordinator permissions, kept in Wagtail's own permission tables.

Each network with coordinators has one group. The group may enter the admin
and add, edit, publish, lock and unlock pages at and below the network page,
and upload and use images and documents in the network's own collection.
Wagtail enforces these in its explorer and editor; the reads it leaves open
to every admin user (choosers, bulk actions, admin API, reports) are bounded
by networks.admin_boundary, and what a network's pages may point at by
practices.references.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

PAGE_PERMISSION_TYPES = ("add", "change", "publish", "lock", "unlock")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def coordinator_group_name(network) -> str:
    return f"Coordinación de red #{network.pk}"


def network_collection(network) -> Collection:
    """The network's own collection of images and documents (created once)."""
    name = f"{network.title} (#{network.pk})"[:255]
    root = Collection.get_first_root_node()
    for collection in root.get_children():
        if collection.name.endswith(f"(#{network.pk})"):
            if collection.name != name:
                collection.name = name
                collection.save(update_fields=["name"])
            return collection
    return root.add_child(name=name)


@transaction.atomic
def coordinator_group_sync(network) -> Group | None:
    """Make the network's group match its NetworkCoordinator rows."""
    user_ids = list(network.coordinators.values_list("user_id", flat=True))
    name = coordinator_group_name(network)
    if not user_ids:
        Group.objects.filter(name=name).delete()
        return None
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for permission_type in PAGE_PERMISSION_TYPES:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{permission_type}_page")
        GroupPagePermission.objects.get_or_create(group=group, page_id=network.pk, permission=permission)
    collection = network_collection(network)
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    group.user_set.set(user_ids)
    return group


def coordinator_assign(network, user):
    """Make ``user`` a coordinator of ``network`` (idempotent)."""
    from .models import NetworkCoordinator

    coordinator, _created = NetworkCoordinator.objects.get_or_create(network=network, user=user)
    # The post_save signal syncs the group; a repeated assignment changes nothing.
    return coordinator


def coordinator_remove(network, user) -> None:
    from .models import NetworkCoordinator

    for coordinator in NetworkCoordinator.objects.filter(network=network, user=user):
        coordinator.delete()
