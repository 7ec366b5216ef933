"""The one search service every page and the API use: it cleans and parses
the query, decides what the user may see, asks the configured backend and,
when Elasticsearch cannot answer, answers from PostgreSQL with a notice."""

from __future__ import annotations

import logging
import re

from django.utils.translation import gettext as _

from territories.names import normalise_name

from .audience import user_audience
from .backends import get_backend
from .backends.base import BackendUnavailable, SearchResults
from .memo import Memo
from .models import Synonym
from .query import clean_query, parse
from .suggestions import suggest

logger = logging.getLogger(__name__)
# Fewer results than this: look for a "¿Quisiste decir…?".
SUGGEST_BELOW = 3
_synonyms = Memo(lambda: list(Synonym.objects.values_list("term", "meaning")), seconds=60, models=[Synonym])


def _answer(call):
    """call(backend), falling back to PostgreSQL when Elasticsearch fails."""
    backend = get_backend()
    try:
        return call(backend), None
    except BackendUnavailable as error:
        logger.warning("Search backend %s unavailable, answering from PostgreSQL: %s", backend.name, error)
        notice = _("The full search service is not responding; these results come from the portal's database.")
        return call(get_backend("postgres")), notice


def search(params, user=None) -> SearchResults:
    query_text = clean_query(params.get("q"))
    parsed = parse(query_text, _synonyms.get() if query_text else [])
    audience = user_audience(user)
    results, notice = _answer(lambda backend: backend.search(query_text, parsed, params, audience))
    results.notice = notice
    if query_text and results.total < SUGGEST_BELOW:
        # The vocabulary holds only public words, whoever is searching.
        results.suggestion = suggest(query_text)
    return results


def autocomplete(text: str | None, user=None, limit: int = 8) -> list[dict]:
    """Titles that contain words starting as typed ("acomp" → Acompañamiento…)."""
    words = re.findall(r"[^\W_]+", normalise_name(clean_query(text)).lower())[:6]
    if not words or len(words[-1]) < 2:
        return []
    rows, _notice = _answer(lambda backend: backend.autocomplete(words, user_audience(user), limit))
    return rows
