from django.db import migrations

# The field's acronyms, as directors and supervisors write them.
SYNONYMS = [
    ("PME", "Plan de Mejoramiento Educativo"),
    ("PEI", "Proyecto Educativo Institucional"),
    ("UTP", "Unidad Técnico Pedagógica"),
    ("SEP", "Subvención Escolar Preferencial"),
    ("PIE", "Programa de Integración Escolar"),
    ("ATE", "Asistencia Técnica Educativa"),
    ("DEPROV", "Departamento Provincial de Educación"),
    ("SLEP", "Servicio Local de Educación Pública"),
    ("EMTP", "Educación Media Técnico Profesional"),
    ("TP", "Técnico Profesional"),
    ("CRA", "Centro de Recursos para el Aprendizaje"),
    ("MBE", "Marco para la Buena Enseñanza"),
    ("RME", "Red de Mejoramiento Escolar"),
    ("FAEP", "Fondo de Apoyo a la Educación Pública"),
    ("EID", "Estándares Indicativos de Desempeño"),
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, meaning in SYNONYMS:
        Synonym.objects.get_or_create(term=term, defaults={"meaning": meaning})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
