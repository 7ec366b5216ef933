"""Reading PostgreSQL's printed text search queries (pure Python)."""

import pytest

from search.tsquery import All, Any, Not, TsqueryError, Word, parse


def test_precedence_and_groups():
    assert parse("'a' | 'b' & !'c'") == Any((Word("a"), All((Word("b"), Not(Word("c"))))))
    assert parse("( 'a' | 'b' ) & 'c'") == All((Any((Word("a"), Word("b"))), Word("c")))


def test_phrases_count_as_their_words_and_prefixes_and_quotes_are_kept():
    assert parse("'plan' <-> 'comun' <2> 'x'") == All((Word("plan"), Word("comun"), Word("x")))
    assert parse("'acomp':* & 'o''higgins'") == All((Word("acomp", prefix=True), Word("o'higgins")))
    assert parse("'aul':AB") == Word("aul")


def test_no_lexemes_is_none():
    assert parse("") is None
    assert parse("   ") is None


@pytest.mark.parametrize("text", ["'a' &", "( 'a'", "'a' 'b'", "& 'a'", "'a' ) ", "'unterminated"])
def test_malformed_text_raises(text):
    with pytest.raises(TsqueryError):
        parse(text)
