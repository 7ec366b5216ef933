"""Pull the words out of attached files so search can find them, within limits.

Every reader streams and stops early: at MAX_CHARACTERS of text kept, at
MAX_UNPACKED_BYTES unpacked from an archive, at MAX_PDF_PAGES pages. Nothing
is read whole into memory, so a file crafted to be small on disk and huge once
opened costs no more than a normal one. This module never touches the database
and runs in a limited child process (extraction_process).

- PDF: pypdf, page by page.
- DOCX, PPTX, OpenDocument: ZIP archives of XML, opened through archives
  (directory checked first) and parsed as a SAX stream by defusedxml's expat
  reader with DTDs and entities forbidden, so no tree is built and no entity
  is expanded (billion laughs).
- XLSX: the same stream reader, not openpyxl: openpyxl loads the whole
  shared-strings table and pads every row to the sheet's declared width, so a
  sheet that claims to span A1:XFD1048576 would cost billions of empty cells.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re
from os.path import splitext
from typing import BinaryIO
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from .archives import Budget, archive_open, member_chunks
from .extraction_errors import ExtractionError, gettext_noop

__all__ = ["ExtractionError", "MAX_CHARACTERS", "extension_of", "extract_text"]

MAX_CHARACTERS = 1_000_000
# XML actually unpacked per file: far more than a million characters of text
# needs, small enough to parse in a few seconds.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_PDF_PAGES = 500
# Shared strings kept for a spreadsheet (later ones read as empty cells).
MAX_SHARED_STRINGS = 200_000


def extension_of(filename: str) -> str:
    """The extension as Django's FileExtensionValidator sees it (".pdf" has none)."""
    return splitext(filename)[1][1:].lower()


def extract_text(source: bytes | BinaryIO, filename: str) -> str:
    """The text of ``source`` (bytes or a seekable binary file), tidied, at most
    MAX_CHARACTERS long; "" for a kind of file we do not read."""
    extension = extension_of(filename)
    reader = READERS.get(extension)
    if reader is None:
        return ""
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    text = _Text(MAX_CHARACTERS)
    try:
        reader(source, text)
    except _Enough:
        pass
    except ExtractionError:
        raise
    except DefusedXmlException as error:
        raise ExtractionError(
            gettext_noop("the file contains XML declarations (DTD or entities) that are not allowed")
        ) from error
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure means an unreadable file
        raise ExtractionError(
            gettext_noop("the text of the %(kind)s file could not be read (%(reason)s)"),
            kind=extension.upper(),
            reason=type(error).__name__,
        ) from error
    return text.value()


class _Enough(Exception):
    """MAX_CHARACTERS of text are kept: stop reading."""


class _Text:
    """Lines of text, tidied as they close, up to a number of characters."""

    def __init__(self, limit: int):
        self.limit = limit
        self.kept = 0
        self.lines: list[str] = []
        self.current: list[str] = []
        self.pending = 0

    def add(self, text: str) -> None:
        self.current.append(text)
        self.pending += len(text)
        if self.pending > self.limit:  # one endless paragraph
            self.newline()

    def newline(self) -> None:
        if not self.current:
            return
        line = re.sub(r"[ \t\u00a0\r\n]+", " ", "".join(self.current)).strip()
        self.current, self.pending = [], 0
        if line:
            self.lines.append(line)
            self.kept += len(line) + 1
            if self.kept >= self.limit:
                raise _Enough

    def add_lines(self, text: str) -> None:
        for line in text.splitlines():
            self.add(line)
            self.newline()

    def value(self) -> str:
        with contextlib.suppress(_Enough):
            self.newline()
        return "\n".join(self.lines)[: self.limit]


# --- XML parts, as a stream -----------------------------------------------------------


def _parse(chunks, handler: ContentHandler) -> None:
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(handler)
    for chunk in chunks:
        parser.feed(chunk)
    parser.close()


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


class _Paragraphs(ContentHandler):
    """Text of an office XML part, one line per paragraph-like element.

    Words sit in run elements (w:t, a:t, text:p/h/span/a/s); tabs and line
    breaks become spaces."""

    TEXT = {"t", "p", "h", "span", "s", "a"}
    SPACES = {"tab", "s", "line-break", "br"}

    def __init__(self, text: _Text, paragraphs: set[str]):
        super().__init__()
        self.text = text
        self.paragraphs = paragraphs
        self.open: list[str] = []

    def startElement(self, name, attrs):  # noqa: N802 - SAX's name
        tag = _local(name)
        if tag in self.paragraphs:
            self.text.newline()
        elif tag in self.SPACES:
            self.text.add(" ")
        self.open.append(tag)

    def endElement(self, name):  # noqa: N802
        self.open.pop()

    def characters(self, content):
        if self.open and self.open[-1] in self.TEXT:
            self.text.add(content)


