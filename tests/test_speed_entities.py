"""The fast paths of the entities check (TQ403) and the titles check (TQ404) give exactly what the
plain computation gives.

The straightforward version of each optimised piece is kept here as the reference, and both run
on real articles, generated ones and random strings built to hit the edges (Arabic articles
before capitals, hyphens, apostrophes, connectors, handles and paths).
"""

from __future__ import annotations

import functools
import os
import random
from pathlib import Path

import pytest
from conftest import generated_articles
import regex

from tqcheck.document import Document
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))]

PIECES = [
    "al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-", "sh-", "xal-", "Al-", "al‐", "-", "- ", "a", "e",
    "Al", "As", "X", "Bank", "World", "Qaeda", "Sham", "Hayat", "Tahrir", "International", "Money", "Fund",
    "Monetary", "Institute", "Ministry", "Iraqi", "Oil", "Electricity", "Washington", "Near", "East", "Policy",
    "of", "for", "the", "and", "&", "de", "la", "The", "Of", " ", "  ", "\t", "\n", ". ", ", ", "1", "@", "#", "/",
    ".", "’", "'", "’s", "é", "Ü", "e\u0301", "\u0301", "ſ", "İ", "ß", "O'Neil",
]


def _generated() -> list[str]:
    """Articles from the benchmark's generator (organisation names, some of them garbled)."""
    return generated_articles(30, 403)


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(("", "", " ")) for _ in range(rng.randint(1, 30))) for _ in range(n)]


@pytest.fixture(scope="module")
def check():
    return load_rule(DEFAULT_RULES_DIR / "garbled-organization.yml")


@pytest.fixture(scope="module")
def texts():
    return ARTICLES + _generated()


def test_spans_are_the_matches_of_the_pattern_that_tries_articles_everywhere(check, texts):
    connectors = "|".join(regex.escape(c) for c in sorted(check.connectors, key=len, reverse=True))
    cap = r"(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*"
    reference = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d@#/.-]){cap}(?:[ \t]+(?:(?:{connectors})[ \t]+)*{cap})+(?![\p{{L}}\p{{M}}\d])")
    with_article = 0
    for text in texts + random_texts(30000, 1):
        expected = [m.span() for m in reference.finditer(text)]
        assert list(check._spans(text)) == expected, text
        with_article += sum(text[s].islower() for s, _ in expected)
    assert with_article > 100  # spans that start with an article were among them


def test_stem_shortcut_compares_as_the_common_prefix(check):
    def reference(a: str, b: str) -> float:
        if b in check.renderings.get(a, ()):
            return 0.9
        stem = len(os.path.commonprefix((a, b)))
        if stem >= 4 and stem >= 0.6 * min(len(a), len(b)):
            return 0.8
        if 1.0 - abs(len(a) - len(b)) / max(len(a), len(b)) < check.min_token_similarity:
            return 0.0
        sim = check._similarity(a, b)
        return sim if sim >= check.min_token_similarity else 0.0

    rng = random.Random(2)
    words = sorted({t for f in check.forms for t in f.tokens})
    pairs = [(rng.choice(words), rng.choice(words)) for _ in range(3000)]
    pairs += [(w, w[: rng.randrange(len(w) + 1)] + "".join(rng.choices("aeinrst", k=rng.randrange(6)))) for w in rng.sample(words, 400)]
    pairs += [("".join(rng.choices("ab", k=rng.randrange(1, 12))), "".join(rng.choices("ab", k=rng.randrange(1, 12)))) for _ in range(5000)]
    pairs += [(w, r) for w, renderings in check.renderings.items() for r in renderings]
    assert check._compare("fund", "box") == 0.9 and check._compare("box", "fund") == 0.0  # a rendering goes one way
    for a, b in pairs:
        if a != b:  # _alike answers equal words itself
            assert check._compare(a, b) == reference(a, b), (a, b)


def _spans_tokens(check, texts: list[str]) -> list[tuple[str, ...]]:
    spans = [check._tokens(t[s:e]) for t in texts for s, e in check._spans(t)]
    return [tokens for tokens in spans if len(tokens) >= 2]


def _garbled(check, rng: random.Random, n: int) -> list[tuple[str, ...]]:
    """Gazetteer forms with a word dropped, added, swapped, misspelt or cut to its stem."""
    words = sorted({t for f in check.forms for t in f.tokens})
    out = []
    for _ in range(n):
        tokens = list(rng.choice(check.forms).tokens)
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(tokens))
            edit = rng.randrange(5)
            if edit == 0 and len(tokens) > 2:
                del tokens[i]
            elif edit == 1:
                tokens.insert(i, rng.choice(words))
            elif edit == 2:
                j = rng.randrange(len(tokens))
                tokens[i], tokens[j] = tokens[j], tokens[i]
            elif edit == 3:
                w = tokens[i]
                k = rng.randrange(len(w))
                tokens[i] = w[:k] + rng.choice("aeiorst") + w[k + 1 :]
            else:
                tokens[i] = tokens[i][: max(4, len(tokens[i]) - 3)]
        out.append(tuple(tokens))
    return out


