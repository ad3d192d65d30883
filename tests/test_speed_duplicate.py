"""TQ710's fast paths give what the plain computation gives.

The stdlib word pattern used on Latin texts, the words found piece by piece, the word -> stem
table kept across documents, the repeated-key prefilter, the candidate pairs counted per key,
the caption prefilter and the chrF bounds are each compared with the straightforward version,
kept here as the reference.
"""

from __future__ import annotations

import copy
import random
import re
import sys
from collections import Counter
from itertools import chain
from pathlib import Path

import pytest
import regex

import tqcheck.checks.duplicate as duplicate
from tqcheck.checks.caption import caption_like
from tqcheck.document import _OUTSIDE_LATIN_ALPHABET, Document
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

ARTICLES = sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))
# Lines that are in a paragraph but in no unit (captions, embed attributions), words the fast
# pattern does not cover (marks, Greek, Arabic letters, superscripts) and the word edges.
ODD_PARAGRAPHS = [
    "The minister said the new budget would protect the salaries of public employees.\n"
    "Protesters gather outside the ministry in the capital (AFP)\n"
    "The minister said the new budget would protect salaries of public employees today.",
    "Officials confirmed that three soldiers were wounded near the border on Sunday evening.\n"
    "— Jane Roe (@jroe) May 13, 2020\n"
    "Officials confirmed three soldiers were wounded near the border on Sunday evening, they said.",
    # hard-wrapped (most lines close no sentence): one paragraph, with the caption inside it
    "The minister said the new budget would protect\nthe salaries of public employees despite the\n"
    "Protesters gather outside the ministry in the capital (AFP)\ndrop in oil prices, officials said on Monday.",
    "Café owners in Zürich's old town said the naïve plan cost 3.5 million, or 1,000,000 francs and more.",
    "Ο υπουργός είπε ότι ο νέος προϋπολογισμός θα προστατεύσει τους μισθούς των δημοσίων υπαλλήλων.",
    "قال الوزير إن الميزانية الجديدة ستحمي رواتب الموظفين العموميين رغم انخفاض أسعار النفط ١٢٣.",
    "x's x'' x''s x's' 's ' ’S ΣΑΣ’ Straße's İstanbul 3.5 1,000 e\u0301te\u0301 x² ½ Ⅻ a-b- -c d’’e 1.2.3. 4,,5",
]


def load_check():
    """A check of its own (rules are loaded once and shared), with an empty stem table."""
    check = copy.copy(load_rule(DEFAULT_RULES_DIR / "translated-twice.yml"))
    check._stems_seen = {}
    return check


def shuffled_sentences(text: str, seed: int) -> str:
    """The article's sentences in another order with some words dropped: many near-copies."""
    rng = random.Random(seed)
    sentences = [s.text for s in Document(text).sentences]
    rng.shuffle(sentences)
    kept = [" ".join(w for w in s.split() if rng.random() > 0.15) for s in sentences]
    return "\n\n".join(" ".join(kept[i : i + rng.randint(1, 3)]) for i in range(0, len(kept), 3))


def texts() -> list[str]:
    articles = [p.read_text(encoding="utf-8") for p in ARTICLES]
    out = articles + ["\n\n".join(articles)]  # many units: keys held by more than max_df of them
    out += [a + "\n\n" + shuffled_sentences(a, seed) for seed, a in enumerate(articles)]
    out += ["\n\n".join(ODD_PARAGRAPHS * 2), "# A heading line\n\n" + "\n\n".join(ODD_PARAGRAPHS[:3] * 2)]
    rng = random.Random(7)
    words = "the minister said talks would resume after a pause in the capital on Monday".split()
    for _ in range(30):
        paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) + "." for _ in range(rng.randint(1, 12))]
        out.append("\n\n".join(paragraphs))
    return out


# -- the plain computation ----------------------------------------------------------------------


def plain_stem(check, word: str) -> str | None:
    w = word.casefold()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    elif w.endswith(("'", "’")):
        w = w[:-1]
    if len(w) < 3 or w in check.stopwords or w[0].isdigit():
        return None
    return w[: check.stem]


def plain_words(check, text: str, start: int, end: int) -> tuple[int, list[str]]:
    """(number of words, content stems) of text[start:end], from one search of the whole text."""
    found = [m.group() for m in duplicate._WORD.finditer(text) if start <= m.start() < end]
    return len(found), [s for s in map(lambda w: plain_stem(check, w), found) if s]


