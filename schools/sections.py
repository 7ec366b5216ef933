"""What other apps show on a school's page (see rme_portal.sections)."""

from rme_portal.sections import SectionRegistry

school_sections = SectionRegistry("school")


def register_school_section(template: str, get_context, order: int = 100) -> None:
    school_sections.register(template, get_context, order)
