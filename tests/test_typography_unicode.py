"""Typography (TQ5xx) and Unicode (TQ6xx) rules together: safe fixes, messages, robustness."""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata

import pytest

from conftest import ROOT, SEEDS
from tqcheck.document import Document
from tqcheck.engine import check_text, select_checks
from tqcheck.fixer import fix_to_fixed_point
from tqcheck.model import Applicability
from tqcheck.rulefile import RuleLoadError, load_rules

ALL = [c for c in load_rules() if c.rule.code.startswith(("TQ5", "TQ6"))]
ENABLED = select_checks(ALL)  # without --select: the opt-in rules (small numerals) stay off
BY_CODE = {c.rule.code: c for c in ALL}


def check(text: str):
    doc = Document(text)
    return [f for c in ENABLED for f in c.run(doc)]


MESSY = (
    "The minister\u200f said  the talks , which began in Amman\u060c would resume..\n\n"
    "Egypt's envoy met Jordan's king and Syria\u2019s minister in Baghdad \u0640 the capital.\n\n"
    "\"We are ready,\" the envoy said. \"It is time, \"the aide added. He said: \" Enough.\"\n\n"
    "About \u0662\u066c\u0665\u0660\u0660 families fled in \u0662\u0660\u0662\u0661; some 4500 were housed "
    "and 3,100 and 2,800 returned.\n\n"
    "The cafe\u0301 owner, Salam\u00c3\u00a9, said prices rose 12\u066a!!\n"
)
CLEAN = (
    "The minister said the talks, which began in Amman, would resume.\n\n"
    "Egypt's envoy met Jordan's king and Syria's minister in Baghdad the capital.\n\n"
    "\"We are ready,\" the envoy said. \"It is time,\" the aide added. He said: \"Enough.\"\n\n"
    "About 2,500 families fled in 2021; some 4,500 were housed and 3,100 and 2,800 returned.\n\n"
    "The caf\u00e9 owner, Salam\u00e9, said prices rose 12%!\n"
)


def test_safe_fixes_clean_a_messy_sample_and_are_idempotent():
    outcome = fix_to_fixed_point(MESSY, check)
    assert outcome.warning is None
    assert outcome.text == CLEAN
    again = fix_to_fixed_point(outcome.text, check)
    assert again.applied == [] and again.text == CLEAN
    assert [f for f in check(CLEAN) if f.fix and f.fix.applicability is Applicability.SAFE] == []


def test_every_finding_on_the_messy_sample_points_at_its_match():
    findings = check(MESSY)
    assert findings
    for f in findings:
        assert MESSY[f.start : f.end] == f.match
        assert f.category in ("typography", "unicode")


@pytest.mark.parametrize("char", ["\u200f", "\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u061c", "\u2060"])
def test_invisible_characters_are_named_in_the_message(char):
    (finding,) = BY_CODE["TQ601"].run(Document(f"the {char}talks resumed"))
    assert f"U+{ord(char):04X} {unicodedata.name(char)}" in finding.message
    assert finding.fix.applicability is Applicability.SAFE and finding.fix.edits[0].text == ""


def test_seed_articles_get_the_generic_typography_findings():
    """The seed's artifacts are found by generic detectors (no article words in rules or code)."""
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        doc = Document(text)
        for c in ALL:
            for f in c.run(doc):
                assert text[f.start : f.end] == f.match, (c.rule.code, f)
    text = (SEEDS / "000_ea917293e2d5b792.txt").read_text(encoding="utf-8")
    doc = Document(text)
    codes = {c.rule.code: list(c.run(doc)) for c in ALL}
    assert codes["TQ501"] and all(f.suggestions == ("'",) for f in codes["TQ501"])
    assert any(f.suggestions[0].replace(",", "") == f.match for f in codes["TQ506"])
    assert any(" \u2019" in f.match and f.suggestions[0].endswith(f.match.split("\u2019")[1]) for f in codes["TQ503"])
    assert any(f.match == ' "' and f.suggestions == ('" ',) for f in codes["TQ505"])
    assert not any(codes[c] for c in ("TQ601", "TQ602", "TQ603", "TQ604", "TQ605"))


def test_ties_prefer_curly_and_are_not_applied_automatically():
    (finding,) = BY_CODE["TQ501"].run(Document("Egypt's envoy met Jordan\u2019s king."))
    assert finding.suggestions == ("\u2019",) and finding.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(("text", "says", "not_said"), [
    ('He said "yes" and she said \u201cno\u201d.', "both equally and a tie goes to curly", "mostly"),
    ('"We will," he said. "Yes," she said. \u201cNo,\u201d they said.', "mostly uses straight", "equally"),
])
def test_mixed_quotes_say_whether_the_style_won_or_tied(text, says, not_said):
    findings = list(BY_CODE["TQ502"].run(Document(text)))
    assert len(findings) == 2
    assert all(says in f.message and not_said not in f.message for f in findings)


def test_misplaced_apostrophe_with_two_readings_is_display_only():
    (finding,) = BY_CODE["TQ503"].run(Document("the cuts hit the teacher \u2019salaries hardest"))
    assert finding.suggestions == ("teacher\u2019s salaries", "teachers\u2019 salaries")
    assert finding.fix.applicability is Applicability.DISPLAY


