from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class StatementBlock(blocks.TextBlock):
    """One item of a profile's lists (how members mobilise the objective,
    learnings, projections…): a sentence or two, no formatting."""

    class Meta:
        icon = "list-ul"
        label = _("Item")
        rows = 2


STATEMENT_LIST = [("item", StatementBlock())]
