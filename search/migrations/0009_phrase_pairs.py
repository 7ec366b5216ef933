from django.db import migrations

# A document's pairs of consecutive words (stop words skipped), as lexemes
# 'planill_comun': a quoted phrase is then found with one GIN lookup,
# instead of re-reading the positions of every document that has its words.
PAIRS = """
CREATE OR REPLACE FUNCTION search_pairs(vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector)
    FROM (
        SELECT lag(lexeme) OVER (ORDER BY position) || '_' || lexeme AS pair
        FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS words
    ) AS pairs
    WHERE pair IS NOT NULL
$$
"""
# A phrase as the tsquery of its pairs (a one-word phrase: that word).
PHRASE = """
CREATE OR REPLACE FUNCTION search_phrase(phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN count(*) = 0 THEN phraseto_tsquery('es_unaccent', phrase)
        ELSE string_agg('''' || replace(replace(pair, '\\', '\\\\'), '''', '\\''') || '''', ' & ')::tsquery END
    FROM unnest(tsvector_to_array(search_pairs(to_tsvector('es_unaccent', phrase)))) AS pair
$$
"""
FILL = """
UPDATE search_searchmatch AS m SET text = m.text
    || search_pairs(to_tsvector('es_unaccent'::regconfig, d.title))
    || search_pairs(to_tsvector('es_unaccent'::regconfig, d.summary))
    || search_pairs(to_tsvector('es_unaccent'::regconfig, d.body))
FROM search_searchdocument AS d WHERE d.id = m.document_id
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0008_search_match")]

    operations = [
        migrations.RunSQL(PAIRS, "DROP FUNCTION search_pairs(tsvector)"),
        migrations.RunSQL(PHRASE, "DROP FUNCTION search_phrase(text)"),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
