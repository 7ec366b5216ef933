"""Writes to the school table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from territories.models import Commune, DeprovOffice
from territories.names import normalise_name

from .directory_file import DirectoryFile, RowError, SchoolRecord
from .models import School
from .signals import schools_imported

# School fields an import sets, in the order they are compared.
IMPORTED_FIELDS = (
    "check_digit",
    "name",
    "commune_id",
    "deprov_id",
    "dependency",
    "school_owner_rut",
    "is_rural",
    "latitude",
    "longitude",
    "status",
    "has_enrolment",
    "teaching_codes",
    "has_pie",
    "enrolment_fee",
    "monthly_fee",
    "directory_year",
)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)
    # (line, message) for rows imported with a caveat.
    warnings: list[tuple[int, str]] = field(default_factory=list)
    invalid_check_digits: list[int] = field(default_factory=list)
    remapped_deprov: int = 0

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def rows(self) -> int:
        return self.imported + len(self.rejected)


class _CommuneResolver:
    """Finds a row's commune by code, or by name when the code is an old one
    (e.g. Ñuble's communes were renumbered in 2018)."""

    def __init__(self):
        communes = list(Commune.objects.values_list("code", "name", "deprov_id"))
        self.deprov_by_code = {code: deprov for code, _name, deprov in communes}
        by_name: dict[str, list[int]] = {}
        for code, name, _deprov in communes:
            by_name.setdefault(normalise_name(name), []).append(code)
        self.code_by_name = {name: codes[0] for name, codes in by_name.items() if len(codes) == 1}

    def resolve(self, record: SchoolRecord) -> tuple[int | None, str | None]:
        if record.commune_code in self.deprov_by_code:
            return record.commune_code, None
        code = self.code_by_name.get(normalise_name(record.commune_name)) if record.commune_name else None
        if code:
            return code, f"código de comuna {record.commune_code} ({record.commune_name}) reemplazado por {code}"
        return None, None


def _field_values(record: SchoolRecord, commune_code: int, deprov_id: int | None) -> dict:
    return {
        "check_digit": record.check_digit,
        "name": record.name,
        "commune_id": commune_code,
        "deprov_id": deprov_id,
        "dependency": record.dependency,
        "school_owner_rut": record.school_owner_rut,
        "is_rural": record.is_rural,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "status": record.status,
        "has_enrolment": record.has_enrolment,
        "teaching_codes": record.teaching_codes,
        "has_pie": record.has_pie,
        "enrolment_fee": record.enrolment_fee,
        "monthly_fee": record.monthly_fee,
        "directory_year": record.directory_year,
    }


def schools_import(
    directory: DirectoryFile,
    *,
    only_missing: bool = False,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 2000,
) -> ImportSummary:
    """Upsert the file's schools by RBD; bad rows are reported, not imported.

    The writes happen in one transaction: if the database fails half-way,
    nothing of this file is kept. With ``only_missing`` existing schools are
    left untouched (the demo uses it so as not to overwrite a newer directory).
    """
    summary = ImportSummary()
    communes = _CommuneResolver()
    deprov_codes = set(DeprovOffice.objects.values_list("code", flat=True))
    values_by_rbd: dict[int, dict] = {}
    line_by_rbd: dict[int, int] = {}

    for count, item in enumerate(directory.rows(), start=1):
        if progress and count % 1000 == 0:
            progress(count)
        if isinstance(item, RowError):
            summary.rejected.append(item)
            continue
        if item.rbd in line_by_rbd:
            summary.rejected.append(
                RowError(item.line, f"RBD {item.rbd} repetido (ya en la línea {line_by_rbd[item.rbd]})", str(item.rbd))
            )
            continue
        commune_code, commune_note = communes.resolve(item)
        if commune_code is None:
            summary.rejected.append(
                RowError(
                    item.line, f"comuna desconocida: {item.commune_code} {item.commune_name}".strip(), str(item.rbd)
                )
            )
            continue
        if commune_note:
            summary.warnings.append((item.line, commune_note))
        deprov_id = item.deprov_code if item.deprov_code in deprov_codes else communes.deprov_by_code[commune_code]
        if item.deprov_code is not None and item.deprov_code not in deprov_codes:
            summary.remapped_deprov += 1
        summary.warnings.extend((item.line, warning) for warning in item.warnings)
        if not item.check_digit_is_valid:
            summary.invalid_check_digits.append(item.rbd)
        line_by_rbd[item.rbd] = item.line
        values_by_rbd[item.rbd] = _field_values(item, commune_code, deprov_id)

    with transaction.atomic():
        existing = School.objects.in_bulk(list(values_by_rbd))
        to_create, to_update = [], []
        now = timezone.now()
        for rbd, values in values_by_rbd.items():
            school = existing.get(rbd)
            if school is None:
                to_create.append(School(rbd=rbd, **values))
            elif only_missing or all(getattr(school, name) == values[name] for name in IMPORTED_FIELDS):
                summary.unchanged += 1
            else:
                for name, value in values.items():
                    setattr(school, name, value)
                school.updated_at = now
                to_update.append(school)
        School.objects.bulk_create(to_create, batch_size=batch_size)
        School.objects.bulk_update(to_update, [*IMPORTED_FIELDS, "updated_at"], batch_size=batch_size)
    summary.created, summary.updated = len(to_create), len(to_update)
    changed = [school.rbd for school in to_create] + [school.rbd for school in to_update]
    if changed:
        schools_imported.send(sender=School, rbds=changed)
    return summary
