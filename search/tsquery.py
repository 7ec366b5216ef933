"""PostgreSQL's text search queries as it prints them ('escuel' & ( 'aul' |
'sal' ) & !'taller'), parsed into a tree, so the process can evaluate a
query over its own word lists (search.postings) the way the @@ operator
would, phrases aside: `<->` counts as `&` (its words, in any order)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens: a quoted lexeme with its optional :* (prefix) and weight letters,
# an operator, or a parenthesis.
TOKEN = re.compile(r"\s*(?:'((?:[^']|'')*)'(:[*A-Da-d]+)?|(<(?:\d+|-)>|&|\||!|\(|\)))")


@dataclass(frozen=True)
class Word:
    lexeme: str
    prefix: bool = False


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class All:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    operands: tuple[Node, ...]


Node = Word | Not | All | Any


class TsqueryError(ValueError):
    pass


def parse(text: str) -> Node | None:
    """The tree of a tsquery's text (None: no lexemes, which matches nothing)."""
    tokens = _tokens(text)
    if not tokens:
        return None
    node, at = _or(tokens, 0)
    if at != len(tokens):
        raise TsqueryError(f"unexpected {tokens[at]!r} in {text!r}")
    return node


def _tokens(text: str) -> list:
    tokens, at = [], 0
    text = text.rstrip()
    while at < len(text):
        match = TOKEN.match(text, at)
        if match is None:
            raise TsqueryError(f"cannot read {text[at:]!r}")
        lexeme, flags, operator = match.groups()
        if operator is not None:
            tokens.append(operator if not operator.startswith("<") else "&")
        else:
            tokens.append(Word(lexeme.replace("''", "'"), prefix="*" in (flags or "")))
        at = match.end()
    return tokens


# Precedence, loosest first: |, then & (and <->), then !.
def _or(tokens, at):
    return _joined(tokens, at, "|", _and, Any)


def _and(tokens, at):
    return _joined(tokens, at, "&", _not, All)


def _joined(tokens, at, operator, operand, node):
    """Operands (read by `operand`) joined by `operator`: one, or a `node` of them."""
    first, at = operand(tokens, at)
    operands = [first]
    while at < len(tokens) and tokens[at] == operator:
        following, at = operand(tokens, at + 1)
        operands.append(following)
    return (first if len(operands) == 1 else node(tuple(operands))), at


def _not(tokens, at):
    if at >= len(tokens):
        raise TsqueryError("the query ends too soon")
    token = tokens[at]
    if token == "!":
        node, at = _not(tokens, at + 1)
        return Not(node), at
    if token == "(":
        node, at = _or(tokens, at + 1)
        if at >= len(tokens) or tokens[at] != ")":
            raise TsqueryError("unbalanced parenthesis")
        return node, at + 1
    if isinstance(token, Word):
        return token, at + 1
    raise TsqueryError(f"unexpected {token!r}")
