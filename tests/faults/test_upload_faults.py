"""An upload that fails after its file was written: no half row, and the
orphaned file found and removed by remove_orphan_files.

Through the admin over HTTP, as a network's coordinator, with real failures:
the database refusing the INSERT (a trigger raising the error PostgreSQL
sends when it shuts down), a signal receiver failing after the INSERT (the
transaction rolls back), and the disk refusing the file half-way (the
process's file size limit, the kernel's EFBIG). A worker killed mid-upload
is bench/faults/upload_kill.py.
"""

import datetime
import errno
import io
import os
from io import StringIO

import pytest
from django.core.files.storage import filesystem
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test import Client
from wagtail.documents import get_document_model

from demo.files import build_pdf
from networks.coordinators import coordinator_assign
from rme_portal.media_orphans import orphan_files_find
from tests.factories import SchoolFactory, UserFactory, make_network
from tests.faults.ledger import changes, ledger, media_files

pytestmark = pytest.mark.django_db
Document = get_document_model()
PDF = build_pdf("Pauta de acompañamiento", ["Retroalimentación oportuna dentro de la semana."] * 400)
NOW = datetime.timedelta(0)


@pytest.fixture(autouse=True)
def own_media_folder(settings, tmp_path):
    """Media and upload temporaries folders of this test's own: the suite's
    shared ones hold other tests' files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()


@pytest.fixture
def coordinator():
    network = make_network("Red de Pichidegua", region_id=6, schools=SchoolFactory.create_batch(2))
    user = UserFactory()
    coordinator_assign(network, user)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    # A document already there: it must survive every fault and the sweep.
    response = client.post("/admin/documents/add/", upload("Pauta vigente", "vigente.pdf"))
    assert response.status_code == 302
    return client


def upload(title, filename="pauta.pdf", field="file"):
    return {"title": title, field: SimpleUploadedFile(filename, PDF, content_type="application/pdf")}


@pytest.fixture
def database_refuses_documents():
    """The INSERT fails as when PostgreSQL shuts down (SQLSTATE 57P01: OperationalError)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION fault_refuse_document() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'terminating connection (fault test)' USING ERRCODE = '57P01'; END
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER fault_refuse_document BEFORE INSERT ON wagtaildocs_document
            FOR EACH ROW EXECUTE FUNCTION fault_refuse_document();
            """
        )
    yield  # dropped with the test's transaction


@pytest.fixture
def signal_fails():
    def fail(sender, instance, **kwargs):
        raise RuntimeError("a receiver failed after the INSERT (fault test)")

    post_save.connect(fail, sender=Document, dispatch_uid="fault-test")
    yield
    post_save.disconnect(sender=Document, dispatch_uid="fault-test")


@pytest.fixture
def disk_refuses_large_files(monkeypatch):
    """Writes of a stored file beyond 8 KiB fail with EFBIG, as a full disk or
    a quota would. Only the storage's own file objects are limited (not the
    process: pytest's output must still be written)."""
    limit = 8 * 1024
    assert len(PDF) > 2 * limit

    class Limited(io.FileIO):
        def write(self, data):
            room = limit - self.tell()
            if len(data) > room:
                super().write(data[: max(room, 0)])
                raise OSError(errno.EFBIG, os.strerror(errno.EFBIG))
            return super().write(data)

    def limited_fdopen(fd, mode="r", *args, **kwargs):
        return Limited(fd, mode.replace("b", "").replace("t", "") or "r", closefd=True)

    class OsWithLimitedFiles:  # the storage module's `os`, and only its fdopen changed
        def __getattr__(self, name):
            return limited_fdopen if name == "fdopen" else getattr(os, name)

    def apply():
        monkeypatch.setattr(filesystem, "os", OsWithLimitedFiles())

    return apply


