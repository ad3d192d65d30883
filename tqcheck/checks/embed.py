"""``embed``: what a scraped page leaves around the article: its embedded social-media posts
and its navigation.

Each rule picks one ``detect`` mode:

- ``attribution``: the credit line of an embedded post, on a line of its own:
  "Name (@handle) Month D, YYYY", "— Name (@handle)", "A post shared by Name (@handle) on ...".
  Any name, any handle, any month; the date may also be "D Month YYYY". Without a date the line
  must start with a dash or "A post shared by". The post's picture links next to it
  ("... March 3, 2022 pic.twitter.com/x") belong to it; the post's text flattened before it, of
  any length, stays ("<post> pic.twitter.com/x — Name (@handle) <date>"). The fix deletes the
  line, or the credit after the post's text (unsafe).
  A Facebook embed's credit is a line of its own too: "Posted by Name on Monday, March 4, 2024"
  (the weekday is optional) or "Posted by Name on Facebook".
- ``link``: embed links from the rule's ``tokens`` (pic.twitter.com/..., t.co/..., status URLs).
  The fix removes the link, or its line when it stands there alone (safe: there is one way to
  remove it). An Instagram embed's header left alone on its line is such a link.
- ``handle``: an @handle in running text ("the envoy's visit @EnvoyOffice with ..."). Handles inside an
  attribution line belong to that finding, those on a navigation line ("Follow us on X: @a, @b")
  to its line's; e-mail addresses and URLs are not handles.
- ``navigation``: the page around the article, a line of its own: a link to another article of
  the site ("Read also: <headline>", "Related: <headline>"; the headline capitalised, three to
  twenty words, one sentence, no closing full stop) or a news agency's end-of-story tag ("End of
  message.", "(End)", "-- End --"; not a press release's "ENDS"), or its sign-off ("(KNA) B.T /
  S.Ö"), or an advertising slot's marker ("Advertisement", "Story continues below
  advertisement"). A travel guide's "Recommended:"
  and "Don't miss:" are its own advice, not teasers. The fix deletes the line (unsafe); a teaser's
  finding is its headline, so that a Markdown link's brackets (markup) stay out of it.

An Instagram embed's header, "View this post on Instagram", belongs to the credit under it.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix
from ._lines import SENTENCE_BREAK, Line, delete_line_fix, line_at, runs_on, stands_alone
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
# The header of an Instagram embed, on its credit's line or the line above it.
_VIEW_ON_INSTAGRAM = r"View[ \t]+this[ \t]+(?:post|photo|video|reel|profile)[ \t]+on[ \t]+Instagram"
_HEADER_LINE = LazyPattern(rf"[ \t]*{_VIEW_ON_INSTAGRAM}[ \t\r]*")
# The whole line (or its end, from where the search starts: \G): optional dash, optional "View
# this post on Instagram", optional "A post shared by", a name, "(@handle)", optional date,
# optional post links. Tried only on lines holding "(@", and most articles have none: compiled
# on first use (5 ms).
ATTRIBUTION = LazyPattern(
    rf"(?m)(?:^|\G)[ \t]*(?P<dash>{_DASH})?[ \t]*(?P<view>{_VIEW_ON_INSTAGRAM}[ \t]+)?"
    rf"(?P<shared>A[ \t]+(?:post|photo|video)[ \t]+(?:shared|posted)[ \t]+by[ \t]+)?"
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


# A line that may be the page's navigation: its first word, after any decoration, is one a
# teaser's label or an end tag starts with. Only these lines are tried on the patterns below.
_MAY_NAVIGATE = LazyPattern(
    r"(?mi)^[ \t]*(?:[^\p{L}\p{N}\n]{0,6}(?:read|see|also|to|related|recommended|you|most|end"
    r"|click|tap|press|follow|join|subscribe|sign|download|install|like|turn|enable|stay|for"
    r"|advert(?:isement)?|story|article|continue|scroll)\b|[*_]{0,3}\([\p{L}\p{N}&.-]{2,20}\)[ \t])"  # (the agency of _SIGN_OFF)
)
# The label of a link to another article of the site, as MT renders "اقرأ أيضا", "Lire aussi",
# "Ayrıca okuyun", "Lesen Sie auch", ..., and its separator; the headline follows (the whole in
# brackets, perhaps: "[Read also: ...]").
_TEASER = LazyPattern(
    r"(?i)(?P<open>[\[(])?[ \t]*[»>•▶►–—-]*[ \t]*(?P<label>"
    r"(?:read|see)[ \t]+(?:also|too)|also[ \t]+(?:read|see)|to[ \t]+read[ \t]+also|read[ \t]+(?:more|next)"
    r"|related(?:[ \t]+(?:news|articles?|stories|story|content|posts?|topics?|links?|coverage))?"
    r"|recommended[ \t]+(?:for[ \t]+you|articles|stories)"
    r"|you[ \t]+may[ \t]+also[ \t]+(?:like|read|be[ \t]+interested[ \t]+in)|most[ \t]+read"
    r")[ \t]*(?:[:|»>]|[–—-](?=[ \t]))[ \t]*(?P<headline>[^\n]+?)[ \t]*(?(open)[\])])"
)
# The site's call to follow it, as a line of its own: "Tap here to follow our Telegram channel",
# "Follow us on X", "Subscribe to our newsletter", "Download our app", after an optional purpose
# ("For the latest news, follow ...", "To receive our alerts: ..."). No quotation marks: a quoted
# call is someone's words.
_PROMOTION = LazyPattern(
    r"(?:(?:To|For|to|for)[ \t][^\n,:\"“”]{3,60}[,:][ \t]*)?"
    r"(?P<action>(?i:(?:click|tap|press)[ \t]+here|follow|join|subscribe|sign[ \t]+up|download|install|like|turn[ \t]+on|enable"
    r"|stay[ \t]+(?:connected|updated|informed|tuned)))\b[^\n\"“”]{0,200}"
)
# What the call promotes: the site's own channels ("our Telegram channel", "our news on WhatsApp",
# "us on Facebook").
_PLATFORM = r"whatsapp|telegram|facebook|twitter|x|instagram|youtube|tiktok|snapchat|linkedin|threads|google[ \t]+news"
_SITE_CHANNEL = LazyPattern(
    rf"\b[Oo]ur[ \t]+(?:[\w'’-]+[ \t]+){{0,3}}?(?i:channels?|app|application|page|account|newsletters?|group|feed|alerts"
    rf"|notifications|podcast|{_PLATFORM})\b|\bus[ \t]+(?:on|at|via)[ \t]+(?i:{_PLATFORM})\b"
)
# The most words in such a call.
_PROMOTION_WORDS = 30
# A headline given as a Markdown link: its words are the link's text.
_LINKED = LazyPattern(r"\[(?P<text>[^\]\n]+)\]\([^)\n]*\)")
# An editor's initials after an end tag: "hm.ab", "H.S", "MA" (one case in each).
_INITIALS = r"(?:\p{Ll}{1,4}(?:\.\p{Ll}{1,4})*|\p{Lu}{1,3}(?:\.\p{Lu}{1,3})*)\.?"
# A news agency's end-of-story tag: "End of message", "End of the news", or a bare "End" in
# brackets or between dashes ("(End)", "[END]", "-- End --", "/End/"), with the editor's
# initials an agency may add ("(end) hm.ab", "(End) K.T / R.B"). "ENDS", a press release's last
# line, is no tag.
_END_TAG = LazyPattern(
    r"(?i)(?:[(\[/–—-]*[ \t]*(?P<tag>end[ \t]+of[ \t]+(?:the[ \t]+)?(?:message|news|article))[ \t]*[.)\]/–—-]*"
    r"|(?P<tag>\(end\)|\[end\]|/[ \t]*end[ \t]*/|(?:-{1,3}|[–—])[ \t]*end[ \t]*(?:-{1,3}|[–—])))"
    rf"(?-i:[ \t]+{_INITIALS}(?:[ \t]*/[ \t]*{_INITIALS})*)?"
)
# An agency's sign-off: its name in brackets and its editors' initials, at least two or one
# dotted ("(KNA) B.T / S.Ö", "(Anadolu) M.K").
_SIGN_OFF = LazyPattern(
    rf"\((?P<agency>\p{{Lu}}[\p{{L}}\p{{N}}&.-]{{1,19}})\)[ \t]+"
    rf"(?P<initials>{_INITIALS}(?:[ \t]*/[ \t]*{_INITIALS})+|\p{{Lu}}{{1,3}}(?:\.\p{{Lu}}{{1,3}})+\.?)"
)
# A news site's advertising slot, left as a line of its own: "Advertisement", "ADVERTISEMENT -
# scroll to continue", "Story continues below advertisement", "Continue reading below".
_CONTINUE = (
    r"(?:(?:scroll|keep[ \t]+reading)(?:[ \t]+down)?[ \t]+to[ \t]+continue(?:[ \t]+reading)?(?:[ \t]+with[ \t]+(?:the[ \t]+)?content)?"
    r"|continue[ \t]+reading(?:[ \t]+(?:below|the[ \t]+(?:main[ \t]+)?(?:story|article)))?"
    r"|(?:the[ \t]+)?(?:story|article|content)[ \t]+continues[ \t]+(?:below|after)(?:[ \t]+(?:the[ \t]+|this[ \t]+)?(?:advertisement|advert|ad))?)"
)
_AD_MARKER = LazyPattern(
    rf"(?i)[\[(]?[ \t]*(?:(?P<ad>advertisement|advert)(?:[ \t]*(?:[-–—:|·.]|--)?[ \t]*{_CONTINUE})?|(?P<ad>{_CONTINUE}))"
    r"[ \t]*[.…]?[ \t]*[\])]?"
)
# Markdown emphasis around a label or a whole line ("**Read also:** ...", "*(End)*").
_EMPHASIS_MARKS = LazyPattern(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")


def navigation_lines(text: str) -> Iterator[tuple[Line, dict]]:
    """(line, data) of each line of its own that is the page's navigation: a link to another
    article ({"label": "Read also"}), an agency's end tag ({"tag": "End of message"}) or the
    site's call to follow it ({"promotion": "Click here"})."""
    for hit in _MAY_NAVIGATE.finditer(text):
        line = line_at(text, hit.end() - 1)
        plain = _EMPHASIS_MARKS.sub("", line.text).strip()
        data = _navigation_data(plain)
        if not data or runs_on(text, line.end):  # a label says what it is: the line above may be a leak too
            continue
        if "label" in data:
            yield _headline_of(line, plain), data
        elif "promotion" not in data or stands_alone(text, line.start, line.end):
            yield line, data


