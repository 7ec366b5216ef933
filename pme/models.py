"""Each school's Plan de Mejoramiento Educativo (PME): a four-year cycle of
strategic objectives per dimension, yearly phases, and the actions that carry
them out, followed through progress milestones and means of verification."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from rme_portal.fields import ChoiceArrayField

from .dimensions import Dimension, Subdimension, subdimension_belongs

CYCLE_YEARS = 4


class Phase(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic phase")
    ANNUAL_PLANNING = "annual_planning", _("Annual planning")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")


class PhaseState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PARTIAL = "partial", _("Partially recorded")
    SENT = "sent", _("Sent to the school owner")


class Funding(models.TextChoices):
    SEP = "sep", _("SEP (preferential school subsidy)")
    PIE = "pie", _("PIE")
    FAEP = "faep", _("FAEP")
    MAINTENANCE = "mantenimiento", _("Maintenance subsidy")
    GENERAL = "general", _("General subsidy")
    OTHER = "other", _("Other")


class ImprovementPlan(ClusterableModel):
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="improvement_plans", verbose_name=_("school")
    )
    cycle_start = models.PositiveSmallIntegerField(
        _("first year of the cycle"), validators=[MinValueValidator(2010), MaxValueValidator(2100)]
    )

    panels = [
        FieldPanel("school"),
        FieldPanel("cycle_start"),
        InlinePanel("phases", heading=_("Phases"), label=_("phase")),
        InlinePanel("objectives", heading=_("Strategic objectives"), label=_("strategic objective")),
    ]

    class Meta:
        ordering = ["school__name", "-cycle_start"]
        verbose_name = _("improvement plan (PME)")
        verbose_name_plural = _("improvement plans (PME)")
        constraints = [models.UniqueConstraint(fields=["school", "cycle_start"], name="unique_plan_per_cycle")]

    def __str__(self):
        return f"PME {self.cycle_label} · {self.school.name}"

    @property
    def cycle_end(self) -> int:
        return self.cycle_start + CYCLE_YEARS - 1

    @property
    def cycle_label(self) -> str:
        return f"{self.cycle_start}–{self.cycle_end}"


class PhaseStatus(Orderable):
    plan = ParentalKey(ImprovementPlan, on_delete=models.CASCADE, related_name="phases")
    year = models.PositiveSmallIntegerField(_("year"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    status = models.CharField(_("status"), max_length=20, choices=PhaseState.choices, default=PhaseState.NOT_STARTED)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("phase"), FieldPanel("status")])]

    class Meta(Orderable.Meta):
        verbose_name = _("phase status")
        verbose_name_plural = _("phase statuses")
        constraints = [models.UniqueConstraint(fields=["plan", "year", "phase"], name="unique_phase_per_year")]


class StrategicObjective(Orderable):
    plan = ParentalKey(ImprovementPlan, on_delete=models.CASCADE, related_name="objectives")
    dimension = models.CharField(_("dimension"), max_length=30, choices=Dimension.choices)
    text = models.TextField(_("objective"))

    panels = [FieldPanel("dimension"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")

    def __str__(self):
        return self.text[:120]


class PlanActionQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate each action's progress: the mean of its milestones."""
        return self.annotate(progress_annotated=Avg("milestones__progress"))


class PlanAction(ClusterableModel):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    objective = models.ForeignKey(
        StrategicObjective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("strategic objective"),
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    dimension = models.CharField(_("dimension"), max_length=30, choices=Dimension.choices)
    subdimension = models.CharField(_("sub-dimension"), max_length=30, choices=Subdimension.choices, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    responsible = models.CharField(_("responsible"), max_length=120)
    resources = models.TextField(_("resources"), blank=True)
    funding = ChoiceArrayField(
        models.CharField(max_length=20, choices=Funding.choices), default=list, blank=True, verbose_name=_("funding")
    )
    uses_ate = models.BooleanField(_("uses an ATE (technical assistance)"), default=False)

    objects = PlanActionQuerySet.as_manager()

    panels = [
        FieldPanel("plan"),
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("dimension"), FieldPanel("subdimension")]), FieldPanel("objective")],
            heading=_("Dimension"),
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("responsible"),
        FieldPanel("resources"),
        FieldRowPanel([FieldPanel("funding"), FieldPanel("uses_ate")]),
        InlinePanel("milestones", heading=_("Progress milestones"), label=_("milestone")),
        InlinePanel("evidence", heading=_("Means of verification"), label=_("means of verification")),
    ]

    class Meta:
        ordering = ["start_date", "name"]
        verbose_name = _("PME action")
        verbose_name_plural = _("PME actions")

    def __str__(self):
        return f"{self.name} ({self.plan.school.name}, PME {self.plan.cycle_label})"

    def clean(self):
        errors = {}
        if self.subdimension and not subdimension_belongs(self.subdimension, [self.dimension]):
            errors["subdimension"] = _("This sub-dimension belongs to another dimension.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot come before the start.")
        if self.objective_id and self.plan_id and self.objective.plan_id != self.plan_id:
            errors["objective"] = _("The objective belongs to another plan.")
        if errors:
            raise ValidationError(errors)

    @property
    def progress(self) -> int | None:
        """Percentage, from the milestones: their mean progress. None without milestones."""
        if hasattr(self, "progress_annotated"):
            value = self.progress_annotated
        else:
            values = [milestone.progress for milestone in self.milestones.all()]
            value = sum(values) / len(values) if values else None
        return None if value is None else round(value)


class Milestone(Orderable):
    """A hito de progreso: what should be done by when, and how far it is."""

    action = ParentalKey(PlanAction, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(_("description"), max_length=255)
    due_date = models.DateField(_("due date"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    panels = [FieldPanel("description"), FieldRowPanel([FieldPanel("due_date"), FieldPanel("progress")])]

    class Meta(Orderable.Meta):
        verbose_name = _("progress milestone")
        verbose_name_plural = _("progress milestones")

    def __str__(self):
        return self.description


class Evidence(Orderable):
    """A medio de verificación: a file or a link showing the action happened."""

    action = ParentalKey(PlanAction, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    url = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("means of verification")
        verbose_name_plural = _("means of verification")

    def __str__(self):
        return self.title
