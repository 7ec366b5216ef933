"""The portal's own search index: a row per searchable thing (what results
and facets show) and, apart, its GIN-indexed tsvectors (what a query is
matched against), built with two text search configurations, plain Spanish
and Spanish without accents.

Documents are replaced, never updated in place (search.index deletes and
inserts): a document id always stands for the same content, which lets a
process keep the facet columns of the ids it has seen (search.columns)."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


def public_audience():
    return ["public"]


class ContentKind(models.TextChoices):
    NETWORK = "network", _("Network")
    PRACTICE = "practice", _("Practice")
    INSTRUMENT = "instrument", _("Instrument")
    SESSION = "session", _("Session")
    SCHOOL = "school", _("School")


class SearchDocument(models.Model):
    kind = models.CharField(max_length=20, choices=ContentKind.choices)
    # A page's id, or a school's RBD: (kind, object_id) is unique.
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    region_id = models.PositiveSmallIntegerField(null=True, blank=True)
    network_id = models.PositiveIntegerField(null=True, blank=True)
    topics = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    dimensions = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    levels = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    evidence_level = models.PositiveSmallIntegerField(null=True, blank=True)
    instrument_type = models.CharField(max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # 0..1: how complete the item is (a stub ranks below a full one).
    completeness = models.FloatField(default=1.0)
    # Who may see it: "public", "login" (any signed-in user) or "group:<id>"
    # (members of any of these groups); see search.audience.
    audience = ArrayField(models.CharField(max_length=30), default=public_audience)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")]
        indexes = [
            models.Index(fields=["kind", "region_id"], name="search_document_kind_region"),
            GinIndex(fields=["audience"], name="search_document_audience"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchMatch(models.Model):
    """What a query is matched against, one row per document. Kept apart from
    the document's wide row, with its vectors stored out of line
    (toast_tuple_target, set by the migration), so collecting the ids of tens
    of thousands of matches reads a few hundred small pages; and unweighted,
    so the GIN indexes answer plain words without rechecking any row."""

    document = models.OneToOneField(SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="match")
    # Title, summary and body: which documents match.
    text = SearchVectorField()
    # Title and summary apart: how well a document matches (ranking); the
    # title's words also serve autocomplete.
    title = SearchVectorField()
    summary = SearchVectorField()

    class Meta:
        indexes = [
            GinIndex(fields=["text"], name="search_match_text"),
            GinIndex(fields=["title"], name="search_match_title"),
            GinIndex(fields=["summary"], name="search_match_summary"),
        ]

    def __str__(self):
        return f"match of {self.document_id}"


class IndexGeneration(models.Model):
    """One row: a number that changes whenever SearchMatch rows are written or
    deleted (a trigger, migration 0010, sets it from a sequence, so a number
    is never used twice, not even after a rollback). A process keeps the ids
    of large matches while the number it read them with is still current
    (search.large_matches)."""

    value = models.BigIntegerField()

    def __str__(self):
        return f"index generation {self.value}"


class Synonym(models.Model):
    """An acronym or term and what it stands for, searched both ways
    (PME ↔ Plan de Mejoramiento Educativo). Editable in the admin."""

    term = models.CharField(_("term or acronym"), max_length=40, unique=True)
    meaning = models.CharField(_("meaning"), max_length=200)

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return f"{self.term} ↔ {self.meaning}"


class SearchTerm(models.Model):
    """The index's words (without accents), for "¿Quisiste decir…?"."""

    word = models.CharField(max_length=100, unique=True)  # lower case, without accents: what is compared
    display = models.CharField(max_length=100)  # as written in the content, accents included
    documents = models.PositiveIntegerField(default=0)  # how many public documents hold it

    class Meta:
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_term_trigram")]

    def __str__(self):
        return self.word


class PendingIndexUpdate(models.Model):
    """A document Elasticsearch missed (down or slow when it changed): synced
    again from SearchDocument by the next successful write, or by
    `manage.py retry_search_updates`."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    failed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_pending_index_update")]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"
