from django.db import migrations

from territories.loader import load_territories


def load(apps, schema_editor):
    load_territories(
        apps.get_model("territories", "Region"),
        apps.get_model("territories", "Province"),
        apps.get_model("territories", "DeprovOffice"),
        apps.get_model("territories", "Slep"),
        apps.get_model("territories", "Commune"),
    )


class Migration(migrations.Migration):
    dependencies = [("territories", "0002_postgres_extensions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
