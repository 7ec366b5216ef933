from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .chooser import PlanActionChooserViewSet
from .models import ImprovementPlan, PlanAction


class ImprovementPlanViewSet(SnippetViewSet):
    model = ImprovementPlan
    icon = "doc-full"
    menu_label = _("Plans")
    list_display = ["school", "cycle_label"]
    list_filter = ["cycle_start"]
    list_per_page = 50

    def get_queryset(self, request):
        return ImprovementPlan.objects.select_related("school")


class PlanActionViewSet(SnippetViewSet):
    model = PlanAction
    icon = "tasks"
    menu_label = _("Actions")
    list_display = ["name", "plan", "dimension", "end_date"]
    list_filter = ["dimension", "uses_ate"]
    list_per_page = 50
    chooser_viewset_class = PlanActionChooserViewSet

    def get_queryset(self, request):
        return PlanAction.objects.select_related("plan__school")


class PmeViewSetGroup(SnippetViewSetGroup):
    items = (ImprovementPlanViewSet, PlanActionViewSet)
    menu_label = _("Improvement plans (PME)")
    menu_icon = "doc-full-inverse"
    menu_order = 260


register_snippet(PmeViewSetGroup)
