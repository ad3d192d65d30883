"""The fast paths of the name, capitalisation, consistency and repetition checks give exactly
what the plain computation gives.

As in test_speed_equivalence.py, the straightforward version of each optimised piece is kept
here as the reference, and both run on real articles, generated ones and random strings built
to hit the edges (articles before names, apostrophes, hyphens, bullets, quotes, marks).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import bench_corpus, generated_articles
import regex

from tqcheck.document import _BULLET, _LINE_STARTS, SENTENCE_OPENERS, Document
from tqcheck.document import LATIN_ALPHABET
from tqcheck.names import (
    _CLASSES,
    _FAST_CHARS,
    ARTICLE,
    NameToken,
    _fast_class,
    _in_fast_chars,
    _name_tokens,
    _token_pattern,
    name_tokens,
    translit_key,
)
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule, read_tsv
from tqcheck.checks.capitalization import (
    _NEXT_WORD, _NOT_AFTER_NAME, _NOT_BEFORE_NAME, _PREV_WORD, _PREV_WORD_AND_COMMA, _PREV_WORD_AND_OF, _is_title,
)
from tqcheck.checks.variants import _near_pairs, _one_person, _quoted_alone, _two_people

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))


def _generated() -> list[str]:
    """Articles from the benchmark's generator (names, planted variants and capitals)."""
    return generated_articles(12, 401) + [bench_corpus().long_article(3, seed=7)]


PIECES = [
    "Al-", "al-", "El-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "Ash-", "at-", "ath-", "az-", "al‐", "al‑", "Aal-",
    "Hassan", "Hasan", "Hussein", "Sadr", "sadr", "Samir", "Samer", "Geagea", "Çavuşoğlu", "Cavusoglu", "Salamé",
    "Salameh", "O'Neil", "Qur'an", "Abuʼl", "Saʿid", "’s", "'s", "McDonald", "MacArthur", "Al", "As", "At", "Ash",
    "The", "the", "Of", "And", "A", "Z", "An", "In", "This", "Last", "Hague", "Times", "New", "York", "Gone", "With",
    "newspaper", "said", "met", "vote", "@", "#", "/", ".", "_", "3", "٣", "x", "e\u0301", "\u0301", "\u200d",
    " ", " ", " ", "  ", "\t", "\u00a0", "\n", "\n\n", ". ", "? ", ": ", "; ", ", ", "(", ") ", ")", '"', "“", "”",
    "‘", "’", "'", "-", "- ", "* ", "• ", "1. ", "a) ", "+ ", "‣ ", "◦ ", "— ", "\u3000", "\u2009", "\u2029", "\x85",
]


def random_texts(n: int, seed: int, pieces: list[str] = PIECES) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) + rng.choice(("", "", " ")) for _ in range(rng.randint(0, 60))) for _ in range(n)]


HEADED = [
    "Talks Resume After Hassan And Hasan Meet\n\nHassan met Hasan in Beirut. Later, Hasan said no.",
    "# Al-Sadr Returns To Baghdad\n\nMoqtada al-Sadr spoke. Al-Sadr's aide, Samir Geagea, met Samer Geagea.",
    "Minister visits\n\nThe minister in The Hague met Samir Geagea; Samer Geagea left. \u00a0Hassan.",
]
# Only characters of LATIN_ALPHABET, with its letters that are neither plain lower nor upper
# case (ǅ is title case, ƻ has no case, ª ß µ ı ĸ ŉ are lower case without an upper), and
# general punctuation. Such texts take the stdlib fast paths, but for names those without
# Latin Extended letters (Ş, ǅ): the second set of random texts.
LATIN_PIECES = [p for p in PIECES if regex.fullmatch(f"[{LATIN_ALPHABET}]*", p)] + [
    "Şahin", "şahin", "İzmir", "ǅemal", "ǅ", "Ǆ", "ƻ", "ı", "ĸ", "ŉ", "Ŀ", "ŀ", "Ÿ", "ɏ", "Ɏ", "Āl-", "Ål-",
    "ª", "º", "ß", "µ", "ÿ", "Þór", "Ærø", "Øst", "×", "÷", "Èl-", "Ëssa", "Él-Zé", "«", "»", "\u00ad",
    "\u2054", "\u200c", "\u2028", "\u2010", "\u2011", "\u2019s", "\u20ac", "\u060c", "\u0663", "\r", "\f",
    "\u2009", "\u202f", "\u2003", "\x0b",
]
TEXTS = (
    [p.read_text(encoding="utf-8") for p in ARTICLES] + _generated() + HEADED + random_texts(400, seed=11)
    + random_texts(300, seed=15, pieces=LATIN_PIECES)
    + random_texts(300, seed=16, pieces=[p for p in LATIN_PIECES if not regex.search("[\u0100-\u024f]", p)])
)


