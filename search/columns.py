"""The index's facet columns, held in each process's memory as numpy arrays,
so that counting nine facets over tens of thousands of matches, filtering
them and ordering them takes a few milliseconds instead of a pass of
PostgreSQL over every matching row. With them, the lexemes of each
document's title and summary (search.postings), for ranking.

PostgreSQL stays the truth about *which* documents exist and match: a search
asks it for the matching ids, and these columns only describe those ids.
That is safe because a document id always stands for the same content
(search.index replaces documents, it never updates them): ids never seen
before are read in on the spot, and ids of deleted documents are simply
never matched again (the store is rebuilt when they pile up).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.db import connection

from .facets import ARRAY_FIELDS, FACET_FIELDS
from .postings import Postings, evaluate, joined_lexemes
from .tsquery import Node, Word

SINGLE_FIELDS = [field for field in dict.fromkeys(FACET_FIELDS.values()) if field not in ARRAY_FIELDS]
MULTI_FIELDS = [field for field in dict.fromkeys(FACET_FIELDS.values()) if field in ARRAY_FIELDS]
COLUMNS = ["id", *SINGLE_FIELDS, *MULTI_FIELDS, "audience", "completeness", "published_at", "title"]
# The lexemes of the vectors that ranking looks into (search.postings).
RANKED_VECTORS = ("title", "summary")
# A one-value facet with at most this many values is counted bit by bit.
BIT_COUNTED_VALUES = 64
# Rebuild from scratch once this share of the store is ids no longer seen.
MAX_STALE_SHARE = 0.5
_SELECTED = [*(f"d.{column}" for column in COLUMNS), *(joined_lexemes(f"m.{vector}") for vector in RANKED_VECTORS)]
ROW_SQL = (
    f"SELECT {', '.join(_SELECTED)}"  # nosec B608  # column names from the constants above, no input
    " FROM search_searchdocument AS d LEFT JOIN search_searchmatch AS m ON m.document_id = d.id"
)


def _text(value) -> str | None:
    """Facet values as the URL and the options carry them: text."""
    return None if value is None or value == "" else str(value)


def _union(*value_lists: list[str]) -> list[str]:
    return sorted({value for values in value_lists for value in values})


class _Single:
    """A one-value column: a code per row (-1: none) and each code's value."""

    def __init__(self, values: list[str], codes: np.ndarray):
        self.values, self.codes = values, codes

    @cached_property
    def bits(self) -> np.ndarray | None:
        """Few values (content type, region, year…): each value's rows as
        packed bits, counted as _Multi counts. Many (networks): None, bincount.
        Built at the first count: reads and merges make intermediate columns."""
        if len(self.values) > BIT_COUNTED_VALUES:
            return None
        return _packed(self.codes[None, :] == np.arange(len(self.values))[:, None])

    @classmethod
    def read(cls, raw: list) -> _Single:
        texts = [_text(value) for value in raw]
        values = _union([text for text in texts if text is not None])
        code = {value: number for number, value in enumerate(values)}
        return cls(values, np.fromiter((code.get(text, -1) for text in texts), dtype=np.int32, count=len(texts)))

    def recoded(self, values: list[str]) -> np.ndarray:
        """The codes in a larger list of values."""
        mapping = np.array([values.index(value) for value in self.values] + [-1], dtype=np.int32)
        return mapping[self.codes]  # -1 indexes the trailing -1

    def concat(self, other: _Single) -> _Single:
        values = _union(self.values, other.values)
        return _Single(values, np.concatenate([self.recoded(values), other.recoded(values)]))

    def take(self, order: np.ndarray) -> _Single:
        return _Single(self.values, self.codes[order])

    def rows_with(self, value: str) -> np.ndarray:
        """A boolean per row: holds this value."""
        if value not in self.values:
            return np.zeros(len(self.codes), dtype=bool)
        return self.codes == self.values.index(value)

    def counts(self, rows: np.ndarray) -> dict[str, int]:
        """How many of these rows (a boolean per row) hold each value."""
        if self.bits is not None:
            found = np.bitwise_count(self.bits & _packed(rows)).sum(axis=-1)
        else:
            found = np.bincount(self.codes[rows] + 1, minlength=len(self.values) + 1)[1:]
        return {value: int(count) for value, count in zip(self.values, found, strict=True) if count}


