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
# Bounds are compared with the threshold less this much, far above float rounding (~1e-13).
_MARGIN = 1e-6


def _counts(line: str, n: int) -> Counter:
    return Counter([line[i : i + n] for i in range(len(line) - n + 1)])


def char_ngrams(text: str, order: int = ORDER) -> tuple[Counter, ...]:
    line = "".join(text.split())
    return tuple(_counts(line, n) for n in range(1, order + 1))


def _matches(a: Counter, b: Counter) -> int:
    """n-grams the two passages share, each counted as often as the rarer side has it."""
    common = a.keys() & b.keys()
    return sum(map(min, map(a.__getitem__, common), map(b.__getitem__, common)))


def _fscore(prec_sum: float, rec_sum: float, effective: int, beta: float) -> float:
    """chrF from precisions and recalls summed over the ``effective`` orders."""
    if effective == 0:
        return 0.0
    avg_prec = prec_sum / effective
    avg_rec = rec_sum / effective
    if not avg_prec + avg_rec:
        return 0.0
    factor = beta**2
    return 100 * (1 + factor) * avg_prec * avg_rec / (factor * avg_prec + avg_rec)


def chrf(hyp: tuple[Counter, ...], ref: tuple[Counter, ...], beta: float = BETA) -> float:
    """chrF (0-100) of a hypothesis against one reference, from their ``char_ngrams``."""
    prec_sum = rec_sum = 0.0
    effective = 0
    for hyp_ngrams, ref_ngrams in zip(hyp, ref):
        n_ref = sum(ref_ngrams.values())
        n_hyp = sum(hyp_ngrams.values()) if ref_ngrams else 0
        if n_hyp == 0 or n_ref == 0:
            continue
        match = _matches(hyp_ngrams, ref_ngrams)
        prec_sum += match / n_hyp
        rec_sum += match / n_ref
        effective += 1
    return _fscore(prec_sum, rec_sum, effective, beta)


class Passage:
    """A passage's character n-grams, counted one order at a time when a comparison needs them.

    An n-gram is kept as a tuple of characters (a single character for n = 1): zipping shifted
    copies of the line builds them in C, faster than slicing one string per position, and two
    tuples are equal exactly when the strings they spell are."""

    def __init__(self, text: str) -> None:
        self.line = "".join(text.split())
        self.counted: dict[int, Counter] = {}  # order -> n-grams

    def ngrams(self, n: int) -> Counter:
        if n not in self.counted:
            line = self.line
            self.counted[n] = Counter(zip(*[line[i:] for i in range(n)]) if n > 1 else line)
        return self.counted[n]


# The order in which chrf_both counts the orders. Matches never grow with the order (each n-gram
# match holds an (n-1)-gram match), so order 3 alone bounds orders 4-6 too: unrelated passages
# mostly fall below a threshold there, before orders 1 and 2, which all passages share, are counted.
_COUNTING_ORDER = (3, 2, 1, *range(4, ORDER + 1))


def chrf_both(a: Passage, b: Passage, threshold: float = 0.0, beta: float = BETA) -> float:
    """The lower of chrF(b against a) and chrF(a against b), exactly as ``chrf`` computes them,
    when it reaches ``threshold``; otherwise some value below ``threshold``.

    Matches are symmetric, so both directions come from one count per order. Before each order
    is counted, the best reachable score is known from the matches counted so far and the
    lengths; once it is below ``threshold`` the remaining orders are not counted. Before the
    first order only the lengths bound it: a passage under half as long as the other never
    reaches a usual threshold, and is not counted at all."""
    effective = min(ORDER, len(a.line), len(b.line))  # the orders both passages have
    matches: dict[int, int] = {}  # order -> n-grams both passages have
    for n in _COUNTING_ORDER:
        if n > effective:
            continue
        if threshold:
            bound = _best_reachable(len(a.line), len(b.line), matches, effective, beta)
            if bound < threshold - _MARGIN:
                return bound
        matches[n] = _matches(a.ngrams(n), b.ngrams(n))
    sum_a = sum_b = 0.0  # match / n-grams of a (recall of b), match / n-grams of b (its precision)
    for n in range(1, effective + 1):
        sum_a += matches[n] / (len(a.line) - n + 1)
        sum_b += matches[n] / (len(b.line) - n + 1)
    first = _fscore(sum_b, sum_a, effective, beta)
    if first < threshold:
        return first
    return min(first, _fscore(sum_a, sum_b, effective, beta))


def _best_reachable(len_a: int, len_b: int, matches: dict[int, int], effective: int, beta: float) -> float:
    """The highest chrF (the lower direction) reachable by passages of these lengths once
    ``matches`` are known for some orders: an order not counted yet matches at most as many
    n-grams as the counted order below it and as either passage has."""
    sum_a = sum_b = 0.0
    most = max(len_a, len_b)
    for k in range(1, effective + 1):
        na, nb = len_a - k + 1, len_b - k + 1
        if k in matches:
            most = matches[k]
        else:
            most = min(most, na, nb)
        sum_a += most / na
        sum_b += most / nb
    return min(_fscore(sum_b, sum_a, effective, beta), _fscore(sum_a, sum_b, effective, beta))
