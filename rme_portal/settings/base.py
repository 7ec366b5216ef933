"""Settings shared by every environment. Environment-specific files
(dev, test, production) import this and change only what differs."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from rme_portal import env
from rme_portal.localdb import server as localdb

BASE_DIR = Path(__file__).resolve().parents[2]

SECRET_KEY = env.get("SECRET_KEY")
DEBUG = env.get_bool("DEBUG", default=False)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "territories",
    "schools",
    "networks",
    "pme",
    "practices",
    "meetings",
    "search",
    "demo",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "rme_portal.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "rme_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "rme_portal.wsgi.application"

# --- database ------------------------------------------------------------------
# DATABASE_URL selects a server; without it the checkout's own embedded
# PostgreSQL (rme_portal.localdb) is started on the first connection.
DATABASE_URL = env.get("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env.get_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "rme_portal.localdb",
            "NAME": localdb.DATABASE_NAME,
            "USER": localdb.SUPERUSER,
        }
    }
DATABASES["default"].setdefault("TEST", {})["NAME"] = env.get("TEST_DATABASE_NAME") or "test_rme"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- language and time ---------------------------------------------------------
LANGUAGE_CODE = "es-cl"
LANGUAGES = [("es-cl", "Español (Chile)")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Santiago"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es-cl", "Español (Chile)")]

# --- static and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail -------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Portal RME"
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"
# Wagtail's own search (the admin's); the portal's search is the search app.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The portal's search runs on PostgreSQL unless an Elasticsearch 8/9 cluster is
# given; PostgreSQL is still written and answers when the cluster does not.
ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = env.get("ELASTICSEARCH_INDEX", "rme-portal")
# Seconds a search or an index update may wait for the cluster.
ELASTICSEARCH_TIMEOUT = float(env.get("ELASTICSEARCH_TIMEOUT", "2"))
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "txt", "xlsx"]
# Checks that an upload really is the kind of file its name says.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "practices.forms.CheckedDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"  # one of the es input formats, so admin dates parse back
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

PORTAL_NAME = _("RME Portal")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL") or "WARNING"},
}
