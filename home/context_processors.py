from django.conf import settings


def portal(request):
    """Names every template may use; no database queries here."""
    return {"PORTAL_NAME": settings.PORTAL_NAME}
