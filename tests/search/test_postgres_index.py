"""What only the PostgreSQL index has: its rows, its query counts, the
rebuild command and the bulk indexing of school imports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.models import SearchDocument
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_search_queries_do_not_grow_with_results(client, corpus):
    def count():
        with CaptureQueriesContext(connection) as queries:
            # Three or more results: no typo suggestion is looked for.
            assert client.get("/buscar/", {"q": "escuelas OR taller OR acompañamiento"}).status_code == 200
        return len(queries)

    few = count()
    for number in range(8):
        make_practice(corpus["osorno"], f"Taller {number}", summary="Un taller más.")
    assert count() == few


def test_rebuild_command_rebuilds_from_scratch(corpus):
    from io import StringIO

    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Índice reconstruido" in out.getvalue()
    assert SearchDocument.objects.filter(kind="practice").count() == 2
    assert SearchDocument.objects.filter(kind="school").count() == 1


def test_importing_schools_indexes_them(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from tests.schools.directory_rows import ROW_1, ROW_2, write_directory

    call_command(
        "import_schools", str(write_directory(tmp_path / "d.csv", [ROW_1, ROW_2])), stdout=StringIO(), stderr=StringIO()
    )
    assert set(SearchDocument.objects.filter(kind="school").values_list("object_id", flat=True)) == {1, 2}
