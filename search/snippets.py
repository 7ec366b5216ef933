"""Snippets: a few words of a result around the query's words, matched words
in <mark>. Done in Python on the page's 20 rows: PostgreSQL's ts_headline
parses every body in full, which cost more than the rest of a search.

A word is matched when, lower-cased and without accents, it starts with one
of the query's lexemes (the Spanish stemmer's stems are the start of the
words they come from: 'acompan' for 'acompañamiento')."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import islice

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A fragment: about this many characters before its first matched word and
# in all (a dozen words, and some 35), cut at spaces.
BEFORE, SHOWN = 80, 240
FRAGMENTS = 2
CANDIDATES = 100  # first matches considered for the best passage,
SCAN = 4000  # within the text's first characters (Python's regular expressions: ~100 ns a character)
PASSAGE = 250  # characters from a match that count as its passage
# A lexeme of the text search query as PostgreSQL prints it: 'acompan',
# 'plan':*; a negated one (!'aula') is not highlighted.
LEXEME = re.compile(r"(!?)'((?:[^']|'')+)'")
TRAILING = " \t\n.,;:!?…)»\"'"


def fold(text: str) -> str:
    """Lower case without accents ('Acompañar' → 'acompanar')."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def lexemes(tsquery_text: str) -> list[str]:
    """The query's positive lexemes, folded, longest first."""
    found = {
        fold(word)
        for negated, text in LEXEME.findall(tsquery_text)
        if not negated
        for word in text.replace("''", "'").split("_")  # a phrase's pairs of words: 'planill_comun'
    }
    return sorted(found, key=len, reverse=True)


def _letter(char: str) -> str:
    """A pattern for the letter with or without an accent (the text is
    searched as written: folding 20 kB per result costs more than this)."""
    variants = ACCENTED.get(char)
    return f"[{char}{variants}]" if variants else re.escape(char)


ACCENTED = {"a": "áàâä", "e": "éèêë", "i": "íìîï", "o": "óòôö", "u": "úùûü", "n": "ñ", "c": "ç"}


def matcher(stems: list[str]) -> re.Pattern | None:
    """Words starting with a stem, in any case, with or without accents; a
    short stem (an acronym) must be most of the word, so 'pie' does not mark
    'piedra'."""
    if not stems:
        return None
    # A group per stem: match.lastindex tells which stem a word matched.
    parts = ["(" + "".join(map(_letter, stem)) + rf"\w{{0,{8 if len(stem) > 3 else 2}}})" for stem in stems]
    return re.compile(rf"\b(?:{'|'.join(parts)})\b", re.IGNORECASE)


def _best(text: str, pattern: re.Pattern) -> re.Match | None:
    """The match that starts the passage holding the most of the query's
    different words (the first such), among the text's first matches."""
    if pattern.groups == 1:
        return pattern.search(text)  # one word: any passage holds all of it
    matches = list(islice(pattern.finditer(text, 0, SCAN), CANDIDATES))
    if not matches:
        return pattern.search(text)  # only further on: its first match
    best, most, ahead, window = None, 0, 0, Counter()  # window: stems in [match, match + PASSAGE)
    for match in matches:
        while ahead < len(matches) and matches[ahead].start() < match.start() + PASSAGE:
            window[matches[ahead].lastindex] += 1
            ahead += 1
        if len(window) > most:
            best, most = match, len(window)
            if most == pattern.groups:
                break  # every word of the query: none can do better
        window[match.lastindex] -= 1
        if not window[match.lastindex]:
            del window[match.lastindex]
    return best


def highlight(text: str, pattern: re.Pattern | None, *, whole: bool = False) -> SafeString | None:
    """The text around the passage holding most of the query's words,
    escaped, matched words in <mark>; None when no word matches. `whole`: all
    of the text (a summary)."""
    match = _best(text, pattern) if pattern is not None and text else None
    if match is None:
        return None
    if whole:
        return mark_safe(_marked(text, pattern, 0, len(text)))  # nosec B308 B703  # _marked escapes every part
    spans: list[tuple[int, int]] = []
    while match is not None and len(spans) < FRAGMENTS:
        # From a few words before the match (the start of the text, when
        # near) to the end of the word where SHOWN characters end.
        if match.start() <= BEFORE:
            begin = 0
        else:
            space = text.find(" ", match.start() - BEFORE, match.start())
            begin = space + 1 if space >= 0 else match.start()
        begin = max(begin, spans[-1][1] if spans else 0)
        stop = max(begin + SHOWN, match.end())
        end = text.find(" ", stop, stop + BEFORE)
        if end < 0:
            end = min(stop, len(text))  # no space near: cut there
        if not text[end:].strip(TRAILING):
            end = len(text)  # only punctuation left: show it rather than "…"
        spans.append((begin, end))
        match = pattern.search(text, end, end + SCAN)  # the next fragment, if near enough
    shown = " … ".join(_marked(text, pattern, begin, end).strip() for begin, end in spans)
    before = "… " if spans[0][0] > 0 else ""
    after = " …" if spans[-1][1] < len(text) else ""
    return mark_safe(before + shown + after)  # nosec B308 B703  # escaped by _marked; "… " is constant


def _marked(text: str, pattern: re.Pattern, begin: int, end: int) -> str:
    parts, at = [], begin
    for match in pattern.finditer(text, begin, end):
        parts += [escape(text[at : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        at = match.end()
    parts.append(escape(text[at:end]))
    return "".join(parts)