def _headline_of(line: Line, plain: str) -> Line:
    """The headline of the teaser ``line`` (``plain``: its text without emphasis marks), where
    it is found as it stands in the line, else the line: the finding, whose fix still deletes
    the line, then leaves out the label and a Markdown link's brackets, which are markup."""
    headline = _TEASER.fullmatch(plain).group("headline")
    linked = _LINKED.fullmatch(headline)
    words = linked.group("text") if linked else headline
    at = line.text.rfind(words)
    if at == -1:
        return line
    return Line(line.number, line.start + at, line.start + at + len(words), words)


def _navigation_data(plain: str) -> dict | None:
    """What the line ``plain`` (without emphasis marks) is, when it is the page's navigation."""
    end = _END_TAG.fullmatch(plain) or _SIGN_OFF.fullmatch(plain)
    if end:
        return {"tag": end.group("tag") if "tag" in end.re.groupindex else " ".join(plain.split())}
    advert = _AD_MARKER.fullmatch(plain)
    if advert:
        return {"advert": " ".join(plain.split())}
    teaser = _TEASER.fullmatch(plain)
    if teaser:
        return {"label": " ".join(teaser.group("label").split())} if _reads_as_headline(teaser.group("headline")) else None
    promotion = _PROMOTION.fullmatch(plain)
    if promotion and plain[0].isupper() and len(plain.split()) <= _PROMOTION_WORDS and _SITE_CHANNEL.search(plain):
        return {"promotion": " ".join(promotion.group("action").split())}
    return None


