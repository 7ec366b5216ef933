"""Typo tolerance: the index's vocabulary, and the closest known word for
each unknown word of a query (trigram similarity, pg_trgm)."""

from __future__ import annotations

import re

from django.db import connection

from territories.names import normalise_name

from .models import SearchTerm

MIN_SIMILARITY = 0.4
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

VOCABULARY_SQL = """
INSERT INTO search_searchterm (word, display)
SELECT DISTINCT ON (unaccent(word)) unaccent(word), word
FROM ts_stat($$SELECT to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' ||
    left(coalesce(body, ''), 20000)) FROM search_searchdocument WHERE 'public' = ANY(audience) {where}$$)
WHERE length(word) BETWEEN 3 AND 100 AND word !~ '[0-9]'
ORDER BY unaccent(word), nentry DESC
ON CONFLICT (word) DO NOTHING
"""


def vocabulary_add(document_ids=None) -> None:
    """Add the words of these documents (or of all) to the vocabulary: only
    public documents' words, so a suggestion never reveals a private page."""
    where = ""
    if document_ids is not None:
        ids = ",".join(str(int(pk)) for pk in document_ids) or "0"
        where = f"AND id IN ({ids})"
    with connection.cursor() as cursor:
        cursor.execute(VOCABULARY_SQL.format(where=where))


def suggest(query_text: str) -> str | None:
    """The query with unknown words replaced by the closest known ones, or None."""
    words = [word for word in WORD.findall(query_text) if word.upper() != "OR"]
    if not words:
        return None
    normalised = {word: normalise_name(word).lower() for word in words}
    known = set(SearchTerm.objects.filter(word__in=normalised.values()).values_list("word", flat=True))
    suggestion, changed = query_text, False
    for word, plain in normalised.items():
        if plain in known:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT display FROM search_searchterm WHERE word %% %s AND similarity(word, %s) >= %s "
                "ORDER BY similarity(word, %s) DESC, length(word) LIMIT 1",
                [plain, plain, MIN_SIMILARITY, plain],
            )
            row = cursor.fetchone()
        if row:
            suggestion = re.sub(rf"\b{re.escape(word)}\b", row[0], suggestion)
            changed = True
    return suggestion if changed else None
