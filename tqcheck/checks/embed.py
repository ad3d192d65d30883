"""``embed``: what an embedded social-media post leaves behind when a page is scraped.

Each rule picks one ``detect`` mode:

- ``attribution``: the credit line of an embedded post, on a line of its own:
  "Name (@handle) Month D, YYYY", "— Name (@handle)", "A post shared by Name (@handle) on ...".
  Any name, any handle, any month; the date may also be "D Month YYYY". Without a date the line
  must start with a dash or "A post shared by". The post's picture links next to it
  ("... March 3, 2022 pic.twitter.com/x") belong to it. The fix deletes the line (unsafe).
  A Facebook embed's credit is a line of its own too: "Posted by Name on Monday, March 4, 2024"
  (the weekday is optional) or "Posted by Name on Facebook".
- ``link``: embed links from the rule's ``tokens`` (pic.twitter.com/..., t.co/..., status URLs).
  The fix removes the link (safe: there is one way to remove it).
- ``handle``: an @handle in running text ("the envoy's visit @EnvoyOffice with ..."). Handles inside an
  attribution line belong to that finding; e-mail addresses and URLs are not handles.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix
from ._lines import delete_line_fix
from .base import REGEX_TIMEOUT, Check, LazyPattern, Param, RuleDataError, compile_regex
from .literals import LiteralGate

# A month, full or abbreviated, tried longest first (September, Sept, Sep): the same as listing
# the names, at half the compile time.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?:{_MONTH}[ \t]+{_DAY},?[ \t]+\d{{4}}|{_DAY}[ \t]+{_MONTH},?[ \t]+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
_TIME = r"(?:,?[ \t]+(?:at[ \t]+)?\d{1,2}:\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,5})?)"
HANDLE = r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"  # Instagram handles may hold dots
_DASH = r"(?:[—–―]|--?)"
# The picture or short link a post carries; as the post's last words it sits next to its credit.
_POST_LINK = r"(?i:(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+)"
# The whole line: optional dash, optional "A post shared by", a name, "(@handle)", optional date,
# optional post links. Tried only on lines holding "(@", and most articles have none: compiled
# on first use (5 ms).
ATTRIBUTION = LazyPattern(
    rf"(?m)^[ \t]*(?P<dash>{_DASH})?[ \t]*(?P<shared>A[ \t]+(?:post|photo|video)[ \t]+(?:shared|posted)[ \t]+by[ \t]+)?"
    rf"(?P<name>[^\n()@]{{1,80}}?)[ \t]*\((?P<handle>{HANDLE})\)"
    rf"(?:[ \t]*(?:on[ \t]+)?(?P<date>{_DATE}){_TIME}?)?(?:[ \t]+{_POST_LINK})*[ \t]*\.?[ \t\r]*$"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A Facebook embed's credit line ("Posted by <a>Name</a> on&nbsp;<a>Monday, March 4, 2024</a>"
# flattened): a whole line, so "posted by the ministry on Monday." in a sentence is not one.
POSTED_BY = LazyPattern(
    rf"(?m)^[ \t]*Posted[ \t\xa0]+by[ \t\xa0]+(?P<name>[^\n@()]{{1,80}}?)[ \t\xa0]+on[ \t\xa0]+"
    rf"(?:(?:{_WEEKDAY},?[ \t\xa0]+)?(?P<date>{_DATE}){_TIME}?|(?P<platform>Facebook|Instagram|YouTube|Twitter|Telegram|TikTok|X))"
    r"[ \t\xa0\r]*$"
)
# Post links (and spaces) just before an attribution: "pic.twitter.com/x — Name (@handle) ...".
_LINKS_BEFORE = LazyPattern(rf"(?:{_POST_LINK}[ \t]*)+$")
# The date of an embedded post on a line of its own, under a dated line's name and handle.
_DATE_LINE = LazyPattern(rf"[ \t]*(?:on[ \t]+)?(?P<date>{_DATE}){_TIME}?[ \t]*\.?[ \t\r]*")
_RUNNING_HANDLE = LazyPattern(r"(?<![\w@.+/:#-])@(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{1,15}(?![\w@]|\.\w|-\w)")


_INNER_DASH = LazyPattern(r"[ \t](?:[—–―]|--?)[ \t]")
# What ends a post's text flattened before a hyphen: a link or a sentence's last mark.
_POST_END = LazyPattern(rf"(?:{_POST_LINK}|[.!?\"”])[ \t]*$")


def document_attributions(doc: Document, max_name_words: int = 8) -> list[tuple[int, int, regex.Match]]:
    """``attribution_spans`` of the document, found once for all the checks that skip or report them."""
    return doc.memo(f"embed.attributions.{max_name_words}", lambda d: attribution_spans(d.text, max_name_words))


def attribution_spans(text: str, max_name_words: int = 8) -> list[tuple[int, int, regex.Match]]:
    """(start, end, match) of every attribution in ``text``, stripped of spaces.

    It is a whole line (with the date line under an undated one: _date_line_end), or, when the
    post's text was flattened onto the same line ("Prices are rising pic.twitter.com/x — Name
    (@handle) May 2, 2021"), the line from the post's link, or from the dash.
    """
    out = []
    for m in _matches_on_lines_with(text, "(@"):
        start, end = m.span()
        name = m.group("name")
        inner = _post_text_end(name)
        if inner:
            start = m.start("name") + inner.start()
            name = name[inner.end() :]
        name = name.strip(" \t—–-")
        if not name or not regex.search(r"\p{L}", name):
            continue
        introduced = bool(m.group("dash") or inner or m.group("shared"))
        if not m.group("date") and not (introduced and len(name.split()) <= max_name_words):
            continue  # "... on Twitter (@ministry)" inside a sentence is not an attribution line
        links = _LINKS_BEFORE.search(text, text.rfind("\n", 0, start) + 1, start)
        if links:
            start = links.start()
        while text[start] in " \t":
            start += 1
        while end > start and text[end - 1] in " \t\r":
            end -= 1
        if not m.group("date"):
            end = _date_line_end(text, end)
        out.append((start, end, m))
    if "Posted" in text:
        out.extend(_posted_by_spans(text, max_name_words))
        out.sort(key=lambda span: span[0])
    return out


def _posted_by_spans(text: str, max_name_words: int) -> Iterator[tuple[int, int, regex.Match]]:
    """(start, end, match) of the Facebook credit lines ("Posted by Name on Monday, March 4, 2024")."""
    for m in POSTED_BY.finditer(text):
        if regex.search(r"\p{L}", m.group("name")) and len(m.group("name").split()) <= max_name_words:
            start, end = m.span()
            while text[start] in " \t":
                start += 1
            while text[end - 1] in " \t\xa0\r":
                end -= 1
            yield start, end, m


def _post_text_end(name: str) -> regex.Match | None:
    """The dash that ends a post's text flattened before its credit, in what the attribution
    pattern took for a name. A hyphen counts only after a link or a sentence: in "Ministry of
    Foreign Affairs - Somalia" it is part of the name."""
    for dash in reversed(list(_INNER_DASH.finditer(name))):
        if dash.group().strip() != "-" or _POST_END.search(name, 0, dash.start()):
            return dash
    return None


