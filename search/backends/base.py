"""What every search backend answers, and the shapes of its answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page
from django.utils.translation import gettext_lazy as _

from rme_portal.facets import FacetedResult

from ..models import ContentKind
from ..query import ParsedQuery

PER_PAGE = 20
SORTS = {"relevance": _("Relevance"), "date": _("Most recent")}


class BackendUnavailable(Exception):
    """The backend could not answer (down, slow, refused): use another."""


@dataclass
class Hit:
    """One result as an Elasticsearch backend returns it; PostgreSQL returns
    SearchDocument rows, which have the same attributes."""

    kind: str
    object_id: int
    title: str
    summary: str
    url: str
    published_at: datetime | None
    snippet: str = ""

    def get_kind_display(self):
        return ContentKind(self.kind).label


@dataclass
class SearchResults:
    query: str
    result: FacetedResult
    page: Page
    sort: str
    sort_options: dict
    suggestion: str | None = None
    # A plain message when the answer came from the fallback backend.
    notice: str | None = None

    @property
    def total(self) -> int:
        return self.page.paginator.count


class PageOfHits:
    """What Django's Paginator needs: the total, and the hits of the page asked for."""

    def __init__(self, total: int, start: int, hits: list[Hit]):
        self.total, self.start, self.hits = total, start, hits

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, items: slice):
        return self.hits if items.start == self.start else []


def page_number(value) -> int:
    """The page asked for: a whole number from 1 to the last page any backend
    serves (10,000 results deep), whatever was sent."""
    try:
        return max(1, min(int(value), 10_000 // PER_PAGE))
    except (TypeError, ValueError, OverflowError):
        return 1


class SearchBackend:
    name = ""

    def search(self, query_text: str, query: ParsedQuery, params, audience: list[str] | None) -> SearchResults:
        """Results for a cleaned and parsed query, the facet/sort/page
        parameters of the request, seen by `audience` (None: everything)."""
        raise NotImplementedError

    def autocomplete(self, words: list[str], audience: list[str] | None, limit: int) -> list[dict]:
        """Titles (title, url, kind) with words starting as typed."""
        raise NotImplementedError
