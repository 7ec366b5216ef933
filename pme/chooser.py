"""The admin's PME action chooser: search by action, school name or RBD.

A coordinator is offered only the actions of the member schools of the
networks they edit (the same boundary practices.references enforces when the
page is saved); administrators see every action."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from .dimensions import Dimension
from .models import PlanAction


class PlanActionFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Action, school or RBD"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Action, school or RBD")}),
    )
    dimension = forms.ChoiceField(
        choices=[("", _("All dimensions")), *Dimension.choices], required=False, label=_("Dimension")
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if self.cleaned_data.get("dimension"):
            objects = objects.filter(dimension=self.cleaned_data["dimension"])
        if query:
            self.is_searching = True
            self.search_query = query
            rbd = query.split("-")[0].strip()
            if rbd.isdigit():
                return objects.filter(plan__school_id=int(rbd))
            for word in query.split()[:8]:
                objects = objects.filter(
                    Q(name__unaccent__icontains=word) | Q(plan__school__name__unaccent__icontains=word)
                )
        return objects


class PlanActionChooseMixin:
    filter_form_class = PlanActionFilterForm

    def get_object_list(self):
        actions = PlanAction.objects.select_related("plan__school").order_by("plan__school__name", "name")
        user = self.request.user
        if user.is_superuser:
            return actions
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change").values("pk")
        members = PlanAction.objects.filter(plan__school__memberships__network__in=editable).values("pk")
        return actions.filter(pk__in=members)

    @property
    def columns(self):
        return [
            self.title_column,
            Column("dimension", label=_("Dimension"), accessor="get_dimension_display"),
            Column("cycle", label=_("Cycle"), accessor=lambda action: action.plan.cycle_label),
        ]


class PlanActionChooseView(PlanActionChooseMixin, ChooseView):
    pass


class PlanActionChooseResultsView(PlanActionChooseMixin, ChooseResultsView):
    pass


class PlanActionChooserViewSet(SnippetChooserViewSet):
    choose_one_text = _("Choose a PME action")
    choose_another_text = _("Choose another PME action")
    choose_view_class = PlanActionChooseView
    choose_results_view_class = PlanActionChooseResultsView
