"""Personal and place names in a document, and transliteration-aware keys to compare them.

Arabic, Persian and Turkish names reach English in several romanisations. ``translit_key``
maps spellings that differ only by romanisation to one key (Hassan ~ Hasan, Halbousi ~
Halbusi, Ramadhan ~ Ramazan, Chaker ~ Shaker, Salamé ~ Salameh, Çavuşoğlu ~ Cavusoglu, Abdelaziz ~ Abd al-Aziz) while keeping vowels
that tell names apart (Hassan / Hussein, Samir / Samer are *not* merged here; callers decide
about one-vowel differences with extra evidence).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, chain
from operator import add
from string import Template
from typing import NamedTuple

import regex

from .document import LATIN_ALPHABET, MAY_OPEN_CLASS, Document

# Arabic article forms written before a name: Al-, al-, El-, ad-, as-, ash-, at-, az-, ar-, an-.
ARTICLE = r"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|[Aa]th)[-‐‑]"
# ARTICLE by length (a lookbehind has one width), and ARTICLE after its first letter when that
# is a capital.
_ARTICLE_3 = r"(?:[Aa]l|[Ee]l|[Aa][dnrstz])[-‐‑]"
_ARTICLE_4 = r"[Aa][st]h[-‐‑]"
_CAPITAL_ARTICLE_REST = r"(?:(?<=A)(?:l|[dnrstz]|[st]h)|(?<=E)l)[-‐‑]"
# A name-like word, its article and whether it surely is not at a sentence start. The pattern
# is anchored at the name's first capital (searched from capitals only, it is several times
# faster than with an article group in front), and looks behind the capital (the "." there):
# it reads the article back, or takes the name on its own where no character of NotAfter comes
# before it and it does not begin an article-and-name ("Al" in "Al-Sadr"). The match is the
# name; the groups are the name, its article (one group for each length, as a lookbehind has
# one width) and an empty group for a name after one space after a character outside
# MAY_OPEN_CLASS, where Document.starts_sentence answers False from those two characters alone
# (most names of an article are written there). _name_tokens splits the text with it.
_NAME = "$Lu$LlM+(?:['’ʼʿ]$Ll+)?(?:$Lu$LlM+)?(?!$NameChar)"
_TOKEN_TEMPLATE = Template(
    "(?P<name>$Lu(?:"
    f"(?<=(?<!$NotAfter)(?P<article3>{_ARTICLE_3}).)"
    f"|(?<=(?<!$NotAfter)(?P<article4>{_ARTICLE_4}).)"
    f"|(?<!$NotAfter.)(?:(?<=[^{MAY_OPEN_CLASS}] .)(?P<mid_sentence>))?(?!{_CAPITAL_ARTICLE_REST}{_NAME})"
    f"){_NAME.removeprefix('$Lu')})"
)
_CLASSES = {"Lu": r"\p{Lu}", "Ll": r"\p{Ll}", "LlM": r"[\p{Ll}\p{M}]", "NameChar": r"[\p{L}\p{M}\d@]",
            "NotAfter": r"[\p{L}\p{M}\d@#/.'’_-]"}
# The characters of LATIN_ALPHABET but Latin Extended-A and -B (Ş, ğ, ı ...), where capitals and
# small letters alternate: their classes would take the stdlib 8 ms to compile, for the rare
# article that holds one. (A test checks them against all of Unicode.)
_FAST_CHARS = "".join(re.findall(f"[{LATIN_ALPHABET}]", "".join(map(chr, [*range(0x100), *range(0x600, 0x20AD)]))))


def _fast_class(chars: str) -> str:
    """The characters of _FAST_CHARS in the ``regex`` class ``chars``, as a stdlib class (runs of
    consecutive characters written as ranges)."""
    runs: list[list[str]] = []
    for c in regex.findall(chars, _FAST_CHARS):
        if runs and ord(runs[-1][-1]) + 1 == ord(c):
            runs[-1].append(c)
        else:
            runs.append([c])
    ranges = (f"{re.escape(r[0])}-{re.escape(r[-1])}" if len(r) > 2 else re.escape("".join(r)) for r in runs)
    return "[" + "".join(ranges) + "]"


@lru_cache(maxsize=None)
def _token_pattern(fast: bool) -> re.Pattern | regex.Pattern:
    """_TOKEN_TEMPLATE compiled on first use: for a document made of _FAST_CHARS (nearly every
    article), with stdlib ``re`` and explicit classes of the same characters, which finds the
    same tokens twice as fast; for any other, with ``regex`` and Unicode properties."""
    if fast:
        return re.compile(_TOKEN_TEMPLATE.substitute({k: _fast_class(v) for k, v in _CLASSES.items()}))
    return regex.compile(_TOKEN_TEMPLATE.substitute(_CLASSES))


def _in_fast_chars(doc: Document) -> bool:
    """Whether the document is made of _FAST_CHARS (its non-ASCII characters are few, and shared)."""
    return doc.in_latin_alphabet and not any("\u0100" <= c <= "\u024f" for c in doc.non_ascii_chars)


POSSESSIVE = regex.compile(r"['’]s$")
_HANDLE = regex.compile(r"(?<![\w@/.])@(?P<handle>[A-Za-z0-9_]{2,30})\b")
_HANDLE_PART = regex.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

_LETTERS = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe", "þ": "th"})
_MARKS = regex.compile(r"['’ʼʿʾ`‘-]")
# Romanisation pairs folded to one spelling, applied in order.
_DIGRAPHS = (
    ("dh", "z"),
    ("kh", "k"),
    ("gh", "ğ"),  # kept apart: one name with g (Ghafour ~ Gafur) or q (Ghalibaf ~ Qalibaf), see ghain_forms
    ("sh", "ş"),  # protected from the 'h' rules below, restored at the end
    ("ch", "ş"),  # French romanisation: Chaker ~ Shaker, Rachid ~ Rashid (restored as sh)
    ("dj", "j"),  # French romanisation of jim: Belhadj ~ Belhaj, Djamel ~ Jamel
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
# Abd + connective + name, written as one word, hyphenated or spaced: Abdelhadi, Abdul-Hadi,
# Abd al-Hadi; Abdirahman, Abdurrahman (the l assimilated), Abdullah ~ Abdallah. The connective
# (a vowel, then l, or nothing) is dropped when a name of three letters or more follows it.
_ABD_CONNECTIVE = regex.compile(r"^abd[aeiou]?l*(?=[a-z]{3})")
_DOUBLED = regex.compile(r"(.)\1+")
# The "ad-Din" ending written as a word of its own or joined, with any connective: Sharaf Eldin,
# Sharafeddin, Sharafuddin, Salaheddine are one name (variants joins "Sharaf Eldin" first).
_DIN_ENDING = regex.compile(r"(?<=[a-z]{3})(?:[aeiu]l?)?dine?$")
_FINAL_EH = regex.compile(r"eh$")  # the Levantine -eh of taa marbuta is the -a of other spellings: Saadeh ~ Saada
_AW_DIPHTHONG = regex.compile(r"(?<=.)aw(?=[^aeiouy])")  # aw before a consonant is o: Dawsari ~ Dosari
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
    key = _ABD_CONNECTIVE.sub("abd", fold(word).replace(" ", ""))
    if word[-1:] in ("é", "É"):  # the French spelling of the -eh ending: Salamé ~ Salameh
        key += "h"
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    key = _DOUBLED.sub(r"\1", key)
    key = _AW_DIPHTHONG.sub("o", _FINAL_EH.sub("a", _DIN_ENDING.sub("din", key)))
    key = _FINAL_H.sub(r"\1", key)
    key = _FINAL_Y.sub("i", key)
    return key.replace("ş", "sh")


def ghain_forms(key: str) -> tuple[str, str]:
    """The key with its gh (ghain, kept as "ğ") written g and written q (k in a key, as every q
    is): ghain is romanised g
    (Ghafour ~ Gafur) and, in Persian, like qaf (Ghalibaf ~ Qalibaf); g and q are two letters
    (Gamal / Kamal), so no one key holds all three."""
    return key.replace("ğ", "g"), key.replace("ğ", "k")


def one_letter_apart(a: str, b: str, letters: str | frozenset = VOWELS) -> bool:
    """Same length, one position differs, and both letters there are ``letters``."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diffs) == 1 and diffs[0][0] in letters and diffs[0][1] in letters


