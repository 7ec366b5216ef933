"""The "networks" section of a school's page."""

from schools.sections import register_school_section


def _context(school, user) -> dict:
    from .selectors import networks_of_school

    return {"networks": networks_of_school(school, user)}


def register() -> None:
    register_school_section("networks/includes/school_networks.html", _context, order=10)
