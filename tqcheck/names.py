"""Personal and place names in a document, and transliteration-aware keys to compare them.

Arabic, Persian and Turkish names reach English in several romanisations. ``translit_key``
maps spellings that differ only by romanisation to one key (Hassan ~ Hasan, Halbousi ~
Halbusi, Ramadhan ~ Ramazan, Salamé ~ Salameh, Çavuşoğlu ~ Cavusoglu) while keeping vowels
that tell names apart (Hassan / Hussein, Samir / Samer are *not* merged here; callers decide
about one-vowel differences with extra evidence).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, compress
from operator import add, attrgetter
from typing import NamedTuple

import regex

from .document import Document

# Arabic article forms written before a name: Al-, al-, El-, ad-, as-, ash-, at-, az-, ar-, an-.
ARTICLE = r"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|[Aa]th)[-‐‑]"
_NAME = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’ʼʿ]\p{Ll}+)?(?:\p{Lu}[\p{Ll}\p{M}]+)?(?![\p{L}\p{M}\d@])"
_NOT_AFTER = r"(?<![\p{L}\p{M}\d@#/.'’_-])"
# A name and its article, as _NOT_AFTER + "(?P<article>ARTICLE)?(?P<name>NAME)" finds them, but
# anchored at the name: the article is read back from there, and a name is taken on its own only
# where it does not begin an article-and-name ("Al" in "Al-Sadr"). Anchored at a capital, the
# pattern is searched twice as fast as with the optional group in front. Its match is the name
# and it has these two groups only: _name_tokens splits the text with it.
_TOKEN = regex.compile(
    rf"(?:(?<={_NOT_AFTER}(?P<article>{ARTICLE}))|{_NOT_AFTER}(?!{ARTICLE}{_NAME}))(?P<name>{_NAME})"
)
POSSESSIVE = regex.compile(r"['’]s$")
_HANDLE = regex.compile(r"(?<![\w@/.])@(?P<handle>[A-Za-z0-9_]{2,30})\b")
_HANDLE_PART = regex.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

_LETTERS = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe", "þ": "th"})
_MARKS = regex.compile(r"['’ʼʿʾ`‘-]")
# Romanisation pairs folded to one spelling, applied in order.
_DIGRAPHS = (
    ("dh", "z"),
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "ş"),  # protected from the 'h' rules below, restored at the end
    ("ch", "ç"),
    ("q", "k"),
    ("ck", "k"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("ey", "ai"),
    ("ei", "ai"),
    ("ay", "ai"),
    ("aa", "a"),
)
_DOUBLED = regex.compile(r"(.)\1+")
_FINAL_H = regex.compile(r"([aeiou])h$")
_FINAL_Y = regex.compile(r"(?<=[^aeiou])y$")
VOWELS = frozenset("aeiou")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase, strip diacritics and apostrophe-like marks (ayn, hamza): Çavuşoğlu -> cavusoglu."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    return _MARKS.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """One key for spellings that differ only by romanisation (see module docstring)."""
    key = fold(word)
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    key = _DOUBLED.sub(r"\1", key)
    key = _FINAL_H.sub(r"\1", key)
    key = _FINAL_Y.sub("i", key)
    return key.replace("ş", "sh").replace("ç", "ch")


def one_vowel_apart(a: str, b: str) -> bool:
    """Same length, one position differs, and both letters there are vowels (Samir / Samer)."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diffs) == 1 and diffs[0][0] in VOWELS and diffs[0][1] in VOWELS


class NameToken(NamedTuple):
    """One capitalised word that may be a name; ``start``/``end`` cover the word without its
    article prefix or possessive ending. A named tuple: an article has a hundred or more, and
    a tuple is built several times faster than a frozen dataclass."""

    start: int
    end: int
    text: str
    article: str
    sentence_initial: bool
    key: str  # translit_key(text), looked up once here: checks compare keys many times per token


# Builds a NameToken from a tuple of its fields without NamedTuple's Python-level __new__.
_new_token = partial(tuple.__new__, NameToken)


def name_tokens(doc: Document) -> list[NameToken]:
    """Capitalised words outside title-case headings, with article prefixes split off
    (computed once per document, shared by the checks that need it)."""
    return doc.memo("name_tokens", _name_tokens)


def _name_tokens(doc: Document) -> list[NameToken]:
    # split() gives the text between names, each name's article (read behind it, so inside the
    # gap) and the name: offsets are running sums of lengths, and the tokens are built by C
    # loops (map, zip, compress) rather than one Python step per name.
    parts = _TOKEN.split(doc.text)
    articles = parts[1::3]
    del parts[1::3]
    starts = list(accumulate(map(len, parts)))[0::2][:-1]  # the last sum is the end of the text
    found = parts[1::2]
    headings = [b for b in doc.blocks if b.is_heading and b.is_title_case]
    if headings:  # Document.in_title_case_heading, for all headings at once
        keep = [not _inside(headings, start) for start in starts]
        starts, found, articles = (list(compress(column, keep)) for column in (starts, found, articles))
    found = [name[:-2] if name.endswith(("'s", "’s")) else name for name in found]  # POSSESSIVE
    starts_sentence = doc.starts_sentence
    initial = [article is None and starts_sentence(start) for start, article in zip(starts, articles)]
    ends = map(add, starts, map(len, found))
    articles = [article or "" for article in articles]
    return list(map(_new_token, zip(starts, ends, found, articles, initial, map(translit_key, found))))


def _inside(blocks: list, offset: int) -> bool:
    """Whether ``offset`` falls in one of ``blocks`` (in document order)."""
    i = bisect_right(blocks, offset, key=attrgetter("start")) - 1
    return i >= 0 and offset < blocks[i].end


@dataclass(frozen=True)
class Handle:
    start: int
    end: int
    text: str  # without the @
    parts: tuple[str, ...]  # words of the handle, leading initials dropped

    @property
    def surname(self) -> str:
        return self.parts[-1] if self.parts else ""


def split_handle(handle: str) -> tuple[str, ...]:
    """@RTErdogan -> ("Erdogan",); @EmmanuelMacron -> ("Emmanuel", "Macron"); @some_user_iq -> ("some", "user", "iq")."""
    parts = [p for chunk in handle.split("_") for p in _HANDLE_PART.findall(chunk)]
    while len(parts) > 1 and parts[0].isupper() and len(parts[0]) <= 3:
        parts.pop(0)  # leading initials: RT Erdogan, HH Sheikh
    return tuple(p for p in parts if not p.isdigit())


def handles(doc: Document) -> list[Handle]:
    return [Handle(m.start(), m.end(), m.group("handle"), split_handle(m.group("handle"))) for m in _HANDLE.finditer(doc.text)]
