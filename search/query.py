"""What a person typed, made safe and understood the same way by every backend:
words, "phrases", -excluded words and OR (the websearch syntax), plus the
field's acronyms both ways (PME ↔ Plan de Mejoramiento Educativo)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from territories.names import normalise_name

MAX_QUERY_LENGTH = 300
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
TOKENS = re.compile(r'-?"[^"]*"?|\S+')
# What a term is made of; anything else (lone operators, punctuation) is dropped.
WORD_CHARACTERS = re.compile(r"[^\W_]", re.UNICODE)


def clean_query(text: str | None) -> str:
    """Any string a person or a robot may send, made safe to search."""
    text = CONTROL_CHARACTERS.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False


@dataclass
class ParsedQuery:
    """AND of groups, each an OR of terms; minus the excluded terms."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    # Whole alternative wordings searched as well (acronyms shortened).
    alternatives: list[ParsedQuery] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def _term(token: str) -> Term | None:
    phrase = token.startswith('"')
    text = " ".join(token.strip('"').split())
    if not WORD_CHARACTERS.search(text):
        return None
    return Term(text, phrase=phrase and " " in text)


def parse(text: str, synonyms: list[tuple[str, str]] = ()) -> ParsedQuery:
    """Parse a cleaned query. `synonyms`: (term, meaning) pairs."""
    query = _parse(text, {normalise_name(term): meaning for term, meaning in synonyms})
    normalised = f" {normalise_name(text)} "
    for term, meaning in synonyms:
        if f" {normalise_name(meaning)} " in normalised:
            pattern = re.compile(re.escape(meaning).replace(r"\ ", r"\s+"), re.IGNORECASE)
            shortened = pattern.sub(term, text)
            if shortened != text:
                query.alternatives.append(_parse(shortened, {}))
    return query


def _parse(text: str, meanings: dict[str, str]) -> ParsedQuery:
    query = ParsedQuery()
    join_next = False
    for token in TOKENS.findall(text):
        if token.upper() == "OR":
            join_next = bool(query.groups)
            continue
        if token.startswith("-") and len(token) > 1:
            term = _term(token[1:])
            if term:
                query.excluded.append(term)
            join_next = False
            continue
        term = _term(token)
        if term is None:
            continue
        alternatives = [term]
        meaning = meanings.get(normalise_name(term.text)) if not term.phrase else None
        if meaning:
            alternatives.append(Term(meaning, phrase=" " in meaning))
        if join_next:
            query.groups[-1].extend(alternatives)
        else:
            query.groups.append(alternatives)
        join_next = False
    return query
