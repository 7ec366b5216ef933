"""manage.py import_pme: CSV and XLSX tables written here, real PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from pme.models import ImprovementPlan, Milestone, PlanAction, StrategicObjective
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "RBD;Ciclo;Dimensión;Subdimensión;Objetivo;Acción;Descripción;Inicio;Término;Responsable;"
    "Recursos;Financiamiento;ATE;Hito;Fecha hito;Avance hito"
)
ROWS = [
    # One action over two lines: a milestone each.
    "{rbd}-7;2023-2026;Gestión Pedagógica;Enseñanza y aprendizaje en el aula;Mejorar las prácticas de aula;"
    "Acompañamiento al aula con pauta de la red;Visitas quincenales;2026-03-02;2026-12-11;Jefa de UTP;"
    "Horas UTP;SEP;no;Pauta consensuada aplicada en todos los cursos;2026-05-29;100",
    "{rbd};2023;gestion_pedagogica;ensenanza_aprendizaje;Mejorar las prácticas de aula;"
    "Acompañamiento al aula con pauta de la red;Visitas quincenales;02-03-2026;11-12-2026;Jefa de UTP;"
    "Horas UTP;SEP;no;Retroalimentación a cada docente;2026-11-30;50",
    "{rbd};2023;Convivencia Escolar;Participación y vida democrática;;"
    "Talleres con familias;;2026-04-01;2026-10-30;Encargada de convivencia;;SEP, PIE;sí;;;",
]


def write_csv(tmp_path, rows, rbd):
    path = tmp_path / "pme.csv"
    path.write_text("\n".join([HEADER, *(row.format(rbd=rbd) for row in rows)]) + "\n", encoding="utf-8")
    return path


def run(path) -> str:
    out = StringIO()
    call_command("import_pme", str(path), stdout=out)
    return out.getvalue()


def test_imports_actions_with_milestones_and_derives_progress(tmp_path):
    school = SchoolFactory(rbd=2, check_digit="7")
    output = run(write_csv(tmp_path, ROWS, school.rbd))
    assert "acciones creadas:  2" in output
    plan = ImprovementPlan.objects.get(school=school)
    assert (plan.cycle_start, plan.cycle_end) == (2023, 2026)
    accompaniment = PlanAction.objects.get(name="Acompañamiento al aula con pauta de la red")
    assert accompaniment.subdimension == "ensenanza_aprendizaje" and accompaniment.funding == ["sep"]
    assert accompaniment.objective.text == "Mejorar las prácticas de aula"
    assert sorted(accompaniment.milestones.values_list("progress", flat=True)) == [50, 100]
    assert accompaniment.progress == 75  # the mean of its milestones
    assert PlanAction.objects.with_progress().get(pk=accompaniment.pk).progress == 75
    workshops = PlanAction.objects.get(name="Talleres con familias")
    assert workshops.funding == ["sep", "pie"] and workshops.uses_ate
    assert workshops.progress is None  # no milestones yet


def test_a_second_import_changes_nothing(tmp_path):
    school = SchoolFactory(rbd=2, check_digit="7")
    path = write_csv(tmp_path, ROWS, school.rbd)
    run(path)
    before = (
        list(PlanAction.objects.order_by("pk").values()),
        list(Milestone.objects.order_by("pk").values()),
        StrategicObjective.objects.count(),
    )
    output = run(path)
    assert "acciones creadas:  0" in output and "acciones actualizadas: 0" in output
    after = (
        list(PlanAction.objects.order_by("pk").values()),
        list(Milestone.objects.order_by("pk").values()),
        StrategicObjective.objects.count(),
    )
    assert after == before


def test_bad_rows_are_all_reported_and_nothing_is_imported(tmp_path):
    school = SchoolFactory(rbd=2, check_digit="7")
    rows = [
        ROWS[0],  # line 2, fine
        ROWS[0].replace("Gestión Pedagógica", "Gestión Espiritual"),  # line 3
        ROWS[0].replace("2026-12-11", "31-02-2026"),  # line 4
        ROWS[0].replace("Enseñanza y aprendizaje en el aula", "Participación y vida democrática"),  # line 5
        ROWS[0].replace(";100", ";150"),  # line 6
        ROWS[0].replace("{rbd}-7", "999999"),  # line 7
        ROWS[0].replace("2026-03-02", "2021-03-02"),  # line 8: outside the cycle
    ]
    out = StringIO()
    with pytest.raises(CommandError, match="6 filas con errores: no se importó nada"):
        call_command("import_pme", str(write_csv(tmp_path, rows, school.rbd)), stdout=out)
    report = out.getvalue()
    assert "línea 3: DIMENSION desconocida: 'Gestión Espiritual'" in report
    assert "línea 4: TERMINO no es una fecha válida" in report
    assert "línea 5: la SUBDIMENSION" in report
    assert "línea 6: AVANCE_HITO debe estar entre 0 y 100" in report
    assert "línea 7: no hay un establecimiento con RBD 999999" in report
    assert "línea 8: las fechas quedan fuera del ciclo 2023–2026" in report
    assert not ImprovementPlan.objects.exists() and not PlanAction.objects.exists()


def test_imports_an_xlsx_table(tmp_path):
    school = SchoolFactory(rbd=2, check_digit="7")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    for row in ROWS[:2]:
        sheet.append(row.format(rbd=school.rbd).split(";"))
    path = tmp_path / "pme.xlsx"
    workbook.save(path)
    run(path)
    assert PlanAction.objects.get().progress == 75


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vac"),
        (b"nombre;nota\nAna;7\n", "faltan las columnas RBD, CICLO"),
        (b"PK\x03\x04 no es una planilla", "no es una planilla XLSX"),
    ],
)
def test_a_file_that_is_not_a_pme_table_is_refused(tmp_path, content, message):
    path = tmp_path / "otro.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_pme", str(path), stdout=StringIO())
    assert not PlanAction.objects.exists()
