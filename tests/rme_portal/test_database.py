"""The database layer. `make test` runs these twice: on the embedded server
chosen automatically, and again with DATABASE_URL pointing at it."""

import os

import dj_database_url
import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.database_url]


def test_the_configured_server_is_the_one_in_use():
    database = settings.DATABASES["default"]
    url = os.environ.get("DATABASE_URL")
    if url:
        expected = dj_database_url.parse(url)
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert (database["HOST"], int(database["PORT"])) == (expected["HOST"], int(expected["PORT"]))
    else:
        assert database["ENGINE"] == "rme_portal.localdb"
    with connection.cursor() as cursor:
        cursor.execute("SELECT inet_server_port()")
        (port,) = cursor.fetchone()
    assert port == int(connection.get_connection_params()["port"])


def test_postgresql_with_the_extensions_search_needs():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT unaccent('Ñuble inclusión Peñalolén'), similarity('acompañamiento', 'acompañamineto')")
        unaccented, similarity = cursor.fetchone()
    assert {"unaccent", "pg_trgm"} <= extensions
    assert unaccented == "Nuble inclusion Penalolen"
    assert similarity > 0.5


def test_tests_run_in_their_own_throwaway_database():
    assert connection.settings_dict["NAME"].startswith("test_")
