from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pme.dimensions import Dimension, Subdimension, subdimension_belongs
from rme_portal.choices import labels_of
from rme_portal.fields import ChoiceArrayField
from schools.teaching import Level

from ..blocks import DifficultyBlock, StepBlock
from ..choices import EVIDENCE_LEVEL_EXPLANATIONS, EvidenceLevel, Participant, Stage
from ..references import NetworkContentPageForm
from .base import AdoptionBase, AttachmentBase, NetworkContentMixin
from .panels import network_content_tabs

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class PracticePage(NetworkContentMixin, Page):
    """A collaborative practice: what a network did, how, with what result,
    and how another school can take it up."""

    summary = models.TextField(_("summary"), max_length=500, help_text=_("Shown in lists and search results."))
    need = RichTextField(_("the need it answered"), features=PARAGRAPH_FEATURES, blank=True)
    steps = StreamField([("step", StepBlock())], blank=True, verbose_name=_("what the members do, step by step"))
    participants = ChoiceArrayField(
        models.CharField(max_length=30, choices=Participant.choices),
        default=list,
        blank=True,
        verbose_name=_("who takes part"),
    )
    resources = RichTextField(_("resources and instruments used"), features=PARAGRAPH_FEATURES, blank=True)
    results = RichTextField(_("results and evidence"), features=PARAGRAPH_FEATURES, blank=True)
    evidence_level = models.PositiveSmallIntegerField(
        _("evidence level"), choices=EvidenceLevel.choices, default=EvidenceLevel.TESTIMONY
    )
    difficulties = StreamField(
        [("difficulty", DifficultyBlock())], blank=True, verbose_name=_("difficulties and how they were handled")
    )
    adaptation = RichTextField(_("how to adapt it to another school"), features=PARAGRAPH_FEATURES, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IN_PROGRESS)
    dimensions = ChoiceArrayField(
        models.CharField(max_length=30, choices=Dimension.choices), default=list, verbose_name=_("PME dimensions")
    )
    subdimension = models.CharField(_("PME sub-dimension"), max_length=30, choices=Subdimension.choices, blank=True)
    topics = ParentalManyToManyField("practices.Topic", blank=True, related_name="practices", verbose_name=_("topics"))
    levels = ChoiceArrayField(
        models.CharField(max_length=20, choices=Level.choices), default=list, blank=True, verbose_name=_("levels")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("need"),
        FieldPanel("steps"),
        FieldPanel("participants"),
        FieldPanel("resources"),
        InlinePanel("attachments", heading=_("Files"), label=_("file")),
        InlinePanel("instrument_links", heading=_("Instruments of the portal it uses"), label=_("instrument")),
        MultiFieldPanel([FieldPanel("evidence_level"), FieldPanel("results")], heading=_("Results")),
        FieldPanel("difficulties"),
        FieldPanel("adaptation"),
    ]
    classification_panels = [
        FieldRowPanel([FieldPanel("stage"), FieldPanel("subdimension")]),
        FieldPanel("dimensions"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("levels"),
    ]
    edit_handler = network_content_tabs(content_panels, classification_panels, _("Practice"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("need"),
        index.SearchField("results"),
        index.SearchField("adaptation"),
    ]

    base_form_class = NetworkContentPageForm

    parent_page_types = ["networks.NetworkPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("collaborative practice")
        verbose_name_plural = _("collaborative practices")

    def clean(self):
        super().clean()
        if self.subdimension and not subdimension_belongs(self.subdimension, self.dimensions):
            raise ValidationError({"subdimension": _("Choose a sub-dimension of one of the practice's dimensions.")})

    @property
    def evidence_explanation(self):
        return EVIDENCE_LEVEL_EXPLANATIONS[EvidenceLevel(self.evidence_level)]

    def get_dimensions_display(self) -> list[str]:
        return labels_of(Dimension, self.dimensions)

    def get_levels_display(self) -> list[str]:
        return labels_of(Level, self.levels)

    def get_participants_display(self) -> list[str]:
        return labels_of(Participant, self.participants)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import practice_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_detail(self, request.user))
        return context


class PracticeInstrument(Orderable):
    practice = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="instrument_links")
    instrument = models.ForeignKey(
        "practices.InstrumentPage",
        on_delete=models.CASCADE,
        related_name="practice_links",
        verbose_name=_("instrument"),
    )

    panels = [FieldPanel("instrument")]

    class Meta(Orderable.Meta):
        verbose_name = _("instrument used")
        verbose_name_plural = _("instruments used")
        constraints = [models.UniqueConstraint(fields=["practice", "instrument"], name="unique_practice_instrument")]


class PracticeAttachment(AttachmentBase):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")


class PracticeAdoption(AdoptionBase):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="adoptions")

    class Meta(AdoptionBase.Meta):
        verbose_name = _("PME adoption")
        verbose_name_plural = _("PME adoptions")
        constraints = [models.UniqueConstraint(fields=["page", "action"], name="unique_practice_adoption")]
