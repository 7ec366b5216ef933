"""Comparable forms of place names: 'CHILLÁN', 'Chillan' and 'chillán' agree."""

import re
import unicodedata


def normalise_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^A-Z0-9]+", " ", ascii_only.upper()).strip()
