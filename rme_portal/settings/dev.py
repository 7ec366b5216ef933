"""Local development: `make run`."""

from rme_portal import env

from .base import *  # noqa: F403

DEBUG = env.get_bool("DEBUG", default=True)
# Only for a developer's machine; production.py refuses any key it knows.
SECRET_KEY = env.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# Serve static files straight from the apps and static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
