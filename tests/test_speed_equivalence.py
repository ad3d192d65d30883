"""The fast paths taken for speed give exactly what the plain computation gives.

Each test compares an optimised piece (one n-gram count per order with early exit, word offsets
from one split, stems computed once per document, prefilters in front of costly patterns) with
the straightforward version, kept here as the reference.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from tqcheck.checks.typography import _SPACE_BEFORE
from tqcheck.chrf import Passage, _counts, char_ngrams, chrf, chrf_both
from tqcheck.document import WORD, Document
from tqcheck.engine import check_text
from tqcheck.names import name_tokens, translit_key
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

DATA = Path(__file__).parent / "data" / "scoring"
PIECES = ["the", "The", "minister", "Minister's", "al-Maliki", "Qur'an", "’s", "'s", "ß", "İstanbul", "3.5",
          "1,000", "U.S.", " ", "  ", "\t", "\n", "\n\n", " ,", " .", " !", "..", ",,", "::", " 'the", " ’plan",
          "www.x.com", "(", ")", "\"", "“", "”", "-", "talks", "Talks", "talk", "resumed", "said"]


def random_texts(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(("", " ", " ")) for _ in range(rng.randint(0, 80))) for _ in range(n)]


def reference_both(a: str, b: str, threshold: float) -> float:
    grams_a, grams_b = char_ngrams(a), char_ngrams(b)
    first = chrf(grams_b, grams_a)
    return first if first < threshold else min(first, chrf(grams_a, grams_b))


def test_chrf_both_is_exact_at_or_above_the_threshold_and_below_it_otherwise():
    hyps = (DATA / "hyp.txt").read_text(encoding="utf-8").splitlines()
    refs = (DATA / "ref.txt").read_text(encoding="utf-8").splitlines()
    pairs = list(zip(hyps, refs)) + [(a, b) for a, b in zip(random_texts(300), random_texts(300, seed=4))]
    for a, b in pairs:
        for threshold in (0.0, 30.0, 58.0, 80.0):
            expected = reference_both(a, b, threshold)
            got = chrf_both(Passage(a), Passage(b), threshold)
            if expected >= threshold:
                assert got == expected, (a, b, threshold)
            else:
                assert got < threshold, (a, b, threshold)


@pytest.mark.parametrize("text", random_texts(200) + [""])
def test_document_words_match_one_match_per_word(text):
    assert Document(text).words == [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    assert Document(text).folded_words == [m.group().casefold() for m in WORD.finditer(text)]


def test_space_before_punctuation_finds_what_a_full_scan_finds():
    check = load_rule(DEFAULT_RULES_DIR / "space-before-punctuation.yml")
    for text in random_texts(300):
        found = [(f.start, f.end) for f in check_text(text, checks=[check]).findings]
        zones = [m.span() for m in regex.finditer(r"`[^`\n]*`|\b(?:https?://|www\.)\S+", text)]
        expected = [m.span() for m in _SPACE_BEFORE.finditer(text) if not any(a <= m.start() < b for a, b in zones)]
        assert found == expected, text


def test_passage_ngrams_count_what_string_slices_count():
    for text in random_texts(100) + ["", "a", "ab c", "aaaaaaa"]:
        passage = Passage(text)
        for n in range(6, 0, -1):
            assert {"".join(k): v for k, v in passage.ngrams(n).items()} == _counts(passage.line, n)


def test_name_tokens_carry_the_transliteration_key_of_their_text():
    for text in random_texts(100) + ["Al-Hassan met el-Hasan and Ramadhan's aide. Çavuşoğlu, Cavusoglu."]:
        for token in name_tokens(Document(text)):
            assert token.key == translit_key(token.text)


def test_attribution_lines_are_only_sought_where_an_attribution_can_be():
    """``attribution_spans`` skips texts without "(@": the pattern must still need it."""
    from tqcheck.checks.embed import ATTRIBUTION, _matches_on_lines_with

    lines = ["— Jane Roe (@jroe) May 13, 2020", "A post shared by Ali (@ali.k) on 2 March 2021",
             "Name ( @handle) May 1, 2020", "— Sam (@sam)", "Sam @sam May 1, 2020", "Sam (at)sam"]
    for text in random_texts(200) + lines + [line.replace("(@", "( @") for line in lines]:
        if "(@" not in text:
            assert ATTRIBUTION.search(text) is None, text
    assert all(ATTRIBUTION.search(line) for line in lines[:2] + lines[3:4])
    # Only the lines holding "(@" are searched: the same matches as a search of the whole text.
    rng = random.Random(5)
    pieces = lines + ["\n", "\n\n", "Prices are rising pic.twitter.com/x ", " said (@x) ", "(@", "—", " ", "\r\n", "May 2, 2021"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    found = 0
    for text in texts + ["\n".join(lines), "\n\n".join(lines) + "\n"]:
        expected = [(m.span(), m.groupdict()) for m in ATTRIBUTION.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _matches_on_lines_with(text, "(@")] == expected, text
        found += len(expected)
    assert found > 50


def test_embed_links_are_sought_only_where_their_required_text_is():
    """The link rule skips texts without any string its pattern needs (literals.LiteralGate)."""
    import copy

    gated = load_rule(DEFAULT_RULES_DIR / "embed-link.yml")
    plain = copy.copy(gated)
    plain.link_gate = None
    assert gated.link_gate is not None
    links = ["pic.twitter.com/Ab12", "PIC.Twitter.COM/x9", "https://t.co/xYz987", "T.CO/abc", "www.twitter.com/a_b/status/123",
             "https://X.com/user/STATUSES/99?s=20", "mobile.twitter.com/u/status/1", "pict.co.uk", "twitter.com/about"]
    texts = random_texts(100) + [f"Prices rose {link} today." for link in links] + [" ".join(links)]
    found = 0
    for text in texts:
        expected = list(plain.run(Document(text)))
        assert list(gated.run(Document(text))) == expected, text
        found += len(expected)
    assert found >= 8