class _Multi:
    """A many-values column (an array): a boolean matrix, a row per document
    and a column per value; and, for counting, each value's rows as packed
    bits (counting is then an AND and a population count per value)."""

    def __init__(self, values: list[str], matrix: np.ndarray):
        self.values, self.matrix = values, matrix

    @cached_property
    def bits(self) -> np.ndarray:
        return _packed(self.matrix.T)

    @classmethod
    def read(cls, raw: list[list]) -> _Multi:
        texts = [[text for text in map(_text, row or []) if text is not None] for row in raw]
        values = _union(*texts)
        column = {value: number for number, value in enumerate(values)}
        matrix = np.zeros((len(texts), len(values)), dtype=bool)
        for row, held in enumerate(texts):
            matrix[row, [column[text] for text in held]] = True
        return cls(values, matrix)

    def widened(self, values: list[str]) -> np.ndarray:
        matrix = np.zeros((len(self.matrix), len(values)), dtype=bool)
        matrix[:, [values.index(value) for value in self.values]] = self.matrix
        return matrix

    def concat(self, other: _Multi) -> _Multi:
        values = _union(self.values, other.values)
        return _Multi(values, np.concatenate([self.widened(values), other.widened(values)]))

    def take(self, order: np.ndarray) -> _Multi:
        return _Multi(self.values, self.matrix[order])

    def rows_with(self, value: str) -> np.ndarray:
        return self.rows_with_any([value])

    def rows_with_any(self, values) -> np.ndarray:
        columns = [self.values.index(value) for value in values if value in self.values]
        return self.matrix[:, columns].any(axis=1)

    def counts(self, rows: np.ndarray) -> dict[str, int]:
        found = np.bitwise_count(self.bits & _packed(rows)).sum(axis=-1)
        return {value: int(count) for value, count in zip(self.values, found, strict=True) if count}


def _packed(rows: np.ndarray) -> np.ndarray:
    """Booleans (along the last axis) as bits in 64-bit words."""
    packed = np.packbits(rows, axis=-1)
    padding = -packed.shape[-1] % 8
    if padding:
        packed = np.concatenate([packed, np.zeros((*packed.shape[:-1], padding), dtype=np.uint8)], axis=-1)
    return np.ascontiguousarray(packed).view(np.uint64)


