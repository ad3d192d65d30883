"""The document's word columns, and the checks that read them instead of ``Document.words``, give
exactly what the (start, end, text) rows give.

``Document.words`` made a tuple and two offsets per word, which every article paid for (and paid
again to free) though checks ask where only a few words are. The checks now read the word texts
and gaps and ask ``word_starts_at`` for the offsets they need: each test here compares that with
the rows (themselves checked against one ``WORD`` match per word in test_speed_words.py) and with
the previous row-based code of the checks, kept here as the reference.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import bench_corpus, generated_articles

from tqcheck.checks.phrases import PhraseTable, phrase_key
from tqcheck.document import Document
from tqcheck.engine import Settings, resolve_checks

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))]


def _generated() -> list[str]:
    return generated_articles(12, 21) + [bench_corpus().long_article(2)]


# Doubles and echoes, phrases split by punctuation or only by spaces, possessives, case variants,
# and words of other scripts (the split without the fast path).
PIECES = ["the", "The", "THE", "the the", "that that", "in March last March", "October 2019 last October",
          "Prime Minister", "prime minister", "President", "Minister's", "al-Maliki", "Qur'an", "’s", "'s",
          "Straße", "STRASSE", "İstanbul", "Москва", "3.5", "1,000", "U.S.", "(ISIS)", "ISIS", "talks", "Talks",
          " ", "  ", "\t", "\n", "\n\n", "\u00a0", ",", ".", ", ", ". ", "-", "—", "(", ")", "\"", "“", "”"]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(("", " ", " ")) for _ in range(rng.randint(0, 60))) for _ in range(n)]


TEXTS = ARTICLES + _generated() + random_texts(1500, 22) + [""]


@pytest.fixture(scope="module")
def checks():
    return {c.rule.code: c for c in resolve_checks(Settings())}


def test_the_columns_are_the_rows():
    for text in TEXTS:
        doc = Document(text)
        rows = doc.words
        assert doc.word_texts == [w for _s, _e, w in rows]
        ends = [0] + [e for _s, e, _w in rows]
        starts = [s for s, _e, _w in rows] + [len(text)]
        assert doc.word_gaps == [text[e:s] for e, s in zip(ends, starts)]
        assert doc.word_starts_at(range(len(rows))) == starts[:-1]


def test_offsets_of_words_asked_in_any_order_are_those_of_the_rows():
    rng = random.Random(23)
    for text in TEXTS:
        doc = Document(text)
        starts = [s for s, _e, _w in doc.words]
        if not starts:
            assert doc.word_starts_at([]) == []
            continue
        ascending = sorted(rng.choices(range(len(starts)), k=rng.randint(1, 8)))  # repeats too
        shuffled = rng.sample(ascending, len(ascending))
        for indices in (ascending, shuffled):
            assert doc.word_starts_at(iter(indices)) == [starts[i] for i in indices]


def test_offsets_of_words_in_a_set_are_those_of_the_rows():
    rng = random.Random(24)
    for text in TEXTS:
        doc = Document(text)
        texts = [w for _s, _e, w in doc.words]
        wanted = set(rng.sample(texts, min(3, len(texts)))) | {"President", "Minister", "nowhere"}
        assert doc.starts_of_words(wanted) == [s for s, _e, w in doc.words if w in wanted]


def reference_find(table: PhraseTable, doc: Document) -> list[tuple[int, int, object]]:
    """PhraseTable.find as it read the rows."""
    words = doc.words
    folded = doc.folded_words if table.ignorecase else [w[2] for w in words]
    text = doc.text
    found = []
    i, n = 0, len(words)
    while i < n:
        if folded[i] in table.first:
            for size in range(min(table.longest, n - i), 0, -1):
                j = i + size - 1
                if size > 1 and any(text[words[k][1] : words[k + 1][0]].strip() for k in range(i, j)):
                    continue
                key = " ".join(folded[i : j + 1])
                if key in table.table:
                    found.append((words[i][0], words[j][1], table.table[key]))
                    i = j
                    break
        i += 1
    return found


def random_tables(rng: random.Random) -> list[PhraseTable]:
    """Tables of runs of one to four words of the texts, some sharing first words."""
    words = [w for text in ARTICLES + random_texts(50, 25) for w in Document(text).word_texts]
    tables = []
    for ignorecase in (True, False):
        for _ in range(4):
            phrases = []
            for _ in range(rng.randint(5, 200)):
                at = rng.randrange(len(words) - 4)
                phrases.append(" ".join(words[at : at + rng.randint(1, 4)]))
            tables.append(PhraseTable(((p, p) for p in phrases), ignorecase))
    return tables


def test_phrases_found_from_the_columns_are_those_found_from_the_rows(checks):
    tables = [c.phrases for c in checks.values() if isinstance(getattr(c, "phrases", None), PhraseTable)]
    assert len(tables) >= 2  # the substitution and consistency rules' own tables
    tables += random_tables(random.Random(26))
    found = 0
    for text in TEXTS:
        doc = Document(text)
        for table in tables:
            expected = reference_find(table, doc)
            assert table.find(doc) == expected, text
            found += len(expected)
    assert found > 1000


def test_phrases_never_span_punctuation():
    table = PhraseTable([("prime minister", 1), ("prime", 2)], ignorecase=True)
    doc = Document("Prime, minister. The prime minister said")
    assert phrase_key("Prime  Minister", True) == "prime minister"
    assert table.find(doc) == [(0, 5, 2), (21, 35, 1)]


def reference_candidates(check, doc: Document) -> list[int]:
    """Repetition's candidate starts as they were read from the rows."""
    words, folded = doc.words, doc.folded_words
    n = len(folded)
    if check.detect == "doubled":
        last: dict[str, int] = {}
        hits = []
        for j, w in enumerate(folded):
            i = last.get(w)
            if i is not None and j - i <= check.max_words:
                hits.append(i)
            last[w] = j
        return [words[i][0] for i in sorted(hits)]
    starts = []
    for j in [j for j in range(1, n - 1) if folded[j] in check.joiners]:
        for back in (1, 2):
            if j - back >= 0 and folded[j - back] == folded[j + 1]:
                starts.append(words[j - back][0])
                break
    return starts


def reference_matches(check, doc: Document) -> list[tuple[int, int]]:
    spans = []
    taken = 0
    for start in reference_candidates(check, doc):
        if start < taken:
            continue
        m = check.pattern.match(doc.text, start)
        if m:
            taken = m.end()
            spans.append(m.span())
    return spans


@pytest.mark.parametrize("code", ["TQ101", "TQ102"])
def test_doubles_and_echoes_found_from_the_columns_are_those_found_from_the_rows(checks, code):
    check = checks[code]
    found = 0
    for text in TEXTS:
        doc = Document(text)
        expected = reference_matches(check, doc)
        assert [m.span() for m in check._matches(doc)] == expected, text
        found += len(expected)
    assert found > 100
