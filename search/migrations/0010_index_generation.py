from django.db import migrations, models

# Any statement that writes or deletes SearchMatch rows gives the index a new
# generation, taken from a sequence: a number is never handed out twice, so
# a generation rolled back with its transaction can never be mistaken for a
# later one.
GENERATION = """
CREATE SEQUENCE search_index_generation_sequence;
CREATE FUNCTION search_index_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Upserted: a test database's flush may have emptied the table.
    INSERT INTO search_indexgeneration (id, value) VALUES (1, nextval('search_index_generation_sequence'))
        ON CONFLICT (id) DO UPDATE SET value = excluded.value;
    RETURN NULL;
END
$$;
INSERT INTO search_indexgeneration (id, value) VALUES (1, nextval('search_index_generation_sequence'));
CREATE TRIGGER search_match_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_searchmatch
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
"""
NO_GENERATION = """
DROP TRIGGER search_match_changed ON search_searchmatch;
DROP FUNCTION search_index_changed();
DROP SEQUENCE search_index_generation_sequence;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0009_phrase_pairs")]

    operations = [
        migrations.CreateModel(
            name="IndexGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField()),
            ],
        ),
        migrations.RunSQL(GENERATION, NO_GENERATION),
    ]
