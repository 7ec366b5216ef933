"""The ids of large matches, kept in the process while the index is unchanged.

Handing over the ids of a query that most documents match is most of the
cost of searching a common word: PostgreSQL visits every matching row (about
20 ms for 100,000 matches, where counting, ranking and paging them in the
process take 10). So the ids of a match of at least LARGE ids are kept, with
the index generation (IndexGeneration) they were read in; asking again costs
one read of that one-row table while the generation is still current. Any
write to SearchMatch gives the index a new generation, which drops them all.

Only the ids are kept: who may see them, the facet filters and counts,
ranking and the page are worked out for each search."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.db import connection

LARGE = 20_000  # ids: below this, PostgreSQL hands them over in a few milliseconds
HELD_IDS = 4_000_000  # at most this many ids held (32 MB), the least recently asked dropped first


@dataclass(frozen=True)
class Match:
    generation: int | None  # None: the generation row is missing, nothing is kept
    ids: np.ndarray
    printed: tuple[str, ...]  # the query and its rank queries, as PostgreSQL prints them


class LargeMatches:
    def __init__(self, large: int = LARGE, held_ids: int = HELD_IDS):
        self.large, self.held_ids = large, held_ids
        self._matches: OrderedDict[tuple, Match] = OrderedDict()
        self._lock = threading.Lock()

    def holds(self, key: tuple) -> bool:
        return key in self._matches

    def get(self, key: tuple, generation: int | None) -> Match | None:
        """The match kept for `key` (a statement and its parameters), if it
        was read in this generation; the others are stale and dropped."""
        with self._lock:
            match = self._matches.get(key)
            if match is None or generation is None:
                return None
            if match.generation != generation:
                self._drop_all_but(generation)
                return None
            self._matches.move_to_end(key)
            return match

    def offer(self, key: tuple, match: Match) -> None:
        """Keep a match read in its generation, if it is large."""
        if match.generation is None or len(match.ids) < self.large:
            return
        with self._lock:
            self._drop_all_but(match.generation)
            self._matches[key] = match
            held = sum(len(kept.ids) for kept in self._matches.values())
            while held > self.held_ids and len(self._matches) > 1:
                _key, dropped = self._matches.popitem(last=False)
                held -= len(dropped.ids)

    def clear(self) -> None:
        with self._lock:
            self._matches.clear()

    def _drop_all_but(self, generation: int) -> None:
        for key in [key for key, match in self._matches.items() if match.generation != generation]:
            del self._matches[key]


large_matches = LargeMatches()

GENERATION_SQL = "(SELECT value FROM search_indexgeneration WHERE id = 1)"


def current_generation() -> int | None:
    """The index generation now (None: unknown, nothing is kept)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {GENERATION_SQL}")
        return cursor.fetchone()[0]
