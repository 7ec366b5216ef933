"""What other apps show on a network's page (see rme_portal.sections)."""

from rme_portal.sections import SectionRegistry

network_sections = SectionRegistry("network")
