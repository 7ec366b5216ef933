from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder root page with the portal's home page and
    point the default site at it (as Wagtail's project template does)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="Portal RME",
        draft_title="Portal RME",
        slug="inicio",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/inicio/",
        live=True,
        locale=Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="es-cl"),
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="Portal RME")


def remove_homepage(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
