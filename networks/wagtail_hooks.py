from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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


register_snippet(NetworkCoordinatorViewSet)
