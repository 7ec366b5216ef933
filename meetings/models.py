"""Network sessions: the plan (agenda, host school, materials), what happened
(attendance, agreements, outcomes, review board), and the year's work plan."""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from practices.models.base import NetworkContentMixin
from territories.models import SANTIAGO_TIME, region_time_zone

from .blocks import MATERIAL_BLOCKS, AgendaItemBlock
from .forms import SessionPageForm


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class AgendaTemplate(models.Model):
    """A reusable agenda the year planner copies into new sessions."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name=_("agenda"))

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("agenda")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agenda template")
        verbose_name_plural = _("agenda templates")

    def __str__(self):
        return self.name


class NetworkYearPlan(models.Model):
    """A network's work plan for a year: common objectives; its calendar is
    the network's sessions of that year."""

    network = models.ForeignKey(
        "networks.NetworkPage", on_delete=models.CASCADE, related_name="year_plans", verbose_name=_("network")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    objectives = models.TextField(_("common objectives"), blank=True, help_text=_("One per line."))

    panels = [FieldPanel("network"), FieldPanel("year"), FieldPanel("objectives")]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("year work plan")
        verbose_name_plural = _("year work plans")
        constraints = [models.UniqueConstraint(fields=["network", "year"], name="unique_year_plan")]

    def __str__(self):
        return f"{self.network} · {self.year}"

    @property
    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class SessionPage(RoutablePageMixin, NetworkContentMixin, Page):
    """One session of a network, usually hosted by a different member school each time."""

    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices, default=Modality.IN_PERSON)
    online_url = models.URLField(_("online meeting link"), blank=True)
    host_school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_sessions",
        verbose_name=_("host school"),
    )
    objective = models.TextField(_("objective"), blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, verbose_name=_("agenda"))
    materials = StreamField(MATERIAL_BLOCKS, blank=True, verbose_name=_("materials"))
    expected_participants = models.TextField(_("expected participants"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    review_best = models.TextField(_("the best"), blank=True, help_text=_("One per line."))
    review_improvable = models.TextField(_("what can improve"), blank=True, help_text=_("One per line."))
    review_next_steps = models.TextField(_("next steps"), blank=True, help_text=_("One per line."))
    review_discoveries = models.TextField(_("discoveries"), blank=True, help_text=_("One per line."))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("modality"), FieldPanel("online_url")]),
                FieldPanel("host_school"),
                FieldPanel("status"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("objective"),
        FieldPanel("agenda"),
        FieldPanel("materials"),
        FieldPanel("expected_participants"),
    ]
    after_panels = [
        InlinePanel("attendance", heading=_("Attendance"), label=_("attendee")),
        InlinePanel("agreements", heading=_("Agreements"), label=_("agreement")),
        MultiFieldPanel(
            [
                FieldPanel("review_best"),
                FieldPanel("review_improvable"),
                FieldPanel("review_next_steps"),
                FieldPanel("review_discoveries"),
            ],
            heading=_("Review board"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Plan")),
            ObjectList(after_panels, heading=_("After the session")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [*Page.search_fields, index.SearchField("objective"), index.FilterField("date")]

    base_form_class = SessionPageForm

    parent_page_types = ["networks.NetworkPage"]
    subpage_types: list[str] = []

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("network session")
        verbose_name_plural = _("network sessions")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        if self.modality in (Modality.ONLINE, Modality.HYBRID) and not self.online_url:
            errors["online_url"] = _("An online or hybrid session needs its meeting link.")
        if errors:
            raise ValidationError(errors)

    @property
    def time_zone(self) -> ZoneInfo:
        """The clock of the place the session is held in: its network's region
        (Magallanes keeps UTC−3 all year; the rest of Chile changes)."""
        return region_time_zone(self.network.region_id if self.network_id else None)

    @property
    def time_zone_label(self) -> str:
        """Shown next to times when they are not Santiago's, so a reader
        elsewhere knows whose clock 09:00 is."""
        zone = self.time_zone
        if zone == SANTIAGO_TIME:
            return ""
        return _("%(place)s time") % {"place": zone.key.rsplit("/", 1)[-1].replace("_", " ")}

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=self.time_zone)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=self.time_zone)

    @property
    def review_board(self) -> list[tuple[str, list[str]]]:
        fields = [
            (_("The best"), self.review_best),
            (_("What can improve"), self.review_improvable),
            (_("Next steps"), self.review_next_steps),
            (_("Discoveries"), self.review_discoveries),
        ]
        return [(label, [line.strip() for line in text.splitlines() if line.strip()]) for label, text in fields]

    @property
    def has_review(self) -> bool:
        return any(entries for _label, entries in self.review_board)

    def get_context(self, request, *args, **kwargs):
        from .selectors import session_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(session_detail(self, request.user))
        return context

    @path("imprimir/", name="print")
    def print_view(self, request):
        from django.shortcuts import render

        return render(request, "meetings/session_print.html", self.get_context(request))

    # The PDF and .ics files are served by meetings.feeds (file names with a
    # dot do not fit Wagtail's sub-page routes, which end in a slash).


class SessionAttendance(Orderable):
    session = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="attendance")
    person = models.CharField(_("person"), max_length=120, help_text=_("Name or role."))
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("school")
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("school")])]

    class Meta(Orderable.Meta):
        verbose_name = _("attendee")
        verbose_name_plural = _("attendance")


class SessionAgreement(Orderable):
    """An acuerdo: what was decided, who answers for it, by when; open until done."""

    session = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="agreements")
    text = models.TextField(_("agreement"))
    responsible = models.CharField(_("responsible"), max_length=120)
    due_date = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("due_date"), FieldPanel("done")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.text[:80]

    @property
    def is_overdue(self) -> bool:
        return not self.done and self.due_date < datetime.date.today()


class SessionCalendarPage(Page):
    """Upcoming sessions across networks, with the feeds to subscribe to."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("session calendar")

    def get_context(self, request, *args, **kwargs):
        from .selectors import upcoming_sessions

        context = super().get_context(request, *args, **kwargs)
        context["calendar"] = upcoming_sessions(request.GET, request.user)
        return context