def test_the_inputs_reach_the_fast_paths_and_the_fallbacks():
    assert sum("‘" not in t for t in TEXTS) > 300 and sum("‘" in t for t in TEXTS) > 20
    fast = [_in_fast_chars(Document(t)) for t in TEXTS]
    assert sum(fast) > 300 and fast.count(False) > 300
    assert sum(bool(regex.search(ARTICLE + r"\p{Lu}", t)) for t in TEXTS) > 50


# --- name tokens --------------------------------------------------------------------------

# The name pattern as names.py had it before it was anchored at a capital and split by article
# length: each name's article is read behind it. (In a chain such as "al-Ash-Sahin" it finds
# Ash and Sahin; a scan with the article in front of the name would stop at Ash.)
_NAME = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’ʼʿ]\p{Ll}+)?(?:\p{Lu}[\p{Ll}\p{M}]+)?(?![\p{L}\p{M}\d@])"
_NOT_AFTER = r"(?<![\p{L}\p{M}\d@#/.'’_-])"
REFERENCE_TOKEN = regex.compile(
    rf"(?:(?<={_NOT_AFTER}(?P<article>{ARTICLE}))|{_NOT_AFTER}(?!{ARTICLE}{_NAME}))(?P<name>{_NAME})"
)


def reference_tokens(doc: Document) -> list[NameToken]:
    tokens = []
    for m in REFERENCE_TOKEN.finditer(doc.text):
        start = m.start("name")
        if doc.in_title_case_heading(start):
            continue
        article, text = m.group("article", "name")
        text = regex.sub(r"['’]s$", "", text)
        initial = article is None and doc.starts_sentence(start)
        tokens.append(NameToken(start, start + len(text), text, article or "", initial, translit_key(text)))
    return tokens


def test_the_fast_classes_hold_what_the_property_classes_hold_on_their_characters():
    every = "".join(map(chr, range(0x30000)))
    assert _FAST_CHARS == "".join(regex.findall(f"(?![\u0100-\u024f])[{LATIN_ALPHABET}]", every))
    for chars in _CLASSES.values():
        fast, full = re.compile(_fast_class(chars)), regex.compile(chars)
        assert [bool(fast.fullmatch(c)) for c in _FAST_CHARS] == [bool(full.fullmatch(c)) for c in _FAST_CHARS]
    for text in TEXTS:
        assert _in_fast_chars(Document(text)) == bool(regex.fullmatch(f"[{regex.escape(_FAST_CHARS)}]*", text))


@pytest.mark.parametrize("text", TEXTS)
def test_the_split_patterns_find_the_names_and_articles_of_the_reference_pattern(text):
    expected = [(m.start("name"), m.group("article"), m.group("name")) for m in REFERENCE_TOKEN.finditer(text)]
    patterns = [_token_pattern(False), _token_pattern(True)] if _in_fast_chars(Document(text)) else [_token_pattern(False)]
    for pattern in patterns:
        found = [(m.start(), m.group("article3") or m.group("article4"), m.group()) for m in pattern.finditer(text)]
        assert found == expected
        assert all(m.span() == m.span("name") for m in pattern.finditer(text))  # split() relies on it
        assert pattern.groups == 4  # _name_tokens reads the split with this stride


@pytest.mark.parametrize("text", TEXTS)
def test_mid_sentence_names_are_those_the_sentence_test_rejects_from_two_characters(text):
    doc = Document(text)
    for m in _token_pattern(False).finditer(text):
        if m.group("mid_sentence") is not None:
            assert not reference_starts_sentence(doc, m.start())


@pytest.mark.parametrize("text", TEXTS)
def test_name_tokens_match_a_match_by_match_computation(text):
    assert _name_tokens(Document(text)) == reference_tokens(Document(text))


@pytest.mark.parametrize("text", TEXTS[:40] + random_texts(60, seed=12))
def test_the_sentence_start_shortcut_agrees_with_the_full_test_everywhere(text):
    doc = Document(text)
    assert [doc.starts_sentence(i) for i in range(len(text))] == [reference_starts_sentence(doc, i) for i in range(len(text))]