def _date_line_end(text: str, end: int) -> int:
    """Where the line after ``end`` ends, when it holds nothing but a post's date (some embeds
    put "— Name (@handle)" and the date on two lines); else ``end``."""
    line = end + 2 if text.startswith("\r\n", end) else end + 1 if text.startswith("\n", end) else None
    if line is None:
        return end
    stop = text.find("\n", line)
    stop = len(text) if stop == -1 else stop
    if not _DATE_LINE.fullmatch(text, line, stop):
        return end
    return line + len(text[line:stop].rstrip(" \t\r"))


def poster(m: regex.Match) -> str:
    """Who posted: the @handle of a tweet or Instagram post, the page's name on Facebook."""
    return m.groupdict().get("handle") or " ".join(m.group("name").split())


def attribution_date(text: str, end: int, m: regex.Match) -> str:
    """The date of the attribution ``m`` that ends at ``end`` (see _date_line_end), or ""."""
    if m.group("date") or end <= m.end():
        return m.group("date") or ""
    return _DATE_LINE.fullmatch(text, text.rfind("\n", 0, end) + 1, end).group("date")


def _matches_on_lines_with(text: str, needle: str) -> Iterator[regex.Match]:
    """``ATTRIBUTION.finditer(text)``, tried only on the lines holding ``needle``: a match holds
    "(@" and never a line break, and most articles have no such line."""
    i = text.find(needle)
    while i != -1:
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        end = len(text) if end == -1 else end
        yield from ATTRIBUTION.finditer(text, start, end)
        i = text.find(needle, end)


