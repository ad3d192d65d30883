"""The shortcuts of the typography, unicode and caption checks find exactly what the plain
computation finds: each is compared with it on real, generated, mutated and random text, and
the ones that rest on character classes are checked over every code point."""

from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path

import pytest
import regex
from conftest import ROOT

from tqcheck.checks import typography
from tqcheck.checks._lines import Line, lines_ending_in
from tqcheck.checks.typography import (
    _BLANK_THEN_MARK,
    _LINE_BREAK,
    _SINGLE,
    _SPACE_BEFORE,
    _SPACE_THEN_MARK,
    _paragraphs,
    _within,
    double_quotes,
    paragraphs,
    single_quotes,
)
from tqcheck.checks.unicode import _MOJIBAKE, _MOJIBAKE_LEAD, _MOJIBAKE_TRAIL
from tqcheck.document import Block, Document
from tqcheck.rulefile import load_rules

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import load_organizations, make_article  # noqa: E402

RULES = {c.rule.code: c for c in load_rules()}
TYPOGRAPHY = [c for c in RULES.values() if c.kind == "typography" and c.detect in typography.MAY_FIND]
UNICODE = [c for c in RULES.values() if c.kind == "unicode"]
EVERY_CHAR = "".join(map(chr, range(0x110000)))  # surrogates included: a decoded file may hold them
WHITESPACE = [c for c in EVERY_CHAR if c.isspace()]

ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))]
ARTICLES += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
_ORGS = load_organizations()
ARTICLES += [make_article(random.Random(seed), _ORGS).text() for seed in range(30)]

# What the shortcuts look at: quote marks, the whitespace around them (including whitespace a
# paragraph edge does not read like), line and paragraph breaks, doubled marks, non-ASCII.
PIECES = ["&amp;", '"', '"', "“", "”", "'", "’", "‘", " ", " ", "  ", "\t", "\n", "\n\n", "\u00a0", "\x0c", "\u2028",
          "\u3000", "\r", "a", "S", "word", "The", "s", "7", ".", ",", "!", "?", ":", ";", "..", ",,", "::",
          "(", ")", "-", "—", "(AFP)", "(@x)", "\u200f", "\u200d", "\u060c", "\u0662", "\u066b", "\u066c",
          "\u06f5", "\u0627", "e\u0301", "\u00c3\u00a9", "\U0001F468", "#", "`x`", "www.x.org"]
QUOTED = ['He said "we will vote," and left.', '"Talks resume," she said.', "It is 'a trap' they said.",
          'The "deal" failed.', "The ministers' plan and Cairo's mayor.", "“We are ready,” he said.",
          "Egypt’s envoy met Jordan's king.", 'She said: "No.', 'He added: "Yes."', "the ministers ’plan",
          "Cairo 's mayor", "the teacher\t’salaries", "the envoy\u00a0'visit", "said 'the", "Sheikh 'Abd",
          "the cuts hit the teacher ’salaries hardest", "the talks , which ended .", "Really!! Who knew??",
          "talks resumed  on Monday", "rock 'n' roll"]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60))) for _ in range(n)]


def mutated(text: str, rng: random.Random, edits: int) -> str:
    """``text`` with a few pieces inserted and characters deleted at random places."""
    for _ in range(edits):
        i = rng.randint(0, len(text))
        text = text[:i] + rng.choice(PIECES) + text[i + 1 if rng.random() < 0.3 else i :]
    return text


