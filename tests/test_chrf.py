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
