from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class PracticeIndexPage(Page):
    """Every published practice, across networks, with filters."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("practice index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import practice_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = practice_listing(request.GET)
        return context


class InstrumentIndexPage(Page):
    """Every published instrument, across networks, with filters."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("instrument index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import instrument_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = instrument_listing(request.GET)
        return context
