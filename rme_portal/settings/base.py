"""Settings shared by every environment. Environment-specific files
(dev, test, production) import this and change only what differs."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
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
    "rme_portal.backups",
    "django_tasks_db",
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
    "django_tasks",
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
    # headers: CSP on every response (static files too); the admin swap must
    # come after Django's CSP middleware (see the headers block below).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "rme_portal.headers.AdminContentSecurityPolicyMiddleware",
    "rme_portal.headers.PermissionsPolicyMiddleware",
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
                "django.template.context_processors.csp",  # headers: {{ csp_nonce }}
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
# Images: more pixels than this (width x height x frames) are refused at
# upload, from the file's header (practices.forms.BoundedImageField). 16 million
# keeps the upload's thumbnail (a full decode) within a worker's 200 MB.
WAGTAILIMAGES_IMAGE_FORM_BASE = "practices.forms.CheckedImageForm"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 16_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Background work (document text extraction, Wagtail's own tasks) through
# django-tasks, queued in PostgreSQL (django-tasks-db) and run by
# `manage.py db_worker` (started by `make run`, a service in docker-compose):
# an upload returns at once; the text is read later in a limited child
# process (practices.extraction_process). Wagtail's own tasks (reference
# index, admin search) go through the same queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"  # one of the es input formats, so admin dates parse back
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

PORTAL_NAME = _("RME Portal")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL") or "WARNING"},
}

# --- headers ---------------------------------------------------------------------------
# Security headers for every environment (production adds HSTS, the HTTPS
# redirect, secure cookies and upgrade-insecure-requests). Public pages run no
# inline code: every <script> is a static file carrying {{ csp_nonce }}, with
# no inline style or on* handler (tests/rme_portal/test_security_headers.py
# walks every URL pattern to keep it so).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # No page of the portal is framed, except the admin's preview (below).
    "frame-ancestors": [CSP.NONE],
}
# The exception: the Wagtail admin (/admin/, rme_portal.headers). Wagtail's
# admin templates carry inline <script> blocks (inline panels, date widgets)
# and style attributes without nonces, so its scripts and styles need
# 'unsafe-inline'; it frames its own pages (the preview panel).
PORTAL_ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN themselves
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the portal never uses, refused for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# --- login protection (django-axes; rme_portal/throttle.py) -----------------------------
# Wrong passwords lock out one user name from one client address: a school's
# shared NAT address is not locked for its colleagues, and nobody can lock an
# editor out from elsewhere. Wagtail's page and document password forms get the
# same limit per restriction and address (PasswordFormThrottleMiddleware).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += [
    "rme_portal.throttle.PasswordFormThrottleMiddleware",
    # Last, as axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
# Axes' backend comes first: it refuses a locked-out user before any password check.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.get_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout are refused without restarting the cool-off, so the
# time the lockout page announces holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "rme_portal.throttle.lockout_response"
# Successful logins are not logged (no table of editors' addresses kept forever).
AXES_DISABLE_ACCESS_LOG = True
# The client address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies
# (1 in docker-compose.yml: Caddy) the address the trusted proxy appended to
# X-Forwarded-For. django-ipware is not installed, so axes' AXES_IPWARE_*
# settings would be ignored; rme_portal.throttle.client_ip_address does this.
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "rme_portal.throttle.client_ip_address"

# --- admin: no outside requests, Spanish sign-in (home/wagtail_hooks.py) -----------------
# Gravatar would get a hash of each editor's e-mail; the update check calls
# Wagtail's servers from the editor's browser. Neither leaves the portal.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's login form leaves the password field unlabelled ("Password", untranslated).
WAGTAILADMIN_USER_LOGIN_FORM = "rme_portal.forms.AdminLoginForm"
