"""axe-core on every public page type and the main admin screens: no critical, serious or moderate finding."""

import pytest
from django.db import connection

from tests.e2e.axe import axe_report, axe_violations, failing
from tests.e2e.conftest import login
from tests.e2e.pages import admin_pages, public_pages

pytestmark = pytest.mark.django_db

PUBLIC = [
    "home",
    "network-index",
    "network",
    "practice-list",
    "practice",
    "instrument-list",
    "instrument",
    "instrument-print",
    "session",
    "session-print",
    "calendar",
    "search",
    "school",
]
# Wagtail 8.0.1 leaves two names out of its own markup (the sidebar's search
# landmark, the Draftail editors): static/js/admin_names.js adds them, so these
# screens are held to the same rule as the public pages.
ADMIN = ["dashboard", "page-explorer", "practice-edit", "planner", "documents"]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_page_has_no_axe_violations(axe_journey, name):
    assert connection.vendor == "postgresql"
    path = public_pages()[name]
    axe_journey.goto(path)
    violations = axe_violations(axe_journey.page)
    print(f"{name} {path}\n{axe_report(violations)}")
    assert not failing(violations), f"{path}\n{axe_report(failing(violations))}"


@pytest.fixture(scope="module")
def admin_paths(django_db_blocker, e2e_database):
    with django_db_blocker.unblock():
        return admin_pages()


@pytest.mark.parametrize("name", ADMIN)
def test_admin_screen_has_no_axe_violations(axe_journey, admin_paths, name):
    login(axe_journey, "admin")
    path = admin_paths[name]
    axe_journey.goto(path)
    # The sidebar's search landmark is named in the admin's language (static/js/admin_names.js).
    sidebar_search = axe_journey.page.locator("#wagtail-sidebar form[role=search]")
    assert sidebar_search.get_attribute("aria-label") == "Buscar en el administrador"
    violations = axe_violations(axe_journey.page)
    print(f"{name} {path}\n{axe_report(violations)}")
    assert not failing(violations), f"{path}\n{axe_report(failing(violations))}"
