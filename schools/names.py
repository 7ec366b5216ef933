"""School names: the directory publishes them in capitals."""

import re

# Short words that stay lower-case inside a Spanish title; articles only after
# a preposition ("Liceo de la Costa", but "Escuela El Sauce").
_SMALL_WORDS = {"a", "al", "de", "del", "e", "en", "o", "para", "por", "u", "y"}
_ARTICLES = {"el", "la", "las", "los"}
# Acronyms and Roman numerals that stay upper-case.
_KEEP_UPPER = re.compile(r"^(?:X{0,3}(?:IX|IV|V?I{0,3})|(?:[A-Z]\.){2,}|CEIA|CFT|SLEP|TP|HC|PIE|DAEM)$")


def spanish_title(name: str) -> str:
    words = name.split()
    result = []
    for position, word in enumerate(words):
        if _KEEP_UPPER.match(word.rstrip(".,")) and len(word) > 1:
            result.append(word)
        elif position > 0 and (
            word.lower() in _SMALL_WORDS or (word.lower() in _ARTICLES and words[position - 1].lower() in _SMALL_WORDS)
        ):
            result.append(word.lower())
        else:
            # Title-case each part of hyphenated or apostrophed words (O´HIGGINS → O´Higgins).
            result.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower()))
    return " ".join(result)
