"""Small directory files in Mineduc's format, written by the tests themselves."""

from pathlib import Path

HEADER_2020 = (
    "AGNO;RBD;DGV_RBD;NOM_RBD;RUT_SOSTENEDOR;P_JURIDICA;COD_REG_RBD;NOM_REG_RBD_A;COD_PRO_RBD;COD_COM_RBD;"
    "NOM_COM_RBD;COD_DEPROV_RBD;NOM_DEPROV_RBD;COD_DEPE;COD_DEPE2;RURAL_RBD;LATITUD;LONGITUD;CONVENIO_PIE;"
    "ENS_01;ENS_02;ENS_03;ENS_04;ENS_05;ENS_06;ENS_07;ENS_08;ENS_09;ENS_10;ENS_11;MATRICULA;ESTADO_ESTAB;"
    "ORI_RELIGIOSA;ORI_OTRO_GLOSA;PAGO_MATRICULA;PAGO_MENSUAL"
).split(";")

# Real rows of the 2020 directory (RBD 1 and 2, Arica; 13208 with its published, non-modulo-11 digit).
ROW_1 = (
    "2020;1;9;LICEO POLITECNICO ARICA;62000660;1;15;AYP;151;15101;ARICA;151;ARICA;6;5;0;"
    "-18.487200000000000;-70.29521200000001;1;463;510;563;610;663;863;0;0;0;0;0;1;1;2; ;GRATUITO;GRATUITO"
)
ROW_2 = (
    "2020;2;7;PARVULARIO LAS ESPIGUITAS;62000660;1;15;AYP;151;15101;ARICA;151;ARICA;6;5;0;"
    "-18.469861980000000;-70.30275726000001;1;10;0;0;0;0;0;0;0;0;0;0;1;1;2; ;GRATUITO;GRATUITO"
)


def row(**values) -> str:
    """A 2020-layout line for a made-up school; override any column by name."""
    defaults = {
        "AGNO": "2020",
        "RBD": "2",
        "DGV_RBD": "7",
        "NOM_RBD": "ESCUELA DE PRUEBA",
        "RUT_SOSTENEDOR": "62000660",
        "P_JURIDICA": "1",
        "COD_REG_RBD": "15",
        "NOM_REG_RBD_A": "AYP",
        "COD_PRO_RBD": "151",
        "COD_COM_RBD": "15101",
        "NOM_COM_RBD": "ARICA",
        "COD_DEPROV_RBD": "151",
        "NOM_DEPROV_RBD": "ARICA",
        "COD_DEPE": "2",
        "COD_DEPE2": "1",
        "RURAL_RBD": "0",
        "LATITUD": "-18.4",
        "LONGITUD": "-70.3",
        "CONVENIO_PIE": "1",
        "MATRICULA": "1",
        "ESTADO_ESTAB": "1",
        "ORI_RELIGIOSA": "1",
        "ORI_OTRO_GLOSA": " ",
        "PAGO_MATRICULA": "GRATUITO",
        "PAGO_MENSUAL": "GRATUITO",
    }
    for index in range(1, 12):
        defaults[f"ENS_{index:02d}"] = "0"
    defaults["ENS_01"] = "110"
    defaults.update({key: str(value) for key, value in values.items()})
    return ";".join(defaults[column] for column in HEADER_2020)


def write_directory(
    path: Path,
    lines: list[str],
    *,
    header: list[str] = HEADER_2020,
    bom: bool = False,
    newline: str = "\n",
    encoding: str = "utf-8",
) -> Path:
    text = newline.join([";".join(header), *lines]) + newline
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path
