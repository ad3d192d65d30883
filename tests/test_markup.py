"""Markdown and HTML: only prose is checked, offsets stay those of the file, fixes spare markup."""

from __future__ import annotations

import json

import pytest

from tqcheck.checks.base import Check, Rule
from tqcheck.document import Document
from tqcheck.engine import check_text, run_checks
from tqcheck.markup import Mask, mask
from tqcheck.model import Edit, Fix, Severity

ECHO = "in May Last May"  # TQ102 wherever it is prose

MARKDOWN = f"""---
title: Talks {ECHO}
---
# Talks resume

The talks resumed {ECHO}, officials said.

```text
fenced {ECHO}
```

    indented {ECHO}

Inline `code {ECHO}` and a [link text](https://example.com/{ECHO.replace(' ', '-')} "title {ECHO}") and
a bare URL https://example.com/in/May/Last/May and <https://example.com/x> and [ref][r].

<!-- a comment {ECHO} -->
<div class="{ECHO}">A block</div>

[r]: https://example.com/{ECHO.replace(' ', '%20')} "{ECHO}"

- a list item
    that continues {ECHO}
"""

HTML = f"""<!DOCTYPE html>
<html><head><title>Talks</title>
<style>/* {ECHO} */ p {{ color: red }}</style>
<script>var s = "{ECHO}";</script></head>
<body><h1>Talks resume</h1><p>The talks resumed {ECHO}, officials said <a href="https://x.com/?q={ECHO}" title="{ECHO}">here</a> &amp; there.</p>
<!-- {ECHO} -->
<pre>{ECHO}</pre><p>He called <code>{ECHO}</code> a bug.</p>
</body></html>
"""


def echoes(text: str, path: str) -> list:
    result = check_text(text, path)
    for f in result.findings:
        assert text[f.start : f.end] == f.match  # offsets are those of the original file
    return [f for f in result.findings if f.code == "TQ102"]


def test_markdown_checks_only_prose():
    found = echoes(MARKDOWN, "news/a.md")
    lines = MARKDOWN.splitlines()
    assert [(f.line, f.match) for f in found] == [(6, "May Last May"), (23, "May Last May")]
    assert "The talks resumed" in lines[5] and "that continues" in lines[22]


def test_the_same_text_as_plain_text_is_checked_everywhere():
    assert len(echoes(MARKDOWN, "news/a.txt")) > 5


def test_html_checks_only_prose_and_block_tags_end_paragraphs():
    found = echoes(HTML, "news/a.html")
    assert [(f.line, f.match) for f in found] == [(5, "May Last May")]
    first = found[0]
    assert first.column == HTML.splitlines()[4].index("May Last May") + 1
    # "<h1>Talks resume</h1><p>The talks": without a paragraph break "The" would be mid-sentence.
    assert not [f for f in check_text(HTML, "a.html").findings if f.code == "TQ201"]
    assert check_text(HTML, "a.htm").findings == check_text(HTML, "a.html").findings


def test_mask_keeps_length_and_newlines():
    for text, kind in ((MARKDOWN, "markdown"), (HTML, "html")):
        masked = mask(text, kind).apply(text)
        assert len(masked) == len(text)
        assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n" and text[i] == "\n"]
    assert "link text" in mask(MARKDOWN, "markdown").apply(MARKDOWN)
    assert "example.com" not in mask(MARKDOWN, "markdown").apply(MARKDOWN)
    assert "&amp; there" in mask(HTML, "html").apply(HTML)


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("see `xa` and ``yb ` zc`` now", ["xa", "yb", "zc"], ["see", "and", "now"]),
        ("a `not closed\n\nnext `para", [], ["not closed", "para"]),
        ("[text](http://x.org/a_(b)) after", ["http", "x.org"], ["text", "after"]),
        ("![alt text](img.png) after", ["img.png"], ["alt text", "after"]),
        ("go to www.example.org/path. Then", ["www.example.org/path"], ["go to", ". Then"]),
        ("(see https://x.org/a) now", ["https://x.org/a"], ["(see", ") now"]),
        ("+++\ntitle = 'x'\n+++\nbody", ["title"], ["body"]),
        ("~~~~\ncode\n~~~\nstill code\n~~~~\nprose", ["code", "still code"], ["prose"]),
        ("text \\`not code\\` here", [], ["not code"]),
    ],
)
def test_markdown_constructs(text, hidden, kept):
    masked = mask(text, "markdown").apply(text)
    for word in hidden:
        assert word not in masked, word
    for word in kept:
        assert word in masked, word


def test_mask_touches():
    m = Mask(((5, 8), (2, 3), (7, 10)))
    assert m.ranges == ((2, 3), (5, 10))
    assert m.touches(0, 3) and m.touches(9, 12) and m.touches(6, 6)
    assert not m.touches(3, 5) and not m.touches(10, 11) and not m.touches(5, 5) and not m.touches(10, 10)


class _Reach(Check):
    """A test check whose fix edits past the finding, into whatever follows it."""

    kind = "test"

    def run(self, doc):
        i = doc.text.index("word")
        fix = Fix("x", (Edit(i, i + 4, "WORD"), Edit(i + 5, i + 9, "")))
        yield self.finding(doc, i, i + 4, ("WORD",), fix)


def test_fixes_never_edit_masked_text():
    check = _Reach(Rule("XX1", "reach", "test", "m", Severity.WARNING, "test"))
    (kept,) = run_checks(Document("word `abc` end", "a.md"), [check])[0]
    assert kept.fix is None and kept.match == "word"
    (plain,) = run_checks(Document("word next end", "a.txt"), [check])[0]
    assert plain.fix is not None


def test_fix_leaves_code_alone(cli, tmp_path):
    text = "The talks resumed in May Last May, he said.\n\n```\nsee the the code\n```\n\nand `the the` too, the the end.\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    cli(path, "--fix", "--unsafe-fixes", "--no-report")
    fixed = path.read_text(encoding="utf-8")
    assert "see the the code" in fixed and "`the the`" in fixed
    assert "too, the end." in fixed and "in May, he said" in fixed


def test_markdown_files_are_found_in_folders(cli, tmp_path):
    (tmp_path / "a.markdown").write_text("the the end\n", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>the the end</p>\n", encoding="utf-8")
    data = json.loads(cli(tmp_path, "--format", "json", "--no-report").stdout)
    assert [f["path"].rsplit("/", 1)[-1] for f in data["files"]] == ["a.markdown"]
    data = json.loads(cli(tmp_path, "--format", "json", "--no-report", "--include", "*.html").stdout)
    (finding,) = data["files"][0]["findings"]
    assert (finding["match"], finding["column"]) == ("the the", 4)
