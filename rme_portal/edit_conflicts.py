"""A page save made from an outdated copy is refused by the server, not only
by the browser.

Wagtail 8 detects concurrent edits in the editor's JavaScript: it pings the
server every 10 s and, when someone else saved a newer revision, warns and
asks before saving; the server itself refuses only out-of-date *autosaves*
(JSON). A plain form save that arrives before the next ping, or from a
browser without JavaScript, still replaces the newer revision without a word
(last write wins: measured in tests/faults/test_concurrent_edits.py).

This hook applies Wagtail's own test (EditView.is_out_of_date) to those saves
too. The form comes back with the editor's input and a Spanish message naming
who saved and when; the form shown again carries the newer revision's id, so
saving it again is a deliberate overwrite, which is what Wagtail's browser
dialog offers.

Written here rather than in each page type's form class: one hook covers
every page type, including those whose forms other apps own.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name


def revision_is_outdated(post, latest) -> bool:
    """Wagtail 8's EditView.is_out_of_date, for any POST (the hidden fields
    loaded_revision_id / loaded_revision_created_at, or the autosave's
    overwrite_revision_id)."""
    if latest is None:
        return False
    if overwrite_revision_id := post.get("overwrite_revision_id"):
        return overwrite_revision_id != str(latest.pk)
    if loaded_revision_id := post.get("loaded_revision_id"):
        if loaded_revision_id != str(latest.pk):
            return True
        # Same id, but another session's autosave may have rewritten it since.
        return post.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
    return False


def conflict_message(latest) -> str:
    return _(
        "%(user)s saved a newer version of this page at %(time)s, after you opened it. Your changes were "
        "not saved and are still in the form: open the page in another tab to see the other version, then "
        "save here again only if yours should replace it."
    ) % {
        "user": get_user_display_name(latest.user) if latest.user else _("Someone else"),
        "time": date_format(localtime(latest.created_at), "H:i"),
    }


def refuse_outdated_save(request, page):
    """before_edit_page hook: make the edit form invalid when it was loaded
    from an older revision than the latest one."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # reading, or an autosave: Wagtail refuses outdated JSON saves itself
    latest = page.get_latest_revision()
    if not revision_is_outdated(request.POST, latest):
        return None
    message = conflict_message(latest)
    model_clean = page.clean

    def clean():
        # The edit view builds its form on this very instance; the form's
        # full_clean() calls it, so the error shows as the form's own.
        model_clean()
        raise ValidationError(message, code="edit_conflict")

    page.clean = clean
    return None
