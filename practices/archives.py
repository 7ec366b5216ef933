"""ZIP archives (DOCX, XLSX, PPTX, OpenDocument) opened without trusting them.

A ZIP's directory says how many members it holds and how big each one gets
once unpacked; a zip bomb lies in one of those or simply declares something
enormous that compresses to almost nothing. So, in this order and before a
single member is unpacked:

1. the end record is read by hand (``zipfile`` would first turn the whole
   central directory into objects, hundreds of megabytes for a crafted one)
   and its member count and directory size are checked;
2. the directory is read and each member's declared size, the total and the
   compression ratios are checked, and only the two compressions office files
   use (stored, deflate) are accepted;
3. members are then read as streams in small chunks, never past their
   declared size (``zipfile`` stops there and checks the CRC, so a member that
   unpacks to more than it declares fails instead of growing), and a budget of
   bytes actually unpacked caps the whole read.

The standard library's ``zipfile`` does the unpacking; only the end record is
parsed here, because ``zipfile`` offers no way to look at it first.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from .extraction_errors import ExtractionError, gettext_noop

# A normal DOCX holds 15-40 members, a 300-slide PPTX about 1,500.
MAX_MEMBERS = 5_000
# What MAX_MEMBERS entries with long names take in the central directory.
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024
# Everything unpacked, as declared. A 20 MB spreadsheet of real data unpacks
# to about 150-250 MB of XML.
MAX_DECLARED_TOTAL = 256 * 1024 * 1024
# Office XML compresses 5-30 times; a zip bomb, hundreds to a thousand times.
MAX_RATIO = 100
# Small members may compress far better than that (a page of blank styles).
RATIO_FROM_BYTES = 1024 * 1024
ALLOWED_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
CHUNK = 64 * 1024

_END = b"PK\x05\x06"
_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"
_MAX_COMMENT = 0xFFFF


class ArchiveRefused(ExtractionError):
    """An archive built, or broken, in a way the portal will not unpack."""


def _damaged() -> ExtractionError:
    return ExtractionError(gettext_noop("the file is damaged or is not the kind of file its name says"))


def _directory_size(source: BinaryIO) -> tuple[int, int]:
    """(member count, central directory bytes) from the end record, found as
    ``zipfile`` finds it: at the very end, or before a comment."""
    source.seek(0, 2)
    size = source.tell()
    if size < _END_SIZE:
        raise _damaged()
    source.seek(max(0, size - _END_SIZE - _MAX_COMMENT))
    tail = source.read()
    if tail[-_END_SIZE:].startswith(_END):
        start = len(tail) - _END_SIZE
    else:
        start = tail.rfind(_END)
        if start < 0:
            raise _damaged()
    record = tail[start : start + _END_SIZE]
    if len(record) < _END_SIZE:
        raise _damaged()
    _sig, _disk, _cd_disk, _here, count, directory, _offset, _comment = struct.unpack("<4s4H2LH", record)
    if count == 0xFFFF or directory == 0xFFFFFFFF:
        # ZIP64: the real numbers are in the ZIP64 end record the locator points at.
        locator = tail[start - 20 : start] if start >= 20 else b""
        if not locator.startswith(_ZIP64_LOCATOR):
            raise _damaged()
        _sig, _disk, end64_offset, _disks = struct.unpack("<4sLQL", locator)
        source.seek(end64_offset)
        end64 = source.read(56)
        if len(end64) < 56 or not end64.startswith(_ZIP64_END):
            raise _damaged()
        count, directory = struct.unpack("<QQ", end64[32:48])
    return count, directory


def archive_open(source: BinaryIO) -> zipfile.ZipFile:
    """The archive, once its directory has shown nothing that could hurt.

    Raises ArchiveRefused for a zip bomb and ExtractionError for a file that is
    not a ZIP archive at all. Nothing is unpacked here."""
    count, directory = _directory_size(source)
    if count > MAX_MEMBERS or directory > MAX_DIRECTORY_BYTES:
        raise ArchiveRefused(
            gettext_noop("it holds more than %(limit)s files inside, more than any office document needs"),
            limit=f"{MAX_MEMBERS:,}".replace(",", "."),
        )
    source.seek(0)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise _damaged() from error
    try:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ArchiveRefused(
                gettext_noop("it holds more than %(limit)s files inside, more than any office document needs"),
                limit=f"{MAX_MEMBERS:,}".replace(",", "."),
            )
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise ExtractionError(gettext_noop("the file is protected with a password"))
            if member.compress_type not in ALLOWED_COMPRESSIONS:
                raise ArchiveRefused(gettext_noop("it is packed in a way office documents never are"))
            total += member.file_size
            if member.file_size >= RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise ArchiveRefused(
                    gettext_noop(
                        "a part of it unpacks to more than %(ratio)s times its packed size, "
                        "which is how files built to overload the server look"
                    ),
                    ratio=MAX_RATIO,
                )
        if total > MAX_DECLARED_TOTAL:
            raise ArchiveRefused(
                gettext_noop("once unpacked it would take more than %(limit)s MB"),
                limit=MAX_DECLARED_TOTAL // (1024 * 1024),
            )
    except BaseException:
        archive.close()
        raise
    return archive


class Budget:
    """Bytes that may still be unpacked, across every member read with it."""

    def __init__(self, limit: int):
        self.left = limit

    @property
    def spent(self) -> bool:
        return self.left <= 0


def member_chunks(archive: zipfile.ZipFile, name: str, budget: Budget) -> Iterator[bytes]:
    """A member, unpacked CHUNK bytes at a time, until it ends or the budget is spent.

    Raises ArchiveRefused when the member unpacks to more than it declares, and
    ExtractionError when its data is damaged (a wrong CRC, a cut stream)."""
    info = archive.getinfo(name)
    unpacked = 0
    try:
        with archive.open(info) as stream:
            while not budget.spent:
                chunk = stream.read(min(CHUNK, budget.left))
                if not chunk:
                    return
                unpacked += len(chunk)
                budget.left -= len(chunk)
                if unpacked > info.file_size:
                    # zipfile never returns more than declared; kept in case that changes.
                    raise ArchiveRefused(gettext_noop("its contents do not match the sizes it declares"))
                yield chunk
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as error:
        raise ArchiveRefused(
            gettext_noop(
                "its contents do not match the sizes and checksums it declares: "
                "it is damaged or was built to overload the server"
            )
        ) from error


# Office XML never declares a DTD; one is how entity bombs (billion laughs)
# start. Also looked for in UTF-16, which an XML part may legally use.
_DECLARATIONS = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(marker) for marker in _DECLARATIONS)


def archive_verify(archive: zipfile.ZipFile) -> None:
    """Unpack every member as a stream, keeping nothing, so that a member whose
    directory entry lies about its size or checksum, or an XML part that
    declares entities, is found before the file is stored."""
    budget = Budget(MAX_DECLARED_TOTAL)
    for info in archive.infolist():
        if info.is_dir():
            continue
        xml = info.filename.lower().endswith((".xml", ".rels"))
        previous = b""
        for chunk in member_chunks(archive, info.filename, budget):
            if xml:
                window = previous + chunk
                if any(marker in window for marker in _DECLARATIONS):
                    raise ArchiveRefused(
                        gettext_noop(
                            "it contains XML declarations (DTD or entities) that office documents never have "
                            "and that can expand to enormous sizes"
                        )
                    )
                previous = chunk[-_OVERLAP:]
