"""The fast paths of the document's word index, sentences and heading test, of the engine's
plain-text path and of the number rules' look-behind searches give exactly what the plain
computation gives.

``Document.words`` splits texts written in a common alphabet with stdlib ``re`` and explicit
character classes instead of ``regex`` and Unicode properties: every character of that alphabet
is checked against the properties, then whole texts (exhaustive short strings around the word
edges, real and generated articles, random strings) against one ``WORD`` match per word.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from pathlib import Path

import pytest
from conftest import bench_corpus, generated_articles
import regex

from tqcheck import markup
from tqcheck.document import (
    _ABBREVIATED,
    _FAST_LETTER,
    _FAST_WORD_CHAR,
    _FAST_WORD_SPLIT,
    _OUTSIDE_LATIN_ALPHABET,
    _PROSE_END,
    _SENTENCE_END,
    _WORD_SPLIT,
    WORD,
    Block,
    Document,
    Span,
)
from tqcheck.engine import Settings, _prose, resolve_checks
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule
from tqcheck.suppress import Suppressions

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))]


def _generated() -> list[str]:
    return generated_articles(12, 5) + [bench_corpus().long_article(2)]


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
        assert doc.in_latin_alphabet == (not _OUTSIDE_LATIN_ALPHABET.search(text))
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


_ABBREVIATION = regex.compile(_ABBREVIATED + "$")  # the abbreviation test on its own


def reference_sentences(doc: Document) -> list[Span]:
    """Paragraph by paragraph: each _SENTENCE_END match, unless its first "." ends an abbreviation."""
    out = []
    for block in doc.blocks:
        text, pos = block.text, 0
        ends = [m.end() for m in _SENTENCE_END.finditer(text)
                if text[m.start()] != "." or not _ABBREVIATION.search(text, max(0, m.start() - 12), m.start() + 1)]
        for end in ends + [len(text)]:
            chunk = text[pos:end]
            if chunk.strip():
                begin = block.start + pos + len(chunk) - len(chunk.lstrip())
                out.append(Span(begin, begin + len(chunk.strip()), chunk.strip()))
            pos = end
    return out


# Sentence ends, abbreviations and initials, closing and opening quotes, and every kind of space
# and paragraph break (including the \x1c-\x1f that str.strip removes and regex's \s does not).
SENTENCE_PIECES = ["The", "the", "said", "Smith", "É", "é", "x", "9", "1.5", ".", ". ", "..", "...", "…", "!", "?",
                   "?!", "Dr.", "Mr", "Mrs.", "Sheikh.", "etc.", "No.", "Nos", "St.", "U.S.", "U.S.A.", "a.m.",
                   "e.g.", "A.B.C.", "J.", "j.", "Sept.", "approx.", "\u0301", "\"", "”", "’", "'", ")", "]", "(",
                   "[", "“", "‘", " ", "  ", "\t", "\n", "\n\n", "\n \n", "\r\n\r\n", "\n\f\n", "\u00a0",
                   "\u2028", "\u3000", "\x1c", "\x1f", "#", "- "]


def test_sentences_found_in_one_pass_are_those_found_paragraph_by_paragraph():
    texts = ARTICLES + _generated() + random_texts(4000, 11, SENTENCE_PIECES) + random_texts(500, 12, PIECES + SENTENCE_PIECES)
    cuts = 0
    for text in texts:
        doc = Document(text)
        expected = reference_sentences(doc)
        assert doc.sentences == expected, repr(text)
        cuts += len(expected) - len(doc.blocks)
    assert cuts > 2000  # many sentences end inside a paragraph


def reference_prose(doc: Document) -> tuple[Document, markup.Mask, Suppressions]:
    kind = markup.kind_of(doc.path)
    mask = markup.mask(doc.text, kind) if kind else markup.Mask()
    suppressions = Suppressions(doc.text, mask.comments if kind else None)
    mask = mask.plus(suppressions.spans)
    if not mask.ranges:
        return doc, mask, suppressions
    return Document(mask.apply(doc.text), doc.path, source=doc.text), mask, suppressions


@pytest.mark.parametrize("path", ["a.txt", "a.md", "a.html"])
def test_the_prose_of_a_text_without_markup_or_comments_is_found_as_before(path):
    comments = ["<!-- tqcheck: ignore -->\n", "<!-- tqcheck: disable TQ101 -->", "<!-- tqcheck: enable -->",
                "<!-- tqcheck: disable-file doubled-word -->", "<!-- tqcheck: bogus -->", "<!-- a comment -->", "<!--"]
    markup_pieces = ["`code`", "<b>", "</p>", "<p>", "[link](http://x.org)", "http://x.org/a.", "\n    indented\n"]
    texts = ARTICLES[:3] + random_texts(300, 13, PIECES + comments + markup_pieces)
    for text in texts:
        doc = Document(text, path)
        view, mask, suppressions = _prose(doc)
        expected_view, expected_mask, expected_suppressions = reference_prose(doc)
        assert (view.text, view.source) == (expected_view.text, expected_view.source)
        assert mask == expected_mask
        assert suppressions.directives == expected_suppressions.directives
        assert suppressions.problems == expected_suppressions.problems


def test_findings_of_a_plain_text_without_comments_pass_the_screen_the_engine_skips():
    """run_checks screens findings only where something is masked or a comment directs: elsewhere
    the screen would keep every finding as it is."""
    checks = resolve_checks(Settings())
    kept = 0
    for text in ARTICLES + _generated():
        _view, mask, suppressions = _prose(Document(text, "a.txt"))
        assert not mask.ranges and not suppressions.directives
        for check in checks:
            for f in check.run(Document(text, "a.txt")):
                assert not mask.touches(f.start, f.end) and not suppressions.suppressed(f)
                assert not (f.fix and any(mask.touches(e.start, e.end) for e in f.fix.edits))
                kept += 1
    assert kept > 20


NUMBER_RULES = [load_rule(DEFAULT_RULES_DIR / name) for name in ("number-format.yml", "small-numerals.yml")]
NUMBER_PIECES = ["No.", "no.", "No. ", "Resolution", "resolution ", "P.O. Box", "PO Box ", "Box", "#", "DC", "dc", "ISBN",
                 "in", "In", "since", "Jan.", "January", "May", "mid", "class of", "fiscal", "12th", "3rd", "c.",
                 "x", "_", ".", ",", " ", "  ", "\t", "\u00a0", "\n", "-", "1995", "2020", "4500", "3,100", "7"]


def test_number_rules_search_their_look_behind_lists_backwards_with_the_same_answers():
    """``before`` and ``date_words`` are compiled reversed ((?r)); compiled forwards they must
    find a match in exactly the same windows."""
    texts = ARTICLES[:5] + random_texts(600, 14, NUMBER_PIECES)
    for rule in NUMBER_RULES:
        patterns = [p for p in (rule.before, rule.date_words) if p is not None]
        assert patterns and all(p.flags & regex.REVERSE for p in patterns)
        for pattern in patterns:
            forwards = regex.compile(pattern.pattern.removeprefix("(?r)"), pattern.flags & ~regex.REVERSE)
            found = 0
            for text in texts:
                for end in range(len(text) + 1):
                    for width in (30, 40):
                        expected = bool(forwards.search(text, max(0, end - width), end))
                        assert bool(pattern.search(text, max(0, end - width), end)) == expected, (text, end)
                        found += expected
            assert found > 1000


@pytest.mark.parametrize("item", [r"(\w)\1", r"(?>\w+)x", r"\w++x", r"\w{1,3}+x", r"(?i:abx)", r"\Gx", r"(?:abx){e<=1}"])
def test_a_number_rule_list_that_may_read_differently_backwards_is_searched_forwards(item):
    rule = NUMBER_RULES[0]
    variant = type(rule)(dataclasses.replace(rule.rule, options={**rule.rule.options, "before": [item]}))
    assert not variant.before.flags & regex.REVERSE
    assert variant.date_words.flags & regex.REVERSE


def test_an_atomic_group_does_read_differently_backwards():
    """Why such lists stay forwards: backwards, the atomic group no longer swallows the "x"."""
    text = "abx"
    assert not regex.search(r"(?>\w+)x\Z", text) and regex.search(r"(?r)(?>\w+)x\Z", text)
