"""Time the structure and language checks (TQ7xx, TQ8xx) on a long synthetic article.

    .venv/bin/python benchmarks/bench_structure.py [SENTENCES] [--repeat N]

The article is generated and deterministic: sentences of pseudo-words drawn with a Zipf
spread from a 20,000-word vocabulary, mixed with English function words, grouped into
paragraphs, with one passage in 200 repeated in other words (the second translation of a quote:
a quarter of the words changed, a clause moved) so the duplicate detector has work to do. Not part of the
test run; prints one line per rule with its findings and seconds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tqcheck.document import Document  # noqa: E402
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule  # noqa: E402

FUNCTION = ("the of and to in a that for on with as by at from was said is has have were will its "
            "their this which after over but not also who been an are had would".split())
SYLLABLES = "ba ka ta ri mo su de la ni ro pe zu fa ho gi te vo na mi sa lu ke do ra".split()


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    words = sorted(words)
    rng.shuffle(words)  # frequency must not follow spelling
    return words


def zipf_weights(size: int) -> list[float]:
    """Cumulative weights 1/(rank + 10): the top ranks belong to the function words."""
    total, out = 0.0, []
    for rank in range(1, size + 1):
        total += 1.0 / (rank + 10)
        out.append(total)
    return out


def sentence(rng: random.Random, vocab: list[str], weights: list[float]) -> str:
    """12-30 words, about four in ten function words, content words Zipf-distributed."""
    words = []
    for _ in range(rng.randint(12, 30)):
        if rng.random() < 0.4:
            words.append(rng.choice(FUNCTION))
        else:
            words.append(rng.choices(vocab, cum_weights=weights)[0])
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = str(rng.randint(2, 2024))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paraphrase(rng: random.Random, text: str, vocab: list[str]) -> str:
    """The same passage "translated again": a quarter of the words replaced, a clause moved."""
    words = text.rstrip(".").split()
    for i in range(len(words)):
        if rng.random() < 0.25:
            words[i] = rng.choice(FUNCTION) if rng.random() < 0.4 else rng.choice(vocab)
    cut = len(words) // 2
    words = words[cut:] + words[:cut]
    return words[0].capitalize() + " " + " ".join(w.lower() for w in words[1:]) + "."


def article(n: int, seed: int = 7) -> tuple[str, int]:
    """(text, number of repeated passages planted)."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = zipf_weights(len(vocab))
    sentences = [sentence(rng, vocab, weights) for _ in range(n)]
    planted = max(1, n // 200)  # one repeated passage per 200 sentences
    for _ in range(planted):
        src = rng.randrange(0, n - 10)
        dst = rng.randrange(src + 5, n)
        sentences[dst] = paraphrase(rng, sentences[src], vocab)
    paragraphs, i = [], 0
    while i < n:
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    return "\n\n".join(paragraphs) + "\n", planted


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sentences", nargs="?", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text, planted = article(args.sentences)
    names = ["leaked-caption", "tweet-attribution", "embed-link", "social-handle", "translated-twice",
             "foreign-script", "untranslated"]
    checks = [load_rule(DEFAULT_RULES_DIR / f"{name}.yml") for name in names]
    print(f"{args.sentences} sentences ({len(Document(text).sentences)} found), {len(text)} characters, "
          f"{planted} passages repeated in other words")
    for check in checks:
        best = None
        for _ in range(args.repeat):
            doc = Document(text)  # fresh caches each time
            t0 = time.perf_counter()
            findings = list(check.run(doc))
            elapsed = time.perf_counter() - t0
            best = elapsed if best is None else min(best, elapsed)
        print(f"{check.rule.code} {check.rule.name:20} {len(findings):5} findings  {best:.3f}s (best of {args.repeat})")


if __name__ == "__main__":
    main()
