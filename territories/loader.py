"""Load the territory tables from the CSV files in territories/data/.

Idempotent: rows are upserted by code, so a data migration can run it again
after the files change. Takes the model classes as arguments because
migrations must pass their historical models.
"""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _optional_int(value: str) -> int | None:
    return int(value) if value else None


def load_territories(Region, Province, DeprovOffice, Slep, Commune) -> dict[str, int]:
    for row in _rows("regions.csv"):
        Region.objects.update_or_create(
            code=int(row["code"]),
            defaults={"name": row["name"], "roman_numeral": row["roman_numeral"], "order": int(row["order"])},
        )
    for row in _rows("provinces.csv"):
        Province.objects.update_or_create(
            code=int(row["code"]), defaults={"name": row["name"], "region_id": int(row["region"])}
        )
    for row in _rows("deprov_offices.csv"):
        DeprovOffice.objects.update_or_create(
            code=int(row["code"]), defaults={"name": row["name"], "region_id": int(row["region"])}
        )
    for row in _rows("sleps.csv"):
        Slep.objects.update_or_create(
            code=int(row["code"]),
            defaults={
                "name": row["name"],
                "region_id": int(row["region"]),
                "start_year": int(row["start_year"]),
                "transfer_year": int(row["transfer_year"]),
                "decree": row["decree"],
            },
        )
    for row in _rows("communes.csv"):
        Commune.objects.update_or_create(
            code=int(row["code"]),
            defaults={
                "name": row["name"],
                "province_id": int(row["province"]),
                "deprov_id": _optional_int(row["deprov"]),
                "slep_id": _optional_int(row["slep"]),
                "is_slep_head": row["slep_head"] == "1",
            },
        )
    return {
        "regions": Region.objects.count(),
        "provinces": Province.objects.count(),
        "deprov_offices": DeprovOffice.objects.count(),
        "sleps": Slep.objects.count(),
        "communes": Commune.objects.count(),
    }
