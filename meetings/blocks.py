"""Agenda and materials of a session. Blocks never query the database; the
chooser blocks store ids and Wagtail fetches each list in one query."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

OUTCOME_TYPES = [
    ("information", _("Information")),
    ("decision", _("Decision")),
    ("follow_up", _("Follow-up")),
]


class OutcomeType(blocks.ChoiceBlock):
    choices = OUTCOME_TYPES


class AgendaItemBlock(blocks.StructBlock):
    start_time = blocks.TimeBlock(label=_("Start time"), required=False)
    minutes = blocks.IntegerBlock(label=_("Duration (minutes)"), required=False, min_value=1, max_value=600)
    activity = blocks.CharBlock(label=_("Activity"), max_length=255)
    responsible = blocks.CharBlock(label=_("Presenter or responsible"), max_length=120, required=False)
    sub_items = blocks.ListBlock(blocks.CharBlock(max_length=255), label=_("Sub-items"), default=[])
    practices = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="practices.PracticePage"), label=_("Practices used"), default=[]
    )
    instruments = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="practices.InstrumentPage"), label=_("Instruments used"), default=[]
    )
    pme_actions = blocks.ListBlock(SnippetChooserBlock("pme.PlanAction"), label=_("PME actions"), default=[])
    outcome_type = OutcomeType(label=_("Outcome type"), required=False)
    outcome = blocks.TextBlock(label=_("Outcome (after the session)"), required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("start_time") and not value.get("minutes"):
            raise StructBlockValidationError(
                non_block_errors=ValidationError(_("Give the item a start time or a duration."))
            )
        return value


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Link"))

    class Meta:
        icon = "link"
        label = _("Link")


MATERIAL_BLOCKS = [
    ("document", DocumentChooserBlock(label=_("File"))),
    ("link", LinkBlock()),
    ("text", blocks.CharBlock(label=_("Material"), max_length=255)),
]
