"""The portal's own search index: one narrow row per searchable thing, with a
weighted, GIN-indexed tsvector (A title, B summary, C body) built with two
text search configurations, plain Spanish and Spanish without accents."""

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
    search_vector = SearchVectorField(null=True)
    # Title (A) and summary (B) only: small enough to stay in the row, so
    # ranking and autocomplete never read the large body vector.
    rank_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")]
        indexes = [
            GinIndex(fields=["search_vector"], name="search_document_vector"),
            models.Index(fields=["kind", "region_id"], name="search_document_kind_region"),
            GinIndex(fields=["audience"], name="search_document_audience"),
            GinIndex(fields=["rank_vector"], name="search_document_rank_vector"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"


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
