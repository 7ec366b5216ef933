"""Admin views: the year planner and duplicating a session."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permission_policies.pages import PagePermissionPolicy

from networks.models import NetworkPage
from schools.models import School

from .models import SessionPage
from .planner import YearPlanForm
from .rotation import next_session_date, propose_rotation
from .services import session_duplicate, sessions_plan_year


def _plannable_networks(user):
    """Networks under which the user may add pages (coordinators: their own)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return NetworkPage.objects.filter(pk__in=pages.values("pk")).order_by("title")


def _hosted_before(network) -> dict[int, int]:
    counts: dict[int, int] = {}
    for rbd in (
        SessionPage.objects.filter(network=network).exclude(host_school=None).values_list("host_school_id", flat=True)
    ):
        counts[rbd] = counts.get(rbd, 0) + 1
    return counts


def planner(request):
    networks = _plannable_networks(request.user)
    if not networks.exists():
        raise PermissionDenied
    # ?network=<id> (from a network's page) preselects it, if the user may plan it.
    initial = {}
    requested = request.GET.get("network", "")
    if requested.isdigit() and networks.filter(pk=requested).exists():
        initial["network"] = int(requested)
    form = YearPlanForm(request.POST or None, networks=networks, initial=initial)
    proposal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = propose_rotation(
            data["members"],
            data["session_dates"],
            pins=data["pin_map"],
            hosted_before=_hosted_before(data["network"]),
            key=lambda school: school.rbd,
        )
        if "confirm" in request.POST:
            created = sessions_plan_year(
                network=data["network"],
                year=data["year"],
                plan=proposal,
                start_time=data["start_time"],
                end_time=data["end_time"],
                template=data["template"],
                objectives=data["objectives"],
                user=request.user,
            )
            messages.success(
                request,
                _("%(count)s draft sessions created for %(network)s. Review and publish each one.")
                % {"count": len(created), "network": data["network"].title},
            )
            return redirect("wagtailadmin_explore", data["network"].pk)
    return TemplateResponse(
        request,
        "meetings/admin/planner.html",
        {"form": form, "proposal": proposal, "page_title": _("Plan the year's sessions"), "header_icon": "date"},
    )


def _school_label(school) -> str:
    return f"{school.display_name} (RBD {school.rbd_display})"


class DuplicateForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("New date"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        help_text=gettext_lazy(
            "Proposed: the same weekday of the month, a month later; January and February (the summer holidays) "
            "are skipped."
        ),
    )
    host_school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        label=gettext_lazy("Host school"),
        help_text=gettext_lazy("A new host's name replaces the old one's in the title and the objective."),
    )

    def __init__(self, *args, network, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["host_school"].queryset = School.objects.filter(memberships__network=network).order_by("name")
        # The directory's names are in capitals: list the display names.
        self.fields["host_school"].label_from_instance = lambda school: (
            f"{school.display_name} (RBD {school.rbd_display})"
        )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < self.today:
            raise forms.ValidationError(_("The new date is in the past."))
        return day


def duplicate(request, page_id: int):
    session = get_object_or_404(SessionPage, pk=page_id)
    network = session.get_parent().specific
    if not network.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    today = timezone.localdate()
    form = DuplicateForm(
        request.POST or None,
        network=network,
        today=today,
        # Same nth weekday a month on, skipping the summer holidays and the past.
        initial={"date": next_session_date(session.date, today), "host_school": session.host_school_id},
    )
    if request.method == "POST" and form.is_valid():
        new = session_duplicate(
            session, day=form.cleaned_data["date"], host=form.cleaned_data["host_school"], user=request.user
        )
        messages.success(request, _("Session duplicated as a draft: %(title)s") % {"title": new.title})
        return redirect("wagtailadmin_pages:edit", new.pk)
    return TemplateResponse(
        request,
        "meetings/admin/duplicate.html",
        {"form": form, "session": session, "page_title": _("Duplicate a session"), "header_icon": "copy"},
    )