def quoted_texts(n: int, seed: int) -> list[str]:
    """Paragraphs of quoted sentences, most well-formed (where the shortcuts answer), some not."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        gaps = [" ", " ", "\n", "\n\n", "\n \n"]
        text = "".join(rng.choice(QUOTED) + rng.choice(gaps) for _ in range(rng.randint(1, 8)))
        out.append(mutated(text, rng, rng.choice([0, 0, 1, 1, 2, 4])))
    return out


TEXTS = (ARTICLES + [mutated(a, random.Random(i), 6) for i, a in enumerate(ARTICLES)]
         + random_texts(1500, seed=1) + quoted_texts(3000, seed=2))


def findings(check, text: str) -> list[dict]:
    return [f.to_dict() for f in check.run(Document(text))]


# -- typography ----------------------------------------------------------------------------------


@pytest.mark.parametrize("check", TYPOGRAPHY, ids=lambda c: c.rule.code)
def test_typography_shortcuts_change_no_finding(check, monkeypatch):
    may_find = typography.MAY_FIND[check.detect]
    fast = [findings(check, t) for t in TEXTS]
    skipped = [not may_find(Document(t)) for t in TEXTS]
    monkeypatch.setattr(typography, "MAY_FIND", {})
    for text, found in zip(TEXTS, fast):
        assert found == findings(check, text), text
    # The comparison means something: the shortcut answered for some texts, others had findings.
    assert any(skipped) and any(fast)


def test_quote_marks_per_paragraph_are_those_a_regex_scan_finds():
    for text in TEXTS:
        doc = Document(text)
        for block in paragraphs(doc):
            singles = [m.start() for m in _SINGLE.finditer(text, block.start, block.end)]
            assert _within(single_quotes(doc), block) == singles
            doubles = [m.start() for m in regex.finditer(r"[\"“”]", text[block.start : block.end])]
            assert _within(double_quotes(doc), block) == [block.start + i for i in doubles]


def test_one_line_blocks_are_paragraphs_as_they_are():
    for text in TEXTS:
        doc = Document(text)
        expected = []
        for block in doc.blocks:
            pos = block.start
            for m in _LINE_BREAK.finditer(text, block.start, block.end):
                expected.append(Block(pos, m.start(), text[pos : m.start()]))
                pos = m.end()
            expected.append(Block(pos, block.end, text[pos : block.end]))
        assert _paragraphs(doc) == expected


def test_space_then_mark_searches_find_what_the_regex_finds():
    plain = regex.compile(r"[ \t\u00a0](?=[,.!?;:])")  # a space char before a mark, found with regex
    # Every code point after a space, and before each mark after a space.
    samples = [" ".join(EVERY_CHAR), "".join(f" {c}{m}" for c in EVERY_CHAR[:0x3000] for m in ",.")]
    for text in samples + TEXTS:
        hits = [m.start() for m in _SPACE_THEN_MARK.finditer(text)]
        assert hits == [m.start() for m in plain.finditer(text)]
        if "\t" not in text and "\u00a0" not in text:
            assert hits == [m.start() for m in _BLANK_THEN_MARK.finditer(text)]


def test_space_before_punctuation_finds_what_a_full_scan_finds():
    check = RULES["TQ509"]
    for text in TEXTS:
        zones = [m.span() for m in regex.finditer(r"`[^`\n]*`|\b(?:https?://|www\.)\S+", text)]
        expected = [m.span() for m in _SPACE_BEFORE.finditer(text) if not any(a <= m.start() < b for a, b in zones)]
        assert [(f.start, f.end) for f in check.run(Document(text))] == expected, text


# -- unicode -------------------------------------------------------------------------------------


def test_non_ascii_lists_every_character_outside_ascii():
    assert Document(EVERY_CHAR).non_ascii_chars == frozenset(EVERY_CHAR[128:])
    for c in EVERY_CHAR:
        assert Document(f"a{c} b{c}").non_ascii_chars == (frozenset() if c.isascii() else {c})
    assert Document("\ud83d\ude00\udcff x").non_ascii_chars == {"\ud83d", "\ude00", "\udcff"}  # lone surrogates stay apart


def test_required_characters_are_every_character_the_patterns_match():
    by_mode = {c.detect: c for c in UNICODE}
    assert set(by_mode["invisible"].pattern.findall(EVERY_CHAR)) == set(by_mode["invisible"].required[0])
    assert set(by_mode["punctuation"].pattern.findall(EVERY_CHAR)) == set(by_mode["punctuation"].required[0])
    assert set(by_mode["digits"].foreign.findall(EVERY_CHAR)) == set(by_mode["digits"].required[0])
    assert by_mode["mojibake"].required == (_MOJIBAKE_LEAD, _MOJIBAKE_TRAIL)
    # A mojibake match is a lead then a trail character; "\n" is neither.
    leads = {m[0] for m in _MOJIBAKE.findall("".join(f"{c}\u0080\n" for c in EVERY_CHAR))}
    trails = {m[1] for m in _MOJIBAKE.findall("".join(f"\u00c3{c}\n" for c in EVERY_CHAR))}
    assert leads == _MOJIBAKE_LEAD and trails == _MOJIBAKE_TRAIL
    assert by_mode["nfc"].required == ()


def test_ascii_text_is_always_nfc():
    """The nfc rule skips ASCII text: no ASCII character or pair of them changes under NFC."""
    ascii_chars = EVERY_CHAR[:128]
    assert all(unicodedata.combining(c) == 0 for c in ascii_chars)
    assert all(unicodedata.is_normalized("NFC", a + b) for a in ascii_chars for b in ascii_chars)


@pytest.mark.parametrize("check", UNICODE, ids=lambda c: c.rule.code)
def test_unicode_shortcut_changes_no_finding(check, monkeypatch):
    fast = [findings(check, t) for t in TEXTS]
    monkeypatch.setattr(check, "required", None)
    assert fast == [findings(check, t) for t in TEXTS]
    assert any(fast)


def test_rules_looking_for_ascii_characters_take_no_shortcut(write_rule):
    write_rule("tab.yml", "code: XX601\nmessage: m\ncheck: unicode\ndetect: invisible\ncharacters: [U+0009, U+200B]\n")
    write_rule("tick.yml", "code: XX602\nmessage: m\ncheck: unicode\ndetect: punctuation\nswap: {'`': \"'\"}\n")
    tab, tick = load_rules((str(write_rule.folder),), defaults=False)
    assert tab.required is None and tick.required is None
    assert [f.start for f in tab.run(Document("a\tb"))] == [1]
    assert [f.start for f in tick.run(Document("a `b"))] == [2]


# -- lines ---------------------------------------------------------------------------------------


def every_line(text: str) -> list[Line]:
    """Every non-blank line, stripped, with the offsets of the stripped text: one by one."""
    out = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(number, pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def test_lines_ending_in_a_character_are_those_a_line_by_line_scan_finds():
    rng = random.Random(5)
    alphabet = ["a", ")", ")", "(", "\n", "\n", " "] + WHITESPACE
    texts = TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    for text in texts:
        assert list(lines_ending_in(text, ")")) == [line for line in every_line(text) if line.text.endswith(")")]
