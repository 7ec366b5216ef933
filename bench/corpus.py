"""A synthetic corpus of Spanish practices, instruments and networks for
bench/search.py, built from the demo content's own words.

Sentences come from a word-level Markov chain (order 2) trained on every
sentence of demo/data/*.yaml, so the term distribution is the portal's: words
like "aprendizaje" or "estudiantes" are in most documents, others in few.
Proper names (schools of the national directory, or of the demo when the
directory is not beside the checkout, and communes) are mentioned a few times
per document: they are the long tail of rare words a real portal has.

Everything is drawn from one random.Random(seed): the same seed gives the same
corpus, so the query strings chosen from it are stable between runs.
"""

from __future__ import annotations

import csv
import html
import math
import random
import re
from collections import Counter
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parents[1]
DEMO_DATA = BASE_DIR / "demo" / "data"
DIRECTORY = BASE_DIR.parent / "shared" / "data" / "directorio_oficial_ee_2020.csv"
TERRITORIES = BASE_DIR / "territories" / "data"

# Fields of the demo files that are not portal prose (identifiers, curation notes, sources).
SKIPPED_KEYS = {"slug", "network", "source", "notes", "illustrative", "url", "email", "online_url", "rbd"}
TITLE_KEYS = {"title", "name", "activity"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[¿¡A-ZÁÉÍÓÚÑ])")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Words a title should not end with.
DANGLING = {"de", "del", "la", "las", "el", "los", "y", "e", "o", "en", "a", "al", "con", "para", "por", "que", "su"}
SMALL_WORDS = {"de", "del", "la", "las", "el", "los", "y", "e", "en"}

NETWORK_KINDS = [
    "Red de Directores de",
    "Red de Escuelas Rurales de",
    "Red de Escuelas Urbanas de",
    "Red Básica de",
    "Red de Liceos de",
    "Red de Educación Parvularia de",
    "Red de Jefes Técnicos de",
    "Red Técnico Profesional de",
    "Red de Convivencia Escolar de",
    "Microcentro Rural de",
    "Red de Mejoramiento Escolar de",
]


