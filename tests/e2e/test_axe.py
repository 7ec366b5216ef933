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
# Findings inside Wagtail 8.0.1's own admin markup (React sidebar, Draftail),
# not in the portal's templates: kept visible as strict xfails, so the day
# Wagtail fixes them these cases fail and the mark must go.
WAGTAIL_SEARCH_LANDMARKS = pytest.mark.xfail(
    strict=True,
    reason="axe landmark-unique (moderate): Wagtail's sidebar search form and the screen's own search form are both "
    "unnamed role=search landmarks",
)
WAGTAIL_DRAFTAIL_NAMES = pytest.mark.xfail(
    strict=True,
    reason="axe aria-input-field-name (serious): Wagtail's Draftail rich-text editors are role=textbox without an "
    "accessible name",
)
ADMIN = [
    pytest.param("dashboard", marks=WAGTAIL_SEARCH_LANDMARKS),
    pytest.param("page-explorer", marks=WAGTAIL_SEARCH_LANDMARKS),
    pytest.param("practice-edit", marks=WAGTAIL_DRAFTAIL_NAMES),
    "planner",
    pytest.param("documents", marks=WAGTAIL_SEARCH_LANDMARKS),
]


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
    violations = axe_violations(axe_journey.page)
    print(f"{name} {path}\n{axe_report(violations)}")
    assert not failing(violations), f"{path}\n{axe_report(failing(violations))}"
