"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

One live server and one copy of the demo content (with the demo accounts) serve
every test here. pytest-django's own `live_server` fixture is not used: it makes
each test transactional and flushes the database after it, which would throw the
demo away between journeys. Instead the demo is committed once, the e2e tests
are moved to the end of the run, and the database is put back afterwards the way
Django's `serialized_rollback` does (flush, then reload the rows the migrations
created: regions, communes, Wagtail's root page…), so the tests that follow in
any order still find it as migrations left it.

Screenshots: each journey step is photographed as it ends; when a test fails,
all of its steps (and the page at the moment of failure) are written to
tests/e2e/screenshots/<test name>/ (git-ignored).
"""

import os
import re
import shutil
from contextlib import contextmanager, suppress
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

CHROMIUM = os.environ.get("RME_CHROMIUM", "/usr/bin/chromium")
# The system browser, quiet: no sandbox (CI runs as root), no GPU, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
E2E_DIR = Path(__file__).parent
SCREENSHOTS = E2E_DIR / "screenshots"
AXE_JS = (E2E_DIR / "vendor" / "axe.min.js").read_text(encoding="utf-8")
VIEWPORT = {"width": 1280, "height": 900}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last (after pytest-django's own ordering), once for all of them."""
    e2e = [item for item in items if Path(str(item.fspath)).is_relative_to(E2E_DIR)]
    if e2e:
        rest = [item for item in items if item not in e2e]
        items[:] = rest + e2e


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def e2e_database(django_db_setup, django_db_blocker):
    """The demo content and accounts, committed for the live server; the database put back afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's `chromium` package (make test does it)")
    # Playwright's sync API keeps an event loop in this thread; Django would
    # refuse ORM calls from the test body because of it. Nothing here is async.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with django_db_blocker.unblock():
        migrated = (
            getattr(connection, "_test_serialized_contents", None) or connection.creation.serialize_db_to_string()
        )
        if not Page.objects.exists():
            # A transactional test before these (pytest-django runs them after
            # the others) left the database flushed: put back what the
            # migrations made (territories, the root page) first.
            connection.creation.deserialize_db_from_string(migrated)
        # Wagtail's reference index, updated on every save, is half of the
        # demo's load time: built once at the end instead.
        with disable_reference_index_auto_update():
            call_command("load_demo_content", "--with-demo-users", stdout=StringIO())
        call_command("rebuild_references_index", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        # The live server's request threads may leave connections open (keep-alive);
        # they would block the flush and the test database's removal.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated)
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def server(e2e_database, django_db_blocker):
    """A live server over the test database; returns its base URL."""
    from pytest_django.live_server_helper import LiveServer

    live = LiveServer("127.0.0.1")
    live._live_server_modified_settings.enable()
    # pytest-django blocks database access in every thread between tests; the
    # browser's late requests (unload beacons, Wagtail's editing-session release)
    # reach the server then, so its access stays open for the whole run.
    with django_db_blocker.unblock():
        yield live.url
    live._live_server_modified_settings.disable()
    live.stop()


@pytest.fixture(scope="session")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Journey:
    """A browser page whose steps are photographed, to be written out if the test fails."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.shots: list[tuple[str, bytes]] = []

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        response = self.page.goto(self.url(path))
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return response

    def shoot(self, name: str) -> None:
        # A closed or crashed page must not hide the test's own failure.
        with suppress(Exception):
            self.shots.append((name, self.page.screenshot(full_page=True)))

    @contextmanager
    def step(self, name: str):
        try:
            yield
        finally:
            self.shoot(name)

    def save_shots(self, test_name: str) -> Path:
        folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", test_name)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for number, (name, png) in enumerate(self.shots, start=1):
            (folder / f"{number:02d}-{re.sub(r'[^\w.-]+', '_', name)}.png").write_bytes(png)
        return folder


def _journey(request, browser, server, **context_options):
    context = browser.new_context(viewport=VIEWPORT, locale="es-CL", accept_downloads=True, **context_options)
    context.set_default_timeout(15_000)
    journey = Journey(context.new_page(), server)
    yield journey
    failed = any(
        getattr(request.node, f"rep_{when}", None) and request.node.__dict__[f"rep_{when}"].failed
        for when in ("setup", "call")
    )
    if failed:
        journey.shoot("at-failure")
        folder = journey.save_shots(request.node.name)
        print(f"screenshots: {folder}")
    context.close()


@pytest.fixture
def journey(request, browser, server):
    yield from _journey(request, browser, server)


@pytest.fixture
def axe_journey(request, browser, server):
    """For axe only: bypass_csp lets Playwright inject the vendored axe-core as an
    inline script, which the portal's CSP (nonces, no 'unsafe-inline') forbids.
    The journeys themselves run under the real CSP."""
    yield from _journey(request, browser, server, bypass_csp=True)


def login(journey: Journey, username: str, password: str = "portal-rme-demo") -> None:
    journey.goto("/admin/login/")
    journey.page.locator("#id_username").fill(username)
    journey.page.locator("#id_password").fill(password)
    journey.page.locator("#id_password").press("Enter")
    journey.page.wait_for_url(re.compile(r"/admin/$"))
