"""Read Mineduc's Directorio Oficial de Establecimientos (any year's CSV).

Pure parsing, no database: columns are found by header name (they differ
between years), the file may be UTF-8 with or without BOM (Windows-1252 before
2018), CRLF or LF, `;`-separated, with decimal commas or points and blanks
written as a single space. Each data line becomes either a ``SchoolRecord`` or
a ``RowError`` carrying its line number and the reason, in Spanish, because
it is shown to the person running the import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .rbd import rbd_is_valid

REQUIRED_COLUMNS = ("RBD", "DGV_RBD", "NOM_RBD", "COD_COM_RBD")
# Enough of these must be present too, or it is some other RBD-keyed file.
DIRECTORY_COLUMNS = ("COD_DEPE", "COD_DEPE2", "RURAL_RBD", "ESTADO_ESTAB", "ENS_01", "NOM_COM_RBD")

# COD_DEPE (detailed) and COD_DEPE2 (grouped) to the portal's dependency values.
DEPENDENCY_BY_COD_DEPE = {
    1: "municipal",
    2: "municipal",
    3: "particular_subvencionado",
    4: "particular_pagado",
    5: "administracion_delegada",
    6: "slep",
}
DEPENDENCY_BY_COD_DEPE2 = {
    1: "municipal",
    2: "particular_subvencionado",
    3: "particular_pagado",
    4: "administracion_delegada",
    5: "slep",
}
# Chile, Easter Island and the Antarctic territory, generously.
LATITUDE_RANGE = (Decimal("-90"), Decimal("-17"))
LONGITUDE_RANGE = (Decimal("-110"), Decimal("-53"))


class NotADirectoryFile(Exception):
    """The file is not a school directory at all; nothing should be imported."""


@dataclass
class SchoolRecord:
    line: int
    rbd: int
    check_digit: str
    name: str
    commune_code: int
    commune_name: str
    deprov_code: int | None
    dependency: str
    school_owner_rut: int | None
    is_rural: bool
    latitude: Decimal | None
    longitude: Decimal | None
    status: int
    has_enrolment: bool
    teaching_codes: list[int]
    has_pie: bool
    enrolment_fee: str
    monthly_fee: str
    directory_year: int | None
    warnings: list[str] = field(default_factory=list)

    @property
    def check_digit_is_valid(self) -> bool:
        return rbd_is_valid(self.rbd, self.check_digit)


@dataclass
class RowError:
    line: int
    reason: str
    rbd: str = ""


class _Invalid(Exception):
    pass


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with."""
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        # Files up to 2017 were written in the local Windows encoding.
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _norm_header(name: str) -> str:
    return name.strip().strip("\ufeff").strip('"').upper()


