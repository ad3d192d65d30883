"""TQ710's fast paths give what the plain computation gives.

The word -> stem table kept across documents, the linking keys found with set operations, the
candidate pairs counted per key and the chrF length bound are each compared with the
straightforward version, kept here as the reference.
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from itertools import chain
from pathlib import Path

import pytest

import tqcheck.checks.duplicate as duplicate
from tqcheck.document import Document
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

ARTICLES = sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))


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
    rng = random.Random(7)
    words = "the minister said talks would resume after a pause in the capital on Monday".split()
    for _ in range(30):
        paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) + "." for _ in range(rng.randint(1, 12))]
        out.append("\n\n".join(paragraphs))
    return out


def reference_linking(units, max_df: int) -> set[str]:
    df = Counter(chain.from_iterable(u.keys for u in units))
    return {k for k, n in df.items() if 1 < n <= max_df}


def reference_candidates(units, max_df: int, min_shared: int) -> list[tuple[int, int]]:
    linking = reference_linking(units, max_df)
    return [(j, i) for j in range(len(units)) for i in range(j) if len(units[i].keys & units[j].keys & linking) >= min_shared]


def reference_matches(check, units) -> dict:
    """The per-unit search: every earlier unit, in order, the best score kept (the first of equals)."""
    found = {}
    for j, i in reference_candidates(units, check.max_df, check.min_shared):
        later, earlier = units[j], units[i]
        common = len(earlier.stems & later.stems)
        if earlier.end > later.start or common < check.min_shared or common < check.min_overlap * min(len(earlier.stems), len(later.stems)):
            continue
        score = check.similarity(earlier.text, later.text)
        if score >= check.threshold and (j not in found or score > found[j][1]):
            found[j] = (i, score, common)
    return found


@pytest.mark.parametrize("max_df, min_shared", [(10, 3), (2, 1), (3, 2), (1000, 4)])
def test_linking_keys_and_candidate_pairs_match_all_pairs(max_df, min_shared):
    check = load_check()
    check.max_df, check.min_shared = max_df, min_shared
    seen_pairs = 0
    for text in texts():
        for units in check._units(Document(text)):
            assert check._linking(units) == reference_linking(units, max_df)
            expected = reference_candidates(units, max_df, min_shared)
            assert check._candidates(units) == expected
            seen_pairs += len(expected)
    assert seen_pairs > 50


def test_matches_are_those_of_a_search_over_every_earlier_unit():
    check = load_check()
    found = 0
    for text in texts():
        memo: dict = {}
        for units in check._units(Document(text)):
            expected = reference_matches(check, units)
            got = check._matches(units, memo)
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
        warm._tokens(text)
    small = load_check()
    monkeypatch.setattr(duplicate, "_STEM_TABLE_SIZE", 50)  # emptied again and again
    largest = 0  # most distinct words of one text: the table holds at least those
    for text in all_texts + ["x's x'' x''s x's' 's ' ’S ΣΑΣ’ Straße's İstanbul 3.5 1,000"]:
        fresh = load_check()._tokens(text)
        assert warm._tokens(text) == fresh
        assert small._tokens(text) == fresh
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
