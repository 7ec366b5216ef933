"""Search benchmark: the portal's own index against Wagtail's stock database
backend, on the same 100,000 synthetic Spanish pages, in a throwaway database.

    .venv/bin/python bench/search.py                    # build, measure, drop
    .venv/bin/python bench/search.py --docs 2000        # a quick check
    .venv/bin/python bench/search.py --keep             # keep the database bench_search
    .venv/bin/python bench/search.py --reuse            # measure a kept corpus again
    .venv/bin/python bench/search.py --reuse --reindex  # rebuild only the portal's index, measure
    .venv/bin/python bench/search.py --reuse --profile  # also profile one query per class (SQL, Python)

The corpus (bench/corpus.py) is networks, practices (2–8 kB of text) and
instruments (5–30 kB: their file's text), written by a Markov chain trained on
demo/data/*.yaml, bulk-inserted as real live pages of the page tree. Both
indexes are built and timed: `search.index.index_pages` (ours) and Wagtail's
`update_index` (stock). Then each query class (rare term, common term, two
terms, phrase, prefix/autocomplete, query with two facets) runs a fixed list of
queries, chosen from the corpus with a fixed seed (a rare term is rare after
stemming too, a common one is in 30–100 % of the documents) and stored in the
database, so --reuse measures the same ones: a warm-up pass, then --repeat
rounds, fewer when a class has taken more than --budget seconds (the stock
backend at 100,000 pages). Ours answers as the search page does: total, a page
of 20 results with snippets and every facet's counts. The stock backend
answers a page of 20 results and the total (`Page.objects.live().search(q)`),
without snippets or facets. Ours keeps the ids of a match of at least 20,000
documents until the index changes (search.large_matches), so the first time
a query is asked (the warm-up pass) is reported apart.

--reuse runs new migrations on the kept database; when they change the
portal's index, add --reindex.

Targets on a 2-core machine: p95 ≤ 50 ms for every query class, and at least
10× faster than the stock backend on common-term queries.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from itertools import chain
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
DATABASE_NAME = "bench_search"
SEED = 2026
BATCH = 1000
QUERIES_TABLE = "bench_search_queries"
# Share of the corpus: networks, instruments; the rest are practices.
NETWORK_SHARE, INSTRUMENT_SHARE = 0.01, 0.30
QUERIES_PER_CLASS = 8
INDEX_TABLES = ("search_searchdocument", "search_searchmatch", "search_searchterm", "wagtailsearch_indexentry")
TARGET_P95_MS = 50.0
TARGET_COMMON_RATIO = 10.0

CLASSES = {
    "rare": "rare term",
    "common": "common term",
    "two": "two terms",
    "phrase": "phrase",
    "prefix": "prefix (autocomplete)",
    "facets": "query + two facets",
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000, help="pages in the corpus (default 100000)")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DATABASE_NAME} afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure a kept corpus again (implies --keep)")
    parser.add_argument("--reindex", action="store_true", help="with --reuse: rebuild the portal's index first")
    parser.add_argument("--repeat", type=int, default=5, help="measured rounds over each class's queries")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per class after which rounds stop")
    parser.add_argument("--profile", action="store_true", help="print the SQL statements of one query per class")
    return parser.parse_args(argv)


def setup_django():
    # This file is bench/search.py: keep its folder off the path so `search` is the app.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "rme_portal.settings.test"
    os.environ.setdefault("TEST_DATABASE_NAME", DATABASE_NAME)
    import django

    django.setup()


def log(message: str) -> None:
    print(message, flush=True)


# --- building the corpus ----------------------------------------------------------


@dataclass
class PhaseTimes:
    generate: float = 0.0
    insert: float = 0.0


def insert_pages(model, pages: list) -> None:
    """Insert MTI pages without Django's bulk_create (it refuses child models):
    the wagtailcore_page rows first, returning their ids, then the child rows."""
    from django.db import transaction
    from wagtail.models import Page

    base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    with transaction.atomic():
        rows = Page._base_manager._insert(pages, fields=base_fields, returning_fields=[Page._meta.pk], using="default")
        for page, row in zip(pages, rows, strict=True):
            page.id = page.page_ptr_id = row[0]
        model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, using="default")


def build_corpus(total: int, corpus) -> dict:
    """Networks under a network index under the home page; practices and
    instruments under the networks. Returns counts and phase times."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils.text import slugify
    from wagtail.models import Page, Site

    from networks.models import NetworkIndexPage, NetworkPage
    from pme.dimensions import Dimension
    from practices.choices import EvidenceLevel, Framework, InstrumentType, Licence, Participant, Stage, Subject
    from practices.models import InstrumentPage, PracticePage, Topic
    from schools.teaching import Level

    rng = random.Random(SEED)
    times = PhaseTimes()
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=NetworkIndexPage(title="Redes", slug="redes"))
    topics = create_topics(Topic)

    n_networks = max(2, round(total * NETWORK_SHARE))
    n_instruments = round(total * INSTRUMENT_SHARE)
    n_practices = total - n_networks - n_instruments
    kinds = ["practice"] * n_practices + ["instrument"] * n_instruments
    rng.shuffle(kinds)
    # Networks differ in size: a few publish much more than others.
    weights = [rng.lognormvariate(0, 0.8) for _ in range(n_networks)]
    parents = rng.choices(range(n_networks), weights, k=len(kinds))
    children = [0] * n_networks
    for parent in parents:
        children[parent] += 1

    def published():
        start = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)
        return start + datetime.timedelta(seconds=rng.randrange(int(10.8 * 365 * 86400)))

    def base(model, title, number, parent, step, numchild=0):
        slug = slugify(title)[:60].strip("-")
        slug = slug if slug.endswith(f"-{number}") else f"{slug}-{number}"
        when = published()
        return {
            "title": title,
            "draft_title": title,
            "slug": slug,
            "path": Page._get_path(parent.path, parent.depth + 1, step),
            "depth": parent.depth + 1,
            "numchild": numchild,
            "url_path": f"{parent.url_path}{slug}/",
            "content_type_id": ContentType.objects.get_for_model(model).pk,
            "locale_id": home.locale_id,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": when,
            "last_published_at": when,
        }

    # Networks.
    started = time.monotonic()
    networks = []
    for number in range(n_networks):
        fields = corpus.network(number + 1)
        title = fields.pop("title")
        levels = rng.sample(Level.values, rng.randint(1, 3))
        networks.append(
            NetworkPage(
                **base(NetworkPage, title, number + 1, index, number + 1, children[number]), **fields, levels=levels
            )
        )
    times.generate += time.monotonic() - started
    started = time.monotonic()
    for start in range(0, len(networks), BATCH):
        insert_pages(NetworkPage, networks[start : start + BATCH])
    Page.objects.filter(pk=index.pk).update(numchild=n_networks)
    times.insert += time.monotonic() - started

    # Practices and instruments, BATCH at a time.
    next_step = [0] * n_networks
    topic_links = {PracticePage: [], InstrumentPage: []}
    batches = {PracticePage: [], InstrumentPage: []}

    def flush(model):
        begun = time.monotonic()
        pages = batches[model]
        insert_pages(model, pages)
        through = model.topics.through
        column = f"{model._meta.model_name}_id"
        links = [
            through(**{column: page.pk, "topic_id": topic}) for page, chosen in topic_links[model] for topic in chosen
        ]
        through.objects.bulk_create(links)
        batches[model], topic_links[model] = [], []
        times.insert += time.monotonic() - begun

    for number, (kind, parent_index) in enumerate(zip(kinds, parents, strict=True), start=n_networks + 1):
        started = time.monotonic()
        network = networks[parent_index]
        next_step[parent_index] += 1
        levels = rng.sample(Level.values, rng.randint(1, 3))
        chosen_topics = rng.sample(topics, rng.randint(1, 3))
        if kind == "practice":
            model, fields = PracticePage, corpus.practice()
            extra = {
                "evidence_level": rng.choices(EvidenceLevel.values, [45, 30, 17, 8])[0],
                "dimensions": rng.sample(Dimension.values, rng.randint(1, 2)),
                "participants": rng.sample(Participant.values, rng.randint(2, 4)),
                "stage": rng.choice(Stage.values),
            }
        else:
            model, fields = InstrumentPage, corpus.instrument()
            extra = {
                "instrument_type": rng.choice(InstrumentType.values),
                "framework": rng.choice(Framework.values),
                "subjects": rng.sample(Subject.values, rng.randint(1, 2)),
                "licence": rng.choice(Licence.values),
            }
        title = fields.pop("title")
        page = model(
            **base(model, title, number, network, next_step[parent_index]),
            **fields,
            **extra,
            levels=levels,
            network_id=network.pk,
        )
        batches[model].append(page)
        topic_links[model].append((page, chosen_topics))
        times.generate += time.monotonic() - started
        if len(batches[model]) == BATCH:
            flush(model)
        if number % 10_000 == 0:
            log(f"    {number:,} pages")
    for model in batches:
        if batches[model]:
            flush(model)
    return {
        "networks": n_networks,
        "practices": n_practices,
        "instruments": n_instruments,
        "times": times,
    }