def worded(check, text: str) -> str:
    """The text with the pieces in no unit (captions, attributions) blanked: a paragraph's
    words and wording are those of the rest."""
    for piece in check._pieces(Document(text)):
        if not piece.kept:
            text = text[: piece.start] + " " * (piece.end - piece.start) + text[piece.end :]
    return text


def plain_keys(stems: list[str]) -> set[str]:
    return {*stems, *map(" ".join, zip(stems, stems[1:]))}


def reference_candidates(check, text: str, units) -> list[tuple[int, int]]:
    keys = [plain_keys(plain_words(check, text, u.start, u.end)[1]) for u in units]
    df = Counter(chain.from_iterable(keys))
    linking = {k for k, n in df.items() if 1 < n <= check.max_df}
    pairs = [(i, j) for j in range(len(units)) for i in range(j) if len(keys[i] & keys[j] & linking) >= check.min_shared]
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def reference_matches(check, text: str, units) -> dict:
    """The per-unit search: every earlier unit, in order, the best score kept (the first of equals)."""
    found = {}
    for i, j in reference_candidates(check, text, units):
        later, earlier = units[j], units[i]
        stems_i, stems_j = (set(plain_words(check, text, u.start, u.end)[1]) for u in (earlier, later))
        common = len(stems_i & stems_j)
        if earlier.end > later.start or common < check.min_shared or common < check.min_overlap * min(len(stems_i), len(stems_j)):
            continue
        score = check.similarity(text[earlier.start : earlier.end], text[later.start : later.end])
        if score >= check.threshold and (j not in found or score > found[j][1]):
            found[j] = (i, score, common)
    return found


# -- the tests ------------------------------------------------------------------------------------


def test_the_fast_word_pattern_has_the_classes_of_the_full_one_on_every_character_it_is_used_on():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    fast = _OUTSIDE_LATIN_ALPHABET.sub("", every)  # the characters of a text it is used on
    assert 500 < len(fast) < 1000
    classes = [
        (f"[{duplicate._FAST_LETTER}]", r"\p{L}"),
        (f"[{duplicate._FAST_LETTER}'’-]", r"[\p{L}\p{M}'’-]"),
        (f"[{duplicate._FAST_DIGIT}]", r"\d"),
    ]
    for stdlib, full in classes:
        assert re.findall(stdlib, fast) == regex.findall(full, fast), (stdlib, full)
    assert duplicate._WORD.pattern == r"\p{L}[\p{L}\p{M}'’-]*|\d+(?:[.,]\d+)*"  # the pattern the fast one spells
    for text in ["abc", "Café 3.5 x² İstanbul", "a\u2019b \u200f ١٢ ؛ ؟ €", ""]:
        assert Document(text).in_latin_alphabet
    for text in ["e\u0301", "Ⅻ", "Ω", "قال"]:
        assert not Document(text).in_latin_alphabet


def test_the_fast_word_pattern_finds_the_words_of_the_full_one():
    rng = random.Random(3)
    alphabet = "aZé'’-.,0١ \n\t()\u2019\u201c\u200f،ßſ"
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)] + texts()
    checked = 0
    for text in samples:
        if Document(text).in_latin_alphabet:
            assert duplicate._FAST_WORD.findall(text) == duplicate._WORD.findall(text), text
            checked += 1
    assert checked > 3000


def test_units_have_the_words_and_stems_of_one_search_of_the_whole_text():
    check = load_check()
    units_seen = 0
    for text in texts():
        doc = Document(text)
        sentences, paragraphs, words = check._units(doc)
        kept_text = worded(check, text)
        for unit in sentences + paragraphs:
            n, stems = plain_words(check, kept_text, unit.start, unit.end)
            assert n >= check.min_words and words.stems[unit.first : unit.stop] == stems
            assert unit.text == text[unit.start : unit.end]
        # every kept piece and paragraph of enough words is a unit
        pieces = [p for p in check._pieces(doc) if p.kept]
        assert [(u.start, u.end) for u in sentences] == [(p.start, p.end) for p in pieces if plain_words(check, kept_text, p.start, p.end)[0] >= check.min_words]
        spans = {}
        for p in pieces:
            spans[p.paragraph] = (spans.get(p.paragraph, (p.start,))[0], p.end)
        assert [(u.start, u.end) for u in paragraphs] == [s for s in spans.values() if plain_words(check, kept_text, *s)[0] >= check.min_words]
        units_seen += len(sentences) + len(paragraphs)
    assert units_seen > 300


