"""Which characters of a Markdown or HTML file are prose, and a masked copy for the checks.

Checks read a copy of the text of the same length in which code, URLs, link targets, tags,
comments and front matter are blanked out with spaces (newlines kept). An offset in the copy is
the same offset in the file, so findings need no mapping back; the engine drops any finding or
fix that touches a blanked character. Block-level HTML tags become paragraph breaks in the copy,
so that ``<h1>Title</h1><p>The story`` still reads as two blocks.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

import regex

from .checks.base import LazyPattern

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

# Elements whose whole content is not prose.
_RAW = frozenset({"script", "style", "pre", "code", "textarea", "svg", "math"})
_BLOCK = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p section summary table "
    "tbody td tfoot th thead title tr ul".split()
)
_TAG = (
    r"</?(?P<name>[A-Za-z][A-Za-z0-9-]*)"
    r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"]+"
_AUTOLINK = r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>"
_HTML_INLINE = LazyPattern(
    rf"(?P<comment><!--)|(?P<cdata><!\[CDATA\[)|(?P<decl><![A-Za-z])|(?P<pi><\?)"
    rf"|(?P<autolink>{_AUTOLINK})|(?P<tag>{_TAG})|(?P<url>{_URL})"
)
_MD_INLINE = LazyPattern(
    rf"(?<!\\)(?P<code>`+)|(?P<comment><!--)|(?P<cdata><!\[CDATA\[)|(?P<decl><![A-Za-z])|(?P<pi><\?)"
    rf"|(?P<autolink>{_AUTOLINK})|(?P<tag>{_TAG})|(?P<url>{_URL})"
    r"|(?P<refdef>^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*)|(?<!\\)(?P<link>!?\[)",
    regex.MULTILINE,
)
_ENDS = {"comment": "-->", "cdata": "]]>", "decl": ">", "pi": "?>"}
_FRONT_MATTER = LazyPattern(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t\r]*$", regex.MULTILINE | regex.DOTALL)
_FENCE = LazyPattern(r" {0,3}(`{3,}|~{3,})")
_LIST_ITEM = LazyPattern(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_PARAGRAPH_END = LazyPattern(r"\n[ \t\r]*\n")
_BACKTICKS = LazyPattern(r"`+")
_URL_TRAIL = ".,;:!?'\"*_]"


@dataclass(frozen=True)
class Mask:
    """Blanked ranges of a text (sorted, disjoint), the paragraph breaks block tags put in the
    copy, and the HTML comments found (where suppression comments may live)."""

    ranges: tuple[tuple[int, int], ...] = ()
    breaks: tuple[tuple[int, str], ...] = ()
    comments: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "ranges", _merge(self.ranges))

    def plus(self, ranges) -> Mask:
        return Mask(self.ranges + tuple(ranges), self.breaks, self.comments)

    def apply(self, text: str) -> str:
        """The masked copy: same length, newlines kept, blanked ranges as spaces."""
        if not self.ranges:
            return text
        pieces, cursor = [], 0
        for start, end in self.ranges:
            pieces.append(text[cursor:start])
            pieces.append(regex.sub(r"[^\r\n]", " ", text[start:end]))
            cursor = end
        pieces.append(text[cursor:])
        masked = "".join(pieces)
        if self.breaks:
            chars = list(masked)
            for offset, newlines in self.breaks:
                chars[offset : offset + len(newlines)] = newlines
            masked = "".join(chars)
        return masked

    def touches(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` holds a blanked character (an empty span: lies inside one)."""
        i = bisect.bisect_left(self._starts, end if end > start else start) - 1
        return i >= 0 and self.ranges[i][1] > start

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _e in self.ranges]


def _merge(ranges) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def kind_of(path: str) -> str | None:
    """"markdown", "html" or None (plain text), from the file name."""
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return None


def mask(text: str, kind: str) -> Mask:
    """What is not prose in a Markdown (``kind="markdown"``) or HTML (``"html"``) text."""
    blocks = _markdown_blocks(text) if kind == "markdown" else []
    scan_text = Mask(tuple(blocks)).apply(text)
    inline, breaks, comments = _inline(scan_text, _MD_INLINE if kind == "markdown" else _HTML_INLINE)
    return Mask(tuple(blocks) + tuple(inline), tuple(breaks), tuple(comments))