class _SharedStrings(ContentHandler):
    """xl/sharedStrings.xml: one string per <si>, phonetic runs left out."""

    def __init__(self, strings: list[str], budget: int):
        super().__init__()
        self.strings = strings
        self.budget = budget
        self.parts: list[str] | None = None
        self.in_text = False
        self.phonetic = 0

    def startElement(self, name, attrs):  # noqa: N802
        tag = _local(name)
        if tag == "si":
            self.parts = []
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "t":
            self.in_text = True

    def endElement(self, name):  # noqa: N802
        tag = _local(name)
        if tag == "si" and self.parts is not None:
            value = "".join(self.parts) if self.budget > 0 else ""
            self.budget -= len(value)
            self.strings.append(value)
            self.parts = None
            if len(self.strings) >= MAX_SHARED_STRINGS:
                raise _SharedStringsFull
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "t":
            self.in_text = False

    def characters(self, content):
        if self.in_text and not self.phonetic and self.parts is not None:
            self.parts.append(content)


class _SharedStringsFull(Exception):
    pass


class _Sheet(ContentHandler):
    """A worksheet: one line per row, cells that hold something, in order."""

    def __init__(self, text: _Text, shared: list[str]):
        super().__init__()
        self.text = text
        self.shared = shared
        self.kind = ""
        self.value: list[str] | None = None
        self.cells: list[str] = []

    def startElement(self, name, attrs):  # noqa: N802
        tag = _local(name)
        if tag == "row":
            self._row_end()
        elif tag == "c":
            self.kind = attrs.get("t", "n")
        elif tag in {"v", "t"}:
            self.value = []

    def endElement(self, name):  # noqa: N802
        tag = _local(name)
        if tag in {"v", "t"} and self.value is not None:
            value = "".join(self.value)
            self.value = None
            if self.kind == "s":
                index = int(value) if value.strip().isdigit() else -1
                value = self.shared[index] if 0 <= index < len(self.shared) else ""
            if value.strip():
                self.cells.append(value)
        elif tag == "row":
            self._row_end()

    def characters(self, content):
        if self.value is not None:
            self.value.append(content)

    def _row_end(self):
        if self.cells:
            self.text.add(" ".join(self.cells))
            self.cells = []
            self.text.newline()


# --- readers ----------------------------------------------------------------------------


def _numbered(names, pattern: str) -> list[str]:
    found = [name for name in names if re.fullmatch(pattern, name)]
    return sorted(found, key=lambda name: int(re.search(r"(\d+)\.xml$", name).group(1)))


def _parts(source: BinaryIO, text: _Text, names, paragraphs: set[str]) -> None:
    with archive_open(source) as archive:
        present = set(archive.namelist())
        budget = Budget(MAX_UNPACKED_BYTES)
        for name in names(present):
            if name in present and not budget.spent:
                _parse(member_chunks(archive, name, budget), _Paragraphs(text, paragraphs))
                text.newline()


def _docx(source, text):
    def names(present):
        extra = sorted(name for name in present if re.fullmatch(r"word/(header|footer|footnotes)\d*\.xml", name))
        return ["word/document.xml", *extra]

    _parts(source, text, names, {"p"})


def _pptx(source, text):
    _parts(source, text, lambda present: _numbered(present, r"ppt/slides/slide\d+\.xml"), {"p"})


def _opendocument(source, text):
    _parts(source, text, lambda present: ["content.xml"], {"p", "h"})


def _xlsx(source, text):
    with archive_open(source) as archive:
        present = set(archive.namelist())
        budget = Budget(MAX_UNPACKED_BYTES)
        shared: list[str] = []
        if "xl/sharedStrings.xml" in present:
            with contextlib.suppress(_SharedStringsFull):
                _parse(member_chunks(archive, "xl/sharedStrings.xml", budget), _SharedStrings(shared, MAX_CHARACTERS))
        # Sheets in the order of their file names, which is the workbook's
        # order for files saved by Excel and LibreOffice.
        for name in _numbered(present, r"xl/worksheets/sheet\d+\.xml"):
            if budget.spent:
                break
            _parse(member_chunks(archive, name, budget), _Sheet(text, shared))


def _pdf(source, text):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(source)
        if reader.is_encrypted:
            raise ExtractionError(gettext_noop("the PDF is protected with a password"))
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                break
            text.add_lines(page.extract_text() or "")
    except PdfReadError as error:
        raise ExtractionError(gettext_noop("the file is not a readable PDF")) from error


def _plain(source, text):
    data = source.read(MAX_CHARACTERS * 4)
    try:
        # Incremental: a character cut at the end of what was read is dropped, not an error.
        decoded = codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=False)
    except UnicodeDecodeError:
        decoded = data.decode("cp1252", errors="replace")
    text.add_lines(decoded)


READERS = {
    "pdf": _pdf,
    "docx": _docx,
    "pptx": _pptx,
    "odt": _opendocument,
    "ods": _opendocument,
    "odp": _opendocument,
    "xlsx": _xlsx,
    "txt": _plain,
    "csv": _plain,
}