def create_topics(Topic) -> list[int]:
    import yaml

    data = yaml.safe_load((BASE_DIR / "demo" / "data" / "topics.yaml").read_text(encoding="utf-8"))
    for item in data:
        Topic.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "description": item.get("description", "")}
        )
    return list(Topic.objects.order_by("pk").values_list("pk", flat=True))


def check_tree() -> None:
    """The bulk-built tree is one Wagtail and treebeard accept."""
    from wagtail.models import Page

    from networks.models import NetworkPage
    from practices.models import InstrumentPage, PracticePage

    problems = Page.find_problems()
    if any(problems):
        raise SystemExit(f"tree problems (evil chars, step length, orphans, depth, numchild): {problems}")
    page = PracticePage.objects.live().order_by("pk").last()
    parent = page.get_parent().specific
    assert isinstance(parent, NetworkPage) and parent.pk == page.network_id, "practice outside its network"
    assert page.url and page.url.startswith("/"), f"no URL for {page}"
    log(
        f"    tree checked: {NetworkPage.objects.live().count():,} networks, "
        f"{PracticePage.objects.live().count():,} practices, {InstrumentPage.objects.live().count():,} instruments; "
        f"e.g. {page.url}"
    )


# --- indexing -------------------------------------------------------------------------


def build_our_index() -> tuple[int, float]:
    """Every live page of the searchable types, as `rebuild_search_index` reads them."""
    from meetings.models import SessionPage
    from networks.models import NetworkPage
    from practices.models import InstrumentPage, PracticePage
    from search import index
    from search.models import SearchDocument, SearchTerm

    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    started = time.monotonic()
    pages = chain.from_iterable(
        index.live_pages(model) for model in (NetworkPage, PracticePage, InstrumentPage, SessionPage)
    )
    count = index.index_pages(pages, progress=lambda n: n % 20_000 == 0 and log(f"    {n:,} indexed"))
    return count, time.monotonic() - started