def one_vowel_apart(a: str, b: str) -> bool:
    """One vowel apart (Samir / Samer)."""
    return one_letter_apart(a, b, VOWELS)


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
    # split() gives, for each name, the text before it (which holds its article, read behind
    # it), the name and its three other groups: offsets are running sums of lengths, and the
    # tokens are built by C loops (map, zip) rather than one Python step per name.
    parts = _token_pattern(_in_fast_chars(doc)).split(doc.text)
    found = parts[1::5]
    before = map(len, parts[0::5])
    # A name starts after the names and gaps before it (the last sum is the end of the text).
    starts = list(accumulate(map(add, before, chain((0,), map(len, found)))))[:-1]
    articles = [short or long or "" for short, long in zip(parts[2::5], parts[3::5])]
    starts_sentence = doc.starts_sentence
    initial = [
        not article and mid_sentence is None and starts_sentence(start)
        for start, article, mid_sentence in zip(starts, articles, parts[4::5])
    ]
    found = [name[:-2] if name.endswith(("'s", "’s")) else name for name in found]  # POSSESSIVE
    ends = map(add, starts, map(len, found))
    tokens = list(map(_new_token, zip(starts, ends, found, articles, initial, map(translit_key, found))))
    for block in reversed(doc.blocks):  # Document.in_title_case_heading, for a heading at once
        if block.is_heading and block.is_title_case:
            del tokens[bisect_left(starts, block.start) : bisect_left(starts, block.end)]
    return tokens


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
