"""The shortcuts of the cheap rules (literal gates, document gates of the phrase lists, doubled
punctuation, the code point parsers of the unicode rules, patterns compiled on first use) give
exactly what the plain computation gives: each is compared with it, kept here as the reference,
on real, generated and random text, and those that rest on character sets over every code point."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import regex
from conftest import ROOT

from tqcheck.checks import caption, embed, literals, typography, unicode
from tqcheck.checks import _lines
from tqcheck.checks.base import LazyPattern
from tqcheck.document import Document
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule, read_tsv

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import load_organizations, make_article  # noqa: E402

EVERY_CHAR = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))]
ARTICLES += [make_article(random.Random(seed), load_organizations()).text() for seed in range(40)]


def random_texts(pieces: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


# -- literal gates: the folded text or its lowered UTF-8 bytes ------------------------------------


def fold(c: str) -> str:
    return c.casefold().replace("ı", "i").replace("\u0307", "")


def test_the_characters_that_fold_to_ascii_are_all_listed():
    expected = {c for c in EVERY_CHAR if not c.isascii() and (not fold(c) or any(x.isascii() for x in fold(c)))}
    assert literals._FOLDS_TO_ASCII == expected


GATE_PIECES = ["peace be upon him", "PBUH", "pbuh", "Pbuh", "may God", "MAY ALLAH ", "god rest ", "pic.twitter.com/",
               "T.CO/", "t.co/", "/status", " ", "\n", "é", "ü", "\u0660", "\u0627", "中", "\U0001F600", "ß", "ſ",
               "\u212a", "ı", "İ", "\u0307", "ﬁ", "x", "A", "/", ".", "s", "Status", "peace", "upon", "him"]


def test_gates_find_their_strings_as_in_the_folded_text():
    gates = [load_rule(DEFAULT_RULES_DIR / name).gate for name in ("religious-formulas.yml",)]
    gates.append(load_rule(DEFAULT_RULES_DIR / "embed-link.yml").link_gate)
    gates += [literals.LiteralGate(frozenset({"ss", "k", "fi", "ib", "i", "s t"}), ignorecase=True),
              literals.LiteralGate(frozenset({"/", "é"}), ignorecase=False)]
    texts = ARTICLES + random_texts(GATE_PIECES, 3000, seed=5)
    gated = 0
    for gate in gates:
        for text in texts:
            doc = Document(text)
            folded = literals._folded_text(doc) if gate.ignorecase else text
            expected = any(s in folded for s in gate.strings)
            assert gate.may_match(doc) == expected, (gate.strings, text)
            gated += expected
    assert gated > 500
    kinds = [type(literals._folded_haystack(Document(t))) for t in texts if not t.isascii()]
    assert kinds.count(bytes) > 150 and kinds.count(str) > 150  # both ways were compared


# -- doubled punctuation --------------------------------------------------------------------------


def test_doubled_pair_is_a_search_for_every_pair():
    texts = ARTICLES + random_texts([".", ",", ";", "!", "?", ":", "a", " ", "...", "é", "\n"], 3000, seed=7)
    found = 0
    for text in texts:
        expected = any(pair in text for pair in ("..", ",,", ";;", "!!", "??", "::"))
        assert typography._doubled_pair(Document(text)) == expected, text
        found += expected
    assert 500 < found < len(texts) - 500


# -- phrase lists: document gates -----------------------------------------------------------------


def variant_texts(n: int, seed: int) -> list[str]:
    """Sentences naming members of the listed sets, the preferred form and variants, in various cases."""
    rows = [[preferred, *(v.strip() for v in variants.split("|"))] for preferred, variants, _ in
            read_tsv(DEFAULT_RULES_DIR / "data" / "name-variants.tsv")]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        words = []
        some_rows = rng.sample(rows, 2)
        for _ in range(rng.randint(1, 4)):
            row = rng.choice(some_rows)
            member = rng.choice(row[:1] * 3 + row)  # the preferred form most often
            member = rng.choice((member, member.upper(), member.lower(), member.title(), member.replace(" ", "\n")))
            words += [rng.choice(("The", "said", "in", "of", ".", ",", "al")), member]
        texts.append(" ".join(words))
    return texts


def test_consistency_gate_is_two_listed_phrases_of_one_set_in_the_article():
    check = load_rule(DEFAULT_RULES_DIR / "house-style-variants.yml")
    by_set: dict[int, list[frozenset[str]]] = {}
    for key, (index, _member) in check.phrases.table.items():
        by_set.setdefault(index, []).append(frozenset(key.split(" ")))
    mixed = 0
    for text in ARTICLES + variant_texts(1500, seed=3):
        words = Document(text).folded_word_set
        expected = any(sum(p <= words for p in phrases) > 1 for phrases in by_set.values())
        assert check._may_mix(Document(text)) == expected, text
        mixed += expected
    assert 200 < mixed < 1300


def calque_texts(n: int, seed: int) -> list[str]:
    """Listed calques whole, cut, reordered, across punctuation or a line break, in various cases."""
    keys = [k for k, _v, _line in read_tsv(DEFAULT_RULES_DIR / "data" / "mt-calques.tsv")]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 4)):
            words = rng.choice(keys).split()
            if rng.random() < 0.4:
                rng.shuffle(words)
            if rng.random() < 0.3:
                words = words[: rng.randint(1, len(words))]
            sep = rng.choice((" ", " ", "\n", ", ", "  "))
            parts.append(sep.join(rng.choice((w, w.upper(), w.lower())) for w in words))
        texts.append(rng.choice((". ", " the ", " ")).join(parts))
    return texts


def test_calque_gate_is_a_listed_phrase_in_the_joined_words():
    check = load_rule(DEFAULT_RULES_DIR / "name-calques.yml")
    phrases = [key.casefold() for key in check.phrases.table]
    found = 0
    for text in ARTICLES + calque_texts(1500, seed=4):
        doc = Document(text)
        joined = " " + " ".join(doc.folded_words) + " "
        expected = any(f" {phrase} " in joined for phrase in phrases)
        assert check._phrases_may_match(doc) == expected, text
        found += expected
    assert 200 < found < 1300


# -- unicode rules: code points and ranges read with stdlib re ------------------------------------


def test_the_range_space_is_what_regex_calls_whitespace():
    assert re.findall(unicode._SPACE, EVERY_CHAR) == regex.findall(r"\s", EVERY_CHAR)


def test_code_points_and_ranges_read_as_regex_reads_them():
    reference_point = regex.compile(r"U\+([0-9A-Fa-f]{4,6})")
    reference_range = regex.compile(r"U\+([0-9A-Fa-f]{4,6})(?:\s*(?:\.\.|-)\s*U\+([0-9A-Fa-f]{4,6}))?")
    rng = random.Random(9)
    points = ["U+200B", "U+1F600", "U+10FFFF", "u+200b", "U+20", "U+1234567", "U+٠٠٠٠", "U+\U00011f50\U00011f50\U00011f50\U00011f50"]
    spaces = ["", " ", "\t", "\x1c", "\x1f", "\u00a0", "\u2003", "\u3000", "\u200b", "\u0085"]
    specs = []
    for _ in range(20000):
        spec = rng.choice(points)
        if rng.random() < 0.8:
            spec += "".join(rng.choices(spaces, k=rng.randint(0, 2))) + rng.choice(("..", "-", "–", ".", ""))
            spec += "".join(rng.choices(spaces, k=rng.randint(0, 2))) + rng.choice(points)
        specs.append(spec)
    for spec in specs:
        for fast, reference in ((unicode._CODEPOINT, reference_point), (unicode._RANGE, reference_range)):
            a, b = fast.fullmatch(spec), reference.fullmatch(spec)
            assert (a and a.groups()) == (b and b.groups()), spec
    assert sum(bool(unicode._RANGE.fullmatch(s)) for s in specs) > 300


def test_classes_of_escaped_characters_always_compile():
    # The unicode rules compile such classes on first use, when no load error can be reported.
    regex.compile("[" + "".join(map(regex.escape, EVERY_CHAR + "\ud800\udfff")) + "]")


# -- patterns compiled on first use ---------------------------------------------------------------


def test_every_lazy_pattern_compiles():
    modules = (caption, embed, typography, unicode, _lines)
    lazy = [value for module in modules for value in vars(module).values() if isinstance(value, LazyPattern)]
    assert len(lazy) >= 20
    for pattern in lazy:
        pattern.search("")  # compiles it
    for name in ("invisible-characters.yml", "arabic-punctuation.yml", "arabic-digits.yml"):
        check = load_rule(DEFAULT_RULES_DIR / name)
        for pattern in (check.pattern, getattr(check, "foreign", None)):
            if pattern is not None:
                assert isinstance(pattern, LazyPattern) and pattern.search("x") is None
