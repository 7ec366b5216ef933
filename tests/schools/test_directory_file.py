"""Reading directory files of any year: no database involved."""

from decimal import Decimal

import pytest

from schools.directory_file import DirectoryFile, NotADirectoryFile, RowError, SchoolRecord

from .directory_rows import HEADER_2020, ROW_1, ROW_2, row, write_directory


def records(directory):
    return [item for item in directory.rows() if isinstance(item, SchoolRecord)]


def errors(directory):
    return [item for item in directory.rows() if isinstance(item, RowError)]


def test_reads_a_2020_file(tmp_path):
    directory = DirectoryFile.open(write_directory(tmp_path / "d.csv", [ROW_1, ROW_2]))
    first, second = records(directory)
    assert (first.rbd, first.check_digit, first.name) == (1, "9", "LICEO POLITECNICO ARICA")
    assert first.commune_code == 15101
    assert first.dependency == "slep"  # COD_DEPE 6
    assert first.latitude == Decimal("-18.487200") and first.longitude == Decimal("-70.295212")
    assert first.teaching_codes == [463, 510, 563, 610, 663, 863]
    assert first.has_pie and first.status == 1 and first.directory_year == 2020
    assert first.enrolment_fee == "GRATUITO"
    assert second.teaching_codes == [10]


def test_bom_crlf_and_decimal_comma_like_the_2025_file(tmp_path):
    line = row(RBD=1, DGV_RBD=9, LATITUD="-18,4872", LONGITUD="-70,295212")
    path = write_directory(tmp_path / "d.csv", [line], bom=True, newline="\r\n")
    (record,) = records(DirectoryFile.open(path))
    assert record.latitude == Decimal("-18.487200")
    assert record.longitude == Decimal("-70.295212")
    assert record.directory_year == 2020


def test_columns_are_found_by_name_in_any_order_and_extra_columns_are_ignored(tmp_path):
    header = ["MAT_TOTAL", *reversed(HEADER_2020), "PACE"]
    values = dict(zip(HEADER_2020, row(RBD=1, DGV_RBD=9).split(";"), strict=True))
    line = ";".join(["250", *[values[column] for column in reversed(HEADER_2020)], "1"])
    (record,) = records(DirectoryFile.open(write_directory(tmp_path / "d.csv", [line], header=header)))
    assert record.rbd == 1 and record.name == "ESCUELA DE PRUEBA"


def test_an_older_layout_without_status_or_dependency_group(tmp_path):
    header = ["AGNO", "RBD", "DGV_RBD", "NOM_RBD", "COD_COM_RBD", "NOM_COM_RBD", "COD_DEPE", "RURAL_RBD", "ENS_01"]
    line = "2012;1;9;LICEO POLITECNICO ARICA;15101;ARICA;2;0;310"
    (record,) = records(DirectoryFile.open(write_directory(tmp_path / "d.csv", [line], header=header)))
    assert record.status == 1  # files before 2015 list only operating schools
    assert record.dependency == "municipal"
    assert record.latitude is None


def test_windows_1252_files_of_earlier_years(tmp_path):
    line = row(NOM_RBD="ESCUELA ESPAÑA")
    path = write_directory(tmp_path / "d.csv", [line], encoding="cp1252")
    directory = DirectoryFile.open(path)
    (record,) = records(directory)
    assert record.name == "ESCUELA ESPAÑA"
    assert directory.encoding == "Windows-1252"


def test_blanks_written_as_a_space_are_empty(tmp_path):
    line = row(LATITUD=" ", LONGITUD=" ", RUT_SOSTENEDOR=" ", PAGO_MENSUAL=" ")
    (record,) = records(DirectoryFile.open(write_directory(tmp_path / "d.csv", [line])))
    assert record.latitude is None and record.longitude is None
    assert record.school_owner_rut is None
    assert record.monthly_fee == ""


def test_bad_rows_carry_their_line_number_and_reason(tmp_path):
    lines = [
        row(RBD=1, DGV_RBD=9),  # line 2, fine
        row(RBD="abc"),  # line 3
        row(RBD=3, DGV_RBD="X"),  # line 4
        row(RBD=4, NOM_RBD=" "),  # line 5
        row(RBD=5, COD_DEPE="9", COD_DEPE2="9"),  # line 6
        "2020;6;1;SOLO TRES COLUMNAS",  # line 7
        row(RBD=7, ESTADO_ESTAB="8"),  # line 8
        row(RBD=8, RURAL_RBD="2"),  # line 9
    ]
    directory = DirectoryFile.open(write_directory(tmp_path / "d.csv", lines))
    found = {error.line: error.reason for error in errors(directory)}
    assert set(found) == {3, 4, 5, 6, 7, 8, 9}
    assert "RBD no es un número" in found[3]
    assert "dígito verificador" in found[4]
    assert "nombre" in found[5]
    assert "COD_DEPE" in found[6]
    assert "columnas" in found[7]
    assert "ESTADO_ESTAB" in found[8]
    assert "RURAL_RBD" in found[9]


def test_a_coordinate_outside_chile_is_dropped_with_a_warning_not_the_school(tmp_path):
    # In the real 2020 file three rows have the latitude in LONGITUD.
    line = row(LATITUD="-33.44", LONGITUD="-33.4450710")
    (record,) = records(DirectoryFile.open(write_directory(tmp_path / "d.csv", [line])))
    assert record.latitude is None and record.longitude is None
    assert "LONGITUD fuera de Chile" in record.warnings[0]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "vac"),
        (b"nombre,apellido\nAna,Rojas\n", "faltan las columnas"),
        (b"RBD;DGV_RBD;NOM_RBD;COD_COM_RBD;NOTA\n1;9;X;15101;7\n", "no tiene columnas"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binario"),
    ],
)
def test_files_that_are_not_a_directory_are_refused(tmp_path, content, reason):
    path = tmp_path / "otro.csv"
    path.write_bytes(content)
    with pytest.raises(NotADirectoryFile, match=reason):
        DirectoryFile.open(path)


def test_a_missing_file_is_refused_with_a_message(tmp_path):
    with pytest.raises(NotADirectoryFile, match="no se pudo leer"):
        DirectoryFile.open(tmp_path / "no-existe.csv")