def _rendered_and_classified(check) -> list[tuple[str, ...]]:
    """Gazetteer forms with a word replaced by a rendering ("international monetary box"), and
    with a classifier before or after them ("world food program organization")."""
    out = []
    for form in check.forms:
        for i, token in enumerate(form.tokens):
            out += [(*form.tokens[:i], r, *form.tokens[i + 1 :]) for r in sorted(check.renderings.get(token, ()))]
        for classifier in sorted(check.classifiers):
            out += [(*form.tokens, classifier), (classifier, *form.tokens)]
    return out


def _vocabulary(check) -> list[str]:
    return sorted({t for f in check.forms for t in f.tokens})


def _plain_alike(check, word: str, token: str) -> float:
    return 1.0 if word == token else check._compare(word, token)


def _plain_alike_words(check, token: str) -> dict[str, float]:
    """_alike_words without its index: every gazetteer word compared with the token."""
    return {w: sim for w in _vocabulary(check) if (sim := _plain_alike(check, w, token)) > 0}


def _reference_candidates(check, tokens: tuple[str, ...]) -> list[int]:
    """Each form tested: it shares a stem of a distinctive word (of any word, when all of its
    words are generic) with the span, and two stems at least (a word's renderings count as the
    word: "work" shares the stem of "labour")."""
    stems = {t[:4] for t in tokens}
    return [i for i, (distinctive, every) in enumerate(_form_stems(check)) if stems & distinctive and len(stems & every) >= 2]


@functools.lru_cache(maxsize=None)
def _form_stems(check) -> list[tuple[set[str], set[str]]]:
    """The stems of the distinctive words of each form, and of all its words, with their renderings."""

    def stems(words):
        return {w[:4] for t in words for w in [t, *check.renderings.get(t, ())]}

    return [(stems([t for t in f.tokens if t not in check.generic] or f.tokens), stems(f.tokens)) for f in check.forms]


def _reference_best_form(check, tokens: tuple[str, ...], plain_alike_words):
    """_best_form without its gates and indexes: every candidate aligned with plain similarities."""
    alike = [plain_alike_words(t) for t in tokens]
    best = None
    for i in _reference_candidates(check, tokens):
        found = check._alignment_score(check.forms[i].tokens, tokens, alike)
        if found is not None and (best is None or found.score > best[1].score):
            best = (check.forms[i], found)
    return best


def _edited(rng: random.Random, word: str, edits: int) -> str:
    for _ in range(edits):
        k = rng.randrange(len(word) + 1)
        op = rng.randrange(3)
        letter = rng.choice("aeinorstu")
        word = word[:k] + letter + word[k:] if op == 0 or not word else word[:k] + letter + word[k + 1 :] if op == 1 else word[:k] + word[k + 1 :]
    return word


def _check_with_similarity(tmp_path, similarity: float):
    rule = (DEFAULT_RULES_DIR / "garbled-organization.yml").read_text(encoding="utf-8")
    gazetteer = (DEFAULT_RULES_DIR / "data" / "organizations.tsv").as_posix()
    assert "gazetteer: data/organizations.tsv" in rule and "min_token_similarity: 0.8" in rule
    rule = rule.replace("gazetteer: data/organizations.tsv", f"gazetteer: {gazetteer}")
    path = tmp_path / f"similarity-{similarity}.yml"
    path.write_text(rule.replace("min_token_similarity: 0.8", f"min_token_similarity: {similarity}"), encoding="utf-8")
    return load_rule(path)


@pytest.mark.parametrize("similarity", [0.8, 0.9, 0.5, 1.0])
def test_alike_words_are_every_gazetteer_word_alike_the_token(tmp_path, texts, similarity):
    """The piece index misses no word: tokens of real spans, gazetteer words with up to four
    edits (typos near the similarity threshold), and short random strings."""
    check = _check_with_similarity(tmp_path, similarity)
    rng = random.Random(5)
    words = _vocabulary(check)
    tokens = {t for span in _spans_tokens(check, texts[:10]) for t in span}
    tokens |= {_edited(rng, rng.choice(words), rng.randint(1, 3)) for _ in range(400)}
    tokens |= {"".join(rng.choices("aeinrst", k=rng.randint(1, 9))) for _ in range(150)}
    tokens |= {"", "a", "é", "ß", "organisation", "organization", "internationalisation"}
    tokens |= {r for renderings in check.renderings.values() for r in renderings}  # alike by meaning, not spelling
    near = 0
    for token in sorted(tokens):
        expected = _plain_alike_words(check, token)
        assert check._alike_words(token) == expected, token
        near += any(w != token and w[:4] != token[:4] for w in expected)
    assert near > 5 or similarity == 1.0  # words alike by spelling alone, not by a shared stem, were among them


