"""Pull the words out of attached files so search can find them.

PDF through pypdf; DOCX, PPTX and OpenDocument files are ZIP archives of XML,
read with the standard library; XLSX through openpyxl. Nothing here touches
the database.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

MAX_CHARACTERS = 1_000_000


class ExtractionError(Exception):
    """The file could not be read; the message is shown to editors (Spanish)."""


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def extract_text(data: bytes, filename: str) -> str:
    extension = extension_of(filename)
    readers = {
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
    reader = readers.get(extension)
    if reader is None:
        return ""
    try:
        text = reader(data)
    except ExtractionError:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure means an unreadable file
        raise ExtractionError(
            f"no se pudo leer el texto del archivo {extension.upper()} ({type(error).__name__})"
        ) from error
    return _tidy(text)[:MAX_CHARACTERS]


def _tidy(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError("el PDF está protegido con contraseña")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except PdfReadError as error:
        raise ExtractionError("el archivo no es un PDF legible") from error


def _xml_text(xml: bytes, paragraph_tags: set[str]) -> str:
    """Text of an XML part, one line per paragraph-like element."""
    root = ElementTree.fromstring(xml)
    lines, current = [], []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in paragraph_tags and current:
            lines.append("".join(current))
            current = []
        if element.text and tag in {"t", "p", "h", "span", "s", "a"}:
            current.append(element.text)
        if element.tail and tag in {"span", "s", "a", "tab", "line-break"}:
            current.append(element.tail)
    if current:
        lines.append("".join(current))
    return "\n".join(lines)


def _zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ExtractionError("el archivo está dañado o no es del tipo que indica su nombre") from error


def _docx(data: bytes) -> str:
    with _zip(data) as archive:
        parts = ["word/document.xml"] + sorted(
            name for name in archive.namelist() if re.match(r"word/(header|footer|footnotes)\d*\.xml", name)
        )
        return "\n".join(_xml_text(archive.read(name), {"p"}) for name in parts if name in archive.namelist())


def _pptx(data: bytes) -> str:
    with _zip(data) as archive:
        slides = sorted(
            (name for name in archive.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", name)),
            key=lambda name: int(re.search(r"(\d+)", name.rsplit("/", 1)[-1]).group(1)),
        )
        return "\n".join(_xml_text(archive.read(name), {"p"}) for name in slides)


def _opendocument(data: bytes) -> str:
    with _zip(data) as archive:
        return _xml_text(archive.read("content.xml"), {"p", "h"})


def _xlsx(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value not in (None, "")]
                if cells:
                    lines.append(" ".join(cells))
        return "\n".join(lines)
    finally:
        workbook.close()


def _plain(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
