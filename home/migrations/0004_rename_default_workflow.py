from django.db import migrations

# Wagtail's initial data names its default workflow and task "Moderators
# approval", shown to editors as "Enviar a Moderators approval". The
# Moderators group is gone (0003): only administrators approve it now, so it
# is named for them, in Spanish. Names an administrator already changed are
# left alone.
OLD = "Moderators approval"
NEW = "Aprobación de administración"


def rename(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=OLD).update(name=NEW)
    apps.get_model("wagtailcore", "Task").objects.filter(name=OLD).update(name=NEW)


def rename_back(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=NEW).update(name=OLD)
    apps.get_model("wagtailcore", "Task").objects.filter(name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_remove_wagtail_default_groups"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
