"""Suppression comments: ignore the next line, disable/enable stretches, disable the file."""

from __future__ import annotations

import pytest

from tqcheck.engine import check_text, resolve_checks, Settings

CHECKS = resolve_checks(Settings())
DOUBLED = "the the talks ended"  # TQ101 (repetition)
CAPITAL = "reforms demanded by The protesters"  # TQ201 (capitalization)


def found(text: str, path: str = "a.txt") -> list[tuple[int, str]]:
    result = check_text(text, path, checks=CHECKS)
    assert result.error is None, result.error
    return [(f.line, f.code) for f in result.findings]


def test_without_comments_both_are_found():
    assert found(f"{DOUBLED}\n{CAPITAL}\n") == [(1, "TQ101"), (2, "TQ201")]


@pytest.mark.parametrize("terms", ["", " TQ101", " TQ1", " repetition", " doubled-word", " TQ201,TQ101", " TQ201 TQ101", " all"])
def test_ignore_silences_the_next_non_blank_line_only(terms):
    text = f"<!-- tqcheck: ignore{terms} -->\n\n   \n{DOUBLED}\n{DOUBLED}\n"
    assert found(text) == [(5, "TQ101")]


def test_ignore_names_only_what_it_names():
    text = f"<!-- tqcheck: ignore TQ2 -->\n{DOUBLED}, {CAPITAL}\n"
    assert found(text) == [(2, "TQ101")]


def test_stacked_ignore_comments_reach_the_same_line():
    text = f"<!-- tqcheck: ignore TQ101 -->\n<!-- tqcheck: ignore TQ201 -->\n{DOUBLED}, {CAPITAL}\n"
    assert found(text) == []


def test_disable_and_enable():
    text = (
        f"{DOUBLED}\n<!-- tqcheck: disable -->\n{DOUBLED}\n{CAPITAL}\n<!-- tqcheck: enable -->\n{DOUBLED}\n"
        f"<!-- tqcheck: disable capitalization -->\n{DOUBLED}, {CAPITAL}\n<!-- tqcheck: enable capitalization -->\n{CAPITAL}\n"
    )
    assert found(text) == [(1, "TQ101"), (6, "TQ101"), (8, "TQ101"), (10, "TQ201")]


def test_enable_one_code_inside_a_bare_disable():
    text = f"<!-- tqcheck: disable -->\n<!-- tqcheck: enable TQ101 -->\n{DOUBLED}, {CAPITAL}\n"
    assert found(text) == [(3, "TQ101")]


def test_disable_file_anywhere():
    assert found(f"{DOUBLED}\n{CAPITAL}\n<!-- tqcheck: disable-file -->\n") == []
    assert found(f"{DOUBLED}\n{CAPITAL}\n<!-- tqcheck: disable-file TQ1 -->\n") == [(2, "TQ201")]


@pytest.mark.parametrize("comment", ["<!-- tqcheck: ignore TQ101  TQ201 -->", "<!-- tqcheck: ignore TQ101 , TQ201 -->"])
def test_the_comment_itself_produces_no_finding(comment):
    # Two spaces (TQ508) and a space before a comma (TQ509) would be flagged in prose.
    assert found(f"{comment}\nA clean line.\n") == []
    assert found(comment.replace("<!-- tqcheck: ignore ", "Text ").replace(" -->", ".") + "\n")


def test_comments_work_in_markdown_and_html_but_not_inside_code():
    assert found(f"<!-- tqcheck: ignore -->\n{DOUBLED}\n", "a.md") == []
    assert found(f"<p>x</p>\n<!-- tqcheck: ignore -->\n<p>{DOUBLED}</p>\n", "a.html") == []
    in_code = f"```\n<!-- tqcheck: disable-file -->\n```\n\n{DOUBLED}\n"
    assert found(in_code, "a.md") == [(5, "TQ101")]


def test_an_unknown_comment_is_an_error_not_a_silent_no_op():
    result = check_text(f"{DOUBLED}\n<!-- tqcheck: ignroe TQ101 -->\n{DOUBLED}\n", "a.txt", checks=CHECKS)
    assert result.error == "line 2: unknown tqcheck comment 'ignroe' (did you mean 'ignore'?)"
    assert len(result.findings) == 2


def test_suppressed_findings_are_not_fixed(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"<!-- tqcheck: ignore -->\n{DOUBLED}\n{DOUBLED}\n", encoding="utf-8")
    cli(path, "--fix", "--unsafe-fixes", "--no-report")
    assert path.read_text(encoding="utf-8") == "<!-- tqcheck: ignore -->\nthe the talks ended\nthe talks ended\n"
