"""What may this user see: the one rule every public surface reads through.

Pages, lists, related-item blocks, PDFs, print views, iCalendar feeds, the
school page and search all ask here, so a page that is a draft, or under a
view restriction the user does not pass, never shows anywhere else either:
not its title in a list, not an agreement of a private session, not a
document of a private collection.

The rule follows Wagtail's own view restrictions
(``BaseViewRestriction.accept_request``) and is applied in SQL, as a filter of
the queryset that reads the rows, never afterwards in Python or a cache:

- drafts (not live) are never shown on public surfaces, whoever asks;
- "any signed-in user": shown to signed-in users;
- "these groups": shown to members of one of the groups, and superusers;
- a password: not shown on any other surface, whoever asks. Wagtail keeps a
  passed password only in the session of the page's own visitors; a page
  that lists or links it is not the page, so it errs on the side of less.

Wagtail's own ``PageQuerySet.public()`` is the anonymous case of this rule;
here the restrictions are read with the same statement as the pages
(a correlated EXISTS), so a list costs no extra query.
"""

from __future__ import annotations

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.lookups import StartsWith
from modelcluster.queryset import FakeQuerySet
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, Page, PageViewRestriction


def _under(path, ancestor_path) -> StartsWith:
    """A tree path at or below another (treebeard paths: the ancestor's is a prefix)."""
    return StartsWith(ExpressionWrapper(path, output_field=CharField()), ancestor_path)


def _blocking(restrictions: QuerySet, user) -> QuerySet:
    """The restrictions of `restrictions` this user does not pass."""
    if user is None or not user.is_authenticated:
        return restrictions
    blocking = Q(restriction_type=BaseViewRestriction.PASSWORD)
    if not user.is_superuser:
        groups = restrictions.model.groups.through.objects.filter(
            **{restrictions.model.groups.field.m2m_field_name(): OuterRef("pk")},
            group__in=user.groups.values("pk"),
        )
        blocking |= Q(restriction_type=BaseViewRestriction.GROUPS) & ~Q(Exists(groups))
    return restrictions.filter(blocking)


def restricted_for(user, path_field: str = "path") -> Exists:
    """True for a page (its tree path in `path_field`) under a view
    restriction this user does not pass."""
    restrictions = PageViewRestriction.objects.filter(_under(OuterRef(path_field), F("page__path")))
    return Exists(_blocking(restrictions, user))


def visible_pages(pages: QuerySet, user=None) -> QuerySet:
    """The live pages of `pages` this user may see (None: an anonymous visitor)."""
    return pages.filter(live=True).exclude(restricted_for(user))


def visible_page_ids(user=None, pages: QuerySet | None = None) -> QuerySet:
    """The ids of visible pages, as a subquery for models that point at pages."""
    return visible_pages(pages if pages is not None else Page.objects.all(), user).values("pk")


def visible_related(objects: QuerySet, page_field: str, user=None) -> QuerySet:
    """Rows of `objects` (agreements, adoptions, links…) whose page in
    `page_field` this user may see."""
    if not isinstance(objects, QuerySet):
        return _kept(objects, page_field, visible_page_id_set(_ids(objects, page_field), user))
    return objects.filter(**{f"{page_field}__live": True}).exclude(restricted_for(user, f"{page_field}__path"))


def visible_documents(documents: QuerySet, user=None) -> QuerySet:
    """Documents (or images) outside any collection restriction this user does not pass."""
    restrictions = CollectionViewRestriction.objects.filter(_under(OuterRef("collection__path"), F("collection__path")))
    return documents.exclude(Exists(_blocking(restrictions, user)))


def with_visible_documents(objects: QuerySet, document_field: str, user=None) -> QuerySet:
    """Rows of `objects` (attachments…) whose document in `document_field` this user may see."""
    documents = visible_documents(get_document_model().objects.all(), user)
    if not isinstance(objects, QuerySet):
        allowed = set(documents.filter(pk__in=_ids(objects, document_field)).values_list("pk", flat=True))
        return _kept(objects, document_field, allowed)
    return objects.filter(**{f"{document_field}__in": documents})


# A page being previewed holds its child rows in memory (modelcluster's
# FakeQuerySet), not in the database: the same rule, by ids.
def _ids(objects, field: str) -> list[int]:
    return [getattr(obj, f"{field}_id") for obj in objects]


def _kept(objects, field: str, allowed: set[int]) -> FakeQuerySet:
    return FakeQuerySet(objects.model, [obj for obj in objects if getattr(obj, f"{field}_id") in allowed])


def visible_page_id_set(page_ids, user=None) -> set[int]:
    """Which of these page ids (e.g. pages chosen in a StreamField) this user may see: one query."""
    page_ids = {pk for pk in page_ids if pk is not None}
    if not page_ids:
        return set()
    return set(visible_pages(Page.objects.filter(pk__in=page_ids), user).values_list("pk", flat=True))