def _inside(spans: list[tuple[int, int, regex.Match]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b, _ in spans)


def _in_url(text: str, start: int) -> bool:
    """True when the @ at ``start`` is part of a URL (the word before it has :// or a slash)."""
    begin = start
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return "/" in text[begin:start] or "www." in text[begin:start]


class Embed(Check):
    kind = "embed"
    keys = {
        "detect": Param("str", required=True, choices=("attribution", "link", "handle")),
        "tokens": Param("str_list", [], help="link: regular expressions of embed links"),
        "max_name_words": Param("int", 8, help="attribution: most words in a name on an undated line"),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.max_name_words = options["max_name_words"]
        self.link = self.link_gate = None
        if self.detect == "link":
            tokens = options["tokens"]
            if not tokens:
                raise RuleDataError("tokens: a link rule needs at least one pattern", ("tokens",))
            for i, token in enumerate(tokens):
                compile_regex(token, ("tokens", i), self.rule.ignorecase)
            alternation = "|".join(f"(?:{t})" for t in tokens)
            self.link = compile_regex(rf"(?<![\w/.])(?:{alternation})", ("tokens",), self.rule.ignorecase)
            self.link_gate = LiteralGate.for_pattern(self.link)  # most articles hold no such link

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        attributions = document_attributions(doc, self.max_name_words)
        if self.detect == "attribution":
            for start, end, m in attributions:
                line_start = text.rfind("\n", 0, start) + 1
                if text[line_start:start].strip():
                    # The post's text shares the line: remove only the attribution.
                    cut = start
                    while cut > line_start and text[cut - 1] in " \t":
                        cut -= 1
                    fix = Fix("Delete the attribution", (Edit(cut, end, ""),), Applicability.UNSAFE)
                    advice = "delete the attribution"
                else:
                    fix = delete_line_fix(text, start, end, "Delete the attribution line")
                    advice = "delete the line"
                who = poster(m)
                handle = m.groupdict().get("handle")
                data = {"poster": who, "date": attribution_date(text, end, m)}
                if handle:  # a Facebook credit names a page, which has no handle
                    data["handle"] = handle
                # {handle} in a message is the poster, for rule files written before {poster}
                yield self.finding(doc, start, end, (advice,), fix, data=data, poster=who, handle=who)
        elif self.detect == "link":
            if self.link_gate and not self.link_gate.may_match(doc):
                return
            for m in self.link.finditer(text, timeout=REGEX_TIMEOUT):
                start, end = m.span()
                while end > start and text[end - 1] in ".,;:)]}\"”'’":
                    end -= 1  # sentence punctuation after the link is not part of it
                if end <= start or _inside(attributions, start, end):
                    continue
                cut = start
                while cut > 0 and text[cut - 1] in " \t":
                    cut -= 1
                if cut == 0 or text[cut - 1] == "\n":
                    cut = start  # at a line start: keep the line's own layout
                fix = Fix("Remove the link", (Edit(cut, end, ""),), Applicability.SAFE)
                yield self.finding(doc, start, end, ("",), fix)
        elif "@" in text:
            for m in _RUNNING_HANDLE.finditer(text):
                start, end = m.span()
                if _inside(attributions, start, end) or _in_url(text, start):
                    continue
                yield self.finding(doc, start, end, (), None, data={"handle": m.group()}, handle=m.group())
