from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import AgendaTemplate, NetworkYearPlan, SessionPage


@hooks.register("register_admin_urls")
def meeting_admin_urls():
    return [
        path("planificador/", views.planner, name="meetings_planner"),
        path("sesiones/<int:page_id>/duplicar/", views.duplicate, name="meetings_duplicate"),
    ]


class PlannerMenuItem(MenuItem):
    def is_shown(self, request):
        return views._plannable_networks(request.user).exists()


@hooks.register("register_admin_menu_item")
def planner_menu_item():
    return PlannerMenuItem(_("Plan the year"), reverse("meetings_planner"), icon_name="date", order=240)


class DuplicateSessionButton(PageMenuItem):
    label = _("Duplicate session")
    icon_name = "copy"

    def is_shown(self, user):
        return (
            isinstance(self.page.specific_deferred, SessionPage)
            and self.page.get_parent().permissions_for_user(user).can_add_subpage()
        )

    @property
    def url(self):
        return reverse("meetings_duplicate", args=[self.page.pk])


@hooks.register("register_page_header_buttons")
def duplicate_session_header_button(page, user, view_name, next_url=None):
    yield DuplicateSessionButton(page=page, priority=35)


@hooks.register("register_page_listing_more_buttons")
def duplicate_session_listing_button(page, user, next_url=None):
    yield DuplicateSessionButton(page=page, priority=25)


class AgendaTemplateViewSet(SnippetViewSet):
    model = AgendaTemplate
    icon = "list-ol"
    menu_label = _("Agenda templates")
    add_to_admin_menu = True
    menu_order = 245


class NetworkYearPlanViewSet(SnippetViewSet):
    model = NetworkYearPlan
    icon = "date"
    menu_label = _("Year work plans")
    add_to_admin_menu = True
    menu_order = 246
    list_display = ["network", "year"]


register_snippet(AgendaTemplateViewSet)
register_snippet(NetworkYearPlanViewSet)