def build_stock_index() -> tuple[int, float]:
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    started = time.monotonic()
    call_command("update_index", verbosity=0, stdout=StringIO(), stderr=StringIO())
    return IndexEntry.objects.count(), time.monotonic() - started


def vacuum() -> None:
    """What a production database's autovacuum would have done after a
    rebuild: dead rows gone, GIN pending lists merged, statistics fresh."""
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(INDEX_TABLES)}")
        cursor.execute("ANALYZE")
    log(f"VACUUM ANALYZE in {time.monotonic() - started:.1f} s")


def sizes() -> list[tuple[str, str]]:
    from django.db import connection

    rows = []
    with connection.cursor() as cursor:
        for table in INDEX_TABLES:
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size(%s)), pg_size_pretty(pg_relation_size(%s)),"
                " pg_size_pretty(pg_total_relation_size(%s) - pg_relation_size(%s) - pg_indexes_size(%s)),"
                " pg_size_pretty(pg_indexes_size(%s))",
                [table] * 6,
            )
            total, heap, toast, indexes = cursor.fetchone()
            rows.append((table, f"{total} (table {heap}, TOAST {toast}, indexes {indexes})"))
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        rows.append(("whole database", cursor.fetchone()[0]))
    return rows


def document_sizes() -> list[str]:
    """Indexed text (title + summary + body) per kind, from the portal's index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, count(*), percentile_cont(ARRAY[0.05, 0.5, 0.95]) WITHIN GROUP"
            " (ORDER BY octet_length(title) + octet_length(summary) + octet_length(body)),"
            " sum(octet_length(title) + octet_length(summary) + octet_length(body))"
            " FROM search_searchdocument GROUP BY kind ORDER BY kind"
        )
        return [
            f"{kind}: {count:,} documents, text p5/p50/p95 {low / 1e3:.1f}/{mid / 1e3:.1f}/{high / 1e3:.1f} kB,"
            f" total {total / 1e6:.0f} MB"
            for kind, count, (low, mid, high), total in cursor.fetchall()
        ]


# --- choosing the queries ----------------------------------------------------------------


def choose_queries(corpus) -> dict:
    """Query strings per class, from the generated corpus's word statistics.
    Deterministic: sorted candidates, sampled with a fixed seed."""
    from django.db import connection

    rng = random.Random(SEED + 1)
    df, documents = corpus.document_frequency, corpus.documents
    with connection.cursor() as cursor:
        # PostgreSQL's Spanish stop words (de, la, para…) make no query.
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word WHERE numnode(plainto_tsquery('spanish', word)) = 0",
            [sorted(df)],
        )
        stop = {row[0] for row in cursor.fetchall()}
        # A rare word must be rare after stemming too ("mineros" also finds "minería"):
        # count, per stem of each configuration, the documents of every word with that stem.
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname IN ('spanish', 'es_unaccent')")
        stems: dict[str, set[str]] = {w: set() for w in df}
        for (config,) in cursor.fetchall():
            cursor.execute(
                "SELECT word, lexeme FROM unnest(%s::text[]) AS word, unnest(to_tsvector(%s::regconfig, word))",
                [sorted(df), config],
            )
            for word, lexeme in cursor.fetchall():
                stems[word].add(f"{config}:{lexeme}")
    stem_df: Counter[str] = Counter()
    for word, keys in stems.items():
        for key in keys:
            stem_df[key] += df[word]
    content = sorted(w for w in df if w not in stop and len(w) >= 4 and not w.isdigit())

    def sample(candidates, count=QUERIES_PER_CLASS):
        candidates = sorted(set(candidates))
        return rng.sample(candidates, min(count, len(candidates)))

    def spread(candidates, count=QUERIES_PER_CLASS):
        """Evenly spaced along the candidates' document frequencies (highest first)."""
        ordered = sorted(candidates, key=lambda w: (-df[w], w))
        return [ordered[round(i * (len(ordered) - 1) / max(count - 1, 1))] for i in range(min(count, len(ordered)))]

    def share(low, high, min_length=6):
        return [w for w in content if low * documents <= df[w] <= high * documents and len(w) >= min_length]

    # Rare: mostly proper names (schools, communes) the text mentions a few times.
    rare = sample([w for w in content if len(w) >= 5 and stems[w] and 5 <= max(stem_df[k] for k in stems[w]) <= 50])
    common = spread(share(0.3, 1.0))
    # Two terms, as people type them: a frequent word narrowed by a less frequent one.
    two = [f"{a} {b}" for a, b in zip(sample(share(0.3, 0.8)), sample(share(0.03, 0.3)), strict=False)]
    # Phrases: the corpus's most frequent 2- and 3-word sequences that start and end with a content word.
    phrases = [
        p
        for p, _n in corpus.phrases().most_common(5000)
        if p.split()[0] not in stop and p.split()[-1] not in stop and min(len(p.split()[0]), len(p.split()[-1])) >= 4
    ][:60]
    phrase = [f'"{p}"' for p in sample(phrases)]
    title_words = corpus.title_words(5000)
    frequent = [w for w, _n in title_words.most_common(300) if w not in stop and len(w) >= 6][:40]
    prefix = sample(sorted({w[: rng.choice([3, 4, 5])] for w in sample(frequent, QUERIES_PER_CLASS * 2)}))

    from networks.models import NetworkPage

    regions = sorted(set(NetworkPage.objects.values_list("region_id", flat=True)))
    facets = [{"q": q, "type": "practice", "region": str(rng.choice(regions))} for q in sample(share(0.05, 0.6))]
    return {
        "documents": documents,
        "classes": {"rare": rare, "common": common, "two": two, "phrase": phrase, "prefix": prefix, "facets": facets},
        "document_frequency": {w: df[w] for w in rare + common + [f["q"] for f in facets]},
    }