def test_pieces_leave_out_caption_lines_as_a_plain_caption_test_does():
    """A caption line ends with ")": the check asks ``caption_like`` only then."""
    rng = random.Random(11)
    pieces = ["Police", "(AFP)", "(Reuters/File)", ")", "(", "x", " ", "photo", "(Anadolu Agency)", ".", "\n"]
    lines = ["".join(rng.choice(pieces) + rng.choice(("", " ")) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    lines += [s.text for text in texts() for s in Document(text).sentences]
    for line in lines:
        stripped = line.strip()
        if caption_like(stripped):
            assert stripped[-1] == ")", line


@pytest.mark.parametrize("max_df, min_shared", [(10, 3), (2, 1), (3, 2), (1000, 4)])
def test_candidate_pairs_are_those_of_all_pairs(max_df, min_shared):
    check = load_check()
    check.max_df, check.min_shared = max_df, min_shared
    seen_pairs = 0
    for text in texts():
        sentences, paragraphs, words = check._units(Document(text))
        for units in (sentences, paragraphs):
            expected = reference_candidates(check, worded(check, text), units)
            assert check._candidates(units, words) == expected
            seen_pairs += len(expected)
    assert seen_pairs > 50


def test_matches_are_those_of_a_search_over_every_earlier_unit():
    check = load_check()
    found = 0
    for text in texts():
        memo: dict = {}
        sentences, paragraphs, words = check._units(Document(text))
        for units in (paragraphs, sentences):
            expected = reference_matches(check, worded(check, text), units)
            got = check._matches(units, words, memo)
            assert got.keys() == expected.keys()
            for j, (i, score, common) in got.items():
                assert (i, common) == expected[j][:1] + expected[j][2:]
                assert score == pytest.approx(expected[j][1], abs=1e-9)
            found += len(got)
    assert found >= 5


def test_a_warm_or_emptied_stem_table_gives_the_stems_of_a_fresh_one(monkeypatch):
    all_texts = texts()
    warm = load_check()
    for text in all_texts:
        warm._units(Document(text))
    small = load_check()
    monkeypatch.setattr(duplicate, "_STEM_TABLE_SIZE", 50)  # emptied again and again
    largest = 0  # most distinct words of one text: the table holds at least those
    for text in all_texts:
        fresh = load_check()._units(Document(text))
        assert warm._units(Document(text)) == fresh
        assert small._units(Document(text)) == fresh
        largest = max(largest, len(set(duplicate._WORD.findall(text))))
        assert len(small._stems_seen) <= max(50, largest)


def test_findings_do_not_depend_on_what_was_checked_before():
    all_texts = texts()
    warm = load_check()
    for text in reversed(all_texts):
        list(warm.run(Document(text)))
    for text in all_texts:
        assert [f.to_dict() for f in warm.run(Document(text))] == [f.to_dict() for f in load_check().run(Document(text))]


def test_of_equally_close_earlier_copies_the_first_is_named():
    sentence = "Rescue teams pulled four survivors from the rubble of the collapsed building on Sunday."
    text = f"{sentence}\n\nThe mayor visited the site.\n\n{sentence}\n\nShops stayed closed.\n\n{sentence}\n"
    findings = list(load_check().run(Document(text)))
    assert [(f.start, f.data["earlier_start"]) for f in findings] == [(text.index(sentence, 1), 0), (text.rindex(sentence), 0)]


def test_repeated_keys_are_the_stems_and_pairs_found_twice():
    check = load_check()
    found = 0
    for text in texts():
        words = check._units(Document(text))[2]
        stems = words.stems
        keys = [(s, i, i) for i, s in enumerate(stems)] + [(f"{a} {b}", i, i + 1) for i, (a, b) in enumerate(zip(stems, stems[1:]))]
        count = Counter(k for k, _i, _j in keys)
        expected = [k for k in keys if count[k[0]] > 1]
        assert sorted(zip(words.repeated, words.repeated_first, words.repeated_last)) == sorted(expected)
        found += len(expected)
    assert found > 100
