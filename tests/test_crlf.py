"""An article with Windows line ends (CRLF) is checked exactly like the same article with LF:
the same findings at the same lines and columns, with the same messages and fixes, and a fixed
file keeps its CRLF line ends. (--diff shows a file with classic Mac OS line ends, a lone CR,
line by line.)"""

from __future__ import annotations

import re
import textwrap

import pytest

from conftest import generated_articles
from tqcheck.document import Document
from tqcheck.engine import Settings, resolve_checks, run_checks
from tqcheck.fixer import fix_text, unified_diff

CHECKS = resolve_checks(Settings(select=("ALL",)))  # the optional rules too


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def seen(text: str) -> list[tuple]:
    """What a user sees of each finding. Offsets shift by one per CRLF line break, so fix edits
    are compared by line and column; a line break in an edit's text is compared as "\\n" (the
    round-trip tests check the line ends of fixed text)."""
    doc = Document(text)
    out = []
    for f in run_checks(doc, CHECKS)[0]:
        edits = ()
        if f.fix:
            edits = tuple((doc.position(e.start), doc.position(e.end), e.text.replace("\r\n", "\n")) for e in f.fix.edits)
        out.append((f.code, f.line, f.column, f.end_line, f.end_column, f.message, f.suggestions, edits))
    return out


# One small article per rule that once read CRLF text differently, and whether it reports that code.
CASES = [
    # A paragraph per line: the quote on the first line runs on into the second, which opens
    # with a quote mark (a "\r" hid the line break between two sentences).
    ("TQ504", 'He said "the talks failed.\n"The vote is on Monday," she said.\n', False),
    ("TQ504", '"We will continue the talks next week.\n"No date has been set," he added.\n', False),
    ("TQ505", 'He said "the talks failed.\nShe called it "a plan "and left.\n', True),
    ("TQ503", "The ministers ’plan was approved.\nIt was the people' choice.\n", True),
    ("TQ501", "He said 'yes.\nThe ministers' plan isn’t it.\n", True),
    # The deleted last line keeps the file's final line break whole.
    ("TQ701", "The talks resumed on Monday.\n\nDemonstrators gather outside the parliament building in the capital on Friday (Reuters)\n", True),
    ("TQ702", "The ministry welcomed the report.\n\n— Ministry of Health (@MoH_News)\n", True),
    # A match across a line break: the message shows it with the break as written with LF.
    ("TQ302", "the Popular\nCrowd factions rejected the decision\n", True),
    ("TQ404", "Foreign Minister Hakan Fidan arrived. Defence\nMinister Fidan then met his counterpart.\n", True),
    # Names one line break apart are neighbours, as with LF.
    ("TQ401", "Samir Geagea spoke on Monday. Later Samer\nGeagea said it again.\n", True),
    ("TQ401", "Talks went on.\nKarim\nNassar said no.\nKareem\nNassar left.\nKareem went home.\n", True),
]