def save_queries(queries: dict) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {QUERIES_TABLE}")
        cursor.execute(f"CREATE TABLE {QUERIES_TABLE} (payload jsonb NOT NULL)")
        cursor.execute(f"INSERT INTO {QUERIES_TABLE} VALUES (%s)", [json.dumps(queries, ensure_ascii=False)])


def load_queries() -> dict | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [QUERIES_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT payload FROM {QUERIES_TABLE}")
        payload = cursor.fetchone()[0]
    return json.loads(payload) if isinstance(payload, str) else payload


# --- the two backends ------------------------------------------------------------------


def our_backend() -> dict[str, Callable]:
    from django.http import QueryDict

    from search import service

    def run(params: dict) -> int:
        query = QueryDict(mutable=True)
        for key, value in params.items():
            query[key] = value
        results = service.search(query)  # as an anonymous visitor
        total = results.total
        # What the results page shows: a page of items with their snippets, and every facet's counts.
        shown = [(item.title, getattr(item, "snippet", None)) for item in results.page.object_list]
        counts = [option.count for _facet, options in results.result.facets for option in options]
        assert len(shown) <= total and counts
        return total

    def suggest(prefix: str) -> int:
        return len(service.autocomplete(prefix))

    return {
        "text": lambda q: run({"q": q}),
        "prefix": suggest,
        "facets": lambda params: run(params),
    }


def stock_backend() -> tuple[dict[str, Callable], str]:
    from django.db.models import Q
    from wagtail.models import Page
    from wagtail.search.utils import parse_query_string

    from networks.models import NetworkPage
    from practices.models import PracticePage

    def page_of(results) -> int:
        total = results.count()
        list(results[:20])
        return total

    def text(q: str) -> int:
        # Wagtail's own search view parses quotes into a Phrase the same way.
        _filters, query = parse_query_string(q)
        return page_of(Page.objects.live().search(query))

    def prefix(q: str) -> int:
        return len(list(Page.objects.live().autocomplete(q)[:8]))

    paths: dict[str, list[str]] = {}

    def facets(params: dict) -> int:
        # Type: the model. Region: the networks of the region, by tree path (path is a
        # FilterField of every page; NetworkPage.region is not one of PracticePage).
        region = params["region"]
        if region not in paths:
            paths[region] = list(NetworkPage.objects.filter(region_id=region).values_list("path", flat=True))
        where = Q()
        for path in paths[region]:
            where |= Q(path__startswith=path)
        return page_of(PracticePage.objects.live().filter(where).search(params["q"]))

    note = "type = PracticePage model, region = OR of its networks' path prefixes; no facet counts"
    return {"text": text, "prefix": prefix, "facets": facets}, note


# --- measuring ----------------------------------------------------------------------------


@dataclass
class Stats:
    times: list[float] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)
    first: list[float] = field(default_factory=list)  # the warm-up pass: each query asked the first time
    rounds: int = 0
    capped: bool = False

    def percentile(self, p: float) -> float:
        ordered = sorted(self.times)
        if len(ordered) == 1:
            return ordered[0] * 1000
        return statistics.quantiles(ordered, n=100, method="inclusive")[round(p) - 1] * 1000

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def qps(self) -> float:
        return len(self.times) / sum(self.times)

    @property
    def mean_hits(self) -> float:
        return statistics.fmean(self.hits)


