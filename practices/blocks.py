"""StreamField blocks of practices and instruments. Blocks never query the database."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    description = blocks.TextBlock(label=_("What is done"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class DifficultyBlock(blocks.StructBlock):
    difficulty = blocks.TextBlock(label=_("Difficulty met"))
    response = blocks.TextBlock(label=_("How it was handled"))

    class Meta:
        icon = "warning"
        label = _("Difficulty")


class CriterionBlock(blocks.StructBlock):
    criterion = blocks.TextBlock(label=_("Criterion"))
    descriptors = blocks.ListBlock(
        blocks.TextBlock(label=_("Descriptor")),
        label=_("Descriptors, one per performance level, in the section's order"),
    )

    class Meta:
        icon = "tick"
        label = _("Criterion")


class InstrumentSectionBlock(blocks.StructBlock):
    """A section of an instrument: its criteria described at each performance level."""

    title = blocks.CharBlock(label=_("Section"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    scale = blocks.ListBlock(
        blocks.CharBlock(label=_("Level"), max_length=80),
        label=_("Performance levels (table columns)"),
        min_num=1,
    )
    criteria = blocks.ListBlock(CriterionBlock(), label=_("Criteria"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Section")
        template = "blocks/instrument_section.html"

    def clean(self, value):
        value = super().clean(value)
        levels = len(value["scale"])
        for criterion in value["criteria"]:
            if len(criterion["descriptors"]) not in (0, levels):
                raise StructBlockValidationError(
                    block_errors={
                        "criteria": ValidationError(
                            _("Each criterion needs one descriptor per performance level (%(count)s).")
                            % {"count": levels}
                        )
                    }
                )
        return value