def _reads_as_headline(words: str) -> bool:
    """A headline: capitalised, three to twenty words, one sentence with no closing full stop or
    clause mark ("Read also: the minister's remarks, below." is a sentence of the article)."""
    linked = _LINKED.fullmatch(words)
    words = (linked.group("text") if linked else words).strip(" \t\"“”«»'‘’")
    count = len(words.split())
    return (
        bool(words)
        and (words[0].isupper() or words[0].isdigit())
        and 3 <= count <= 20
        and words[-1] not in ".,;:"
        and not SENTENCE_BREAK.search(words)
    )


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
        introduced = bool(m.group("dash") or inner or m.group("shared") or m.group("view"))
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
        out.append((_header_line_start(text, start), end, m))
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
        if _ends_post(name, 0, dash):
            return dash
    return None


def _ends_post(text: str, start: int, dash: regex.Match) -> bool:
    """True when ``dash`` can end a post's text that begins at ``start``: a long dash, or a
    hyphen after a link or a sentence."""
    return dash.group().strip() != "-" or bool(_POST_END.search(text, start, dash.start()))


def _header_line_start(text: str, start: int) -> int:
    """Where the nearest line with text above the attribution at ``start`` begins, when it is an
    Instagram embed's header ("View this post on Instagram"); else ``start``."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return start  # the post's text shares the attribution's line
    pos = line_start - 1  # the break that ends the line above
    while pos >= 0:
        above = line_at(text, pos)
        if above.text:
            return above.start if _HEADER_LINE.fullmatch(above.text) else start
        pos = text.rfind("\n", 0, pos)
    return start


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
    "(@" and never a line break, and most articles have no such line. On a line where the post's
    text, longer than a name, runs into its credit ("<post> pic.twitter.com/x — Name (@handle)
    <date>"), the credit is tried from the last dash before the handle."""
    i = text.find(needle)
    while i != -1:
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        end = len(text) if end == -1 else end
        matches = list(ATTRIBUTION.finditer(text, start, end))
        if not matches:
            dashes = [d for d in _INNER_DASH.finditer(text, start, i) if _ends_post(text, start, d)]
            credit = ATTRIBUTION.match(text, dashes[-1].start() + 1, end) if dashes else None
            matches = [credit] if credit else []
        yield from matches
        i = text.find(needle, end)