@dataclass
class Columns:
    """The columns of the documents read so far, a row per document, sorted by id."""

    ids: np.ndarray  # int64, ascending
    fields: dict[str, _Single | _Multi]  # the facets' fields, and "audience"
    completeness: np.ndarray  # float64, 0..1
    published: np.ndarray  # float64 timestamps, -inf when undated
    titles: np.ndarray  # object: casefolded titles
    lexemes: dict[str, Postings]  # per ranked vector, which documents hold each lexeme
    # Each row's place when sorting by date: newest first, undated last,
    # then by title and id (0 comes first).
    date_rank: np.ndarray = field(init=False)
    row_of: np.ndarray = field(init=False)  # per id up to the largest, its row (-1: none)
    _audiences: dict = field(init=False, default_factory=dict)

    def __post_init__(self):
        order = np.lexsort((self.ids, self.titles, -self.published))
        self.date_rank = np.empty(len(self.ids), dtype=np.int64)
        self.date_rank[order] = np.arange(len(self.ids))
        self.row_of = np.full(int(self.ids.max()) + 1 if len(self.ids) else 0, -1, dtype=np.int32)
        self.row_of[self.ids] = np.arange(len(self.ids), dtype=np.int32)

    @classmethod
    def read(cls, rows: list[tuple]) -> Columns:
        names = [*COLUMNS, *(f"{vector} lexemes" for vector in RANKED_VECTORS)]
        raw = dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)) if rows else {n: [] for n in names}
        ids = np.array(raw["id"], dtype=np.int64)
        fields = {name: _Single.read(raw[name]) for name in SINGLE_FIELDS}
        fields |= {name: _Multi.read(raw[name]) for name in [*MULTI_FIELDS, "audience"]}
        columns = cls(
            ids=ids,
            fields=fields,
            completeness=np.array(raw["completeness"], dtype=np.float64),
            published=np.array([-np.inf if v is None else v.timestamp() for v in raw["published_at"]], dtype=float),
            titles=np.array([title.casefold() for title in raw["title"]], dtype=object),
            lexemes={vector: Postings.read(ids, raw[f"{vector} lexemes"]) for vector in RANKED_VECTORS},
        )
        return columns.take(np.argsort(columns.ids, kind="stable"))

    def take(self, order: np.ndarray) -> Columns:
        return Columns(
            ids=self.ids[order],
            fields={name: column.take(order) for name, column in self.fields.items()},
            completeness=self.completeness[order],
            published=self.published[order],
            titles=self.titles[order],
            lexemes=self.lexemes,  # by id: the order does not matter
        )

    def concat(self, other: Columns) -> Columns:
        both = Columns(
            ids=np.concatenate([self.ids, other.ids]),
            fields={name: column.concat(other.fields[name]) for name, column in self.fields.items()},
            completeness=np.concatenate([self.completeness, other.completeness]),
            published=np.concatenate([self.published, other.published]),
            titles=np.concatenate([self.titles, other.titles]),
            lexemes={vector: postings.concat(other.lexemes[vector]) for vector, postings in self.lexemes.items()},
        )
        return both.take(np.argsort(both.ids, kind="stable"))

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A boolean per row: is one of these ids; and the ids that have no
        row (not read yet)."""
        mask = np.zeros(len(self.ids), dtype=bool)
        if len(ids) and ids.max() < len(self.row_of):
            found = self.row_of[ids]
            if found.min() >= 0:  # the usual case: every id known
                mask[found] = True
                return mask, ids[:0]
        else:
            inside = ids < len(self.row_of)
            found = np.full(len(ids), -1, dtype=np.int32)
            found[inside] = self.row_of[ids[inside]]
        mask[found[found >= 0]] = True
        return mask, ids[found < 0]

    def visible(self, rows: np.ndarray, audience: list[str] | None) -> np.ndarray:
        """These rows (a boolean per row) that someone with this audience
        may see (None: all)."""
        if audience is None:
            return rows
        key = tuple(sorted(audience))
        if key not in self._audiences:
            self._audiences[key] = self.fields["audience"].rows_with_any(audience)
        return rows & self._audiences[key]

    def rows_with(self, name: str, value: str) -> np.ndarray:
        return self.fields[name].rows_with(value)

    def counts(self, name: str, rows: np.ndarray) -> dict[str, int]:
        return self.fields[name].counts(rows)

    def holding(self, vector: str, query: Node | None) -> np.ndarray:
        """A boolean per row: the document's `vector` (title or summary)
        matches this query, as `vector @@ query` would (phrases as their words)."""
        postings, rows = self.lexemes[vector], {}

        def rows_holding(word: Word) -> np.ndarray:
            if word not in rows:
                rows[word] = self.rows(postings.holding(word))[0]
            return rows[word]

        return evaluate(query, rows_holding, len(self))


_lock = threading.Lock()
_columns: Columns | None = None
_read_at_rebuild = 0  # rows read by the last full rebuild


def _read(where: str = "", params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"{ROW_SQL} {where}", params)
        return cursor.fetchall()


def columns_for(ids: np.ndarray) -> tuple[Columns, np.ndarray]:
    """The columns, with these ids read in if they were not yet, and a
    boolean per row: is one of the ids."""
    global _columns, _read_at_rebuild
    with _lock:
        if _columns is None:
            _columns = Columns.read(_read())
            _read_at_rebuild = len(_columns)
        rows, unknown = _columns.rows(ids)
        if len(unknown):
            if len(_columns) + len(unknown) > (1 + MAX_STALE_SHARE) * _read_at_rebuild + 1000:
                # Mostly replaced since the last full read: read all again.
                _columns = Columns.read(_read())
                _read_at_rebuild = len(_columns)
            else:
                _columns = _columns.concat(Columns.read(_read("WHERE d.id = ANY(%s)", [unknown.tolist()])))
            rows, _unknown = _columns.rows(ids)
        return _columns, rows
