"""The admin's school chooser: find a school by name (any accents, any case,
words in any order) or by RBD, optionally within a region."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from territories.models import Region

from .models import School


class SchoolFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Name or RBD"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or RBD")}),
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), required=False, label=_("Region"), empty_label=_("All regions")
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        region = self.cleaned_data.get("region")
        if region:
            objects = objects.filter(commune__province__region=region)
        if query:
            self.is_searching = True
            self.search_query = query
            objects = school_search(objects, query)
        return objects


def school_search(objects, query: str):
    """An RBD (with or without its check digit), or words that must each
    appear in the school's name or its commune's ("espana arica")."""
    rbd_text = query.split("-")[0].strip()
    if rbd_text.isdigit():
        return objects.filter(rbd=int(rbd_text))
    for word in query.split()[:8]:
        objects = objects.filter(Q(name__unaccent__icontains=word) | Q(commune__name__unaccent__icontains=word))
    return objects


class SchoolChooseMixin:
    filter_form_class = SchoolFilterForm

    def get_object_list(self):
        return School.objects.select_related("commune").order_by("name")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("rbd", label=_("RBD"), accessor="rbd_display"),
            Column("commune", label=_("Commune"), accessor="commune"),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class SchoolChooseView(SchoolChooseMixin, ChooseView):
    pass


class SchoolChooseResultsView(SchoolChooseMixin, ChooseResultsView):
    pass


class SchoolChooserViewSet(ChooserViewSet):
    model = School
    icon = "home"
    choose_one_text = _("Choose a school")
    choose_another_text = _("Choose another school")
    edit_item_text = _("Edit school")
    choose_view_class = SchoolChooseView
    choose_results_view_class = SchoolChooseResultsView
    per_page = 20


school_chooser_viewset = SchoolChooserViewSet("school_chooser")
