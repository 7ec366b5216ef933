"""Snippets: which passage is shown and what is marked (pure functions, no database)."""

from search.snippets import highlight, lexemes, matcher

FILLER = " ".join(["relleno"] * 60)


def test_the_passage_holding_most_of_the_query_words_is_shown():
    pattern = matcher(lexemes("'aul' & 'acompan'"))
    text = f"El aula al inicio. {FILLER} Acompañamos en el aula a cada docente. {FILLER}"
    snippet = highlight(text, pattern)
    assert "<mark>Acompañamos</mark> en el <mark>aula</mark>" in snippet
    assert "al inicio" not in snippet


def test_two_fragments_accents_and_case_ignored():
    pattern = matcher(lexemes("'inclusion'"))
    snippet = highlight(f"{FILLER} La INCLUSIÓN escolar. {FILLER} {FILLER} inclusion otra vez. {FILLER}", pattern)
    first, second = snippet.split(" … ")[:2]
    assert "<mark>INCLUSIÓN</mark>" in first and "<mark>inclusion</mark>" in second
    assert snippet.startswith("… ") and snippet.endswith(" …")


def test_a_short_stem_must_be_most_of_the_word_and_text_is_escaped():
    pattern = matcher(lexemes("'pie'"))
    snippet = highlight("Una piedra <b>y</b> el PIE del liceo.", pattern)
    assert snippet == "Una piedra &lt;b&gt;y&lt;/b&gt; el <mark>PIE</mark> del liceo."


def test_no_match_gives_none():
    assert highlight("Nada que ver.", matcher(lexemes("'aul'"))) is None
    assert highlight("Nada que ver.", None) is None
