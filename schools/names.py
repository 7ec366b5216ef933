"""School names: the directory publishes them in capitals."""

import re

# Short words that stay lower-case inside a Spanish title.
_SMALL_WORDS = {"a", "al", "de", "del", "e", "el", "en", "la", "las", "los", "o", "para", "por", "u", "y"}
# Acronyms and Roman numerals that stay upper-case.
_KEEP_UPPER = re.compile(r"^(?:[IVXLC]+|[A-Z]\.?(?:[A-Z]\.?)+|CEIA|CFT|SLEP|TP|HC|PIE|ED|DAEM|EEPP)$")


def spanish_title(name: str) -> str:
    words = name.split()
    result = []
    for position, word in enumerate(words):
        if _KEEP_UPPER.match(word.rstrip(".,")) and len(word) > 1:
            result.append(word)
        elif position > 0 and word.lower() in _SMALL_WORDS:
            result.append(word.lower())
        else:
            # Title-case each part of hyphenated or apostrophed words (O´HIGGINS → O´Higgins).
            result.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower()))
    return " ".join(result)
