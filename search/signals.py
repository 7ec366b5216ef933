"""Keep the index true right away: publish, unpublish, move, privacy, delete."""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import InstrumentPage, PracticePage
from practices.signals import document_text_extracted
from schools.models import School
from schools.signals import schools_imported

from . import mirror
from .documents import PAGE_DOCUMENTS
from .index import index_page, index_school, index_schools, index_subtree, unindex_page
from .models import SearchDocument
from .suggestions import vocabulary_remove


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    index_page(instance)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    unindex_page(instance)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    index_subtree(instance)


@receiver(post_save, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    index_subtree(instance.page)


@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_removed(sender, instance, origin=None, **kwargs):
    # A restriction also goes when its page is deleted (a cascade, whatever
    # started it: the page, a parent page, its content type). Its subtree is
    # then half deleted (some page rows already gone) and each page unindexes
    # itself (_on_page_delete): re-reading them here would fail.
    if _restriction_removed_alone(origin):
        index_subtree(instance.page)


def _restriction_removed_alone(origin) -> bool:
    """True when the deletion started from restrictions, not from something they belong to."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return origin is None or issubclass(model, BaseViewRestriction)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def on_privacy_groups_change(sender, instance, action, **kwargs):
    # The admin saves a group restriction first and its groups after.
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        index_subtree(instance.page)


def _on_page_delete(sender, instance, **kwargs):
    unindex_page(instance)


for model in PAGE_DOCUMENTS:
    post_delete.connect(_on_page_delete, sender=model, dispatch_uid=f"search-delete-{model.__name__}")


@receiver(post_save, sender=School)
def on_school_save(sender, instance, **kwargs):
    index_school(instance)


@receiver(post_delete, sender=School)
def on_school_delete(sender, instance, **kwargs):
    documents = SearchDocument.objects.filter(kind="school", object_id=instance.rbd)
    vocabulary_remove(list(documents.values_list("pk", flat=True)))
    documents.delete()
    mirror.delete([("school", instance.rbd)])


@receiver(schools_imported)
def on_schools_imported(sender, rbds, **kwargs):
    index_schools(rbds)


# Pages whose search body holds the words of their attached files (search.documents).
PAGES_WITH_FILES = (InstrumentPage, PracticePage)


def _index_pages_attaching(**document_filter):
    for model in PAGES_WITH_FILES:
        lookups = {f"attachments__document__{field}": value for field, value in document_filter.items()}
        for page in model.objects.live().filter(**lookups).distinct():
            index_page(page)


@receiver(document_text_extracted)
def on_document_text(sender, document, **kwargs):
    # The words of an attached file are part of its practices' and
    # instruments' bodies; the text is read in the background, often after
    # the page was published.
    _index_pages_attaching(pk=document.pk)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def on_collection_privacy_change(sender, instance, **kwargs):
    # Only files anyone may download lend their words to a page's body
    # (search.documents): a collection closing or opening changes it.
    _index_pages_attaching(collection__path__startswith=instance.collection.path)
