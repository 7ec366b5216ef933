"""Writes: make a backup, check one, restore one, prune old ones."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.conf import settings
from django.utils.translation import gettext as _

from . import database, selectors
from .archive import DUMP, MEDIA_PREFIX, ArchiveWriter, Manifest, RejectedArchive, archive_verify, archives_in


class BackupError(Exception):
    """The backup could not be made; no archive was left behind."""


class RestoreFailed(Exception):
    """The restore stopped; the message says what was and was not changed."""


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: Manifest
    pruned: list[Path] = field(default_factory=list)


def backup_create(output: Path, *, keep: int | None = None) -> BackupResult:
    """Dump the database and copy the media files into one new archive in
    ``output``; then, with ``keep``, delete all but the ``keep`` newest."""
    media = selectors.media_root()
    output = output.resolve()
    if media and output.is_relative_to(media.resolve()):
        raise BackupError(
            _("the folder %(output)s is inside the media folder, where the web server could publish the archives.")
            % {"output": output}
        )
    _output_folder_make(output)
    target = database.Target.from_settings()
    created_at = datetime.now(UTC)
    renditions = selectors.rendition_table()
    try:
        with (
            ArchiveWriter(output, created_at) as writer,
            tempfile.TemporaryDirectory(dir=output, prefix=".rme-backup-dump-") as scratch,
        ):
            dump = Path(scratch) / DUMP
            with database.snapshot(target) as snapshot:
                tables = snapshot.tables()
                # Renditions are made again from the originals on demand, so
                # their rows are left out with their files (see selectors).
                excluded = [table for table in tables if table == renditions]
                row_counts = snapshot.row_counts([table for table in tables if table not in excluded])
                migrations = snapshot.applied_migrations(tables)
                server_version = snapshot.server_version()
                database.database_dump(target, snapshot.id, dump, exclude_data=excluded)
            writer.add_file(DUMP, dump)
            dump.unlink()  # its space is needed less than the media's
            files = size = 0
            for name, path in selectors.media_files(media) if media else ():
                size += writer.add_file(MEDIA_PREFIX + name, path).size
                files += 1
            manifest = Manifest(
                created_at=created_at,
                portal_version=selectors.portal_version(),
                database={
                    "name": target.name,
                    "server_version": server_version,
                    "pg_dump": database.tool_version("pg_dump"),
                    "excluded_table_data": excluded,
                },
                migrations=migrations,
                row_counts=row_counts,
                media={
                    "included": media is not None,
                    "skipped_folders": [selectors.RENDITIONS_FOLDER],
                    "files": files,
                    "bytes": size,
                },
            )
            path = writer.finish(manifest)
    except database.ToolError as error:
        raise BackupError(str(error)) from error
    except OSError as error:
        raise BackupError(_("a file could not be read or written: %(error)s") % {"error": error}) from error
    except psycopg.Error as error:
        raise BackupError(_("the database could not be read: %(error)s") % {"error": error}) from error
    pruned = backups_prune(output, keep) if keep else []
    return BackupResult(path, path.stat().st_size, manifest, pruned)


def _output_folder_make(output: Path) -> None:
    if output.exists():
        return
    output.mkdir(parents=True, mode=0o700)  # the archives hold every account and private file
    if output.is_relative_to(Path(settings.BASE_DIR).resolve()):
        # Inside the checkout: keep the archives out of Git.
        (output / ".gitignore").write_text("# Made by manage.py backup: archives hold the portal's data.\n*\n")


def backups_prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest finished archives in ``folder``."""
    doomed = archives_in(folder)[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# --- restore ---------------------------------------------------------------------


@dataclass
class StagedBackup:
    """A checked archive's dump and files, copied where a restore takes them."""

    archive: Path
    manifest: Manifest
    folder: Path

    @property
    def dump(self) -> Path:
        return self.folder / DUMP

    @property
    def media(self) -> Path:
        return self.folder / "media"


def archive_check(archive: Path) -> Manifest:
    """Check a whole archive without copying or changing anything."""
    try:
        manifest = archive_verify(archive)
    except OSError as error:
        raise RejectedArchive(_("it could not be read or checked (%(error)s).") % {"error": error}) from error
    _migrations_check(manifest)
    return manifest


@contextmanager
def backup_staged(archive: Path, media_root: Path | None) -> Iterator[StagedBackup]:
    """Check the whole archive while copying its dump and files into a
    temporary folder next to the media folder (so putting them in place is a
    rename), and remove that folder afterwards. Nothing else is touched."""
    parent = media_root.parent if media_root and media_root.parent.is_dir() else None
    prefix = f".{media_root.name}-restore-" if media_root else ".rme-restore-"
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        try:
            manifest = archive_verify(archive, folder)
        except OSError as error:
            raise RejectedArchive(_("it could not be read or checked (%(error)s).") % {"error": error}) from error
        _migrations_check(manifest)
        yield StagedBackup(archive, manifest, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _migrations_check(manifest: Manifest) -> None:
    unknown = selectors.migrations_unknown(manifest.migrations)
    if unknown:
        raise RejectedArchive(
            _(
                "it comes from a newer version of the portal: its database has migrations this code does not "
                "know (%(migrations)s). Update the code before restoring it."
            )
            % {"migrations": ", ".join(unknown)}
        )


@dataclass
class RestoreResult:
    target: str
    tables: int
    # (table, rows in the backup, rows now; None when the table is missing)
    differences: list[tuple[str, int, int | None]]
    row_counts: dict[str, int]
    media_root: Path | None
    media_files: int
    media_aside: Path | None
    pending_migrations: list[str]


def backup_restore(staged: StagedBackup, target: database.Target, media_root: Path | None) -> RestoreResult:
    """Replace the database, then the media files, with the staged backup's."""
    manifest = staged.manifest
    restores_media = bool(manifest.media.get("included"))
    if restores_media and media_root is None:
        raise RestoreFailed(
            _(
                "the backup holds media files but the portal does not keep its files in a local folder; "
                "give one with --media-root. Nothing was changed."
            )
        )
    try:
        database.database_restore(target, staged.dump)
    except (database.ToolError, psycopg.Error) as error:
        raise RestoreFailed(
            _(
                "PostgreSQL did not accept the restore, so the database was left as it was and no file was "
                "touched: %(error)s"
            )
            % {"error": error}
        ) from error
    aside = None
    if restores_media:
        try:
            aside = _media_replace(staged.media, media_root)
        except OSError as error:
            raise RestoreFailed(
                _(
                    "the database was restored, but the files could not be put in place (%(error)s). "
                    "Run the restore again."
                )
                % {"error": error}
            ) from error
    with target.connect() as connection:
        present = set(database.table_names(connection))
        counts = database.row_counts(connection, [table for table in manifest.row_counts if table in present])
    differences = [
        (table, expected, counts.get(table))
        for table, expected in manifest.row_counts.items()
        if counts.get(table) != expected
    ]
    return RestoreResult(
        target=target.describe(),
        tables=len(manifest.row_counts),
        differences=differences,
        row_counts=counts,
        media_root=media_root if restores_media else None,
        media_files=int(manifest.media.get("files", 0)) if restores_media else 0,
        media_aside=aside,
        pending_migrations=selectors.migrations_pending(manifest.migrations),
    )


def _media_replace(staged_media: Path, media_root: Path) -> Path | None:
    """Put the backup's files in place. The current ones move to a dated
    folder beside the media folder, kept rather than deleted: a file uploaded
    after the backup exists only there."""
    media_root.mkdir(parents=True, exist_ok=True)
    current = sorted(media_root.iterdir())
    aside = None
    if current:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = media_root.parent / f"{media_root.name}-before-restore-{stamp}"
        aside.mkdir(mode=0o700)  # private documents stay as private as they were
        for entry in current:
            shutil.move(entry, aside / entry.name)
    if staged_media.is_dir():
        for entry in sorted(staged_media.iterdir()):
            shutil.move(entry, media_root / entry.name)
    return aside