class DirectoryFile:
    """An opened directory file: checked header, then rows on demand."""

    def __init__(self, text: str, *, source: str = "", encoding: str = "UTF-8"):
        self.source = source
        self.encoding = encoding
        if not text.strip():
            raise NotADirectoryFile("el archivo está vacío")
        first_line = text.splitlines()[0]
        if "\x00" in text[:4096]:
            raise NotADirectoryFile("es un archivo binario, no un CSV")
        self.delimiter = ";" if ";" in first_line else ("," if "," in first_line else ";")
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        header = [_norm_header(name) for name in next(self._reader)]
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise NotADirectoryFile(
                "no es un Directorio Oficial de Establecimientos: faltan las columnas " + ", ".join(missing)
            )
        if not any(column in header for column in DIRECTORY_COLUMNS):
            raise NotADirectoryFile(
                "no es un Directorio Oficial de Establecimientos: no tiene columnas de dependencia, ruralidad, "
                "estado ni enseñanza"
            )
        self.header = header
        self.columns = {name: index for index, name in enumerate(header)}
        self.teaching_columns = [name for name in header if name.startswith("ENS_")]

    @classmethod
    def open(cls, path: Path | str) -> DirectoryFile:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise NotADirectoryFile(f"no se pudo leer {path}: {error.strerror or error}") from error
        text, encoding = decode(raw)
        return cls(text, source=str(path), encoding=encoding)

    def rows(self) -> Iterator[SchoolRecord | RowError]:
        reader = self._reader
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield RowError(reader.line_num, f"línea CSV ilegible ({error})")
                continue
            if not values or all(not value.strip() for value in values):
                continue  # blank line
            line = reader.line_num
            if len(values) != len(self.header):
                yield RowError(
                    line,
                    f"tiene {len(values)} columnas y el encabezado {len(self.header)}",
                    rbd=values[0].strip() if values else "",
                )
                continue
            try:
                yield self._record(line, values)
            except _Invalid as error:
                rbd = values[self.columns["RBD"]].strip()
                yield RowError(line, str(error), rbd=rbd)

    # --- one row ------------------------------------------------------------

    def _get(self, values: list[str], column: str) -> str:
        index = self.columns.get(column)
        return values[index].strip() if index is not None else ""

    def _int(self, values, column, *, required=False, choices=None) -> int | None:
        text = self._get(values, column)
        if not text:
            if required:
                raise _Invalid(f"{column} está vacío")
            return None
        try:
            number = int(Decimal(text.replace(",", ".")))
        except (InvalidOperation, ValueError):
            raise _Invalid(f"{column} no es un número: {text!r}") from None
        if choices is not None and number not in choices:
            raise _Invalid(f"{column} tiene un valor desconocido: {number}")
        return number

    def _flag(self, values, column) -> bool:
        return self._int(values, column, choices={0, 1}) == 1

    def _coordinate(self, values, column, bounds, warnings) -> Decimal | None:
        text = self._get(values, column)
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            warnings.append(f"{column} ilegible ({text!r}); se deja sin coordenadas")
            return None
        low, high = bounds
        if not low <= number <= high:
            warnings.append(f"{column} fuera de Chile ({text}); se deja sin coordenadas")
            return None
        return number.quantize(Decimal("0.000001"))

    def _dependency(self, values) -> str:
        code = self._int(values, "COD_DEPE", choices=set(DEPENDENCY_BY_COD_DEPE))
        if code is not None:
            return DEPENDENCY_BY_COD_DEPE[code]
        grouped = self._int(values, "COD_DEPE2", choices=set(DEPENDENCY_BY_COD_DEPE2))
        if grouped is not None:
            return DEPENDENCY_BY_COD_DEPE2[grouped]
        raise _Invalid("no indica la dependencia (COD_DEPE / COD_DEPE2)")

    def _record(self, line: int, values: list[str]) -> SchoolRecord:
        rbd = self._int(values, "RBD", required=True)
        if rbd <= 0:
            raise _Invalid(f"RBD no válido: {rbd}")
        check_digit = self._get(values, "DGV_RBD").upper()
        if len(check_digit) != 1 or check_digit not in "0123456789K":
            raise _Invalid(f"dígito verificador no válido: {check_digit!r}")
        name = " ".join(self._get(values, "NOM_RBD").split())
        if not name:
            raise _Invalid("el nombre (NOM_RBD) está vacío")
        warnings: list[str] = []
        latitude = self._coordinate(values, "LATITUD", LATITUDE_RANGE, warnings)
        longitude = self._coordinate(values, "LONGITUD", LONGITUDE_RANGE, warnings)
        if (latitude is None) != (longitude is None):
            latitude = longitude = None
        teaching = []
        for column in self.teaching_columns:
            code = self._int(values, column)
            if code and code not in teaching:
                teaching.append(code)
        status = self._int(values, "ESTADO_ESTAB", choices={1, 2, 3, 4})
        enrolment = self._int(values, "MATRICULA", choices={0, 1})
        return SchoolRecord(
            line=line,
            rbd=rbd,
            check_digit=check_digit,
            name=name,
            commune_code=self._int(values, "COD_COM_RBD", required=True),
            commune_name=self._get(values, "NOM_COM_RBD"),
            deprov_code=self._int(values, "COD_DEPROV_RBD"),
            dependency=self._dependency(values),
            school_owner_rut=self._int(values, "RUT_SOSTENEDOR") or None,
            is_rural=self._flag(values, "RURAL_RBD"),
            latitude=latitude,
            longitude=longitude,
            # Files before 2015 list only operating schools with enrolment.
            status=status if status is not None else 1,
            has_enrolment=enrolment != 0,
            teaching_codes=teaching,
            has_pie=self._flag(values, "CONVENIO_PIE"),
            enrolment_fee=self._get(values, "PAGO_MATRICULA")[:40],
            monthly_fee=self._get(values, "PAGO_MENSUAL")[:40],
            directory_year=self._int(values, "AGNO"),
            warnings=warnings,
        )
