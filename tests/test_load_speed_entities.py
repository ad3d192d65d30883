"""Start-up shortcuts of the entities check, and that they give the same answers: known names are
found with a casefolded scan instead of a regex named list (80 ms to compile), the first token
comparisons of a run are made without importing rapidfuzz, and ASCII words skip names.fold."""

from __future__ import annotations

import random

import regex

from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

_ALL = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_casefold_agrees_with_regex_ignorecase_for_latin1_name_chars():
    """For a name char x below U+0100 and a text char t that casefolds to one char, the regex
    (IGNORECASE, simple folding) matches t to x exactly when t.casefold() == x."""
    name_chars = sorted({y for c in _ALL for y in c.casefold() if y < "\u0100"})
    single = {t: t.casefold() for t in _ALL if len(t.casefold()) == 1}
    by_fold: dict[str, set[str]] = {}
    for t, f in single.items():
        by_fold.setdefault(f, set()).add(t)
    for x in name_chars:
        matched = {t for t in regex.findall(r"\L<n>", _ALL, regex.IGNORECASE, n={x}) if t in single}
        assert matched == by_fold.get(x, set()), x


def test_scan_equals_regex_on_jumbled_names():
    check = load_rule(DEFAULT_RULES_DIR / "garbled-organization.yml")
    assert check._by_prefix is not None  # the shipped gazetteer takes the fast path
    names = sorted(f.text for f in check.forms)
    rng = random.Random(7)
    seps = [" ", "-", "x", "'s ", "1", " and the ", ", ", "é", "ſ", "\u212a", "İ", "ß"]
    cases = [str, str.upper, str.lower, str.title]
    for _ in range(600):
        parts = []
        for _ in range(rng.randrange(1, 6)):
            name = rng.choice(names)
            if rng.random() < 0.3:
                words = name.split()
                name = " ".join(words[: rng.randrange(1, len(words) + 1)])
            parts += [rng.choice(cases)(name), rng.choice(seps)]
        text = "".join(parts)
        words = [m.span() for m in regex.finditer(r"\w+", text)]
        for _ in range(5):
            a, b = rng.choice(words), rng.choice(words)
            start, end = min(a[0], b[0]), max(a[1], b[1])
            lo, hi = max(0, start - 120), min(len(text), end + 120)
            assert check._inside_known_name(text, start, end) == check._inside_known_name_regex(text, start, end, lo, hi), (text, start, end)


def test_python_levenshtein_gives_rapidfuzz_floats():
    """The first comparisons of a run are made without importing rapidfuzz: same numbers."""
    from rapidfuzz.distance import Levenshtein

    from tqcheck.checks.entities import _levenshtein_similarity

    rng = random.Random(1)
    pairs = [("", ""), ("", "a"), ("ab", ""), ("monetary", "money"), ("organization", "organisation")]
    pairs += [("".join(rng.choices("abé-", k=rng.randrange(8))), "".join(rng.choices("abé-", k=rng.randrange(8)))) for _ in range(20000)]
    for a, b in pairs:
        assert _levenshtein_similarity(a, b) == Levenshtein.normalized_similarity(a, b), (a, b)


def test_fold_of_an_ascii_word_is_its_lower_case():
    """entities._fold skips names.fold for ASCII words of letters and digits: same result."""
    from tqcheck.checks.entities import _fold
    from tqcheck.names import fold

    rng = random.Random(3)
    alphabet = "abcxyzABCXYZ019"
    words = ["".join(rng.choices(alphabet, k=rng.randrange(1, 12))) for _ in range(3000)] + ["Ministry", "OPEC", "G20"]
    for word in words:
        assert _fold(word) == fold(word), word
    check = load_rule(DEFAULT_RULES_DIR / "garbled-organization.yml")
    for form in check.forms:
        for word in regex.findall(r"[\p{L}\p{M}\d]+", form.text):
            assert _fold(word) == fold(word), word