def reference_starts_sentence(doc: Document, offset: int) -> bool:
    """Document.starts_sentence without its two-character shortcut."""
    prev = doc.previous_char(offset)
    if prev in SENTENCE_OPENERS or (prev == "-" and doc.after_hyphen_dash(offset)):
        return True
    if prev in ")]":
        close = doc.text.rfind(prev, 0, offset)
        open_ = doc.text.rfind("(" if prev == ")" else "[", 0, close)
        return open_ >= 0 and "\n" not in doc.text[open_:close] and reference_starts_sentence(doc, open_)
    if doc.text[offset - 1] not in " \t":
        return False
    line_start = max(doc.text.rfind(c, 0, offset) for c in _LINE_STARTS) + 1
    return bool(_BULLET.fullmatch(doc.text, line_start, offset))


# --- variants -----------------------------------------------------------------------------


def reference_near_pairs(keys: list[str]) -> list[tuple[str, str]]:
    """Every pair of keys compared letter by letter: one vowel (or y) or one g/k apart, a final
    -e dropped after a consonant, a vowel between consonants dropped."""
    def swapped(a, b):
        diffs = [(x, y) for x, y in zip(a, b) if x != y]
        vowels = len(diffs) == 1 and set(diffs[0]) <= set("aeiouyw")
        qaf = len(diffs) == 1 and set(diffs[0]) <= set("gk") and a[0] == b[0]
        return len(a) == len(b) and (vowels or qaf)

    def dropped(longer, shorter):
        if len(longer) != len(shorter) + 1:
            return False
        if longer[:-1] == shorter and longer[-1] == "e" and len(longer) > 2 and longer[-2] not in "aeiou":
            return True
        return any(
            longer[:i] + longer[i + 1 :] == shorter and longer[i] in "aeiou" and longer[i - 1] not in "aeiou" and longer[i + 1] not in "aeiou"
            for i in range(1, len(longer) - 1)
        )

    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :] if swapped(a, b) or dropped(a, b) or dropped(b, a)]


def as_set(pairs):
    return {frozenset(p) for p in pairs}


def test_near_pairs_are_those_a_comparison_of_every_pair_finds():
    rng = random.Random(5)
    for _ in range(300):
        keys = list(dict.fromkeys("".join(rng.choice("aeioubkdg_ye") for _ in range(rng.randint(1, 6))) for _ in range(40)))
        assert as_set(_near_pairs(keys)) == as_set(reference_near_pairs(keys))
    keys = list(dict.fromkeys(t.key for text in TEXTS for t in _name_tokens(Document(text))))
    assert as_set(_near_pairs(keys)) == as_set(reference_near_pairs(keys)) != set()


def findings(check, texts):
    return [[f.to_dict() for f in check.run(Document(text))] for text in texts]


# Names one vowel apart around shared neighbours, so that vowel evidence merges chains of keys.
VOWEL_PIECES = ["Samir", "Samer", "Samar", "Sumer", "Geagea", "Gaegea", "Hassan", "Hasan", "Hussein", "Husayn",
                "Nasrallah", "Nasrullah", "Nasrallih", "Karim", "Kareem", "Karam", "said", "and", ".", ","]
_rng = random.Random(14)
VOWEL_TEXTS = [" ".join(_rng.choices(VOWEL_PIECES, k=_rng.randint(0, 60))) for _ in range(300)]


def reference_clusters(check, text, tokens, around):
    """Clusters of ``tokens`` by key, keys merged by the neighbours among ``around`` (every token)."""
    by_key = defaultdict(list)
    for t in tokens:
        by_key[t.key].append(t)
    parent = {k: k for k in by_key}

    def root(k):
        while parent[k] != k:
            k = parent[k]
        return k

    neighbours = check._neighbours(text, around)
    pairs = reference_near_pairs(list(by_key)) if check.vowel_evidence else []
    for a, b in pairs:
        if _one_person(neighbours[a], neighbours[b]):
            parent[root(b)] = root(a)
    merged = defaultdict(list)
    for k in by_key:
        merged[root(k)].extend(by_key[k])
    return [sorted(c, key=lambda t: t.start) for c in merged.values() if len({t.text for t in c}) > 1]


@pytest.mark.parametrize("vowel_evidence", [True, False])
def test_variants_find_what_the_original_clustering_finds(vowel_evidence):
    check = load_rule(DEFAULT_RULES_DIR / "name-variants.yml")
    check.vowel_evidence = vowel_evidence
    texts = TEXTS + VOWEL_TEXTS
    expected = findings(check, texts)
    check._clusters = lambda text, tokens, around: reference_clusters(check, text, tokens, around)
    assert expected == findings(check, texts)
    assert sum(map(bool, expected)) > 50
    if vowel_evidence:  # chains: clusters of three keys or more, merged one vowel at a time
        clusters = [c for text in VOWEL_TEXTS for c in check._clusters(text, *[name_tokens(Document(text))] * 2)]
        assert sum(len({t.key for t in c}) > 2 for c in clusters) > 10


