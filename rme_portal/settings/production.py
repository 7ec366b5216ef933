"""Production: every secret from the environment, refuses unsafe values."""

from django.core.exceptions import ImproperlyConfigured

from rme_portal import env

from .base import *  # noqa: F403
from .base import DATABASE_URL, PORTAL_ADMIN_CSP, SECRET_KEY, SECURE_CSP

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

# --- reverse proxy (docker-compose.yml, deploy/Caddyfile) ---------------------------------
# SECURE_PROXY_SSL_HEADER (below) believes X-Forwarded-Proto from whoever sends
# it. That is safe only because nothing but the proxy can reach gunicorn: in
# docker-compose.yml "web" publishes no port, Caddy replaces any X-Forwarded-*
# header a client sends, and gunicorn honours them only from the proxy's address
# (FORWARDED_ALLOW_IPS). Elsewhere, run it only behind a proxy that does the same,
# and set TRUSTED_PROXY_COUNT (base.py, login lockouts) to the number of proxies.

# --- headers (production) ------------------------------------------------------------
# HTTPS only. The CSP, Permissions-Policy, nosniff, Referrer-Policy, COOP and
# X-Frame-Options come from base.py's headers block; here what needs TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", default=True)
# Health checks (docker-compose's, a load balancer's) call plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]
# Secure even when TLS ends at a proxy that redirects by itself (SECURE_SSL_REDIRECT=false).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
# One year, subdomains, preload-list ready. Lower it (e.g. 3600) for a first
# deployment on a new domain: browsers remember it for the whole max-age.
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", default=True)
# Any http:// link or asset left in content is fetched over HTTPS.
SECURE_CSP = {**SECURE_CSP, "upgrade-insecure-requests": True}
PORTAL_ADMIN_CSP = {**PORTAL_ADMIN_CSP, "upgrade-insecure-requests": True}
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
