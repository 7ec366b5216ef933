from django.db import migrations

# Wagtail's initial data creates these two groups with add/edit/publish rights
# on the root page (so on every network) and on the root collection. The portal
# grants rights per network ("Coordinación de red #N", networks/coordinators.py);
# a user put in either group by mistake could edit every network.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def remove_default_groups(apps, schema_editor):
    """Delete the groups if they are still there under Wagtail's names. Their
    page, collection and workflow-task links and memberships go with them. A
    group already deleted or renamed (so chosen by someone) is left alone."""
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        # The migrations that create the groups or give them rights.
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
