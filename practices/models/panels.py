from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, ObjectList, TabbedInterface
from wagtail.models import Page


def network_content_tabs(content_panels, classification_panels, content_heading) -> TabbedInterface:
    """The editor tabs practices and instruments share."""
    adoption_panels = [InlinePanel("adoptions", heading=_("PME actions that adopted it"), label=_("PME action"))]
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=content_heading),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(adoption_panels, heading=_("Adopted in PME")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
