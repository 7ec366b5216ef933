"""Read a CSV or XLSX table: its normalised header and its rows as dicts,
each with the line (row) number a person sees in their spreadsheet program."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from territories.names import normalise_name

Row = tuple[int, dict[str, str]]


class UnreadableTable(Exception):
    pass


def header_key(name) -> str:
    """'Fecha de término' → 'FECHA_DE_TERMINO'."""
    return normalise_name(str(name or "")).replace(" ", "_")


def read_table(path: Path | str) -> tuple[list[str], list[Row]]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableTable(f"no se pudo leer {path}: {error.strerror or error}") from error
    if not raw.strip():
        raise UnreadableTable("el archivo está vacío")
    if raw[:2] == b"PK":
        return _read_xlsx(raw)
    if b"\x00" in raw[:4096]:
        raise UnreadableTable("no es un CSV ni una planilla XLSX")
    return _read_csv(raw)


def _read_csv(raw: bytes):
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [header_key(name) for name in next(reader)]
    rows = []
    for values in reader:
        if any(value.strip() for value in values):
            cells = {key: value.strip() for key, value in zip(header, values, strict=False)}
            rows.append((reader.line_num, cells))
    return header, rows


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_xlsx(raw: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableTable(f"no es una planilla XLSX válida ({error})") from error
    try:
        rows_iter = workbook.worksheets[0].iter_rows(values_only=True)
        header = [header_key(value) for value in next(rows_iter, ())]
        rows = []
        for number, values in enumerate(rows_iter, start=2):
            if values and any(value not in (None, "") for value in values):
                rows.append((number, {key: _cell(value) for key, value in zip(header, values, strict=False)}))
    finally:
        workbook.close()
    if not header:
        raise UnreadableTable("la planilla está vacía")
    return header, rows
