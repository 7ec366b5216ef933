"""manage.py import_schools on small files written here, into the real PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from schools.models import Dependency, School, SchoolStatus

from .directory_rows import ROW_1, ROW_2, row, write_directory

pytestmark = pytest.mark.django_db


def run_import(path) -> str:
    out = StringIO()
    call_command("import_schools", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def summary_counts(output: str) -> dict[str, int]:
    labels = {"creados": "created", "actualizados": "updated", "sin cambios": "unchanged", "rechazados": "rejected"}
    counts = {}
    for line in output.splitlines():
        label, _, value = line.strip().partition(":")
        if label in labels and value.strip().isdigit():
            counts[labels[label]] = int(value)
    return counts


def test_imports_then_a_second_run_changes_nothing(tmp_path):
    path = write_directory(tmp_path / "d.csv", [ROW_1, ROW_2])
    first = run_import(path)
    assert summary_counts(first) == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    school = School.objects.select_related("commune", "deprov").get(rbd=1)
    assert school.name == "LICEO POLITECNICO ARICA"
    assert school.commune.name == "Arica" and school.deprov.code == 151
    assert school.dependency == Dependency.SLEP
    assert str(school.latitude) == "-18.487200"
    before = list(School.objects.order_by("rbd").values())

    second = run_import(path)
    assert summary_counts(second) == {"created": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    assert list(School.objects.order_by("rbd").values()) == before


def test_a_newer_file_updates_by_rbd(tmp_path):
    run_import(write_directory(tmp_path / "2020.csv", [ROW_1, ROW_2]))
    newer = [ROW_1, row(AGNO=2025, RBD=2, DGV_RBD=7, NOM_RBD="PARVULARIO LAS ESPIGUITAS", ESTADO_ESTAB=3)]
    output = run_import(write_directory(tmp_path / "2025.csv", newer, bom=True, newline="\r\n"))
    assert summary_counts(output) == {"created": 0, "updated": 1, "unchanged": 1, "rejected": 0}
    school = School.objects.get(rbd=2)
    assert school.status == SchoolStatus.CLOSED and school.directory_year == 2025


def test_bad_rows_are_reported_with_line_numbers_and_the_rest_is_imported(tmp_path):
    lines = [
        ROW_1,  # line 2
        row(RBD="x1"),  # line 3: not a number
        row(RBD=3, DGV_RBD=5, COD_COM_RBD=99999, NOM_COM_RBD="ATLANTIDA"),  # line 4: unknown commune
        ROW_2,  # line 5
        row(RBD=2, DGV_RBD=7, NOM_RBD="OTRA"),  # line 6: RBD repeated
    ]
    output = run_import(write_directory(tmp_path / "d.csv", lines))
    assert summary_counts(output) == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 3}
    assert "línea 3" in output and "RBD no es un número" in output
    assert "línea 4 (RBD 3)" in output and "comuna desconocida: 99999 ATLANTIDA" in output
    assert "línea 6 (RBD 2)" in output and "repetido (ya en la línea 5)" in output
    assert set(School.objects.values_list("rbd", flat=True)) == {1, 2}
    assert School.objects.get(rbd=2).name == "PARVULARIO LAS ESPIGUITAS"


def test_a_published_check_digit_that_breaks_modulo_11_is_kept_and_flagged(tmp_path):
    # RBD 13208 is published with 8 in the real directory.
    line = row(RBD=13208, DGV_RBD=8, NOM_RBD="CENTRO DE EDUCACIÓN DE ADULTOS LA HAYA")
    output = run_import(write_directory(tmp_path / "d.csv", [line]))
    school = School.objects.get(rbd=13208)
    assert school.check_digit == "8" and not school.check_digit_is_valid
    assert "no cumple módulo 11" in output and ": 1" in output


def test_an_old_commune_code_is_matched_by_name(tmp_path):
    # Before 2018 Chillán was 8401 in the Biobío region; today it is 16101 in Ñuble.
    line = row(RBD=3, DGV_RBD=5, COD_REG_RBD=8, COD_COM_RBD=8401, NOM_COM_RBD="CHILLÁN", COD_DEPROV_RBD=81)
    output = run_import(write_directory(tmp_path / "d.csv", [line]))
    school = School.objects.select_related("commune", "deprov").get(rbd=3)
    assert school.commune.code == 16101
    assert school.deprov.code == 161  # 81 is no longer an office: the commune's office
    assert "8401 (CHILLÁN) reemplazado por 16101" in output


def test_a_file_that_is_not_a_directory_is_refused_and_nothing_changes(tmp_path):
    run_import(write_directory(tmp_path / "d.csv", [ROW_1]))
    before = list(School.objects.values())
    other = tmp_path / "notas.csv"
    other.write_text("nombre;nota\nAna;7,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Archivo rechazado, no se importó nada: no es un Directorio"):
        call_command("import_schools", str(other), stdout=StringIO(), stderr=StringIO())
    assert list(School.objects.values()) == before


def test_a_database_failure_keeps_nothing_of_the_file(tmp_path):
    # Make PostgreSQL itself refuse one of the rows mid-import.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE schools_school ADD CONSTRAINT no_rbd_3 CHECK (rbd <> 3)")
    run_import(write_directory(tmp_path / "d.csv", [ROW_1]))
    lines = [row(RBD=1, DGV_RBD=9, NOM_RBD="NOMBRE CAMBIADO"), ROW_2, row(RBD=3, DGV_RBD=5)]
    with pytest.raises(CommandError, match="no se guardó ningún cambio"):
        call_command("import_schools", str(write_directory(tmp_path / "e.csv", lines)), stdout=StringIO())
    assert list(School.objects.values_list("rbd", "name")) == [(1, "LICEO POLITECNICO ARICA")]


def test_progress_is_shown_for_long_files(tmp_path):
    lines = [row(RBD=rbd, DGV_RBD=_digit(rbd), NOM_RBD=f"ESCUELA {rbd}") for rbd in range(1, 1201)]
    err = StringIO()
    call_command("import_schools", str(write_directory(tmp_path / "d.csv", lines)), stdout=StringIO(), stderr=err)
    assert "1000 filas leídas" in err.getvalue()
    assert School.objects.count() == 1200


def _digit(rbd):
    from schools.rbd import rbd_check_digit

    return rbd_check_digit(rbd)