def test_mojibake_check_imports_ftfy_only_when_needed():
    code = (
        "import sys\n"
        "from tqcheck.rulefile import load_rules\n"
        "from tqcheck.document import Document\n"
        "(c,) = [c for c in load_rules() if c.rule.code == 'TQ605']\n"
        "assert list(c.run(Document('caf\u00e9 and na\u00efve text, 45\u00b0C'))) == []\n"
        "assert 'ftfy' not in sys.modules\n"
        "assert list(c.run(Document('caf\u00c3\u00a9')))\n"
        "assert 'ftfy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# (HTML entities a scraper left, the text with the safe fixes applied)
ENTITIES = [
    ("The envoy called the talks &quot;frank&quot;.", 'The envoy called the talks "frank".'),
    ("Marks &amp; Spencer and the union&#39;s office", "Marks & Spencer and the union's office"),
    ("the minister&rsquo;s aide, &#x2014; or &#8212; the deputy", "the minister\u2019s aide, \u2014 or \u2014 the deputy"),
    ("a 40&nbsp;km road and a 3&thinsp;m wall", "a 40 km road and a 3 m wall"),
    ("the co&shy;operative of &lrm;farmers", "the cooperative of farmers"),
    ("called it &amp;quot;a step&amp;amp;quot;", 'called it "a step"'),
    ("Caf&eacute; owners &hellip;", "Caf\u00e9 owners \u2026"),
]


@pytest.mark.parametrize(("text", "fixed"), ENTITIES)
def test_html_entities_are_unescaped_by_a_safe_fix(text, fixed):
    outcome = fix_to_fixed_point(text, lambda t: BY_CODE["TQ606"].run(Document(t)))
    assert outcome.text == fixed
    assert all(f.fix.applicability is Applicability.SAFE for f in BY_CODE["TQ606"].run(Document(text)))


@pytest.mark.parametrize("text", [
    "AT&T and R&D; Procter & Gamble; Q&A",
    "the &madeup; token, &#0;, &#xD800; and &#7;",
    "In HTML, an ampersand is written &amp; and a quotation mark &quot;.",
    "The page showed the '&amp;' sign; write \"&nbsp;\" or \u201c&mdash;\u201d by hand.",
])
def test_text_that_only_looks_like_entities_or_shows_them_on_purpose(text):
    assert list(BY_CODE["TQ606"].run(Document(text))) == []


def test_entities_are_markup_in_html_and_code_in_markdown():
    text = "The talks were &quot;frank&quot;, said `a&amp;b`.\n"
    codes = {path: [f.match for f in check_text(text, path).findings if f.code == "TQ606"] for path in ("a.txt", "a.md", "a.html")}
    assert codes == {"a.txt": ["&quot;", "&quot;", "&amp;"], "a.md": ["&quot;", "&quot;"], "a.html": []}


ALPHABET = list("ab sS'\"\u2018\u2019\u201c\u201d,.;:!?()-\n\t 0123456789&#") + [
    "\u200b", "\u200d", "\u200f", "\u202e", "\ufeff", "\u060c", "\u061f", "\u0640", "\u0662", "\u06f5",
    "\u066b", "\u0627", "\u0644", "\u0301", "\u00c3", "\u00a9", "\u00e2", "\u20ac", "\u2122", "\U0001F468",
    "&amp;", "&quot;", "&#39;", "&nbsp;", "amp;", "x27;",
]


@pytest.mark.parametrize("seed", range(40))
def test_no_crash_and_valid_spans_on_random_text(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 300)))
    doc = Document(text)
    for c in ALL:
        for f in c.run(doc):
            assert text[f.start : f.end] == f.match, (c.rule.code, f)
            if f.fix:
                assert all(0 <= e.start <= e.end <= len(text) for e in f.fix.edits)


@pytest.mark.parametrize(
    "body, error",
    [
        ("check: unicode\ndetect: invisible\ncharacters: [U+ZZZZ]\n", "not a U+XXXX code point"),
        ("check: unicode\ndetect: invisible\ncharacters: [U+2069..U+2066]\n", "not a valid range"),
        ("check: unicode\ndetect: digits\nzeros: [U+0661]\n", "is not a digit zero"),
        ("check: unicode\ndetect: punctuation\nswap: {ab: x}\n", "not one character"),
        ("check: unicode\ndetect: punctuation\n", "needs 'swap'"),
        ("check: unicode\ndetect: punctuation\nswap: {'U+060C': ','}\nkeep_within: [Klingon]\n", "unknown script"),
        ("check: numbers\ndetect: format\nstyles: [roman]\n", "unknown style"),
        ("check: numbers\ndetect: format\nbefore: ['(']\n", "invalid regular expression"),
        ("check: typography\ndetect: sideways\n", "must be one of"),
        ("check: typography\ndetect: misplaced-apostrophe\nnonpossessive: [two words]\n", "one word per item"),
    ],
)
def test_bad_rule_data_is_a_clean_error(write_rule, body, error):
    write_rule("bad.yml", "code: XX500\nmessage: m\n" + body)
    with pytest.raises(RuleLoadError) as exc:
        load_rules((str(write_rule.folder),), defaults=False)
    assert error in str(exc.value) and "bad.yml:" in str(exc.value)


@pytest.mark.parametrize("space", ["\u2009", "\u202f", "\u3000", "\u2003", "\u2028", "\x0c"])
def test_quotes_read_any_white_space_as_a_space(space):
    """A quote next to a thin, ideographic or other space (or a line separator) takes the role
    it takes next to a plain space: no role would silence the quote rules there."""
    texts = ['He said:{s}" We will not accept this."{s}Then he left.\n', 'He said{s}"no" and "yes ".\n',
             '"We will not accept this,"{s}he said,{s}"and we go."\n']

    def quote_findings(text):
        return [(f.code, f.start, f.end, f.suggestions) for f in check_text(text, "a.txt").findings if f.code in ("TQ504", "TQ505")]

    for template in texts:
        assert quote_findings(template.format(s=space)) == quote_findings(template.format(s=" "))
    assert quote_findings(texts[0].format(s=space))  # the misplaced space is found
