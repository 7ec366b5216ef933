"""The year planner's form: dates from months and a weekday (or listed one
by one), dates to skip, pinned hosts, and the checks a supervisor needs."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import NetworkPage
from schools.models import School

from .models import AgendaTemplate
from .rotation import monthly_dates

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]
WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday"))]
WEEKS = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (-1, _("last"))]


def parse_dates(text: str, field: str) -> list[datetime.date]:
    dates, wrong = [], []
    for line in text.replace(",", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            dates.append(_parse_date(line))
        except ValueError:
            wrong.append(line)
    if wrong:
        raise forms.ValidationError(
            _("These are not real calendar dates (use YYYY-MM-DD or DD-MM-YYYY): %(dates)s"),
            params={"dates": ", ".join(wrong)},
        )
    return dates


def _parse_date(text: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


class YearPlanForm(forms.Form):
    network = forms.ModelChoiceField(queryset=NetworkPage.objects.none(), label=_("Network"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    months = forms.TypedMultipleChoiceField(
        choices=MONTHS, coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label=_("Months")
    )
    weekday = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, label=_("Weekday"))
    week_of_month = forms.TypedChoiceField(choices=WEEKS, coerce=int, label=_("Week of the month"))
    dates = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Or these dates"),
        help_text=_("One per line (YYYY-MM-DD). Used instead of months and weekday when given."),
    )
    skip = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Dates to skip"),
        help_text=_("Holidays, school events… one per line."),
    )
    start_time = forms.TimeField(label=_("Start time"), initial=datetime.time(9, 0))
    end_time = forms.TimeField(label=_("End time"), initial=datetime.time(12, 30))
    pins = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Pinned hosts"),
        help_text=_("One per line: date and the host school's RBD, e.g. 2026-05-14 2359."),
    )
    template = forms.ModelChoiceField(queryset=AgendaTemplate.objects.all(), required=False, label=_("Agenda template"))
    objectives = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Common objectives of the year"),
        help_text=_("One per line."),
    )

    def __init__(self, *args, networks=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        networks = networks if networks is not None else NetworkPage.objects.all()
        self.fields["network"].queryset = networks
        # A coordinator of one network has nothing to choose: the network is
        # fixed (the template names it) instead of "- Select an option -".
        only = list(networks[:2])
        self.single_network = only[0] if len(only) == 1 else None
        if self.single_network:
            self.initial["network"] = self.single_network.pk
            self.fields["network"].widget = forms.HiddenInput()
        self.today = today or timezone.localdate()
        self.fields["year"].initial = self.today.year + (1 if self.today.month >= 11 else 0)

    def clean_time_range(self, cleaned):
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))

    def clean(self):
        cleaned = super().clean()
        self.clean_time_range(cleaned)
        network = cleaned.get("network")
        year = cleaned.get("year")
        if not network or not year:
            return cleaned
        members = list(School.objects.filter(memberships__network=network).order_by("name"))
        if len(members) < 2:
            raise forms.ValidationError(
                _(
                    "%(network)s has %(count)s member school(s): a rotation of hosts needs at least two. "
                    "Add the member schools to the network, or create its sessions one by one."
                ),
                params={"network": network.title, "count": len(members)},
            )
        try:
            skip = parse_dates(cleaned.get("skip", ""), "skip")
            listed = parse_dates(cleaned.get("dates", ""), "dates")
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        if listed:
            dates = sorted(set(listed) - set(skip))
        elif cleaned.get("months"):
            dates = monthly_dates(year, cleaned["months"], cleaned["weekday"], cleaned["week_of_month"], skip)
        else:
            raise forms.ValidationError(_("Choose the months of the sessions, or list their dates."))
        if not dates:
            raise forms.ValidationError(_("No session date is left after the dates to skip."))
        past = [day for day in dates if day < self.today]
        if past:
            raise forms.ValidationError(
                _("These dates are in the past: %(dates)s. Plan sessions from today on."),
                params={"dates": ", ".join(day.strftime("%d-%m-%Y") for day in past)},
            )
        by_rbd = {school.rbd: school for school in members}
        pins = {}
        for line in (cleaned.get("pins") or "").splitlines():
            if not line.strip():
                continue
            parts = line.split()
            try:
                day, rbd = _parse_date(parts[0]), int(parts[1].split("-")[0])
            except (ValueError, IndexError):
                raise forms.ValidationError(
                    _("Pinned host not understood: %(line)s (write the date and the RBD)."), params={"line": line}
                ) from None
            if rbd not in by_rbd:
                raise forms.ValidationError(
                    _("RBD %(rbd)s is not a member school of the network."), params={"rbd": rbd}
                )
            if day not in dates:
                raise forms.ValidationError(
                    _("The pinned date %(date)s is not one of the session dates."), params={"date": parts[0]}
                )
            pins[day] = by_rbd[rbd]
        cleaned.update(members=members, session_dates=dates, pin_map=pins)
        return cleaned
