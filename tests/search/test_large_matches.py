"""Large matches kept in the process (search.large_matches): answered again
without the GIN lookup while the index is unchanged, and never once it
changed, nor after a change that was rolled back."""

import numpy as np
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search.large_matches import LargeMatches, Match, current_generation
from search.models import SearchMatch
from tests.factories import make_practice
from tests.search.pages import results

pytestmark = pytest.mark.django_db


def searched(client, q):
    """The result titles, and the statements the search ran."""
    with CaptureQueriesContext(connection) as queries:
        titles = results(client, q=q)[0]
    return titles, [query["sql"] for query in queries]


def test_a_kept_match_answers_until_the_index_changes(client, corpus, every_match_kept):
    first, statements = searched(client, "talleres")
    assert first == ["Talleres con apoderados"]
    assert any("search_searchmatch" in sql for sql in statements)

    again, statements = searched(client, "talleres")
    assert again == first
    # The generation instead of SET LOCAL and the GIN lookup; then the page's
    # rows, the typo suggestion (one result), the site and the menu.
    assert not any("search_searchmatch" in sql for sql in statements)
    assert "search_indexgeneration" in statements[0]
    assert len(statements) == 5

    make_practice(corpus["osorno"], "Talleres de lectura", summary="Otros talleres.")
    titles, statements = searched(client, "talleres")
    assert set(titles) == {"Talleres con apoderados", "Talleres de lectura"}
    assert any("search_searchmatch" in sql for sql in statements)

    corpus["workshops"].unpublish()
    assert searched(client, "talleres")[0] == ["Talleres de lectura"]
    assert searched(client, "talleres")[0] == ["Talleres de lectura"]


def test_a_change_rolled_back_is_never_served(client, corpus, every_match_kept):
    before = searched(client, "taller")[0]

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        make_practice(corpus["osorno"], "Taller fantasma", summary="Un taller que no fue.")
        # Read (and kept) inside the transaction that is about to roll back.
        assert "Taller fantasma" in searched(client, "taller")[0]
        raise RolledBack

    # A later change, as many writes as the rolled-back one, gets a new
    # generation: never the rolled-back one again, whose match is still kept.
    make_practice(corpus["osorno"], "Taller real", summary="Un taller que sí fue.")
    assert set(searched(client, "taller")[0]) == {*before, "Taller real"}


def test_every_write_to_the_index_gives_a_new_generation(corpus):
    seen = [current_generation()]
    match = SearchMatch.objects.filter(document__object_id=corpus["guide"].pk)
    match.update(title=match.values("title")[:1])  # the same value written again
    seen.append(current_generation())
    match.delete()
    seen.append(current_generation())
    make_practice(corpus["osorno"], "Taller de lectura")
    seen.append(current_generation())
    assert None not in seen
    assert len(set(seen)) == 4
    list(SearchMatch.objects.all())
    assert current_generation() == seen[-1]


def kept(ids, generation=1):
    return Match(generation=generation, ids=np.arange(ids), printed=("'taller'",))


def test_only_large_matches_are_kept_and_only_in_their_generation():
    matches = LargeMatches(large=100, held_ids=1_000)
    matches.offer(("small",), kept(99))
    matches.offer(("large",), kept(100))
    assert not matches.holds(("small",))
    assert matches.get(("large",), generation=1).ids.size == 100
    assert matches.get(("large",), generation=None) is None  # no generation: nothing is trusted
    assert matches.get(("large",), generation=2) is None
    assert not matches.holds(("large",))  # stale: dropped


def test_the_least_recently_asked_matches_go_first_when_too_many_ids_are_held():
    matches = LargeMatches(large=100, held_ids=1_000)
    for name in "abcd":
        matches.offer((name,), kept(300))
    assert [matches.holds((name,)) for name in "abcd"] == [False, True, True, True]
    matches.get(("b",), generation=1)
    matches.offer(("e",), kept(300))
    assert [matches.holds((name,)) for name in "bcde"] == [True, False, True, True]