def _remove_link_fix(text: str, start: int, end: int) -> Fix:
    """Remove the link at text[start:end] with the spaces before it, or its whole line when it
    stands there alone; safe, as there is one way to do it."""
    line = line_at(text, start)
    if (line.start, line.end) == (start, end):
        return delete_line_fix(text, start, end, "Remove the link", Applicability.SAFE)
    cut = start
    while cut > 0 and text[cut - 1] in " \t":
        cut -= 1
    if cut == 0 or text[cut - 1] == "\n":
        cut = start  # at a line start: keep the line's own layout
    return Fix("Remove the link", (Edit(cut, end, ""),), Applicability.SAFE)


def _navigation_evidence(data: dict) -> str:
    """What the line is, for the message."""
    if "tag" in data:
        return f"'{data['tag']}' is a news agency's end-of-story tag, not part of the article"
    if "advert" in data:
        return f"'{data['advert']}' marks the web page's advertising slot, not part of the article"
    if "promotion" in data:
        return f"'{data['promotion']} ...' is the web site's call to follow it, not part of the article"
    return f"'{data['label']}' introduces a link to another article of the site, left from the web page"


def _inside(spans: list[tuple[int, int, regex.Match]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b, _ in spans)


def _in_navigation(doc: Document, at: int) -> bool:
    """True when ``at`` is on a line of the page's navigation ("Follow us on X: @a, @b"): its
    handles are not running text, and TQ705 reports the line once."""
    lines = doc.memo("embed.navigation", lambda d: [line_at(d.text, line.start) for line, _ in navigation_lines(d.text)])
    return any(line.start <= at < line.end for line in lines)


def _in_url(text: str, start: int) -> bool:
    """True when the @ at ``start`` is part of a URL (the word before it has :// or a slash)."""
    begin = start
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return "/" in text[begin:start] or "www." in text[begin:start]


class Embed(Check):
    kind = "embed"
    keys = {
        "detect": Param("str", required=True, choices=("attribution", "link", "handle", "navigation")),
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
        if self.detect == "navigation":
            for line, data in navigation_lines(text):
                fix = delete_line_fix(text, line.start, line.end, "Delete the line")
                evidence = _navigation_evidence(data)
                yield self.finding(doc, line.start, line.end, ("delete the line",), fix, data=data, evidence=evidence)
            return
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
                yield self.finding(doc, start, end, ("",), _remove_link_fix(text, start, end))
        elif "@" in text:
            for m in _RUNNING_HANDLE.finditer(text):
                start, end = m.span()
                if _inside(attributions, start, end) or _in_url(text, start) or _in_navigation(doc, start):
                    continue
                yield self.finding(doc, start, end, (), None, data={"handle": m.group()}, handle=m.group())
