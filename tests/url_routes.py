"""Every URL pattern of the portal, as its full route: what the visibility
matrix, the header test and the admin read boundary test compare their walks
with, so a new URL that none of them visits fails them."""

from django.urls import URLResolver, get_resolver


def url_routes(patterns=None, prefix: str = ""):
    """Each URL pattern's full route, as the resolver spells it (e.g. "admin/pages/<int:page_id>/edit/")."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, route)
        else:
            yield route


def public_routes(admin_prefix: str = "admin/") -> set[str]:
    """Every route outside the Wagtail admin."""
    return {route for route in url_routes() if not route.startswith(admin_prefix)}


def admin_routes(admin_prefix: str = "admin/") -> list[str]:
    """Every route under the admin, relative to it."""
    return [route[len(admin_prefix) :] for route in url_routes() if route.startswith(admin_prefix)]