def reference_variants_run(check, doc):
    """The check as it was: every token filtered, then clustered."""
    every = tokens = name_tokens(doc)
    name_keys = {t.key for t in tokens if not t.sentence_initial}
    followed = {a.start for a, b in zip(tokens, tokens[1:]) if b.start - len(b.article) - a.end == 1}
    tokens = [t for t in tokens if (t.key in name_keys or t.start in followed) and len(t.key) >= check.min_length]
    for cluster in reference_clusters(check, doc.text, tokens, every):
        if not _two_people(doc.text, every, cluster, check._merged_keys(doc.text, tokens, every)):
            cluster = [t for t in cluster if not _quoted_alone(doc.text, t)]
            if len({t.text for t in cluster}) > 1:
                yield from check._report(doc, cluster)


@pytest.mark.parametrize("vowel_evidence", [True, False])
def test_variants_look_only_at_keys_that_may_vary_and_find_what_all_tokens_give(vowel_evidence):
    check = load_rule(DEFAULT_RULES_DIR / "name-variants.yml")
    check.vowel_evidence = vowel_evidence
    texts = TEXTS + VOWEL_TEXTS + mixed_texts(200, seed=19)
    expected = [[f.to_dict() for f in reference_variants_run(check, Document(t))] for t in texts]
    assert findings(check, texts) == expected
    assert sum(map(bool, expected)) > 50
    for text in texts:  # everything is looked at exactly where long keys may be merged
        tokens = name_tokens(Document(text))
        keys = [k for k in dict.fromkeys(t.key for t in tokens) if len(k) >= check.min_length]
        merged = vowel_evidence and bool(reference_near_pairs(keys))
        assert isinstance(check._may_vary(tokens), range) == merged
    looked_at = [len(check._may_vary(name_tokens(Document(t)))) for t in texts]
    everything = [len(name_tokens(Document(t))) for t in texts]
    assert sum(a == 0 < b for a, b in zip(looked_at, everything)) > 100
    assert sum(0 < a < b for a, b in zip(looked_at, everything)) > 20


# --- capitalisation -----------------------------------------------------------------------

CAPITAL_PIECES = PIECES + ["x-The", "The-x", "The-", "The’s", "The's", "_The", "The_", "Thé", "The\u0301", "3The", "The3",
                           "The‘x", "x‘The", "The\u200d", "the", "Through", "Whereas", "Last", "Which", "Of Course",
                           "The Hague", "The New York Times", "A to Z", "The Times of Israel", "The\nHague"]
CAPITAL_TEXTS = TEXTS + random_texts(300, seed=13, pieces=CAPITAL_PIECES)


def reference_capitalization_run(check, doc):
    """The check as it was: every name span found first, then each match tested."""
    text = doc.text
    name_spans = list(check.names.finditer(text, _NOT_BEFORE_NAME, _NOT_AFTER_NAME))
    for m in check.pattern.finditer(text):
        start, end = m.span()
        word = m.group()
        if doc.starts_sentence(start) or doc.in_title_case_heading(start):
            continue
        if any(a <= start < b for a, b in name_spans):
            continue
        nxt = _NEXT_WORD.match(text, end)
        if not nxt:
            continue
        prev = _PREV_WORD.search(text, max(0, start - 60), start)
        prev_word = prev.group(1) if prev else ""
        if prev_word.casefold() in check.classifiers or check._after_noun_and(_PREV_WORD_AND_COMMA, check.classifiers, text, start):
            continue
        if _is_title(nxt.group(1)) and check._after_noun_and(_PREV_WORD_AND_OF, check.part_nouns, text, start):
            continue
        if _is_title(nxt.group(1)) and (_is_title(prev_word) or len(word) == 1) and not check._small_word_in_run(text, start, word):
            continue
        if len(word) == 1 and not prev_word:
            continue
        if check._in_title(doc, start, end, prev, nxt) or check._names_a_title(text, nxt):
            continue
        yield check.replacement(doc, start, end, word.lower(), safe=not _is_title(nxt.group(1)))


@pytest.fixture(scope="module")
def capitals():
    return load_rule(DEFAULT_RULES_DIR / "function-word-capitals.yml")


def test_the_candidates_hold_every_match_that_may_be_mid_sentence(capitals):
    assert capitals.candidates is not None
    skipped = 0
    for text in CAPITAL_TEXTS:
        doc = Document(text)
        every = [m.span() for m in capitals.pattern.finditer(text)]
        tried = list(capitals._matches(doc))
        assert set(tried) <= set(every) and tried == sorted(tried)
        assert {(a, b) for a, b in every if not doc.starts_sentence(a)} <= set(tried), text
        skipped += len(every) - len(tried)
    assert skipped > 300


