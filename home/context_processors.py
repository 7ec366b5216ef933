from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _menu_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().only("id", "title", "url_path", "depth", "path"))


def portal(request):
    """Names every template may use. The menu (the home page's children marked
    "show in menus") is looked up in one query, and only if a template uses it."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "menu_pages": SimpleLazyObject(lambda: _menu_pages(request)),
    }