def words_of(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def _walk(value, key=""):
    """(key, string) for every string in a YAML document."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for child_key, child in value.items():
            if str(child_key) not in SKIPPED_KEYS:
                yield from _walk(child, str(child_key))
    elif isinstance(value, list):
        for child in value:
            yield from _walk(child, key)


def demo_texts() -> tuple[list[str], list[str]]:
    """(sentences, titles) of the demo content."""
    sentences, titles = [], []
    for path in sorted(DEMO_DATA.glob("*.yaml")):
        for key, text in _walk(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = " ".join(text.split())
            words = text.split()
            if key in TITLE_KEYS and 3 <= len(words) <= 14:
                titles.append(text.rstrip("."))
            elif len(words) >= 5:
                for sentence in SENTENCE_END.split(text):
                    if len(sentence.split()) >= 4:
                        sentences.append(sentence if sentence[-1] in ".!?" else sentence + ".")
    return sentences, titles


def proper_case(name: str) -> str:
    """'ESCUELA GRAL JOSE MIGUEL CARRERA' → 'Escuela Gral Jose Miguel Carrera'."""
    words = name.lower().split()
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def school_names() -> list[str]:
    """Names of the national directory (accents missing, as published), or of the demo schools."""
    path = DIRECTORY if DIRECTORY.is_file() else DEMO_DATA / "schools.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        names = {proper_case(row["NOM_RBD"]) for row in csv.DictReader(handle, delimiter=";") if row.get("NOM_RBD")}
    return sorted(names)


def communes() -> list[tuple[str, int]]:
    """(commune name, region code)."""
    with (TERRITORIES / "provinces.csv").open(encoding="utf-8") as handle:
        region_of_province = {row["code"]: int(row["region"]) for row in csv.DictReader(handle)}
    with (TERRITORIES / "communes.csv").open(encoding="utf-8") as handle:
        return [(row["name"], region_of_province[row["province"]]) for row in csv.DictReader(handle)]


class Chain:
    """A word-level Markov chain over whole sentences."""

    def __init__(self, texts: list[str], order: int):
        self.order = order
        self.followers: dict[tuple, list] = {}
        for text in texts:
            tokens = [""] * order + text.split() + [None]
            for i in range(order, len(tokens)):
                self.followers.setdefault(tuple(tokens[i - order : i]), []).append(tokens[i])

    def generate(self, rng: random.Random, min_words: int, max_words: int) -> list[str]:
        while True:
            state, out = ("",) * self.order, []
            while len(out) < max_words:
                token = rng.choice(self.followers[state])
                if token is None:
                    break
                out.append(token)
                state = (*state[1:], token)
            if len(out) >= min_words:
                return out


def log_uniform(rng: random.Random, low: float, high: float) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


class Corpus:
    """Generates page field values; counts, per lower-case word, how many
    generated documents contain it (`document_frequency`)."""

    def __init__(self, seed: int = 2026, pool_size: int = 150_000):
        self.rng = random.Random(seed)
        sentences, titles = demo_texts()
        self.source_sentences = len(sentences)
        chain = Chain(sentences, order=2)
        self.title_chain = Chain(titles, order=1)
        self.pool = [" ".join(chain.generate(self.rng, 4, 60)) for _ in range(pool_size)]
        self.pool = [text if text[-1] in ".!?" else text + "." for text in self.pool]
        self.pool_html = [html.escape(text, quote=False) for text in self.pool]
        self.pool_words = [frozenset(words_of(text)) for text in self.pool]
        self.schools = school_names()
        self.communes = communes()
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self._words: set[str] = set()

    # --- text pieces -----------------------------------------------------------

    def _sentences(self, chars: int) -> list[int]:
        picked, length, size = [], 0, len(self.pool)
        while length < chars:
            index = int(self.rng.random() * size)
            picked.append(index)
            length += len(self.pool[index]) + 1
        for index in picked:
            self._words |= self.pool_words[index]
        return picked

    def plain(self, chars: int) -> str:
        return " ".join(self.pool[i] for i in self._sentences(chars))

    def rich(self, chars: int, mentions: int = 0) -> str:
        """Rich-text HTML: paragraphs of 2 to 5 sentences, with schools named in some."""
        indexes = self._sentences(chars)
        paragraphs, start = [], 0
        while start < len(indexes):
            end = start + self.rng.randint(2, 5)
            paragraphs.append(" ".join(self.pool_html[i] for i in indexes[start:end]))
            start = end
        for _ in range(mentions):
            at = self.rng.randrange(len(paragraphs))
            paragraphs[at] = f"{html.escape(self.mention())} {paragraphs[at]}"
        return "".join(f"<p>{text}</p>" for text in paragraphs)

    def mention(self) -> str:
        school = self.rng.choice(self.schools)
        commune, _region = self.rng.choice(self.communes)
        text = self.rng.choice(
            [
                f"En la {school}, de {commune}, se probó primero.",
                f"La {school} ({commune}) compartió su experiencia con la red.",
                f"Así lo trabajó el equipo directivo de la {school}, en {commune}.",
            ]
        )
        self._words |= words_of(text)
        return text

    def title(self, min_words: int = 4, max_words: int = 12) -> str:
        while True:
            words = self.title_chain.generate(self.rng, min_words, max_words + 4)[:max_words]
            while words and words[-1].lower().strip(",;:") in DANGLING:
                words.pop()
            if len(words) >= min_words:
                break
        if len(words) <= max_words - 2 and self.rng.random() < 0.2:
            words += ["en", self.rng.choice(self.communes)[0]]
        text = " ".join(words).rstrip(",;:")
        self._words |= words_of(text)
        return text[:255]

    def summary(self) -> str:
        text = self.plain(self.rng.randint(150, 380))
        return text if len(text) <= 500 else text[:497].rsplit(" ", 1)[0] + "…"

    def _done(self, fields: dict) -> dict:
        self.document_frequency.update(self._words)
        self.documents += 1
        self._words = set()
        return fields

    # --- documents -------------------------------------------------------------

    def network(self, number: int) -> dict:
        commune, region = self.rng.choice(self.communes)
        name = f"{self.rng.choice(NETWORK_KINDS)} {commune}"
        if self.rng.random() < 0.5:
            name = f"{name} {number}"
        self._words |= words_of(name)
        size = log_uniform(self.rng, 3000, 8000)
        members = self.rng.sample(self.schools, self.rng.randint(3, 12))
        self._words |= words_of(" ".join(members))
        intro = f"<p>{html.escape('La red la forman ' + ', '.join(members) + '.')}</p>"
        return self._done(
            {
                "title": name,
                "summary": self.summary(),
                "region_id": region,
                "since_year": self.rng.randint(2010, 2025),
                "network_type": self.rng.choice(["communal", "intercommunal", "rural", "thematic"]),
                "intro": intro + self.rich(size * 0.1),
                "principles_and_needs": self.rich(size * 0.2),
                "objective": self.rich(size * 0.1),
                "mobilisation": self._statements(size * 0.12),
                "collaboration": self._statements(size * 0.12),
                "key_idea": self.plain(size * 0.04),
                "learnings": self._statements(size * 0.15),
                "projections": self._statements(size * 0.1),
            }
        )

    def _statements(self, chars: int) -> list[dict]:
        return [{"type": "item", "value": self.pool[i]} for i in self._sentences(chars)]

    def practice(self) -> dict:
        size = log_uniform(self.rng, 1800, 7000)
        steps = [
            {"type": "step", "value": {"title": self.title(3, 8), "description": self.plain(size * 0.25 / count)}}
            for count in [self.rng.randint(3, 6)]
            for _ in range(count)
        ]
        difficulties = [
            {
                "type": "difficulty",
                "value": {"difficulty": self.plain(size * 0.03), "response": self.plain(size * 0.03)},
            }
            for _ in range(self.rng.randint(0, 2))
        ]
        return self._done(
            {
                "title": self.title(),
                "summary": self.summary(),
                "need": self.rich(size * 0.17, mentions=1),
                "steps": steps,
                "resources": self.rich(size * 0.05),
                "results": self.rich(size * 0.2, mentions=self.rng.randint(0, 2)),
                "difficulties": difficulties,
                "adaptation": self.rich(size * 0.15),
            }
        )

    def instrument(self) -> dict:
        size = log_uniform(self.rng, 4000, 26000)
        structure = []
        for _ in range(self.rng.randint(2, 4)):
            scale = self.rng.choice(
                [
                    ["Logrado", "Medianamente logrado", "No logrado"],
                    ["Inicial", "En desarrollo", "Avanzado", "Destacado"],
                ]
            )
            criteria = [
                {"criterion": self.plain(60), "descriptors": [self.plain(40) for _ in scale]}
                for _ in range(self.rng.randint(2, 4))
            ]
            structure.append(
                {
                    "type": "section",
                    "value": {
                        "title": self.title(2, 6),
                        "description": self.plain(120),
                        "scale": scale,
                        "criteria": criteria,
                    },
                }
            )
        return self._done(
            {
                "title": self.title(),
                "summary": self.summary(),
                "purpose": self.rich(size * 0.04),
                "guidance": self.rich(size * 0.08),
                # The attached file's words, as a portal editor would paste or describe them.
                "description": self.rich(size * 0.78, mentions=self.rng.randint(1, 2)),
                "structure": structure,
            }
        )

    # --- what to search for ------------------------------------------------------

    def title_words(self, count: int) -> Counter[str]:
        """Frequencies of words in generated titles (for autocomplete prefixes)."""
        counter: Counter[str] = Counter()
        for _ in range(count):
            counter.update(words_of(" ".join(self.title_chain.generate(self.rng, 3, 12))))
        return counter

    def phrases(self) -> Counter[str]:
        """Sentences per two- and three-word sequence of the pool (lower case)."""
        counter: Counter[str] = Counter()
        for text in self.pool:
            words = [w.lower() for w in text.split()]
            seen = set()
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    gram = words[i : i + n]
                    if all(WORD.fullmatch(w) for w in gram):
                        seen.add(" ".join(gram))
            counter.update(seen)
        return counter
