from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    """The managed vocabulary: editors with the snippet's permissions maintain it."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["name", "slug"]
    search_fields = None


register_snippet(TopicViewSet)