def _markdown_blocks(text: str) -> list[tuple[int, int]]:
    """Front matter, fenced code blocks and indented code blocks (not list continuations)."""
    ranges = []
    front = _FRONT_MATTER.match(text)
    pos = front.end() if front else 0
    if front:
        ranges.append((0, front.end()))
    fence = None  # (marker char, length, start offset) of an open fenced block
    prev_blank, in_code, in_list = True, False, False
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        line = text[pos:end]
        nxt = end + 1
        if fence:
            close = _FENCE.match(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= fence[1] and not line[close.end():].strip():
                ranges.append((fence[2], end))
                fence = None
            pos = nxt
            continue
        opened = _FENCE.match(line)
        if opened and not (opened.group(1)[0] == "`" and "`" in line[opened.end():]):
            fence = (opened.group(1)[0], len(opened.group(1)), pos)
            pos, prev_blank, in_code = nxt, False, False
            continue
        if not line.strip():
            prev_blank = True
            pos = nxt
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (in_code or (prev_blank and not in_list)):
            ranges.append((pos, end))
            in_code = True
        else:
            in_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif not indented and prev_blank:
                in_list = False
        prev_blank = False
        pos = nxt
    if fence:
        ranges.append((fence[2], len(text)))
    return ranges


def _inline(text: str, pattern: regex.Pattern, pos: int = 0, endpos: int | None = None) -> tuple[list, list, list]:
    """Scan ``text[pos:endpos]`` left to right: code spans, comments, tags (with raw elements
    such as <script>), autolinks, bare URLs and link syntax. Returns (ranges, breaks, comments)."""
    endpos = len(text) if endpos is None else endpos
    ranges, breaks, comments = [], [], []
    while True:
        m = pattern.search(text, pos, endpos)
        if m is None:
            return ranges, breaks, comments
        kind, start = m.lastgroup, m.start()
        end = m.end()
        if kind == "code":
            close = _closing_backticks(text, end, len(m.group()), endpos)
            if close is None:
                pos = end
                continue
            end = close
        elif kind in _ENDS:
            found = text.find(_ENDS[kind], end)
            end = len(text) if found == -1 else found + len(_ENDS[kind])
            if kind == "comment":
                comments.append((start, end))
        elif kind == "tag":
            name = m.group("name").lower()
            if name in _RAW and not m.group().startswith("</") and not m.group().endswith("/>"):
                close = regex.compile(rf"</{name}\s*>", regex.IGNORECASE).search(text, end)
                end = len(text) if close is None else close.end()
            elif name in _BLOCK:
                breaks.append((start, "\n" if name in ("br", "hr") else "\n\n"))
        elif kind == "url":
            end = start + len(_trim_url(m.group()))
        elif kind == "link":
            target = _link_target(text, end, endpos)
            if target is None:
                pos = end
                continue
            # "[" and "](target)" are blanked; the link text between stays prose and is scanned.
            inner = _inline(text, pattern, end, target[0])
            for into, found in zip((ranges, breaks, comments), inner):
                into.extend(found)
            ranges.extend([(start, end), target])
            pos = target[1]
            continue
        ranges.append((start, end))
        pos = max(end, start + 1)


def _closing_backticks(text: str, pos: int, count: int, endpos: int) -> int | None:
    """End of the backtick run of exactly ``count`` closing a code span, within its paragraph."""
    stop = _PARAGRAPH_END.search(text, pos, endpos)
    for m in _BACKTICKS.finditer(text, pos, stop.start() if stop else endpos):
        if len(m.group()) == count:
            return m.end()
    return None


def _link_target(text: str, pos: int, endpos: int) -> tuple[int, int] | None:
    """The ``](target "title")`` or ``][ref]`` that closes a link whose text starts at ``pos``."""
    depth, i = 1, pos
    stop = _PARAGRAPH_END.search(text, pos, endpos)
    limit = stop.start() if stop else endpos
    while i < limit:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                break
        i += 1
    else:
        return None
    after = text[i + 1 : i + 2]
    if after == "[":
        close = text.find("]", i + 2, limit)
        return None if close == -1 else (i, close + 1)
    if after != "(":
        return None
    depth, j = 0, i + 1
    while j < limit:
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return (i, j + 1)
        j += 1
    return None


def _trim_url(url: str) -> str:
    """A bare URL without the sentence punctuation after it (and an unbalanced ``)``)."""
    while url and (url[-1] in _URL_TRAIL or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url
