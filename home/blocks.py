from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class YearlyCountBlock(blocks.StructBlock):
    """How many networks ran in a year (a national figure)."""

    year = blocks.IntegerBlock(label=_("Year"), min_value=1990, max_value=2100)
    networks = blocks.IntegerBlock(label=_("Networks"), min_value=0)

    class Meta:
        icon = "date"
        label = _("Networks in a year")


class PrincipleBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=80)
    definition = blocks.TextBlock(label=_("Definition"))

    class Meta:
        icon = "pick"
        label = _("Principle")
