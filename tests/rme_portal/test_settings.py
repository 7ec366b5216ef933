"""Production settings refuse to start unsafely; every environment is Spanish and Chilean."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from rme_portal.settings.base import BASE_DIR

GOOD_KEY = "k" * 64


def load_settings(module: str, **env) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        "ENV_FILE": os.devnull,  # ignore a developer's .env
        "DJANGO_SETTINGS_MODULE": module,
        **env,
    }
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY[:4], settings.TIME_ZONE)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_a_missing_secret_key():
    result = load_settings("rme_portal.settings.production", DATABASE_URL="postgres://u@db/rme")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_key():
    result = load_settings(
        "rme_portal.settings.production",
        SECRET_KEY="dev-only-insecure-key-do-not-use-in-production",
        DATABASE_URL="postgres://u@db/rme",
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug():
    result = load_settings(
        "rme_portal.settings.production", SECRET_KEY=GOOD_KEY, DEBUG="true", DATABASE_URL="postgres://u@db/rme"
    )
    assert result.returncode != 0 and "DEBUG must be off" in result.stderr


def test_production_refuses_to_run_without_database_url():
    result = load_settings("rme_portal.settings.production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr


def test_production_starts_with_real_values():
    result = load_settings("rme_portal.settings.production", SECRET_KEY=GOOD_KEY, DATABASE_URL="postgres://u@db/rme")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "kkkk", "America/Santiago"]


def test_a_malformed_boolean_is_an_error_not_a_guess():
    result = load_settings("rme_portal.settings.dev", DEBUG="quizás")
    assert result.returncode != 0 and "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize("name", ["LANGUAGE_CODE", "TIME_ZONE"])
def test_spanish_and_chilean(name):
    assert {"LANGUAGE_CODE": "es-cl", "TIME_ZONE": "America/Santiago"}[name] == getattr(settings, name)


def test_wagtail_admin_speaks_spanish(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es-cl"' in html
    assert "Bienvenido" in html or "Panel" in html or "Tablero" in html, html[-3000:]
