"""The fast paths of the document's word index and heading test give exactly what the plain
computation gives.

``Document.words`` splits texts written in a common alphabet with stdlib ``re`` and explicit
character classes instead of ``regex`` and Unicode properties: every character of that alphabet
is checked against the properties, then whole texts (exhaustive short strings around the word
edges, real and generated articles, random strings) against one ``WORD`` match per word.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import sys
from pathlib import Path

import pytest
import regex

from tqcheck.document import (
    _FAST_LETTER,
    _FAST_WORD_CHAR,
    _FAST_WORD_SPLIT,
    _OUTSIDE_LATIN_ALPHABET,
    _PROSE_END,
    _WORD_SPLIT,
    WORD,
    Block,
    Document,
)

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))]


def _generated() -> list[str]:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    corpus = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # its dataclasses look it up
    spec.loader.exec_module(corpus)
    orgs = corpus.load_organizations()
    return [corpus.make_article(rng, orgs).text() for rng in corpus.article_rngs(12, seed=5)] + [corpus.long_article(2)]


def reference_words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


FAST_ALPHABET = [chr(i) for i in range(0x110000) if not _OUTSIDE_LATIN_ALPHABET.match(chr(i))]


def test_the_fast_classes_are_the_unicode_properties_on_every_character_of_the_alphabet():
    letter = regex.compile(r"[\p{L}\p{M}\d]")
    word_char = regex.compile(r"\w")
    fast_letter = regex.compile(f"[{_FAST_LETTER}]")
    fast_word_char = regex.compile(f"[{_FAST_WORD_CHAR}]")
    assert len(FAST_ALPHABET) > 700
    for c in FAST_ALPHABET:
        assert bool(fast_letter.match(c)) == bool(letter.match(c)), hex(ord(c))
        assert bool(fast_word_char.match(c)) == bool(word_char.match(c)), hex(ord(c))


def test_regex_word_boundary_is_the_edge_of_its_word_characters():
    """The fast pattern spells regex's \\b after an "s" as "no \\w character next"."""
    after_s = regex.compile(r"s\b")
    for c in FAST_ALPHABET:
        assert bool(after_s.match("s" + c)) == (not regex.match(r"\w", c)), hex(ord(c))


# Characters that decide where a word starts, continues or ends, from each class of the alphabet.
EDGES = ["a", "s", "S", "é", "ß", "1", "٣", "'", "’", "‘", "-", "_", "\u200c", "\u203f", " ", "²", "×", "x"]


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_every_short_string_of_edge_characters_splits_into_the_same_words(size):
    for chars in itertools.product(EDGES, repeat=size):
        text = "".join(chars)
        assert _FAST_WORD_SPLIT.split(text) == _WORD_SPLIT.split(text), text


PIECES = ["the", "The", "’s", "'s", "'S", "s", "S", "al-", "Qur'an", "O’Neil", "‘", "’", "'", "-", "--", "_", "é",
          "e\u0301", "\u0301", "Çavuşoğlu", "Straße", "İstanbul", "١٢", "3.5", "1,000", "²", "½", "ª", "µ", "×",
          "\u200c", "\u200d", "\u200f", "\u2054", "€", "—", "“", "”", " ", " ", "\t", "\n", "\u00a0", ".", ","]
# Outside the fast alphabet: marks, other scripts, letters and word characters of other blocks.
OTHER_PIECES = ["Москва", "日本", "ﬁ", "\U0001d400", "Ⓐ", "Ⅻ", "\u0301", "ʼ", "ſ", "\ufe4f"]


def random_texts(n: int, seed: int, pieces: list[str]) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) + rng.choice(("", "", " ")) for _ in range(rng.randint(0, 40))) for _ in range(n)]


TEXTS = ARTICLES + _generated() + random_texts(2000, 8, PIECES) + random_texts(2000, 9, PIECES + OTHER_PIECES)


def test_the_inputs_reach_both_the_fast_split_and_the_fallback():
    assert sum(not _OUTSIDE_LATIN_ALPHABET.search(t) for t in TEXTS) > 1000
    assert sum(bool(_OUTSIDE_LATIN_ALPHABET.search(t)) for t in TEXTS) > 1000


def test_document_words_are_one_word_match_each():
    for text in TEXTS:
        doc = Document(text)
        assert doc.words == reference_words(text)
        assert doc.folded_words == [w.casefold() for _s, _e, w in doc.words]
        if not _OUTSIDE_LATIN_ALPHABET.search(text):
            assert _FAST_WORD_SPLIT.split(text) == _WORD_SPLIT.split(text)


def reference_is_heading(text: str) -> bool:
    stripped = text.strip()
    if not stripped or "\n" in stripped:
        return False
    return stripped.startswith("#") or (len(stripped.split()) <= 12 and stripped[-1] not in _PROSE_END)


def test_heading_word_count_stops_at_the_thirteenth_word():
    rng = random.Random(10)
    gaps = [" ", "  ", "\t", "\u00a0", "\u2003", " \u00a0 "]
    ends = ["", ".", " ", "\u00a0", ":", "x"]
    lines = [rng.choice(gaps).join(["word"] * n) + rng.choice(ends) for n in range(0, 16) for _ in range(20)]
    lines += [rng.choice(gaps) + line for line in lines] + [t for t in TEXTS[:300] if "\n" not in t.strip()]
    assert sum(reference_is_heading(line) for line in lines) > 100
    for line in lines:
        block = Block(0, len(line), line)
        assert block.is_heading == reference_is_heading(line), repr(line)
