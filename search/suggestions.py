"""Typo tolerance: the index's vocabulary, and the closest known word for
each unknown word of a query (trigram similarity, pg_trgm)."""

from __future__ import annotations

import re

from django.db import connection

from territories.names import normalise_name

from .models import SearchTerm

MIN_SIMILARITY = 0.4
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

# The words of some public documents, once per spelling without accents,
# with how many documents hold them (summed over spellings, the same way
# when adding and removing, so the counts stay true).
WORDS_SQL = """
SELECT unaccent(word) AS word, (array_agg(word ORDER BY nentry DESC))[1] AS display, sum(ndoc) AS documents
FROM ts_stat($$SELECT to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' ||
    left(coalesce(body, ''), 20000)) FROM search_searchdocument WHERE 'public' = ANY(audience) {where}$$)
WHERE length(word) BETWEEN 3 AND 100 AND word !~ '[0-9]'
GROUP BY unaccent(word)
"""
ADD_SQL = f"""
INSERT INTO search_searchterm (word, display, documents) {WORDS_SQL}
ON CONFLICT (word) DO UPDATE SET documents = search_searchterm.documents + EXCLUDED.documents
"""  # nosec B608  # WORDS_SQL is a constant; _where writes only integers
REMOVE_SQL = f"""
UPDATE search_searchterm AS term SET documents = term.documents - words.documents
FROM ({WORDS_SQL}) AS words WHERE term.word = words.word
"""  # nosec B608  # as ADD_SQL


def _where(document_ids) -> str:
    if document_ids is None:
        return ""
    ids = ",".join(str(int(pk)) for pk in document_ids) or "0"
    return f"AND id IN ({ids})"


def vocabulary_add(document_ids=None) -> None:
    """Add the words of these documents (or of all) to the vocabulary: only
    public documents' words, so a suggestion never reveals a private page."""
    with connection.cursor() as cursor:
        cursor.execute(ADD_SQL.format(where=_where(document_ids)))


def vocabulary_remove(document_ids) -> None:
    """Before these documents change or go: their words count one document
    less, and a word no public document holds any more is forgotten."""
    with connection.cursor() as cursor:
        cursor.execute(REMOVE_SQL.format(where=_where(document_ids)))
        cursor.execute("DELETE FROM search_searchterm WHERE documents <= 0")


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
