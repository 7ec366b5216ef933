"""Admin adjustments for the whole portal."""

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
