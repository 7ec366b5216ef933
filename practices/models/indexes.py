from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ListingPage(Page):
    """A page listing every published item of one kind, across networks."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        abstract = True

    def listing(self, params, user):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.listing(request.GET, request.user)
        return context


class PracticeIndexPage(ListingPage):
    """Every published practice, with filters."""

    class Meta:
        verbose_name = _("practice index")

    def listing(self, params, user):
        from ..selectors import practice_listing

        return practice_listing(params, user)


class InstrumentIndexPage(ListingPage):
    """Every published instrument, with filters."""

    class Meta:
        verbose_name = _("instrument index")

    def listing(self, params, user):
        from ..selectors import instrument_listing

        return instrument_listing(params, user)
