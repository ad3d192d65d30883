"""Line helpers shared by the structure checks (captions, embeds, duplicates, language).

Not a check kind: nothing here is registered in ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Applicability, Edit, Fix
from .base import LazyPattern

# Characters that end a sentence or clause at the end of a line of prose.
PROSE_END = frozenset(".!?:;,…\"”’»")
# Two sentences: a lowercase word closing one, a capital opening the next.
SENTENCE_BREAK = LazyPattern(r"\p{Ll}{2,}[.!?][ \t]+[\p{Lu}\d]")
_BULLET = LazyPattern(r"(?:[-+*•‣◦>]|\d{1,3}[.)])[ \t]")
# A whole line in Markdown italics or bold: the same run of markers on both sides, hugging the text.
_EMPHASIS = LazyPattern(
    r"(?P<mark>\*{1,3})(?P<inner>[^\s*](?:[^\n*]*[^\s*])?)(?P=mark)|(?P<mark>_{1,3})(?P<inner>[^\s_](?:[^\n_]*[^\s_])?)(?P=mark)"
)


@dataclass(frozen=True)
class Line:
    """One line of the text without its line break; ``start``/``end`` are offsets of the stripped text."""

    number: int  # 1-based
    start: int
    end: int
    text: str  # stripped


def lines_ending_in(text: str, char: str) -> Iterator[Line]:
    """Every line (split at line breaks) whose text, stripped, ends in ``char``, with the offsets of the
    stripped text. Found from the occurrences of ``char`` (a few per article), not every line."""
    i = text.find(char)
    while i != -1:
        nl = text.find("\n", i)
        stop = len(text) if nl == -1 else nl
        if text[i + 1 : stop].strip():
            i = text.find(char, i + 1)  # more text after it on this line
            continue
        yield line_at(text, i)
        i = -1 if nl == -1 else text.find(char, nl + 1)


def line_at(text: str, i: int) -> Line:
    """The line (split at line breaks) that holds offset ``i``, stripped."""
    begin = text.rfind("\n", 0, i) + 1
    nl = text.find("\n", i)
    raw = text[begin : len(text) if nl == -1 else nl]
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    return Line(text.count("\n", 0, begin) + 1, begin + lead, begin + lead + len(stripped), stripped)


def unwrap_emphasis(line: Line) -> Line:
    """The text of ``line`` inside the Markdown emphasis that wraps it whole ("*A caption (AFP)*",
    "**Read also:** ..." is not wrapped whole), or ``line`` itself: a scraped caption keeps the
    italics of the page."""
    m = _EMPHASIS.fullmatch(line.text)
    if not m:
        return line
    inner = m.group("inner")
    start = line.start + m.start("inner")
    return Line(line.number, start, start + len(inner), inner)


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def stands_alone(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole line that reads as its own paragraph.

    It is its own paragraph when blank lines surround it; in text with one paragraph per line,
    when the line before ends a sentence (or there is none) and the line after starts one.
    """
    before = text[:start]
    prev_nl = before.rfind("\n")
    if before[prev_nl + 1 :].strip():
        return False  # text before it on the same line
    after_nl = text.find("\n", end)
    if text[end : len(text) if after_nl == -1 else after_nl].strip():
        return False  # text after it on the same line
    prev_line = _neighbour(text, prev_nl, -1)
    if prev_line is not None and prev_line[1] and prev_line[0][-1] not in PROSE_END | {")", "]"}:
        return False  # the line before runs on into this one
    return not runs_on(text, end)


def runs_on(text: str, end: int) -> bool:
    """True when the line that ends at ``end`` goes on in the next one: no blank line between
    them, and the next does not start as a sentence or a paragraph does."""
    next_line = _neighbour(text, text.find("\n", end), 1)
    return next_line is not None and next_line[1] and not regex.match(r"[\p{Lu}\d\"“‘'(\[#*•-]", next_line[0])


def _neighbour(text: str, nl: int, step: int) -> tuple[str, bool] | None:
    """The nearest non-blank line before (step -1) or after (step 1) the break at ``nl``, and
    whether it is adjacent (no blank line in between)."""
    if nl == -1:
        return None
    adjacent = True
    if step < 0:
        end = nl
        while end > 0:
            begin = text.rfind("\n", 0, end) + 1
            chunk = text[begin:end].strip()
            if chunk:
                return chunk, adjacent
            adjacent = False
            end = begin - 1
        return None
    begin = nl + 1
    while begin <= len(text):
        stop = text.find("\n", begin)
        chunk = text[begin : len(text) if stop == -1 else stop].strip()
        if chunk:
            return chunk, adjacent
        adjacent = False
        if stop == -1:
            return None
        begin = stop + 1
    return None


def delete_line_fix(text: str, start: int, end: int, title: str = "Delete the line",
                    applicability: Applicability = Applicability.UNSAFE) -> Fix:
    """Remove the line holding text[start:end] together with one paragraph break around it."""
    line_start = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", end)
    line_end = len(text) if nl == -1 else nl
    # Up to the start of the next line with text, swallowing the blank lines in between.
    pos = line_end
    while pos < len(text):
        stop = text.find("\n", pos + 1)
        stop = len(text) if stop == -1 else stop
        if text[pos + 1 : stop].strip():
            return Fix(title, (Edit(line_start, pos + 1, ""),), applicability)
        pos = stop
    # The last line with text: remove it and the break before it; keep the final newline
    # (with its "\r" in a file with CRLF line ends).
    back = line_start
    while back > 0 and text[back - 1].isspace():
        back -= 1
    if back == 0:
        return Fix(title, (Edit(0, len(text), ""),), applicability)
    if text.endswith("\r", 0, line_end):
        line_end -= 1
    return Fix(title, (Edit(back, line_end, ""),), applicability)
