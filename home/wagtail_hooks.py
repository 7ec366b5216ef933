"""Admin adjustments for the whole portal."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

from rme_portal import edit_conflicts


@hooks.register("construct_help_menu")
def help_menu_without_outside_links(request, menu_items):
    """Drop Wagtail's links to guide.wagtail.org ("What's new", "Editor guide"):
    the admin names no outside host (tests/rme_portal/test_admin_offline.py)."""
    menu_items[:] = [item for item in menu_items if not item.url.startswith(("http://", "https://", "//"))]


# A page save from an outdated copy is refused by the server too (Wagtail
# only refuses outdated autosaves): see rme_portal/edit_conflicts.py.
hooks.register("before_edit_page", edit_conflicts.refuse_outdated_save)


@hooks.register("insert_global_admin_js")
def admin_accessible_names():
    """Names Wagtail's sidebar search landmark and its rich-text editors (static/js/admin_names.js)."""
    return format_html(
        '<script src="{}" data-sidebar-search-label="{}"></script>',
        static("js/admin_names.js"),
        _("Search the admin"),
    )
