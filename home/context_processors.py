from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from rme_portal.visibility import visible_pages


def _menu_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = visible_pages(site.root_page.get_children().in_menu(), request.user)
    return list(pages.only("id", "title", "url_path", "depth", "path"))


def portal(request):
    """Names every template may use. The menu (the home page's children marked
    "show in menus") is looked up in one query, and only if a template uses it."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "menu_pages": SimpleLazyObject(lambda: _menu_pages(request)),
    }
