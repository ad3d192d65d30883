"""Sentence-level chrF exactly as sacrebleu computes it (CHRF() defaults: character n-grams of
orders 1-6, whitespace removed, beta 2), without importing sacrebleu.

The near-duplicate check compares many passages: importing sacrebleu costs about 0.1 s at
start-up, and here each passage's n-grams are counted once instead of once per comparison.
A test asserts equality with sacrebleu's own sentence_score.
"""

from __future__ import annotations

from collections import Counter

ORDER = 6
BETA = 2
_EPS = 1e-16


def char_ngrams(text: str, order: int = ORDER) -> tuple[Counter, ...]:
    line = "".join(text.split())
    return tuple(Counter(line[i : i + n] for i in range(len(line) - n + 1)) for n in range(1, order + 1))


def chrf(hyp: tuple[Counter, ...], ref: tuple[Counter, ...], beta: float = BETA) -> float:
    """chrF (0-100) of a hypothesis against one reference, from their ``char_ngrams``."""
    factor = beta**2
    avg_prec = avg_rec = 0.0
    effective = 0
    for hyp_ngrams, ref_ngrams in zip(hyp, ref):
        n_ref = sum(ref_ngrams.values())
        n_hyp = sum(hyp_ngrams.values()) if ref_ngrams else 0
        if n_hyp == 0 or n_ref == 0:
            continue
        match = sum(min(count, ref_ngrams[g]) for g, count in hyp_ngrams.items() if g in ref_ngrams)
        avg_prec += match / n_hyp
        avg_rec += match / n_ref
        effective += 1
    if effective == 0:
        return 0.0
    avg_prec /= effective
    avg_rec /= effective
    if not avg_prec + avg_rec:
        return 0.0
    return 100 * (1 + factor) * avg_prec * avg_rec / (factor * avg_prec + avg_rec)
