"""Derive the territory data files in territories/data/ from Mineduc's sources.

Run once when the sources change (they live beside the project, in
../shared/data/territorios/, and are not needed at run time):

    python scripts/derive_territories.py ../shared/data/territorios

Choices made here, also described in territories/data/README.md:
- Commune names and the commune -> DEPROV and commune -> SLEP links come from
  the 2026 SLEP listing, the one source covering all 346 communes (the commune
  dictionary lacks Río Verde and Antártica) with properly written names.
- Region, province and DEPROV names are written out here with their accents,
  because the dictionaries have them upper-cased or without accents.
"""

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "territories" / "data"

# code: (name, roman numeral, north-to-south order)
REGIONS = {
    15: ("Arica y Parinacota", "XV", 1),
    1: ("Tarapacá", "I", 2),
    2: ("Antofagasta", "II", 3),
    3: ("Atacama", "III", 4),
    4: ("Coquimbo", "IV", 5),
    5: ("Valparaíso", "V", 6),
    13: ("Metropolitana de Santiago", "RM", 7),
    6: ("Libertador General Bernardo O'Higgins", "VI", 8),
    7: ("Maule", "VII", 9),
    16: ("Ñuble", "XVI", 10),
    8: ("Biobío", "VIII", 11),
    9: ("La Araucanía", "IX", 12),
    14: ("Los Ríos", "XIV", 13),
    10: ("Los Lagos", "X", 14),
    11: ("Aysén del General Carlos Ibáñez del Campo", "XI", 15),
    12: ("Magallanes y de la Antártica Chilena", "XII", 16),
}

PROVINCES = {
    11: "Iquique",
    14: "Tamarugal",
    21: "Antofagasta",
    22: "El Loa",
    23: "Tocopilla",
    31: "Copiapó",
    32: "Chañaral",
    33: "Huasco",
    41: "Elqui",
    42: "Choapa",
    43: "Limarí",
    51: "Valparaíso",
    52: "Isla de Pascua",
    53: "Los Andes",
    54: "Petorca",
    55: "Quillota",
    56: "San Antonio",
    57: "San Felipe de Aconcagua",
    58: "Marga Marga",
    61: "Cachapoal",
    62: "Cardenal Caro",
    63: "Colchagua",
    71: "Talca",
    72: "Cauquenes",
    73: "Curicó",
    74: "Linares",
    81: "Concepción",
    82: "Arauco",
    83: "Biobío",
    91: "Cautín",
    92: "Malleco",
    101: "Llanquihue",
    102: "Chiloé",
    103: "Osorno",
    104: "Palena",
    111: "Coyhaique",
    112: "Aysén",
    113: "Capitán Prat",
    114: "General Carrera",
    121: "Magallanes",
    122: "Antártica Chilena",
    123: "Tierra del Fuego",
    124: "Última Esperanza",
    131: "Santiago",
    132: "Cordillera",
    133: "Chacabuco",
    134: "Maipo",
    135: "Melipilla",
    136: "Talagante",
    141: "Valdivia",
    142: "Ranco",
    151: "Arica",
    152: "Parinacota",
    161: "Diguillín",
    162: "Itata",
    163: "Punilla",
}

# The DEPROV dictionary without accents, corrected by hand.
DEPROV_NAMES = {
    11: "Iquique",
    14: "Tamarugal",
    21: "Antofagasta",
    22: "El Loa",
    31: "Copiapó - Chañaral",
    32: "Huasco - Vallenar",
    41: "Elqui",
    42: "Limarí",
    43: "Choapa",
    51: "Quillota - Petorca",
    52: "San Felipe - Los Andes",
    53: "Valparaíso - Isla de Pascua",
    54: "San Antonio",
    61: "Cachapoal",
    62: "Colchagua",
    63: "Cardenal Caro",
    71: "Curicó",
    72: "Talca",
    73: "Linares",
    74: "Cauquenes",
    82: "Biobío",
    83: "Concepción",
    84: "Arauco",
    91: "Malleco",
    92: "Cautín Norte",
    93: "Cautín Sur",
    101: "Llanquihue",
    102: "Chiloé",
    103: "Osorno",
    104: "Palena",
    111: "Coyhaique",
    121: "Magallanes",
    131: "Santiago Centro",
    132: "Santiago Sur",
    133: "Santiago Oriente",
    134: "Santiago Poniente",
    135: "Talagante",
    136: "Cordillera",
    137: "Santiago Norte",
    141: "Valdivia",
    142: "Ranco",
    151: "Arica",
    152: "Parinacota",
    161: "Ñuble",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(name: str, header: list[str], rows: list[list]) -> None:
    with open(OUT / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main(source: Path) -> None:
    dictionary_deprov = {int(r["codigo"]) for r in read_csv(source / "diccionario_territorios_deprov.csv")}
    assert dictionary_deprov == set(DEPROV_NAMES), dictionary_deprov ^ set(DEPROV_NAMES)
    dictionary_provinces = {int(r["codigo"]) for r in read_csv(source / "diccionario_territorios_provincia.csv")}
    assert dictionary_provinces == set(PROVINCES)
    listing = read_csv(source / "listado_slep_2026.csv")

    write(
        "regions.csv",
        ["code", "name", "roman_numeral", "order"],
        [[code, *values] for code, values in sorted(REGIONS.items(), key=lambda item: item[1][2])],
    )
    write(
        "provinces.csv",
        ["code", "name", "region"],
        [[code, name, code // 10] for code, name in sorted(PROVINCES.items())],
    )
    write(
        "deprov_offices.csv",
        ["code", "name", "region"],
        [[code, name, code // 10] for code, name in sorted(DEPROV_NAMES.items())],
    )
    sleps: dict[int, list] = {}
    communes = []
    for row in listing:
        slep_code = int(row["COD_SLEP"])
        sleps.setdefault(
            slep_code,
            [
                slep_code,
                row["NOMBRE_SLEP_FORMATO"],
                int(row["NUM_REGION"]),
                int(row["INICIO_FUNCIONES"]),
                int(row["AGNO_TRASPASO_EDUC"]),
                row["DECRETO"],
            ],
        )
        code = int(row["COD_COM_RBD"])
        communes.append(
            [
                code,
                row["NOM_COMUNA_FORMATO"],
                code // 100,
                int(row["COD_DEPROV"]),
                slep_code,
                "1" if row["COMUNA CABECERA"].strip() else "0",
            ]
        )
    assert len(communes) == 346 and len(sleps) == 70
    write(
        "sleps.csv",
        ["code", "name", "region", "start_year", "transfer_year", "decree"],
        sorted(sleps.values()),
    )
    write(
        "communes.csv",
        ["code", "name", "province", "deprov", "slep", "slep_head"],
        sorted(communes),
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/territorios"))