def assert_one_orphan_then_swept(before, partial=False):
    """No row was added; exactly one new file, found as an orphan and removed."""
    after = ledger()
    assert after["documents"] == before["documents"]
    assert after["files"] == before["files"] + 1
    orphans = orphan_files_find(NOW)
    assert len(orphans) == 1 and orphans[0].name.startswith("documents/pauta")
    assert (orphans[0].size < len(PDF)) if partial else (orphans[0].size == len(PDF))
    # Younger than the default grace period: an upload in progress is left alone.
    assert orphan_files_find() == []

    out = StringIO()
    call_command("remove_orphan_files", "--older-than", "0", stdout=out)
    assert "Archivos sin fila borrados: 1" in out.getvalue()
    assert "Temporales de cargas interrumpidas borrados: 0" in out.getvalue()
    assert changes(before, ledger()) == {}  # back to exactly what it was
    assert all(path.is_file() for path in media_files())


def test_the_database_refusing_the_insert(coordinator, database_refuses_documents):
    before = ledger()
    response = coordinator.post("/admin/documents/add/", upload("Pauta nueva"))
    assert response.status_code == 503  # rme_portal.middleware: the database is unavailable
    assert_one_orphan_then_swept(before)


def test_the_database_refusing_the_insert_of_a_multiple_upload(coordinator, database_refuses_documents):
    before = ledger()
    # Wagtail's multiple upload saves without a transaction of its own; the
    # savepoint stands for the connection a real worker would roll back.
    with transaction.atomic():
        response = coordinator.post("/admin/documents/multiple/add/", upload("Pauta nueva", field="files[]"))
        transaction.set_rollback(True)
    assert response.status_code == 503
    assert_one_orphan_then_swept(before)


def test_a_failure_after_the_insert_rolls_the_row_back(coordinator, signal_fails):
    before = ledger()
    response = coordinator.post("/admin/documents/add/", upload("Pauta nueva"))
    assert response.status_code == 500
    assert not Document.objects.filter(title="Pauta nueva").exists()
    assert_one_orphan_then_swept(before)


def test_the_disk_refusing_the_file_half_way(coordinator, disk_refuses_large_files):
    before = ledger()
    disk_refuses_large_files()
    response = coordinator.post("/admin/documents/add/", upload("Pauta nueva"))
    assert response.status_code == 500
    assert_one_orphan_then_swept(before, partial=True)


def test_the_sweep_keeps_every_file_a_row_names(coordinator):
    coordinator.post("/admin/documents/add/", upload("Otra pauta", "otra.pdf"))
    before = ledger()
    out = StringIO()
    call_command("remove_orphan_files", "--older-than", "0", "--dry-run", stdout=out)
    call_command("remove_orphan_files", "--older-than", "0", stdout=out)
    assert "Archivos sin fila encontrados (no se borró nada): 0" in out.getvalue()
    assert changes(before, ledger()) == {}


def test_upload_temporaries_left_by_a_killed_worker_are_removed(coordinator, settings):
    """A body over FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to a temporary the
    worker deletes when it closes it; a SIGKILL leaves it (as bench/faults/upload_kill.py shows)."""
    folder = settings.FILE_UPLOAD_TEMP_DIR
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = coordinator.post("/admin/documents/add/", upload("Pauta grande"))
    assert response.status_code == 302 and list(folder.iterdir()) == []  # a finished upload leaves none

    left = folder / "tmpk1ll3d_x.upload.pdf"  # as a killed worker leaves it
    left.write_bytes(PDF)
    young = folder / "tmpy0ung_ab.upload.pdf"
    young.write_bytes(PDF)
    other = folder / "notes.txt"
    other.write_text("not an upload")
    hour_ago = (datetime.datetime.now() - datetime.timedelta(hours=2)).timestamp()
    for path in (left, other):
        os.utime(path, (hour_ago, hour_ago))

    out = StringIO()
    call_command("remove_orphan_files", stdout=out)
    assert "Temporales de cargas interrumpidas borrados: 1" in out.getvalue()
    assert not left.exists() and young.exists() and other.exists()
