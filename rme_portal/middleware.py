"""When the database is unreachable, say so plainly (503) instead of a bare 500:
a Spanish page for people, a JSON error for API clients (/api/)."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 60


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s", exception)
        if request.path.startswith(API_PREFIX):
            # The same sentence as the page (503.html), one translation.
            message = _(
                "The portal cannot reach its database right now. Nothing you saved was lost. "
                "Please try again in a few minutes."
            )
            response = JsonResponse({"error": message}, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        # Neither a browser nor a proxy should keep the outage.
        response["Cache-Control"] = "no-store"
        return response
