"""WSGI entry point (gunicorn rme_portal.wsgi). Defaults to production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rme_portal.settings.production")

application = get_wsgi_application()
