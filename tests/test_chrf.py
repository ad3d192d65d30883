"""tqcheck.chrf reproduces sacrebleu's sentence chrF exactly, on real MT output."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics import CHRF

from tqcheck.chrf import char_ngrams, chrf

DATA = Path(__file__).parent / "data" / "scoring"


def pairs():
    hyps = (DATA / "hyp.txt").read_text(encoding="utf-8").splitlines()
    refs = (DATA / "ref.txt").read_text(encoding="utf-8").splitlines()
    return list(zip(hyps, refs))


def test_matches_sacrebleu_sentence_chrf_on_real_pairs():
    metric = CHRF()
    checked = 0
    for hyp, ref in pairs():
        ours = chrf(char_ngrams(hyp), char_ngrams(ref))
        assert ours == pytest.approx(metric.sentence_score(hyp, [ref]).score, abs=1e-9), (hyp, ref)
        checked += 1
    assert checked >= 300


@pytest.mark.parametrize("hyp, ref", [("", "a b c"), ("abc", ""), ("", ""), ("a", "a"), ("x y", "  "), ("Ab", "ab")])
def test_edge_cases_match_sacrebleu(hyp, ref):
    assert chrf(char_ngrams(hyp), char_ngrams(ref)) == pytest.approx(CHRF().sentence_score(hyp, [ref]).score, abs=1e-9)


def test_chrf_both_stops_early_only_below_the_threshold():
    """The bounds chrf_both stops at (the lengths alone, then each order's matches) never
    turn a pair that reaches the threshold away, and stop a clearly shorter passage at once."""
    from tqcheck.chrf import Passage, chrf_both

    metric = CHRF()
    lines = [hyp for hyp, _ref in pairs()][:150]
    cases = [(a, b) for a, b in zip(lines, lines[1:])] + [(a, a[: len(a) // k]) for a in lines[:60] for k in (1, 2, 3)]
    for a, b in cases:
        exact = min(metric.sentence_score(b, [a]).score, metric.sentence_score(a, [b]).score)
        for threshold in (20.0, 56.0, 90.0):
            got = chrf_both(Passage(a), Passage(b), threshold)
            if exact >= threshold:
                assert got == pytest.approx(exact, abs=1e-9), (a, b, threshold)
            else:
                assert got < threshold, (a, b, threshold)
    short = Passage("a b c d e")
    long = Passage("a b c d e " * 4)
    assert chrf_both(short, long, 56.0) < 56.0 and not short.counted and not long.counted
