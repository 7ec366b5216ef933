"""Parse a table of PME actions (one row per action, or per milestone of an
action) into checked records. No database writes here; see services.py.

Columns (headers in any case, with or without accents; see the README):
RBD, CICLO, DIMENSION, SUBDIMENSION, OBJETIVO, ACCION, DESCRIPCION, INICIO,
TERMINO, RESPONSABLE, RECURSOS, FINANCIAMIENTO, ATE, HITO, FECHA_HITO, AVANCE_HITO
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from territories.names import normalise_name

from .dimensions import DIMENSION_OF_SUBDIMENSION, Dimension, Subdimension
from .models import CYCLE_YEARS, Funding
from .tables import Row

REQUIRED = ("RBD", "CICLO", "DIMENSION", "ACCION", "INICIO", "TERMINO", "RESPONSABLE")
KNOWN = (
    *REQUIRED,
    "SUBDIMENSION",
    "OBJETIVO",
    "DESCRIPCION",
    "RECURSOS",
    "FINANCIAMIENTO",
    "ATE",
    "HITO",
    "FECHA_HITO",
    "AVANCE_HITO",
)


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[normalise_name(value)] = value
        table[normalise_name(str(label))] = value
    return table


def _spanish_lookup(enum) -> dict[str, str]:
    from django.utils import translation

    with translation.override("es"):
        table = _lookup(enum.choices)
    table.update(_lookup(enum.choices))
    return table


@dataclass
class MilestoneRecord:
    line: int
    description: str
    due_date: datetime.date
    progress: int


@dataclass
class ActionRecord:
    line: int
    rbd: int
    cycle_start: int
    dimension: str
    subdimension: str
    objective: str
    name: str
    description: str
    start_date: datetime.date
    end_date: datetime.date
    responsible: str
    resources: str
    funding: list[str]
    uses_ate: bool
    milestones: list[MilestoneRecord] = field(default_factory=list)

    @property
    def key(self):
        return (self.rbd, self.cycle_start, normalise_name(self.name))


class _Invalid(Exception):
    pass


def missing_columns(header: list[str]) -> list[str]:
    return [column for column in REQUIRED if column not in header]


def _date(value: str, column: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise _Invalid(f"{column} no es una fecha válida: {value!r} (use AAAA-MM-DD o DD-MM-AAAA)")


def _choice(value: str, table: dict[str, str], column: str) -> str:
    found = table.get(normalise_name(value))
    if not found:
        raise _Invalid(f"{column} desconocida: {value!r}")
    return found


def parse_rows(rows: list[Row]) -> tuple[list[ActionRecord], list[tuple[int, str]]]:
    """Records (one per action, milestones merged in) and errors (line, reason)."""
    dimensions = _spanish_lookup(Dimension)
    subdimensions = _spanish_lookup(Subdimension)
    fundings = _spanish_lookup(Funding)
    actions: dict[tuple, ActionRecord] = {}
    errors: list[tuple[int, str]] = []
    for line, cells in rows:
        try:
            record, milestone = _parse(line, cells, dimensions, subdimensions, fundings)
        except _Invalid as error:
            errors.append((line, str(error)))
            continue
        existing = actions.get(record.key)
        if existing is None:
            actions[record.key] = existing = record
        elif (existing.start_date, existing.end_date, existing.dimension) != (
            record.start_date,
            record.end_date,
            record.dimension,
        ):
            errors.append(
                (line, f"la acción {record.name!r} ya aparece en la línea {existing.line} con otras fechas o dimensión")
            )
            continue
        if milestone:
            existing.milestones.append(milestone)
    return list(actions.values()), errors


def _parse(line, cells, dimensions, subdimensions, fundings):
    def get(column):
        return cells.get(column, "").strip()

    missing = [column for column in REQUIRED if not get(column)]
    if missing:
        raise _Invalid("faltan datos en " + ", ".join(missing))
    rbd_text = get("RBD").split("-")[0].strip()
    if not rbd_text.isdigit():
        raise _Invalid(f"RBD no válido: {get('RBD')!r}")
    cycle_text = get("CICLO").replace("–", "-").split("-")[0].strip()
    if not (cycle_text.isdigit() and 2010 <= int(cycle_text) <= 2100):
        raise _Invalid(f"CICLO no válido: {get('CICLO')!r} (por ejemplo 2023 o 2023-2026)")
    cycle_start = int(cycle_text)
    dimension = _choice(get("DIMENSION"), dimensions, "DIMENSION")
    subdimension = _choice(get("SUBDIMENSION"), subdimensions, "SUBDIMENSION") if get("SUBDIMENSION") else ""
    if subdimension and DIMENSION_OF_SUBDIMENSION[subdimension] != dimension:
        raise _Invalid(f"la SUBDIMENSION {get('SUBDIMENSION')!r} no pertenece a la dimensión {get('DIMENSION')!r}")
    start, end = _date(get("INICIO"), "INICIO"), _date(get("TERMINO"), "TERMINO")
    if end < start:
        raise _Invalid("TERMINO es anterior a INICIO")
    if not (cycle_start <= start.year and end.year <= cycle_start + CYCLE_YEARS - 1):
        raise _Invalid(f"las fechas quedan fuera del ciclo {cycle_start}–{cycle_start + CYCLE_YEARS - 1}")
    funding = [
        _choice(part, fundings, "FINANCIAMIENTO")
        for part in get("FINANCIAMIENTO").replace(",", ";").split(";")
        if part.strip()
    ]
    ate = normalise_name(get("ATE"))
    if ate not in {"", "SI", "NO", "S", "N", "1", "0"}:
        raise _Invalid(f"ATE debe ser sí o no, no {get('ATE')!r}")
    milestone = None
    if get("HITO"):
        if not get("FECHA_HITO"):
            raise _Invalid("el HITO no tiene FECHA_HITO")
        progress_text = get("AVANCE_HITO").rstrip("%").strip() or "0"
        try:
            progress = round(float(progress_text.replace(",", ".")))
        except ValueError:
            raise _Invalid(f"AVANCE_HITO no es un porcentaje: {get('AVANCE_HITO')!r}") from None
        if not 0 <= progress <= 100:
            raise _Invalid(f"AVANCE_HITO debe estar entre 0 y 100, no {progress}")
        milestone = MilestoneRecord(line, get("HITO")[:255], _date(get("FECHA_HITO"), "FECHA_HITO"), progress)
    record = ActionRecord(
        line=line,
        rbd=int(rbd_text),
        cycle_start=cycle_start,
        dimension=dimension,
        subdimension=subdimension,
        objective=get("OBJETIVO"),
        name=get("ACCION")[:255],
        description=get("DESCRIPCION"),
        start_date=start,
        end_date=end,
        responsible=get("RESPONSABLE")[:120],
        resources=get("RECURSOS"),
        funding=list(dict.fromkeys(funding)),
        uses_ate=ate in {"SI", "S", "1"},
    )
    return record, milestone
