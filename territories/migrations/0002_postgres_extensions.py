from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-insensitive matching (unaccent) and similarity search (pg_trgm),
    used by the school chooser and, later, by the portal's search."""

    dependencies = [("territories", "0001_initial")]

    operations = [UnaccentExtension(), TrigramExtension()]
