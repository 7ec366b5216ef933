"""The PME section of a school's page: its actions and practices that could help."""

from schools.sections import register_school_section


def _context(school, user) -> dict:
    from .selectors import school_improvement

    return school_improvement(school, user)


def register() -> None:
    register_school_section("practices/includes/school_improvement.html", _context, order=20)
