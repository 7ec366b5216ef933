"""Production: every secret from the environment, refuses unsafe values."""

from django.core.exceptions import ImproperlyConfigured

from rme_portal import env

from .base import *  # noqa: F403
from .base import DATABASE_URL, SECRET_KEY

KNOWN_INSECURE_KEYS = {"dev-only-insecure-key-do-not-use-in-production", "test-only-key", "change-me"}

if env.get_bool("DEBUG", default=False):
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=false).")
DEBUG = False

if not SECRET_KEY or SECRET_KEY in KNOWN_INSECURE_KEYS or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
if not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must point at the production PostgreSQL.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
LOGGING["root"]["level"] = env.get("LOG_LEVEL") or "INFO"  # noqa: F405
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env.get("EMAIL_HOST") or "localhost",
            "port": env.get_int("EMAIL_PORT", 587),
            "username": env.get("EMAIL_HOST_USER") or "",
            "password": env.get("EMAIL_HOST_PASSWORD") or "",
            "use_tls": env.get_bool("EMAIL_USE_TLS", default=True),
        },
    }
}
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL") or "portal-rme@localhost"
