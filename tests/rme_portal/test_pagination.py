"""Every paginated list, walked as a visitor walks it: page 1 with a filter
(and a query where there is one), then the "Next" link exactly as the HTML
writes it, then "Previous" back. And no template may build a URL with `??`
(Django's {% querystring %} already starts with "?")."""

import datetime
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from meetings.models import SessionCalendarPage
from meetings.selectors import SESSIONS_PER_PAGE
from practices.selectors import PER_PAGE
from search.backends.base import PER_PAGE as SEARCH_PER_PAGE
from tests.factories import (
    home_page,
    instrument_index,
    make_instrument,
    make_network,
    make_practice,
    make_session,
    make_topic,
    practice_index,
)

ROOT = Path(settings.BASE_DIR)
PAGINATION_INCLUDE = re.compile(r"""{%\s*include\s+["'][^"']*pagination[^"']*["']""")
# "?" written before a tag that already writes one, or a literal "??".
DOUBLE_QUESTION_MARK = re.compile(r"\?\s*{%\s*querystring|\?\?")


def template_files() -> list[Path]:
    """The project's templates: templates/ and every app's templates/ folder."""
    folders = [ROOT / "templates", *(path for path in ROOT.glob("*/templates") if path.parent.name != ".venv")]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_the_template_files_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in template_files()}
    assert "templates/practices/includes/pagination.html" in names
    assert "templates/base.html" in names


def test_no_template_builds_a_url_with_two_question_marks():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in template_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if DOUBLE_QUESTION_MARK.search(line)
    ]
    assert offenders == []


def test_the_check_for_two_question_marks_catches_the_mistake():
    assert DOUBLE_QUESTION_MARK.search('<a href="?{% querystring page=2 %}">')
    assert DOUBLE_QUESTION_MARK.search('<a href="??page=2">')
    assert not DOUBLE_QUESTION_MARK.search('<a href="{% querystring page=2 %}">')
    assert not DOUBLE_QUESTION_MARK.search('<a href="?q={{ query|urlencode }}">')


# --- page 2 of every paginated list ----------------------------------------------------

# Each paginated list: the template that shows it, the URL, the parameters of
# page 1 and how to read the links of its items. A template that includes the
# pagination and is missing here fails test_every_paginated_list_is_walked.
LISTS = {
    "templates/practices/practice_index_page.html": {
        "url": "/practicas/",
        "params": {"region": "15", "topic": "inclusion", "sort": "title"},
        "items": ".grid .card a[href^='/redes/']",
        "per_page": PER_PAGE,
        "kind": "practice",
    },
    "templates/practices/instrument_index_page.html": {
        "url": "/instrumentos/",
        "params": {"region": "15", "topic": "inclusion", "sort": "title"},
        "items": ".grid .card a[href^='/redes/']",
        "per_page": PER_PAGE,
        "kind": "instrument",
    },
    "templates/search/search_page.html": {
        "url": "/buscar/",
        "params": {"q": "escuela", "type": "practice", "region": "15", "topic": "inclusion"},
        "items": ".results .result h2 a",
        "per_page": SEARCH_PER_PAGE,
        "kind": "practice",
    },
    "templates/meetings/session_calendar_page.html": {
        "url": "/calendario/",
        "params": {"pasadas": "1", "region": "15"},
        "items": "tbody th a",
        "per_page": SESSIONS_PER_PAGE,
        "kind": "session",
    },
}
PAGINATED_MODULES = {
    "meetings/selectors.py",
    "practices/selectors.py",
    "search/backends/postgres.py",
    "search/backends/elasticsearch.py",
}


def test_every_paginated_list_is_walked():
    including = {
        path.relative_to(ROOT).as_posix()
        for path in template_files()
        if "pagination" not in path.name and PAGINATION_INCLUDE.search(path.read_text(encoding="utf-8"))
    }
    assert including == set(LISTS)


