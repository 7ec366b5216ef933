"""Who may see an indexed item, and what a given user may see.

A document carries the audiences allowed to see it; a search only ever looks
at documents whose audience overlaps the user's. The rules follow Wagtail's
view restrictions (wagtail.models.BaseViewRestriction.accept_request), erring
on the side of showing less:

- no restriction on the page or above it: "public";
- "any signed-in user": "login";
- "these groups": "group:<id>" for each group allowed by *every* group
  restriction on the path (a user who passes two restrictions through two
  different groups is not shown the page; never more than Wagtail allows);
- a password: not indexed at all, a password is not a person.

Superusers pass every login and group restriction, as in Wagtail.
"""

from __future__ import annotations

from wagtail.models import BaseViewRestriction, PageViewRestriction

PUBLIC = "public"
LOGIN = "login"
NOBODY_BUT_SUPERUSERS = "superuser"


def group_audience(group_id: int) -> str:
    return f"group:{group_id}"


def all_restrictions() -> list:
    """Every view restriction, for indexing many pages without a query each."""
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def page_audience(page, restrictions=None) -> list[str] | None:
    """The audiences that may see this page, or None if it must not be indexed.
    `restrictions`: all_restrictions(), when indexing many pages."""
    if not page.live:
        return None
    if restrictions is None:
        restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    else:
        restrictions = [r for r in restrictions if page.path.startswith(r.page.path)]
    if not restrictions:
        return [PUBLIC]
    if any(r.restriction_type == BaseViewRestriction.PASSWORD for r in restrictions):
        return None
    group_sets = [
        {group.pk for group in r.groups.all()} for r in restrictions if r.restriction_type == BaseViewRestriction.GROUPS
    ]
    if not group_sets:
        return [LOGIN]
    allowed = set.intersection(*group_sets)
    return sorted(group_audience(pk) for pk in allowed) or [NOBODY_BUT_SUPERUSERS]


def user_audience(user) -> list[str] | None:
    """The audiences this user belongs to; None means every audience (superusers)."""
    if user is None or not user.is_authenticated:
        return [PUBLIC]
    if user.is_superuser:
        return None
    return [PUBLIC, LOGIN, *(group_audience(pk) for pk in user.groups.values_list("pk", flat=True))]
