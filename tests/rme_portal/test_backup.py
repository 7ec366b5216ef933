"""Backups: a restore drill into a fresh PostgreSQL server, and the archives a
restore must refuse without changing anything."""

import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo.files import build_pdf
from networks.models import NetworkPage
from rme_portal.backups.archive import DUMP, MANIFEST
from rme_portal.backups.database import tool
from rme_portal.localdb import server
from tests.factories import SchoolFactory, make_network, make_practice

REFUSED = "Respaldo rechazado, no se restauró nada:"


# --- helpers -------------------------------------------------------------------------


def tables_and_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')")
    tables = sorted(name for (name,) in cursor.fetchall())
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM public."{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def sequences(cursor) -> dict[str, int | None]:
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    return dict(cursor.fetchall())


PAGE_CONTENT = """
    SELECT page.title, page.url_path, page.live, practice.summary, practice.resources, revision.content::text
    FROM wagtailcore_page page
    JOIN practices_practicepage practice ON practice.page_ptr_id = page.id
    JOIN wagtailcore_revision revision ON revision.id = page.latest_revision_id
    WHERE page.id = %s
"""


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), (200, 30, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def rewrite(source, destination, *, drop=(), manifest=None, replace=None):
    """Copy an archive member by member, leaving out ``drop``, swapping in the
    bytes of ``replace`` (with their manifest entries made to match) and
    passing the manifest's JSON through ``manifest``."""
    replace = replace or {}
    with tarfile.open(source) as old, tarfile.open(destination, "w", format=tarfile.PAX_FORMAT) as new:
        for info in old:
            if info.name in drop:
                continue
            data = replace.get(info.name) or old.extractfile(info).read()
            if info.name == MANIFEST:
                content = json.loads(data)
                for member in content["members"]:
                    if member["name"] in replace:
                        member["size"] = len(replace[member["name"]])
                        member["sha256"] = hashlib.sha256(replace[member["name"]]).hexdigest()
                data = json.dumps(manifest(content) if manifest else content).encode()
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    return destination


def portal_state():
    """What a refused restore must leave as it was: the database's rows and
    every media file's bytes, plus no staging folder left beside the media."""
    media = settings.MEDIA_ROOT
    with connection.cursor() as cursor:
        counts = tables_and_counts(cursor)
    files = {path.relative_to(media).as_posix(): path.read_bytes() for path in media.rglob("*") if path.is_file()}
    leftovers = sorted(path.name for path in media.parent.glob(f".{media.name}-restore-*"))
    titles = sorted(NetworkPage.objects.values_list("title", flat=True))
    return counts, files, leftovers, titles


def restore(archive, *args, **options):
    out = io.StringIO()
    call_command("restore", str(archive), *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def made_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real backup of the test database as its migrations left it (committed
    rows, which pg_dump, on a connection of its own, can see)."""
    folder = tmp_path_factory.mktemp("backups")
    with django_db_blocker.unblock():
        call_command("backup", output=folder, stdout=io.StringIO())
    (archive,) = folder.glob("rme-backup-*.tar")
    return archive


@pytest.fixture(scope="module")
def fresh_server():
    """A second, empty PostgreSQL server of its own; the shared one is left alone.
    Its folder is not under pytest's temporary root: pytest sets that root
    back to 0700 whenever a pytest process starts, and PostgreSQL runs as
    another account when the tests run as root."""
    folder = Path(tempfile.mkdtemp(prefix="rme-restore-drill-"))
    pgdata = folder / "pgdata"
    try:
        yield server.ensure_running(pgdata)
    finally:
        server.stop(pgdata)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def changed_since_backup(db):
    """Content made after the backup, which a wrongful restore would remove:
    a network page in the database and a file in the media folder."""
    make_network("Red creada después del respaldo")
    extra = settings.MEDIA_ROOT / "documents" / "creado-despues.pdf"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_bytes(build_pdf("Después", ["Creado después del respaldo."]))
    yield
    extra.unlink(missing_ok=True)


def assert_refused(archive, reason):
    before = portal_state()
    with pytest.raises(CommandError) as refused:
        restore(archive, "--no-input")
    message = str(refused.value)
    assert message.startswith(REFUSED), message
    assert reason in message, message
    assert portal_state() == before


# --- the drill ------------------------------------------------------------------------


# transaction=True: pg_dump reads from its own connection, so the content must
# be committed; serialized_rollback puts back the migrations' rows (regions,
# communes…) that the flush after a transactional test removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_drill_into_a_fresh_server(tmp_path, settings, fresh_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    network = make_network("Red del Simulacro", schools=SchoolFactory.create_batch(2))
    document = get_document_model()(title="Pauta de observación entre pares")
    document.file.save("pauta-simulacro.pdf", ContentFile(build_pdf("Pauta", ["Observación entre pares."])))
    practice = make_practice(
        network,
        "Observación entre pares con retroalimentación",
        resources=f'<p>Usamos <a linktype="document" id="{document.id}">la pauta</a>.</p>',
    )
    image = get_image_model()(title="Foto de la sesión", file=ImageFile(io.BytesIO(png_bytes()), name="sesion.png"))
    image.save()
    image.get_rendition("fill-20x20")  # a rendition row and its file under images/
    assert (settings.MEDIA_ROOT / "images").is_dir()

    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    assert "Respaldo terminado" in out.getvalue()
    (archive,) = (tmp_path / "backups").glob("rme-backup-*.tar")

    with connection.cursor() as cursor:
        original = tables_and_counts(cursor)
        original_sequences = sequences(cursor)
        cursor.execute(PAGE_CONTENT, [practice.id])
        original_page = cursor.fetchone()
    assert original["wagtailimages_rendition"] == 1

    restored_media = tmp_path / "restored-media"
    summary = restore(archive, "--no-input", database_url=fresh_server.url(), media_root=restored_media)
    with psycopg.connect(fresh_server.url()) as fresh, fresh.cursor() as cursor:
        restored = tables_and_counts(cursor)
        restored_sequences = sequences(cursor)
        cursor.execute(PAGE_CONTENT, [practice.id])
        restored_page = cursor.fetchone()

    assert "Restauración terminada" in summary
    assert restored.keys() == original.keys()
    # Renditions are left out on purpose (made again from the originals).
    assert restored.pop("wagtailimages_rendition") == 0
    original.pop("wagtailimages_rendition")
    assert restored == original
    assert original["networks_networkpage"] >= 1 and original["wagtaildocs_document"] == 1
    assert restored_sequences == original_sequences
    assert restored_page == original_page
    assert "la pauta" in restored_page[4]

    for name in (document.file.name, image.file.name):
        assert (restored_media / name).read_bytes() == (settings.MEDIA_ROOT / name).read_bytes()
    assert not (restored_media / "images").exists()


def test_a_restore_postgresql_refuses_half_way_changes_nothing(made_archive, fresh_server, tmp_path):
    # A dump PostgreSQL accepts up to its last step: rows that break a foreign
    # key (written with triggers off), so adding the key fails at the end.
    with psycopg.connect(fresh_server.url("postgres"), autocommit=True) as admin:
        admin.execute("CREATE DATABASE broken")
        admin.execute("CREATE DATABASE target")
    with psycopg.connect(fresh_server.url("broken")) as broken:
        broken.execute("CREATE TABLE parent (id int PRIMARY KEY)")
        broken.execute("CREATE TABLE child (parent_id int REFERENCES parent)")
        broken.execute("SET session_replication_role = replica")
        broken.execute("INSERT INTO child VALUES (1)")
    dump = tmp_path / "broken.dump"
    subprocess.run([tool("pg_dump"), "-Fc", "-f", str(dump), fresh_server.url("broken")], check=True)
    with psycopg.connect(fresh_server.url("target")) as target:
        target.execute("CREATE TABLE kept (note text)")
        target.execute("INSERT INTO kept VALUES ('antes de restaurar')")
    archive = rewrite(made_archive, tmp_path / "broken.tar", replace={DUMP: dump.read_bytes()})

    with pytest.raises(CommandError, match="PostgreSQL no aceptó la restauración.*child"):
        restore(archive, "--no-input", database_url=fresh_server.url("target"), media_root=tmp_path / "media")
    with psycopg.connect(fresh_server.url("target")) as target:
        assert target.execute("SELECT note FROM kept").fetchall() == [("antes de restaurar",)]
        assert target.execute("SELECT to_regclass('public.parent')").fetchone() == (None,)
    assert not (tmp_path / "media").exists()


# --- refused archives -------------------------------------------------------------------


@pytest.mark.usefixtures("changed_since_backup")
def test_a_flipped_byte_in_the_dump_is_refused(made_archive, tmp_path):
    damaged = shutil.copy(made_archive, tmp_path / "damaged.tar")
    with tarfile.open(damaged) as tar:
        dump = tar.getmember(DUMP)
    with open(damaged, "r+b") as handle:
        handle.seek(dump.offset_data + dump.size // 2)
        byte = handle.read(1)
        handle.seek(-1, io.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0x01]))
    assert_refused(damaged, "«database.dump» está dañado")


@pytest.mark.usefixtures("changed_since_backup")
def test_an_archive_cut_short_is_refused(made_archive, tmp_path):
    cut = tmp_path / "cut.tar"
    data = made_archive.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert_refused(cut, "está dañado o cortado")


@pytest.mark.usefixtures("changed_since_backup")
def test_an_archive_without_its_manifest_is_refused(made_archive, tmp_path):
    # What an interrupted copy leaves: every member but the last.
    with tarfile.open(made_archive) as tar:
        manifest_header = tar.getmember(MANIFEST).offset
    partial = tmp_path / "partial.tar"
    partial.write_bytes(made_archive.read_bytes()[:manifest_header])
    assert_refused(partial, "no tiene manifiesto")


@pytest.mark.usefixtures("changed_since_backup")
def test_a_member_listed_in_the_manifest_but_missing_is_refused(made_archive, tmp_path):
    incomplete = rewrite(made_archive, tmp_path / "incomplete.tar", drop={DUMP})
    assert_refused(incomplete, "«database.dump», que el manifiesto declara, no está")


@pytest.mark.usefixtures("changed_since_backup")
def test_a_backup_from_a_newer_version_is_refused(made_archive, tmp_path):
    def from_the_future(manifest):
        manifest["migrations"]["networks"].append("9999_from_the_future")
        return manifest

    newer = rewrite(made_archive, tmp_path / "newer.tar", manifest=from_the_future)
    assert_refused(newer, "networks.9999_from_the_future")


@pytest.mark.usefixtures("changed_since_backup")
def test_declining_the_confirmation_changes_nothing(made_archive, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    before = portal_state()
    assert "cancelada" in restore(made_archive)
    assert portal_state() == before


def test_check_reads_the_whole_archive_and_changes_nothing(made_archive, tmp_path):
    assert "está completo" in restore(made_archive, "--check")
    with tarfile.open(made_archive) as tar:
        manifest = tar.getmember(MANIFEST)
    cut = tmp_path / "cut.tar"
    cut.write_bytes(made_archive.read_bytes()[: manifest.offset_data + manifest.size // 2])
    with pytest.raises(CommandError, match="Respaldo rechazado: no es un archivo de respaldo legible"):
        restore(cut, "--check")


# --- making backups -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_interrupted_backup_leaves_nothing_that_looks_finished(tmp_path, monkeypatch):
    def interrupted(root):
        raise KeyboardInterrupt
        yield  # a generator, like the real one

    monkeypatch.setattr("rme_portal.backups.selectors.media_files", interrupted)
    with pytest.raises(KeyboardInterrupt):
        call_command("backup", output=tmp_path, stdout=io.StringIO())
    assert sorted(path.name for path in tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_keep_deletes_only_the_oldest_archives(tmp_path):
    for name in ("rme-backup-20250101T000000Z.tar", "rme-backup-20250102T000000Z.tar", "notas.txt"):
        (tmp_path / name).write_bytes(b"x")
    out = io.StringIO()
    call_command("backup", output=tmp_path, keep=2, stdout=out)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert len(names) == 3 and names[:2] == ["notas.txt", "rme-backup-20250102T000000Z.tar"]
    assert names[2].startswith("rme-backup-2") and names[2] != "rme-backup-20250102T000000Z.tar"
    assert "rme-backup-20250101T000000Z.tar" in out.getvalue()


@pytest.mark.django_db
def test_backups_are_not_written_where_the_web_server_could_publish_them():
    with pytest.raises(CommandError, match="carpeta de archivos del portal"):
        call_command("backup", output=settings.MEDIA_ROOT / "respaldos", stdout=io.StringIO())
    assert not (settings.MEDIA_ROOT / "respaldos").exists()