def test_candidates_are_the_indexed_forms_sharing_two_stems(check, texts):
    from tqcheck.checks.entities import _bits

    rng = random.Random(3)
    words = _vocabulary(check)
    spans = _spans_tokens(check, texts) + _garbled(check, rng, 1500) + _rendered_and_classified(check)
    spans += [tuple(rng.choices(words, k=rng.randint(2, 6))) for _ in range(1500)]
    nonempty = 0
    for tokens in spans:
        expected = _reference_candidates(check, tokens)
        assert list(_bits(check._sharing_stems(tokens))) == expected, tokens
        nonempty += bool(expected)
    assert nonempty > 1000


def test_best_form_is_the_best_alignment_of_every_candidate(check, texts):
    """The gates of _best_form (first and last words reachable, the score bound) reject only
    forms the alignment rejects."""
    rng = random.Random(4)
    spans = _spans_tokens(check, texts) + _garbled(check, rng, 1000)
    rendered = _rendered_and_classified(check)
    plain = functools.lru_cache(maxsize=None)(functools.partial(_plain_alike_words, check))
    for tokens in rendered:
        assert check._best_form(tokens) == _reference_best_form(check, tokens, plain), tokens
    assert sum(check._best_form(tokens) is not None for tokens in rendered) > len(rendered) / 2
    found = 0
    for tokens in spans:
        expected = _reference_best_form(check, tokens, plain)
        assert check._best_form(tokens) == expected, tokens
        found += expected is not None
    assert found > 300  # garbles were among them, not only rejections


def test_spans_that_may_reach_no_form_have_no_candidates(check, texts):
    """_find_garble answers None at once for a span _may_reach_a_form rejects: no start of the
    name in it (see _starts) has a candidate form."""
    rng = random.Random(8)
    names = [f.text for f in check.forms]
    lead = ["Analysts at the", "The", "Officials of"]
    spans = [f"{rng.choice(lead)} {rng.choice(names)}" for _ in range(300)]
    spans += [f"{rng.choice(lead)} {rng.choice(names).split()[-1]}" for _ in range(300)]
    spans += [t[s:e] for t in texts + random_texts(1500, 9) for s, e in check._spans(t)]
    rejected = 0
    for span in spans:
        if not check._may_reach_a_form(check._tokens(span)):
            rejected += 1
            for initial in (False, True):
                for offset in check._starts(span, initial):
                    assert not _reference_candidates(check, check._tokens(span[offset:])), (span, offset)
    assert 500 < rejected < len(spans) - 500


def test_cached_spans_give_the_findings_of_a_fresh_check(texts):
    def findings(check, text):
        return list(check.run(Document(text)))

    path = DEFAULT_RULES_DIR / "garbled-organization.yml"
    # A span starting a sentence may start the name after its first word, which scores it
    # without that word; elsewhere the word counts in the score (both report the name alone).
    span = "Experts at the Oxford Foundation for Energy Studies"
    texts = [f"{span} said so.", f"so said {span}.", f"{span} met the Humanity & Inclusion and Human Right Watch.", *texts]
    fresh = [findings(load_rule(path), t) for t in texts]
    assert fresh[0][0].data["score"] != fresh[1][0].data["score"]
    assert any(fresh)
    shared = load_rule(path)
    for _ in range(2):  # the second time, every span is answered from the cache
        assert [findings(shared, t) for t in texts] == fresh
    assert [findings(shared, t) for t in reversed(texts)] == fresh[::-1]


def test_caches_emptied_when_full_give_the_same_findings(texts, monkeypatch):
    from tqcheck.checks import entities

    path = DEFAULT_RULES_DIR / "garbled-organization.yml"
    fresh = [list(load_rule(path).run(Document(t))) for t in texts]
    monkeypatch.setattr(entities, "_CACHE_SIZE", 3)
    shared = load_rule(path)
    assert [list(shared.run(Document(t))) for t in texts] == fresh
    assert len(shared._alike_cache) <= 3 and len(shared._garbles) <= 3




def test_spans_without_and_join_no_known_names(check, texts):
    from tqcheck.checks.entities import _AND

    def reference(span: str) -> bool:
        parts = _AND.split(span)
        return len(parts) > 1 and any(check._tokens(p) in check.known for p in parts)

    names = [f.text for f in check.forms]
    rng = random.Random(6)
    spans = [t[s:e] for t in texts for s, e in check._spans(t)]
    joins = [" and ", " &\t", "\tand\t", " and the ", "&", " And ", " band "]
    spans += [rng.choice(names) + rng.choice(joins) + rng.choice(names) for _ in range(2000)]
    joined = 0
    for span in spans:
        assert check._joins_a_known_name(span) == reference(span), span
        joined += reference(span)
    assert joined > 500
