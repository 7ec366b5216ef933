from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_boundary
from .models import NetworkCoordinator


class NetworkCoordinatorViewSet(SnippetViewSet):
    """Assigning coordinators is for administrators and supervisors: the
    snippet permissions (add/change/delete network coordinator) decide who."""

    model = NetworkCoordinator
    icon = "group"
    menu_label = _("Network coordinators")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["user", "network", "created_at"]
    list_filter = ["network"]
    search_fields = None
    # Rows name coordinators: only those who may manage them may choose them.
    chooser_viewset_class = admin_boundary.PermittedSnippetChooserViewSet


register_snippet(NetworkCoordinatorViewSet)


# The admin's read boundary between networks (see admin_boundary.py). The
# orders put these after Wagtail's own registrations, which they replace.
hooks.register("construct_page_chooser_queryset", admin_boundary.page_chooser_queryset)
hooks.register("construct_admin_api", admin_boundary.admin_api_endpoints, order=100)
hooks.register("construct_reports_menu", admin_boundary.reports_menu)
hooks.register("register_admin_viewset", admin_boundary.page_viewset, order=100)
for action_class in admin_boundary.wagtail_bulk_actions():
    hooks.register("register_bulk_action", admin_boundary.bounded_bulk_action(action_class), order=100)
admin_boundary.bound_unhooked_views()
