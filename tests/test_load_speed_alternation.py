"""join_alternatives leaves the (?:...) off self-contained items so that compile_alternation
compiles faster; the pattern must stay the same: same errors, same matches."""

from __future__ import annotations

import random

import regex

from tqcheck.checks.base import join_alternatives

_TOKENS = ["a", "b", "A", ".", "\\.", "\\d", "\\w", "\\b", "?", "*", "+", "[ab]", "[^a]", "[", "]", "(", ")",
           "|", "{2}", "{1,}", "{", "}", "\\", "\\\\", " ", "-", "[a-", "^", "$", "\\1", "(?:a)", "#", "\\(",
           "\\|", "x{1,2}", "é", "[]", "[^]", "(?i)", "(?x)", "(?i:a)", "a??", "a++", "[[:alpha:]]", "\\p{L}",
           "(a)", "(?P<n>a)", "(?P=n)"]


def _compile(pattern: str, flags: int):
    try:
        return regex.compile(pattern, flags)
    except regex.error:
        return None


def test_unwrapped_alternation_is_the_same_pattern():
    rng = random.Random(11)
    texts = ["".join(rng.choice("abAé. -1x()[]|\\#{}^$\n") for _ in range(30)) for _ in range(20)]
    for _ in range(1500):
        items = ["".join(rng.choice(_TOKENS) for _ in range(rng.randrange(4))) for _ in range(rng.randrange(1, 7))]
        template = r"(?<![\w.])(?:{})[ \t]*"
        for flags in (0, regex.IGNORECASE):
            wrapped = _compile(template.format("|".join(f"(?:{p})" for p in items)), flags)
            unwrapped = _compile(template.format(join_alternatives(items)), flags)
            assert (wrapped is None) == (unwrapped is None), items
            if wrapped is not None:
                for text in texts:
                    assert [m.span() for m in wrapped.finditer(text)] == [m.span() for m in unwrapped.finditer(text)], items


def test_word_lists_lose_their_groups():
    assert join_alternatives(["[Nn]o\\.", "kilometers?", "[A-Z]{2}"]) == "[Nn]o\\.|kilometers?|[A-Z]{2}"
    assert join_alternatives(["a", "(?:b|c)", "d"]) == "a|(?:(?:b|c))|(?:d)"
