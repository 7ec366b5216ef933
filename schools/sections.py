"""What other apps show on a school's page.

The schools app knows nothing of networks or plans; apps that relate content
to schools register a section here (in their AppConfig.ready) and the school
page renders each one with its own template.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SchoolSection:
    template: str
    get_context: Callable  # (school) -> dict
    order: int = 100


_sections: list[SchoolSection] = []


def register_school_section(template: str, get_context: Callable, order: int = 100) -> None:
    if not any(section.template == template for section in _sections):
        _sections.append(SchoolSection(template, get_context, order))
        _sections.sort(key=lambda section: section.order)


def school_sections(school) -> list[tuple[str, dict]]:
    return [(section.template, section.get_context(school)) for section in _sections]
