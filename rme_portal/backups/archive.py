"""The backup archive: one uncompressed tar file.

Members, in this order: ``database.dump`` (pg_dump's custom format, already
compressed), the media files under ``media/``, and ``manifest.json`` last.
Because the manifest is written last, an archive cut short anywhere lacks it
or fails to read, and is refused. The archive is written to a hidden
``.partial`` file in the same folder and renamed only once complete and
synced, so an interrupted backup never leaves a file that looks finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = "rme-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_PREFIX = "media/"
ARCHIVE_PREFIX = "rme-backup-"
# rme-backup-20261129T142000Z.tar, with -2, -3… when two start in one second.
ARCHIVE_NAME = re.compile(r"^rme-backup-\d{8}T\d{6}Z(?:-\d+)?\.tar$")
MANIFEST_MAX_BYTES = 256 * 1024 * 1024
CHUNK = 1024 * 1024


class RejectedArchive(Exception):
    """The archive is not a whole, readable backup this code can restore."""


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass
class Manifest:
    created_at: datetime
    portal_version: str
    database: dict
    migrations: dict[str, list[str]]
    row_counts: dict[str, int]
    media: dict
    members: dict[str, Member] = field(default_factory=dict)

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "portal_version": self.portal_version,
            "database": self.database,
            "migrations": self.migrations,
            "row_counts": self.row_counts,
            "media": self.media,
            "members": [
                {"name": member.name, "size": member.size, "sha256": member.sha256} for member in self.members.values()
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise ValueError("not a portal backup manifest")
            if data.get("format_version") != FORMAT_VERSION:
                raise RejectedArchive(
                    _("its format (version %(found)s) is not the one this code reads (version %(known)s).")
                    % {"found": data.get("format_version"), "known": FORMAT_VERSION}
                )
            members = {}
            for entry in data["members"]:
                member = Member(str(entry["name"]), int(entry["size"]), str(entry["sha256"]))
                if member.name in members or not re.fullmatch(r"[0-9a-f]{64}", member.sha256):
                    raise ValueError(f"bad member entry {member.name!r}")
                members[member.name] = member
            return cls(
                created_at=datetime.fromisoformat(data["created_at"]),
                portal_version=str(data["portal_version"]),
                database=dict(data["database"]),
                migrations={str(app): [str(name) for name in names] for app, names in data["migrations"].items()},
                row_counts={str(table): int(count) for table, count in data["row_counts"].items()},
                media=dict(data["media"]),
                members=members,
            )
        except RejectedArchive:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise RejectedArchive(_("its manifest is damaged (%(error)s).") % {"error": error}) from error


class _HashingReader:
    """A file wrapper that hashes what tarfile reads through it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


class ArchiveWriter:
    """Adds members with their size and SHA-256; ``finish`` appends the
    manifest, syncs and gives the archive its final name. Leaving the
    ``with`` block on an error removes the partial file."""

    def __init__(self, folder: Path, created_at: datetime):
        self.folder = folder
        self.created_at = created_at
        self.members: dict[str, Member] = {}
        descriptor, partial = tempfile.mkstemp(dir=folder, prefix=f".{ARCHIVE_PREFIX}", suffix=".tar.partial")
        self.partial = Path(partial)
        self._file = os.fdopen(descriptor, "wb")
        self._tar = tarfile.open(fileobj=self._file, mode="w", format=tarfile.PAX_FORMAT)  # noqa: SIM115 - closed by finish or abort

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            self.abort()

    def add_file(self, name: str, path: Path) -> Member:
        with open(path, "rb") as handle:
            info = tarfile.TarInfo(name)
            stat = os.fstat(handle.fileno())
            info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
            reader = _HashingReader(handle)
            self._tar.addfile(info, reader)
        member = Member(name, info.size, reader.digest.hexdigest())
        self.members[name] = member
        return member

    def finish(self, manifest: Manifest) -> Path:
        manifest.members = dict(self.members)
        raw = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(raw), int(self.created_at.timestamp()), 0o600
        self._tar.addfile(info, io.BytesIO(raw))
        self._tar.close()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        final = self._free_name()
        os.replace(self.partial, final)
        _sync_folder(self.folder)
        return final

    def abort(self) -> None:
        with contextlib.suppress(OSError, tarfile.TarError):  # the file is deleted anyway
            self._tar.close()
        self._file.close()
        self.partial.unlink(missing_ok=True)

    def _free_name(self) -> Path:
        stamp = self.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        candidate, number = self.folder / f"{ARCHIVE_PREFIX}{stamp}.tar", 1
        while candidate.exists():
            number += 1
            candidate = self.folder / f"{ARCHIVE_PREFIX}{stamp}-{number}.tar"
        return candidate


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def media_member_path(name: str) -> Path:
    """The relative path a ``media/…`` member is written to, refusing any name
    that could land outside the media folder."""
    relative = name[len(MEDIA_PREFIX) :] if name.startswith(MEDIA_PREFIX) else ""
    parts = relative.split("/")
    if not relative or "\\" in relative or "\x00" in relative or any(part in ("", ".", "..") for part in parts):
        raise RejectedArchive(_("it holds “%(name)s”, which is not a safe file name.") % {"name": name})
    return Path(*parts)


