"""The search facets, shared by both backends: the query parameter, its label,
its options and the indexed field it filters (a column, or an array column)."""

from django.utils.translation import gettext_lazy as _

from networks.models import NetworkPage
from pme.dimensions import Dimension
from practices.choices import EvidenceLevel, InstrumentType
from practices.models import Topic
from practices.selectors import network_options, region_options, topic_options
from rme_portal.facets import array_facet, counted_options, field_facet, selected_values
from rme_portal.facets import facet_choices as shared_choices
from schools.teaching import Level
from territories.models import Region

from .memo import Memo
from .models import ContentKind

# Years are whatever the results hold (listing every year of the index would
# read the whole table on each search); any plausible year may be chosen.
YEARS = range(1990, 2101)


def plausible_years() -> list[tuple[int, str]]:
    return [(year, str(year)) for year in reversed(YEARS)]


FACETS = [
    field_facet("type", _("Content type"), lambda: ContentKind.choices, "kind"),
    field_facet("region", _("Region"), region_options, "region_id", cast=int),
    field_facet("network", _("Network"), network_options, "network_id", cast=int, hide_empty=True),
    array_facet("topic", _("Topic"), topic_options, "topics", hide_empty=True),
    array_facet("dimension", _("PME dimension"), lambda: Dimension.choices, "dimensions"),
    array_facet("level", _("Level"), lambda: Level.choices, "levels"),
    field_facet(
        "evidence", _("Evidence level"), lambda: EvidenceLevel.choices, "evidence_level", cast=int, hide_empty=True
    ),
    field_facet(
        "instrument_type", _("Instrument type"), lambda: InstrumentType.choices, "instrument_type", hide_empty=True
    ),
    field_facet("year", _("Year"), plausible_years, "year", cast=int, hide_empty=True),
]
# The indexed field behind each facet (the same name in both backends).
FACET_FIELDS = {
    "type": "kind",
    "region": "region_id",
    "network": "network_id",
    "topic": "topics",
    "dimension": "dimensions",
    "level": "levels",
    "evidence": "evidence_level",
    "instrument_type": "instrument_type",
    "year": "year",
}
ARRAY_FIELDS = {"topics", "dimensions", "levels"}
NUMBER_FIELDS = {"region_id", "network_id", "evidence_level", "year"}


# Read once a minute, and again as soon as one of them changes here.
_choices = Memo(lambda: shared_choices(FACETS), seconds=60, models=[Region, Topic, NetworkPage])


def facet_choices() -> dict[str, list[tuple[str, str]]]:
    return _choices.get()


def selected_facets(params, choices) -> dict[str, str]:
    return selected_values(FACETS, params, choices)


def facet_options(counts: dict[str, dict[str, int]], selected: dict[str, str], choices) -> list:
    """Each facet with its options and counts, as list pages show them.
    `counts`: per facet name, the number of results per value."""
    return [(facet, counted_options(facet, choices, counts.get(facet.name, {}), selected)) for facet in FACETS]
