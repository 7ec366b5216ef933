from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import PrincipleBlock, YearlyCountBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HomePage(Page):
    """The portal's front page: what an RME is, national figures, and a way in
    for coordinators, directors and supervisors."""

    lead = models.TextField(_("lead"), blank=True, help_text=_("A sentence under the portal's name."))
    what_is = RichTextField(_("what is an RME"), features=PARAGRAPH_FEATURES, blank=True)
    how_it_works = RichTextField(_("how an RME works"), features=PARAGRAPH_FEATURES, blank=True)
    what_it_does = RichTextField(_("what an RME does"), features=PARAGRAPH_FEATURES, blank=True)
    principles = StreamField([("principle", PrincipleBlock())], blank=True, verbose_name=_("principles"))
    yearly_counts = StreamField(
        [("year", YearlyCountBlock())], blank=True, verbose_name=_("networks per year (national figures)")
    )
    figures_source = models.CharField(_("source of the figures"), max_length=255, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("what_is"), FieldPanel("how_it_works"), FieldPanel("what_it_does"), FieldPanel("principles")],
            heading=_("About the networks"),
        ),
        MultiFieldPanel([FieldPanel("yearly_counts"), FieldPanel("figures_source")], heading=_("National figures")),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import portal_figures

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = portal_figures()
        return context
