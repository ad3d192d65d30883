"""Properties over arbitrary Unicode text, with every shipped rule (opt-in ones too): no rule
crashes, every finding points at its own text, fixing reaches a fixed point, output repeats.

Texts mix arbitrary characters (astral planes, controls other than NUL, bidi marks, a BOM, CRLF)
with fragments that trigger the rules, so fixes really happen. Examples per property: the
profile in conftest.py (100 locally, 1000 derandomized when CI is set).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.document import Document
from tqcheck.engine import Settings, check_text, resolve_checks, run_checks
from tqcheck.fixer import fix_text
from tqcheck.model import Applicability

CHECKS = resolve_checks(Settings(select=("ALL",)))

ODD = ["\r\n", "\n", "\n\n", "\r", "\ufeff", "\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\u00a0", "\t", "\x0b",
       "\x1b", "\x7f", "\U0001F600", "\U0001F44D\U0001F3FD", "\U00010348", "\U0002A6D6", "e\u0301", "ﬁ", "Ã©", "مرحبا بكم",
       "قال الوزير إن", "،", "؛", "٣", "۴", "“", "”", "‘", "’", "'", '"', "«", "»", "(", ")", "..", ",,", "  ", " ,", " .",
       "—", "-", "#", "*", "`", "<p>", "</p>", "<!-- tqcheck: ignore -->", "<!-- tqcheck: disable -->", "```\n", "    "]
ARTIFACTS = ["the the", "in May Last May", "this month this month", "or The components", "The Hague", "ISIS terrorism (ISIS)",
             "(SOMO) (SOMO)", "Hassan Nasrallah", "Hasan Nasrallah", "Hassan", "Photo: AFP", "(Reuters)", "@HassanNasrallah",
             "1,000", "10000", "1.000", "5 people", "Gaddafi", "Qaddafi", "Popular Crowd", "Washington Institute for Strategic Policy",
             "peace be upon him", "pic.twitter.com/abc", "Prime Minister Ali", "President Ali", "don 't", "it' s", "He said.",
             "Der Minister sagte, dass die Gespräche", "Mohammed", "Muhammad", "Al-Sadr", "al-Sadr", "El-Sisi"]
SEPARATORS = [" ", " ", ". ", ", ", "\n", "\n\n"]
pieces = st.one_of(
    st.sampled_from(ODD),
    st.sampled_from(ARTIFACTS),
    st.sampled_from(SEPARATORS),
    st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=8),
)
texts = st.lists(pieces, max_size=60).map("".join)
paths = st.sampled_from(["a.txt", "a.md", "a.html"])


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, counted from scratch: lines end at LF, or at a CR
    that no LF follows (classic Mac line ends)."""
    text = "".join("\n" if c == "\r" and text[i + 1 : i + 2] != "\n" else c for i, c in enumerate(text))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@given(texts, paths)
def test_every_rule_runs_and_every_finding_points_at_its_text(text, path):
    result = check_text(text, path, checks=CHECKS)
    assert result.error is None  # no rule crashed or timed out
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.match
        assert (f.line, f.column) == position(text, f.start)
        assert (f.end_line, f.end_column) == position(text, f.end)
        for edit in f.fix.edits if f.fix else ():
            assert 0 <= edit.start <= edit.end <= len(text)


@given(texts, paths, st.booleans())
def test_fixing_reaches_a_fixed_point(text, path, unsafe):
    first = fix_text(text, path, CHECKS, unsafe)
    assert first.warning is None  # no fix loop, no endless rewriting
    again = fix_text(first.text, path, CHECKS, unsafe)
    assert again.applied == [] and again.text == first.text
    left = run_checks(Document(first.text, path), CHECKS)[0]
    assert [f for f in left if f.fix and f.fix.applicability is Applicability.SAFE] == []


@given(texts, paths)
def test_checking_twice_gives_the_same_findings(text, path):
    first = check_text(text, path, checks=CHECKS)
    second = check_text(text, path, checks=CHECKS)
    assert [f.to_dict() for f in first.findings] == [f.to_dict() for f in second.findings]


@settings(max_examples=4)
@given(st.lists(texts, min_size=3, max_size=3))
def test_parallel_and_serial_output_are_identical(batch):
    """Worker processes start with other hash seeds: any set-order dependence shows here."""
    from typer.testing import CliRunner

    from tqcheck.cli import app

    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(batch):
            Path(folder, f"article{i}.txt").write_text(text, encoding="utf-8", newline="")
        runs = [CliRunner().invoke(app, ["check", folder, "--select", "ALL", "--format", "json", "--no-report", "--jobs", jobs],
                                   catch_exceptions=False) for jobs in ("1", "2")]
    assert runs[0].exit_code == runs[1].exit_code
    assert runs[0].stdout == runs[1].stdout
    assert len(json.loads(runs[0].stdout)["files"]) == 3
