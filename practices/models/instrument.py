from django import forms
from django.db import models
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from rme_portal.choices import labels_of
from rme_portal.fields import ChoiceArrayField
from schools.teaching import Level

from ..blocks import InstrumentSectionBlock
from ..choices import Framework, InstrumentType, Licence, Subject
from ..references import NetworkContentPageForm
from .base import AdoptionBase, AttachmentBase, NetworkContentMixin
from .panels import network_content_tabs

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class InstrumentPage(RoutablePageMixin, NetworkContentMixin, Page):
    """A classroom-support instrument (observation guide, rubric, checklist…),
    written as Mineduc writes its tools: purpose, description, guidance."""

    summary = models.TextField(_("summary"), max_length=500, help_text=_("Shown in lists and search results."))
    instrument_type = models.CharField(_("instrument type"), max_length=30, choices=InstrumentType.choices)
    purpose = RichTextField(_("purpose"), features=PARAGRAPH_FEATURES, blank=True)
    description = RichTextField(_("description"), features=PARAGRAPH_FEATURES, blank=True)
    guidance = RichTextField(_("guidance for use"), features=PARAGRAPH_FEATURES, blank=True)
    structure = StreamField(
        [("section", InstrumentSectionBlock())], blank=True, verbose_name=_("sections, criteria and levels")
    )
    framework = models.CharField(_("framework it refers to"), max_length=30, choices=Framework.choices, blank=True)
    levels = ChoiceArrayField(
        models.CharField(max_length=20, choices=Level.choices), default=list, blank=True, verbose_name=_("levels")
    )
    subjects = ChoiceArrayField(
        models.CharField(max_length=30, choices=Subject.choices), default=list, blank=True, verbose_name=_("subjects")
    )
    topics = ParentalManyToManyField(
        "practices.Topic", blank=True, related_name="instruments", verbose_name=_("topics")
    )
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY_SA)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("instrument_type"), FieldPanel("framework")]),
        FieldPanel("purpose"),
        FieldPanel("description"),
        FieldPanel("guidance"),
        FieldPanel("structure"),
        InlinePanel("attachments", heading=_("Files"), label=_("file")),
    ]
    classification_panels = [
        FieldPanel("levels"),
        FieldPanel("subjects"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("licence"),
    ]
    edit_handler = network_content_tabs(content_panels, classification_panels, _("Instrument"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("description"),
        index.SearchField("guidance"),
    ]

    base_form_class = NetworkContentPageForm

    parent_page_types = ["networks.NetworkPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def get_levels_display(self) -> list[str]:
        return labels_of(Level, self.levels)

    def get_subjects_display(self) -> list[str]:
        return labels_of(Subject, self.subjects)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import instrument_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(instrument_detail(self, request.user))
        return context

    @path("imprimir/", name="print")
    def print_view(self, request):
        """The instrument alone, laid out for paper."""
        return render(request, "practices/instrument_print.html", self.get_context(request))


class InstrumentAttachment(AttachmentBase):
    page = ParentalKey(InstrumentPage, on_delete=models.CASCADE, related_name="attachments")


class InstrumentAdoption(AdoptionBase):
    page = ParentalKey(InstrumentPage, on_delete=models.CASCADE, related_name="adoptions")

    class Meta(AdoptionBase.Meta):
        verbose_name = _("PME adoption")
        verbose_name_plural = _("PME adoptions")
        constraints = [models.UniqueConstraint(fields=["page", "action"], name="unique_instrument_adoption")]
