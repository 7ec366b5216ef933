"""The in-memory facet columns of the PostgreSQL backend: rows read in two
goes (new values appearing in the second) must count, filter and order as
if read at once."""

from datetime import UTC, datetime

import numpy as np

from search.columns import COLUMNS, Columns
from search.postings import SEPARATOR
from search.tsquery import parse


def row(pk, *, kind="practice", region=1, topics=(), audience=("public",), published=None, title="T", words=()):
    values = {
        "id": pk,
        "kind": kind,
        "region_id": region,
        "network_id": None,
        "evidence_level": None,
        "instrument_type": "",
        "year": None,
        "topics": list(topics),
        "dimensions": [],
        "levels": [],
        "audience": list(audience),
        "completeness": 1.0,
        "published_at": published,
        "title": title,
    }
    # The title's and the summary's lexemes, as columns._read gives them.
    return (*(values[column] for column in COLUMNS), SEPARATOR.join(words), SEPARATOR.join(f"s{w}" for w in words))


def day(number):
    return datetime(2026, 1, number, tzinfo=UTC)


def test_columns_read_in_two_goes_equal_columns_read_at_once():
    first = [
        row(5, topics=["lectura"], published=day(3), title="B", words=["lectur", "escuel"]),
        row(2, kind="network", region=2, published=day(1), words=["red"]),
        row(9, kind="school", region=None, title="Escuela"),
    ]
    later = [
        row(7, topics=["convivencia", "lectura"], audience=("group:4",), published=day(2), words=["escuel", "aul"]),
        row(3, kind="instrument", region=15, topics=["convivencia"], published=day(3), title="A", words=["pauta"]),
    ]
    merged = Columns.read(first).concat(Columns.read(later))
    whole = Columns.read(first + later)
    assert merged.ids.tolist() == whole.ids.tolist() == [2, 3, 5, 7, 9]
    everything = np.ones(len(whole), dtype=bool)
    for name in ("kind", "region_id", "topics", "audience"):
        assert merged.counts(name, everything) == whole.counts(name, everything)
    assert whole.counts("topics", everything) == {"convivencia": 2, "lectura": 2}
    assert whole.counts("region_id", everything) == {"1": 2, "2": 1, "15": 1}
    # Newest first, then by title; undated last.
    assert merged.date_rank.tolist() == whole.date_rank.tolist()
    by_date = whole.ids[np.argsort(whole.date_rank)].tolist()
    assert by_date == [3, 5, 7, 2, 9]
    # The lexemes of titles and summaries, for ranking.
    for query, vector, expected in [
        ("'escuel'", "title", [5, 7]),
        ("'escuel' & !'aul'", "title", [5]),
        ("'red' | 'paut':* & 'x'", "title", [2]),
        ("'red' | 'paut':*", "title", [2, 3]),
        ("'sescuel' <-> 'saul'", "summary", [7]),
        ("'escuel'", "summary", []),
    ]:
        assert whole.ids[whole.holding(vector, parse(query))].tolist() == expected, query
        assert merged.ids[merged.holding(vector, parse(query))].tolist() == expected, query
    assert not whole.holding("title", parse("")).any()


def test_rows_visibility_and_unknown_ids():
    columns = Columns.read([row(1), row(4, audience=("group:7",)), row(6, audience=("login",))])
    rows, unknown = columns.rows(np.array([4, 6, 8, 100], dtype=np.int64))
    assert columns.ids[rows].tolist() == [4, 6]
    assert unknown.tolist() == [8, 100]
    everything = np.ones(3, dtype=bool)
    assert columns.ids[columns.visible(everything, ["public"])].tolist() == [1]
    assert columns.ids[columns.visible(everything, ["public", "login", "group:7"])].tolist() == [1, 4, 6]
    assert columns.ids[columns.visible(everything, None)].tolist() == [1, 4, 6]
    assert not columns.rows_with("topics", "unknown").any()


def test_counts_by_bits_and_by_bincount_agree(monkeypatch):
    rows = [row(pk, kind=("practice", "network", "instrument")[pk % 3], region=pk % 5 or None) for pk in range(1, 200)]
    some = np.arange(199) % 7 != 0
    by_bits = Columns.read(rows)
    for name in ("kind", "region_id"):
        by_bits.counts(name, some)  # the bits are built at the first count: before the threshold changes
    monkeypatch.setattr("search.columns.BIT_COUNTED_VALUES", 0)
    by_bincount = Columns.read(rows)
    assert by_bits.fields["kind"].bits is not None and by_bincount.fields["kind"].bits is None
    for name in ("kind", "region_id"):
        assert by_bits.counts(name, some) == by_bincount.counts(name, some)
    assert sum(by_bits.counts("region_id", some).values()) == np.count_nonzero(some & (np.arange(1, 200) % 5 != 0))