def archive_verify(path: Path, staging: Path | None = None) -> Manifest:
    """Read every member of the archive, checking it against the manifest.

    With ``staging``, the dump is written to ``staging/database.dump`` and the
    media files under ``staging/media/``: what is restored is exactly what was
    checked. Raises RejectedArchive; ``staging`` may then hold partial files
    (the caller removes it).
    """
    found: dict[str, Member] = {}
    raw_manifest = None
    try:
        with tarfile.open(path, mode="r:") as tar:
            for info in tar:
                name = info.name
                if name in found or (name == MANIFEST and raw_manifest is not None):
                    raise RejectedArchive(_("it holds “%(name)s” twice.") % {"name": name})
                if not info.isreg():
                    raise RejectedArchive(_("it holds “%(name)s”, which is not a plain file.") % {"name": name})
                if name == MANIFEST:
                    if info.size > MANIFEST_MAX_BYTES:
                        raise RejectedArchive(_("its manifest is implausibly large."))
                    raw_manifest = tar.extractfile(info).read()
                    continue
                if name == DUMP:
                    destination = staging / DUMP if staging else None
                else:
                    relative = media_member_path(name)
                    destination = staging / "media" / relative if staging else None
                found[name] = Member(name, info.size, _copy_hashing(tar.extractfile(info), destination))
    except (tarfile.TarError, EOFError) as error:
        raise RejectedArchive(
            _("the file is not a readable backup archive: it is damaged or cut short (%(error)s).") % {"error": error}
        ) from error
    if raw_manifest is None:
        raise RejectedArchive(
            _("it has no manifest: the archive is incomplete (an interrupted backup, or a copy that did not finish).")
        )
    manifest = Manifest.from_json(raw_manifest)
    if DUMP not in manifest.members:
        raise RejectedArchive(_("its manifest lists no database dump."))
    for name, expected in manifest.members.items():
        actual = found.get(name)
        if actual is None:
            raise RejectedArchive(
                _("“%(name)s”, listed in the manifest, is missing from the archive.") % {"name": name}
            )
        if actual.size != expected.size:
            raise RejectedArchive(
                _("“%(name)s” has %(found)s bytes where the manifest says %(expected)s.")
                % {"name": name, "found": actual.size, "expected": expected.size}
            )
        if actual.sha256 != expected.sha256:
            raise RejectedArchive(
                _("“%(name)s” is damaged: its SHA-256 checksum does not match the manifest.") % {"name": name}
            )
    for name in found.keys() - manifest.members.keys():
        raise RejectedArchive(_("it holds “%(name)s”, which the manifest does not list.") % {"name": name})
    return manifest


def _copy_hashing(source, destination: Path | None) -> str:
    digest = hashlib.sha256()
    target = None
    if destination is not None:
        destination.parent.mkdir(parents=True, exist_ok=True)
        target = open(destination, "xb")  # noqa: SIM115 - closed below
    try:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            if target:
                target.write(chunk)
    finally:
        if target:
            target.close()
    return digest.hexdigest()


def archives_in(folder: Path) -> list[Path]:
    """The finished backups in ``folder``, oldest first (the names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if ARCHIVE_NAME.match(path.name) and path.is_file())
