"""Start-up shortcuts and that they change nothing: LazyPattern acts as its pattern,
function-word-capitals matches its words without its alternation, and the rule loader reads
lists of words inline."""

from __future__ import annotations

import copy
import pickle
import random
import sys
from pathlib import Path

import regex
import yaml
from conftest import ROOT

from tqcheck.checks.base import LazyPattern
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule
from tqcheck.yamlfile import _Loader, _plain

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import load_organizations, make_article  # noqa: E402

ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))]
ARTICLES += [make_article(random.Random(seed), load_organizations()).text() for seed in range(30)]

def test_lazy_pattern_acts_as_its_pattern():
    text = "Some 4500 troops, 12,000 more; the 1990s. Ünïcödé 3 x-4"
    for source, flags in [(r"\d+", 0), (r"(?P<w>\p{L}+)\s", regex.IGNORECASE), (r"(?r)\d+\Z", 0), (r"[,;.]", 0)]:
        compiled, lazy = regex.compile(source, flags), LazyPattern(source, flags)
        assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags and lazy.groups == compiled.groups
        for pos in range(0, len(text), 7):
            assert repr(lazy.search(text, pos)) == repr(compiled.search(text, pos))
            assert repr(lazy.match(text, pos)) == repr(compiled.match(text, pos))
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert lazy.split(text) == compiled.split(text) and lazy.sub("#", text) == compiled.sub("#", text)
        for twin in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
            assert "_compiled" not in vars(twin) and twin.findall(text) == compiled.findall(text)
    assert bool(LazyPattern("(?!)"))  # "if pattern and ..." tests stay true


def test_capitalization_matches_words_as_its_pattern_does():
    check = load_rule(DEFAULT_RULES_DIR / "function-word-capitals.yml")
    assert check.candidates is not None
    words = [w for ws in check.by_initial.values() for w in ws]
    rng = random.Random(8)
    glue = [" ", "-", "'", "’", "_", "1", "é", "\u0301", "x", "", ".", "\n", "—", "İ"]
    texts = ARTICLES + ["".join(rng.choice(words + glue) for _ in range(40)) for _ in range(300)]
    matched = 0
    for text in texts:
        for start in range(len(text)):
            if text[start] in check.by_initial:
                m = check.pattern.match(text, start)
                assert check._match_end(text, start) == (m.end() if m else None), (text[max(0, start - 5) : start + 15],)
                matched += m is not None
    assert matched > 300


def test_word_lists_are_read_as_plain_does():
    """yamlfile._plain takes a string item of a list inline: the value and line _plain gives it."""
    docs = [p.read_text(encoding="utf-8") for p in sorted(DEFAULT_RULES_DIR.glob("*.yml"))]
    docs.append("a: [x, 'y', 1, true, null, [b, c], {d: e}, !!str 2, !!binary aGk=, \"z\"]\nb:\n  - p\n  - - q\n    - 3\n")
    checked = 0
    for text in docs:
        loader = _Loader(text)
        root = loader.get_single_node()
        lines: dict = {}
        stack = [(root, _plain(root, loader, lines, (), []), ())]
        while stack:
            node, value, where = stack.pop()
            if isinstance(node, yaml.MappingNode):
                stack += [(v, value[k.value], where + (k.value,)) for k, v in node.value]
            elif isinstance(node, yaml.SequenceNode):
                for i, item in enumerate(node.value):
                    alone: dict = {}
                    assert _plain(item, loader, alone, where + (i,), []) == value[i]
                    assert alone.items() <= lines.items()
                    stack.append((item, value[i], where + (i,)))
                    checked += 1
        loader.dispose()
    assert checked > 1000
