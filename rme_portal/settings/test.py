"""The test suite: same database engine as production, faster hashing."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="rme-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Serve static files straight from the apps and static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The suite searches PostgreSQL; the shared backend tests also run on
# Elasticsearch when ELASTICSEARCH_URL is given (tests/search/conftest.py).
ELASTICSEARCH_TEST_URL = ELASTICSEARCH_URL  # noqa: F405
ELASTICSEARCH_URL = ""
ELASTICSEARCH_INDEX = "rme-portal-test"
ELASTICSEARCH_TIMEOUT = 1.0
# Tests run inside a transaction that never commits: mirror right away, and
# make each write visible to the next search.
SEARCH_MIRROR_ON_COMMIT = False
ELASTICSEARCH_REFRESH = True
# Tasks run when enqueued, inside the test's transaction; document text is
# still read by the limited child process, as in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