def measure(call: Callable, queries: list, repeat: int, budget: float) -> Stats:
    stats = Stats()
    # Warm-up (caches, pages in shared buffers): every query once, or only the
    # first when it is slow, which means it read the whole table anyway.
    for query in queries:
        begun = time.perf_counter()
        call(query)
        stats.first.append(time.perf_counter() - begun)
        if stats.first[-1] > 1.0:
            break
    started = time.perf_counter()
    for _round in range(repeat):
        for query in queries:
            begun = time.perf_counter()
            hits = call(query)
            stats.times.append(time.perf_counter() - begun)
            stats.hits.append(hits)
        stats.rounds += 1
        if time.perf_counter() - started > budget and stats.rounds < repeat:
            stats.capped = True
            break
    return stats


def calls_for(backend: dict[str, Callable], name: str) -> Callable:
    if name == "prefix":
        return backend["prefix"]
    if name == "facets":
        return backend["facets"]
    return backend["text"]


def profile(backend: dict[str, Callable], queries: dict) -> None:
    """One query per class, once with every SQL statement recorded (how many,
    the slowest) and once under cProfile (the project's slowest functions)."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    log("\nprofile (ours, the first query of each class):")
    for name, label in CLASSES.items():
        query, call = queries[name][0], calls_for(backend, name)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            call(query)
        wall = (time.perf_counter() - started) * 1000
        statements = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
        in_sql = sum(float(q["time"]) for q in statements) * 1000
        log(f"  {label} {example(query)!r}: {wall:.0f} ms, {len(statements)} SQL statements taking {in_sql:.0f} ms")
        for statement in statements[:3]:
            sql = " ".join(statement["sql"].split())
            log(f"    {float(statement['time']) * 1000:6.0f} ms  {sql[:240]}{'…' if len(sql) > 240 else ''}")
        profiler = cProfile.Profile()
        profiler.runcall(call, query)
        rows = [
            (cumulative, f"{Path(file).relative_to(BASE_DIR)}:{line} {function}")
            for (file, line, function), (_cc, _nc, _tt, cumulative, _callers) in pstats.Stats(profiler).stats.items()
            if file.startswith(str(BASE_DIR)) and "/.venv/" not in file and not file.startswith(str(BENCH_DIR))
        ]
        for cumulative, where in sorted(rows, reverse=True)[1:5]:
            log(f"    {cumulative * 1000:6.0f} ms  (cumulative, Python) {where}")


def example(query) -> str:
    if isinstance(query, dict):
        return f"{query['q']} · type={query['type']} · region={query['region']}"
    return str(query)


def report(results: dict, queries: dict, stock_note: str, args) -> None:
    from search.large_matches import LARGE

    log("\nqueries per class (warm-up pass, then measured rounds):")
    for name, label in CLASSES.items():
        log(f"  {label}: {', '.join(example(q) for q in queries['classes'][name])}")
    df, documents = queries.get("document_frequency", {}), queries["documents"]
    if df:
        shown = ", ".join(f"{w} {df[w] / documents:.0%}" for w in queries["classes"]["common"] if w in df)
        log(f"  documents containing each common term: {shown}")
        shown = ", ".join(f"{w} {df[w]}" for w in queries["classes"]["rare"] if w in df)
        log(f"  documents containing each rare term (as written): {shown}")
    log(f"  stock backend for 'query + two facets': {stock_note}")

    log(
        "\n| query class | ours p50 | ours p95 | ours QPS | ours hits | stock p50 | stock p95 | stock QPS "
        "| stock hits | stock/ours p50 | stock/ours p95 |"
    )
    log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, label in CLASSES.items():
        ours, stock = results[name]["ours"], results[name]["stock"]
        capped = f" ({stock.rounds} of {args.repeat} rounds)" if stock.capped else ""
        log(
            f"| {label} | {ours.p50:.1f} ms | {ours.p95:.1f} ms | {ours.qps:.1f} | {ours.mean_hits:,.0f} "
            f"| {stock.p50:.0f} ms | {stock.p95:.0f} ms{capped} | {stock.qps:.2f} | {stock.mean_hits:,.0f} "
            f"| {stock.p50 / ours.p50:.1f}× | {stock.p95 / ours.p95:.1f}× |"
        )

    log(
        "\nours, the first time each query is asked (the warm-up pass; a match of at least "
        f"{LARGE:,} documents is then kept until the index changes):"
    )
    for name, label in CLASSES.items():
        first = sorted(results[name]["ours"].first)
        log(f"  {label}: median {statistics.median(first) * 1000:.1f} ms, slowest {first[-1] * 1000:.1f} ms")

    log("\ntargets:")
    for name, label in CLASSES.items():
        p95 = results[name]["ours"].p95
        log(f"  p95 ≤ {TARGET_P95_MS:.0f} ms, {label}: {p95:.1f} ms → {'met' if p95 <= TARGET_P95_MS else 'NOT met'}")
    ours, stock = results["common"]["ours"], results["common"]["stock"]
    ratio = min(stock.p50 / ours.p50, stock.p95 / ours.p95)
    log(
        f"  ≥ {TARGET_COMMON_RATIO:.0f}× faster than stock on common terms (lower of the p50 and p95 ratios): "
        f"{ratio:.1f}× → {'met' if ratio >= TARGET_COMMON_RATIO else 'NOT met'}"
    )


# --- main ------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.reindex and not args.reuse:
        print("--reindex needs --reuse (a fresh build indexes anyway)", file=sys.stderr)
        return 2
    setup_django()
    from django.db import connection

    keep = args.keep or args.reuse
    load = os.getloadavg()
    log(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start")
    started = time.monotonic()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=not args.reuse, keepdb=args.reuse)
    log(f"database {connection.settings_dict['NAME']} ready in {time.monotonic() - started:.1f} s")
    try:
        if args.reuse:
            queries = load_queries()
            if queries is None:
                print(f"no kept corpus in {DATABASE_NAME}: run with --keep first", file=sys.stderr)
                return 2
            log(f"reusing the kept corpus ({queries['documents']:,} pages)")
            if args.reindex:
                count, elapsed = build_our_index()
                log(f"our index (index_pages): {count:,} documents in {elapsed:.1f} s ({count / elapsed:,.0f}/s)")
                vacuum()
        else:
            from bench.corpus import Corpus

            started = time.monotonic()
            corpus = Corpus(seed=SEED)
            log(
                f"text model: {corpus.source_sentences:,} demo sentences, {len(corpus.pool):,} generated, "
                f"{len(corpus.schools):,} school names, in {time.monotonic() - started:.1f} s"
            )
            started = time.monotonic()
            built = build_corpus(args.docs, corpus)
            elapsed = time.monotonic() - started
            log(
                f"corpus: {built['networks']:,} networks, {built['practices']:,} practices, "
                f"{built['instruments']:,} instruments in {elapsed:.1f} s "
                f"(text generation {built['times'].generate:.1f} s, inserts {built['times'].insert:.1f} s)"
            )
            check_tree()
            queries = choose_queries(corpus)
            save_queries(queries)
            del corpus

            count, ours_elapsed = build_our_index()
            log(f"our index (index_pages): {count:,} documents in {ours_elapsed:.1f} s ({count / ours_elapsed:,.0f}/s)")
            count, stock_elapsed = build_stock_index()
            log(
                f"stock index (update_index): {count:,} entries in {stock_elapsed:.1f} s "
                f"({count / stock_elapsed:,.0f}/s)"
            )
            vacuum()
        for line in document_sizes():
            log(f"  {line}")
        log("sizes:")
        for name, size in sizes():
            log(f"  {name}: {size}")

        ours = our_backend()
        stock, stock_note = stock_backend()
        started = time.monotonic()
        ours["text"]("")  # a process's first search reads every document's columns
        log(f"ours, the first search in this process (reads the columns): {time.monotonic() - started:.1f} s")
        results = {}
        for name, label in CLASSES.items():
            class_queries = queries["classes"][name]
            started = time.monotonic()
            results[name] = {
                "ours": measure(calls_for(ours, name), class_queries, args.repeat, args.budget),
                "stock": measure(calls_for(stock, name), class_queries, args.repeat, args.budget),
            }
            log(f"  measured {label} in {time.monotonic() - started:.0f} s")
        load = os.getloadavg()
        log(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")
        report(results, queries, stock_note, args)
        if args.profile:
            profile(ours, queries["classes"])
    finally:
        if keep:
            connection.close()
            log(f"\nkept database {DATABASE_NAME}: measure again with --reuse")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