@pytest.mark.parametrize("code, text, reported", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_reads_crlf_as_lf(code, text, reported):
    found = seen(text)
    assert (code in {f[0] for f in found}) == reported
    assert seen(crlf(text)) == found


@pytest.mark.parametrize("text", [text for _code, text, _reported in CASES], ids=[c[0] for c in CASES])
def test_fixes_of_crlf_text_keep_its_line_ends(text):
    fixed = fix_text(text, "a.txt", CHECKS, unsafe=True).text
    assert fix_text(crlf(text), "a.txt", CHECKS, unsafe=True).text == crlf(fixed)


def test_nothing_of_a_clean_crlf_text_is_reported():
    text = "The talks resumed on Monday.\n\n\"We will meet again,\" the envoy said.\nThe vote is on Friday.\n"
    assert seen(crlf(text)) == seen(text) == []


def _layouts(article: str) -> list[str]:
    """The article as generated (blank lines between paragraphs), one paragraph per line, one
    sentence per line, and hard-wrapped narrow: line breaks inside names and titles."""
    paragraphs = [p for p in article.split("\n\n") if p.strip()]
    wrapped = (textwrap.fill(p, 24, break_long_words=False, break_on_hyphens=False) for p in paragraphs)
    sentences = re.sub(r"(?<=[.!?\"”]) (?=[\"“A-Z])", "\n", article)
    return [article, "\n".join(paragraphs) + "\n", sentences, "\n\n".join(wrapped) + "\n"]


GENERATED = [(i, n, layout) for i, article in enumerate(generated_articles(24, seed=23)) for n, layout in enumerate(_layouts(article))]


@pytest.mark.parametrize("text", [t for _i, _n, t in GENERATED], ids=[f"article{i}-layout{n}" for i, n, _t in GENERATED])
def test_generated_article_with_crlf_gives_the_same_findings(text):
    assert seen(crlf(text)) == seen(text)


def test_generated_articles_exercise_most_rules():
    codes = {f[0] for _i, _n, text in GENERATED for f in seen(text)}
    assert len(codes) >= 15, sorted(codes)


EXAMPLES = [e.text for c in CHECKS for e in c.rule.examples]


@pytest.mark.parametrize("width", [0, 12, 20])
def test_rule_examples_with_crlf_give_the_same_findings(width):
    """Every rule's examples between two paragraphs (width 0), or wrapped to lines of at most
    ``width`` characters."""
    for example in EXAMPLES:
        if width:
            text = "\n".join(textwrap.wrap(example, width, break_long_words=False, replace_whitespace=False)) + "\n"
        else:
            text = f"The talks went on.\n\n{example}\n\nThey ended on Monday.\n"
        assert seen(crlf(text)) == seen(text), text


def test_fixing_generated_articles_with_crlf_keeps_crlf():
    for article in generated_articles(4, seed=29):
        for text in _layouts(article):
            fixed = fix_text(text, "a.txt", CHECKS, unsafe=True).text
            assert fix_text(crlf(text), "a.txt", CHECKS, unsafe=True).text == crlf(fixed)


def test_fix_in_place_keeps_crlf_line_ends(cli, tmp_path):
    text = "The ministry welcomed the report  .\n\nDemonstrators gather outside the parliament building in the capital on Friday (Reuters)\n"
    lf, windows = tmp_path / "lf.txt", tmp_path / "crlf.txt"
    lf.write_bytes(text.encode("utf-8"))
    windows.write_bytes(crlf(text).encode("utf-8"))
    cli(lf, windows, "--fix", "--unsafe-fixes", "--no-report", "--isolated")
    assert lf.read_bytes() == b"The ministry welcomed the report.\n"
    assert windows.read_bytes() == b"The ministry welcomed the report.\r\n"


@pytest.mark.parametrize("end", ["\r", ""])
def test_diff_of_classic_mac_text_has_one_line_per_line(end):
    old = "The talks resumed.\r\rThe talks  resumed." + end
    diff = unified_diff("a.txt", old, old.replace("  ", " "))
    marker = [] if end else ["\\ No newline at end of file"]
    assert diff.splitlines()[3:] == [" The talks resumed.", " ", "-The talks  resumed.", *marker, "+The talks resumed.", *marker]
MAC_TEXTS = [text for _code, text, _reported in CASES] + [t for _i, n, t in GENERATED[:12] if n != 2]


@pytest.mark.parametrize("text", MAC_TEXTS, ids=[f"text{i}" for i in range(len(MAC_TEXTS))])
def test_classic_mac_line_ends_read_as_lf(text):
    """A lone CR is one character, as LF is: the same findings at the same offsets."""
    mac = text.replace("\n", "\r")
    assert [f.to_dict() for f in run_checks(Document(mac), CHECKS)[0]] == [f.to_dict() for f in run_checks(Document(text), CHECKS)[0]]
    fixed = fix_text(text, "a.txt", CHECKS, unsafe=True).text
    assert fix_text(mac, "a.txt", CHECKS, unsafe=True).text == fixed.replace("\n", "\r")


def test_a_lone_cr_inside_an_lf_file_ends_its_line():
    """A few classic Mac line ends in an LF file are line ends too: the same findings, lines and
    columns as with LF there, and the fix keeps the CR."""
    lf = "The the talks resumed.\nProtesters gather in the square on Friday (Reuters)\nThe minister said that talks In Geneva failed.\n"
    mixed = lf.replace("(Reuters)\n", "(Reuters)\r")
    # (seen() places fix edits by LF lines only, so they are compared through the fixed texts)
    assert [f[:6] for f in seen(mixed)] == [f[:6] for f in seen(lf)]
    assert {code for code, *_ in seen(lf)} >= {"TQ101", "TQ201", "TQ701"}
    fixed = fix_text(lf, "a.txt", CHECKS, unsafe=True).text
    assert "(Reuters)" not in fixed and fix_text(mixed, "a.txt", CHECKS, unsafe=True).text == fixed
