"""PostgreSQL stopped mid-traffic and started again, on a throwaway server,
with the portal on gunicorn: Spanish 503 pages, JSON 503 for the API while it
is down, 200 again after the restart without restarting the portal, nothing
changed. The exercise is bench/faults/database_restart.py; here it runs
quick: the test database's schema copied instead of migrated, a network and a practice instead of the demo."""

import sys

import pytest
from django.db import connection

from rme_portal.settings.base import BASE_DIR

sys.path.insert(0, str(BASE_DIR / "bench" / "faults"))

from database_restart import run  # noqa: E402


@pytest.mark.django_db
def test_the_portal_survives_a_database_restart():
    # The test database exists and is migrated (committed); its copy is read only.
    source = connection.get_connection_params()
    figures = run(down_seconds=2, threads=2, demo=False, source=source, settle_seconds=1.5)
    assert figures["failures"] == [], figures
    assert figures["down"]["requests"] > 0 and set(figures["down"]["statuses"]) == {503}
    assert figures["after"]["statuses"].get(200, 0) > 0
    assert figures["ledger_before"] == figures["ledger_after"]
