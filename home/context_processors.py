from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _network_index():
    from networks.models import NetworkIndexPage

    return NetworkIndexPage.objects.live().only("id", "url_path", "title").first()


def portal(request):
    """Names every template may use; the network index is looked up (one
    query) only when a template actually uses it, as the site navigation does."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "nav_network_index": SimpleLazyObject(_network_index),
    }
