"""The lexemes of every document's title (or summary), inverted: for each
lexeme, the ids of the documents holding it. Kept in each process with the
facet columns (search.columns), so that ranking asks PostgreSQL for the
matching ids only, not also for the title and summary matches of each of
the query's words, which for a common word were tens of thousands of ids
more per search.

Like the columns, this relies on a document id always standing for the
same content: the lexemes of an id never change."""

from __future__ import annotations

from bisect import bisect_left

import numpy as np

from .tsquery import All, Node, Not, Word

# Between the lexemes of one vector as SQL joins them for reading:
# the text search parser never puts a control character in a lexeme.
SEPARATOR = "\x1f"


def joined_lexemes(vector_sql: str) -> str:
    """SQL: a tsvector's lexemes as one string, for Postings.read."""
    return f"array_to_string(tsvector_to_array({vector_sql}), E'\\x1f')"


class Postings:
    """For each lexeme, the ids of the documents holding it (an array each;
    `vocabulary` sorted, for prefixes)."""

    def __init__(self, holders: dict[str, np.ndarray], vocabulary: list[str] | None = None):
        self.holders = holders
        self.vocabulary = vocabulary if vocabulary is not None else sorted(holders)

    @classmethod
    def read(cls, ids: np.ndarray, joined: list[str | None]) -> Postings:
        """From each document's id and joined lexemes (joined_lexemes)."""
        texts = [text for text in joined if text]
        if not texts:
            return cls({})
        lengths = [text.count(SEPARATOR) + 1 if text else 0 for text in joined]
        words = SEPARATOR.join(texts).split(SEPARATOR)  # one split for all: far faster than one per row
        vocabulary = list(dict.fromkeys(words))
        code = {lexeme: number for number, lexeme in enumerate(vocabulary)}
        # Narrow codes sort faster (numpy sorts 16-bit integers by radix).
        narrow = np.uint16 if len(vocabulary) <= 2**16 else np.int32
        codes = np.fromiter(map(code.__getitem__, words), dtype=narrow, count=len(words))
        order = np.argsort(codes, kind="stable")
        holders = np.repeat(ids, lengths)[order]
        starts = np.searchsorted(codes[order], np.arange(len(vocabulary) + 1))
        return cls({lexeme: holders[starts[n] : starts[n + 1]] for n, lexeme in enumerate(vocabulary)})

    def concat(self, other: Postings) -> Postings:
        """These and other documents' postings (a new object: a search in
        another thread may still be reading this one)."""
        holders = dict(self.holders)
        for lexeme, ids in other.holders.items():
            holders[lexeme] = np.concatenate([holders[lexeme], ids]) if lexeme in holders else ids
        added = [lexeme for lexeme in other.vocabulary if lexeme not in self.holders]
        return Postings(holders, sorted(self.vocabulary + added) if added else self.vocabulary)

    def holding(self, word: Word) -> np.ndarray:
        """The ids of the documents holding the lexeme (or, for a prefix, a
        lexeme starting with it; an id may come more than once)."""
        if not word.prefix:
            return self.holders.get(word.lexeme, EMPTY)
        first = last = bisect_left(self.vocabulary, word.lexeme)
        while last < len(self.vocabulary) and self.vocabulary[last].startswith(word.lexeme):
            last += 1
        return np.concatenate([EMPTY, *(self.holders[lexeme] for lexeme in self.vocabulary[first:last])])


EMPTY = np.array([], dtype=np.int64)


def evaluate(node: Node | None, rows_holding, size: int) -> np.ndarray:
    """The rows (a boolean for each of `size` rows) that a query tree
    matches, given `rows_holding(word)`: the rows holding one of its words.
    A query without words matches nothing, as in PostgreSQL."""
    if node is None:
        return np.zeros(size, dtype=bool)
    if isinstance(node, Word):
        return rows_holding(node)
    if isinstance(node, Not):
        return ~evaluate(node.operand, rows_holding, size)
    parts = [evaluate(operand, rows_holding, size) for operand in node.operands]
    return np.logical_and.reduce(parts) if isinstance(node, All) else np.logical_or.reduce(parts)