def copied_capitals_rule() -> str:
    """TQ201's rule file, to be written elsewhere: its data path made absolute."""
    rule = (DEFAULT_RULES_DIR / "function-word-capitals.yml").read_text(encoding="utf-8")
    return rule.replace("gazetteer: data/", f"gazetteer: {DEFAULT_RULES_DIR / 'data'}/")


def test_watched_words_of_several_words_are_found_from_candidates(tmp_path):
    rule = copied_capitals_rule()
    path = tmp_path / "capitals.yml"
    path.write_text(rule.replace("tokens: [", "tokens: [so that, well-known, a.m., of the, "), encoding="utf-8")
    check = load_rule(path)
    assert check.candidates is not None
    texts = CAPITAL_TEXTS[:100] + ["he said So that was it, a Well-known case", "at 9 A.m. Of the two, So That"]
    for text in texts:
        doc = Document(text)
        every = [m.span() for m in check.pattern.finditer(text)]
        assert {(a, b) for a, b in every if not doc.starts_sentence(a)} <= set(check._matches(doc)) <= set(every)
    assert findings(check, texts) == [[f.to_dict() for f in reference_capitalization_run(check, Document(t))] for t in texts]


def test_names_are_found_around_a_word_as_in_the_whole_text(tmp_path):
    """Names holding the characters that bound the scanned stretch, overlapping names, names
    across line breaks and next to word characters."""
    rule = copied_capitals_rule()
    path = tmp_path / "capitals.yml"
    extra = '"The U.S. Army", "The Hague, Netherlands", "Of The", "The Of", "In (The) Hague", "The Hague Of", '
    path.write_text(rule.replace("names: [", "names: [" + extra), encoding="utf-8")
    check = load_rule(path)
    assert {".", ",", "(", ")"}.isdisjoint(check.name_bounds) and check.name_bounds
    pieces = CAPITAL_PIECES + ["The U.S. Army", "U.S.", "Army", "Netherlands", "Hague,", "In (The) Hague", "Of The Of"]
    texts = CAPITAL_TEXTS[:200] + random_texts(300, seed=21, pieces=pieces)
    expected = [[f.to_dict() for f in reference_capitalization_run(check, Document(t))] for t in texts]
    assert findings(check, texts) == expected
    assert sum(map(bool, expected)) > 20


def test_watched_words_without_a_capital_are_found_by_the_full_scan(tmp_path):
    rule = copied_capitals_rule()
    path = tmp_path / "capitals.yml"
    path.write_text(rule.replace("tokens: [", "tokens: [1st, "), encoding="utf-8")
    check = load_rule(path)
    assert check.candidates is None
    texts = CAPITAL_TEXTS[:100] + ["the 1st Of May"]
    assert findings(check, texts) == [[f.to_dict() for f in reference_capitalization_run(check, Document(t))] for t in texts]


def test_capitalisation_findings_match_the_eager_name_search(capitals):
    expected = [[f.to_dict() for f in reference_capitalization_run(capitals, Document(t))] for t in CAPITAL_TEXTS]
    assert findings(capitals, CAPITAL_TEXTS) == expected
    assert sum(map(bool, expected)) > 20


# --- house-style consistency --------------------------------------------------------------


def mixed_texts(n: int, seed: int) -> list[str]:
    """Sentences naming members of the listed sets, often two of one set, in various cases."""
    rows = [[preferred, *(v.strip() for v in variants.split("|"))] for preferred, variants, _ in
            read_tsv(DEFAULT_RULES_DIR / "data" / "name-variants.tsv")]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(1, 6)):
            member = rng.choice(rng.choice(rows) if rng.random() < 0.5 else rows[rng.randrange(3)])
            member = rng.choice((member, member.upper(), member.lower(), member.title()))
            words += [rng.choice(("The", "said", "in", "of", "met", ".", ",")), member, rng.choice(("’s", "", "-based", ""))]
        texts.append(" ".join(words))
    return texts


def test_consistency_skips_only_articles_that_cannot_mix_spellings():
    check = load_rule(DEFAULT_RULES_DIR / "house-style-variants.yml")
    texts = TEXTS + mixed_texts(400, seed=17)
    found = findings(check, texts)
    check._may_mix = lambda doc: True
    expected = findings(check, texts)
    assert found == expected
    assert sum(map(bool, expected)) > 50