def test_every_paginator_is_known():
    """A new Paginator is a new list: walk it here, then add it."""
    sources = [path for path in ROOT.glob("*/**/*.py") if path.parts[len(ROOT.parts)] not in {".venv", "tests"}]
    using = {path.relative_to(ROOT).as_posix() for path in sources if "Paginator(" in path.read_text(encoding="utf-8")}
    assert using == PAGINATED_MODULES


def make_content(kind: str) -> set[str]:
    """More than one page of matches in Arica, and near misses that the filters
    leave out (other region, other topic; the search's other content type).
    Returns the URLs of the matches."""
    if kind == "session":
        return make_past_sessions()
    practice_index()
    instrument_index()
    inclusion = make_topic("Inclusión")
    families = make_topic("Familias")
    arica = make_network("Red Básica 1", region_id=15)
    osorno = make_network("Red de Osorno", region_id=10)
    build = {"practice": make_practice, "instrument": make_instrument}
    other = "instrument" if kind == "practice" else "practice"
    matches = {
        build[kind](arica, f"{kind} escuela que acompaña {number:02d}", topics=[inclusion]).url
        for number in range(max(PER_PAGE, SEARCH_PER_PAGE) + 3)
    }
    for network, topic in [(osorno, inclusion), (arica, families)]:
        build[kind](network, f"{kind} escuela fuera del filtro {network.pk}-{topic.pk}", topics=[topic])
    build[other](arica, f"{other} escuela que acompaña", topics=[inclusion])
    return matches


def make_past_sessions() -> set[str]:
    """The calendar's archive: past sessions in Arica, near misses in Osorno
    and in Arica's future."""
    home_page().add_child(instance=SessionCalendarPage(title="Calendario", slug="calendario"))
    arica = make_network("Red Básica 1", region_id=15)
    osorno = make_network("Red de Osorno", region_id=10)
    first = datetime.date(2020, 3, 2)
    matches = {
        make_session(arica, first + datetime.timedelta(days=number), status="held").url
        for number in range(SESSIONS_PER_PAGE + 3)
    }
    make_session(osorno, first, status="held")
    make_session(arica, datetime.date.today() + datetime.timedelta(days=30))
    return matches


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = BeautifulSoup(response.content, "html.parser")
    hrefs = [a["href"] for a in html.select("a[href]")]
    assert [href for href in hrefs if "??" in href] == []
    return html


def items_of(html, selector) -> list[str]:
    return [a["href"] for a in html.select(selector)]


def link(html, rel: str, current: str) -> str:
    """The URL a click on the rel="next"/"prev" link opens, resolved as a browser does."""
    anchors = html.select(f".pagination a[rel='{rel}']")
    assert len(anchors) == 1, f"no single rel={rel} link on {current}"
    absolute = urljoin(f"http://testserver{current}", anchors[0]["href"])
    parts = urlsplit(absolute)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.mark.parametrize("template", sorted(LISTS))
def test_next_opens_page_two_with_the_filters_and_previous_comes_back(client, db, template):
    spec = LISTS[template]
    first_url = f"{spec['url']}?{'&'.join(f'{key}={value}' for key, value in spec['params'].items())}"
    expected = make_content(spec["kind"])
    assert len(expected) > spec["per_page"]

    first = visit(client, first_url)
    first_items = items_of(first, spec["items"])
    assert len(first_items) == spec["per_page"]
    assert not first.select(".pagination a[rel='prev']")

    second_url = link(first, "next", first_url)
    query = parse_qs(urlsplit(second_url).query)
    assert query.pop("page") == ["2"]
    assert query == {key: [value] for key, value in spec["params"].items()}

    second = visit(client, second_url)
    second_items = items_of(second, spec["items"])
    assert second_items, f"page 2 of {spec['url']} is empty"
    assert not set(first_items) & set(second_items)
    # Filters still applied: both pages hold exactly the matches, nothing else.
    assert set(first_items) | set(second_items) == expected
    assert len(first_items) + len(second_items) == len(expected)
    assert not second.select(".pagination a[rel='next']")

    back_url = link(second, "prev", second_url)
    assert items_of(visit(client, back_url), spec["items"]) == first_items
