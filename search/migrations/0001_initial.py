import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

# Spanish stemming after removing accents: "inclusion" = "inclusión",
# "acompañar" ~ "acompañamiento". Documents are also indexed with the plain
# "spanish" configuration, which conflates accented plurals this one splits
# (evaluación/evaluaciones).
CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION es_unaccent (COPY = pg_catalog.spanish);
ALTER TEXT SEARCH CONFIGURATION es_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
"""
DROP_CONFIGURATION = "DROP TEXT SEARCH CONFIGURATION IF EXISTS es_unaccent;"


class Migration(migrations.Migration):
    initial = True

    dependencies = [("territories", "0002_postgres_extensions")]

    operations = [
        migrations.RunSQL(CREATE_CONFIGURATION, DROP_CONFIGURATION),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("network", "Network"),
                            ("practice", "Practice"),
                            ("instrument", "Instrument"),
                            ("session", "Session"),
                            ("school", "School"),
                        ],
                        max_length=20,
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.CharField(max_length=255)),
                ("summary", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=500)),
                ("region_id", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("network_id", models.PositiveIntegerField(blank=True, null=True)),
                (
                    "topics",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=80), blank=True, default=list, size=None
                    ),
                ),
                (
                    "dimensions",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=30), blank=True, default=list, size=None
                    ),
                ),
                (
                    "levels",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=20), blank=True, default=list, size=None
                    ),
                ),
                ("evidence_level", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("instrument_type", models.CharField(blank=True, max_length=30)),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("completeness", models.FloatField(default=1.0)),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="search_document_vector"),
                    models.Index(fields=["kind", "region_id"], name="search_document_kind_region"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="unique_search_document")
                ],
            },
        ),
    ]
