"""``caption``: photo captions of a scraped page left in the body of the article.

A leaked caption is a line of its own (Markdown italics around it are the page's) that ends in a
credit in parentheses: "Protesters gather in the square on Friday (Reuters)". A credit is one to
``max_credit_words`` words, the first capitalised ("(AFP)", "(Getty Images)", "(Social media)")
unless the credit is listed ("(archive)", "(file)"), possibly several joined by "/"
("(AFP/Getty Images)") or after "Photo:". A credit can also close the line without parentheses
when a mark says what it is: "... bound for the port. © MAP", "... at dawn. Photo: AFP".

A line of its own that starts with a caption label ("Photo: The port of the city at dawn",
"Image: AFP", "File photo: ...", "File photo - ...", "Caption: ...") is a leaked caption too,
whatever its end, as is one sentence that says what its picture is ("Archive photo of the port
at dawn"), and so is the title of an embedded video: after "Watch:", "Video:" or "YouTube:", or
before the video page's link ("Night of songs — youtube.com/watch?v=...") or its player card's
"Watch on YouTube" ("Night of songs - City TV · 3:42 · Watch on YouTube").

Two levels of confidence:

- the credit is in the ``credits`` list (agencies and photo services, including MT renderings
  such as "French" for AFP), or marked as one ("©", "Photo:"): the line needs ``min_words``
  words before it;
- any other short capitalised parenthetical: the line must read like a caption, i.e. have at
  least ``generic_min_words`` words, not be written in title case, and the parenthetical must
  not be in ``not_credits`` ("(Video)", "(Laughter)"), nor an acronym of the words before it
  ("... International Monetary Fund (IMF)"), nor follow a capitalised name it glosses
  ("... held in Geneva (Switzerland)"; a weekday or month is fine: "... on Friday (Civil Defence)").

Datelines ("BAGHDAD (Reuters) - ...") do not end in the credit and are never reported; a
sentence ending in "(Reuters)." has its full stop and is not a caption, and a Markdown image
("![...](...)") is the page's markup. The fix deletes the line and is unsafe: an editor confirms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Finding
from ._lines import (
    PROSE_END, SENTENCE_BREAK, Line, delete_line_fix, is_bullet, line_at, lines_ending_in, stands_alone, unwrap_emphasis,
)
from .base import Check, LazyPattern, Param, RuleDataError

# Needed only for lines that end in ")": compiled on first use.
_TAIL = LazyPattern(r"\((?P<credit>[^()\n]{1,80})\)$")
# A credit marked as one without parentheses, after the caption's text: "... at the port. © Studio Noor",
# "... at dawn. Photo: AFP" (a photo label only after a sentence's end or a separator).
_MARKED_TAIL = LazyPattern(
    r"(?:(?<=\s)(?P<mark>©)|(?<=[.!?|/–—-][ \t])(?P<mark>(?i:photo(?:graph)?|image|picture)s?(?i:[ \t]+credits?)?[ \t]*:))"
    r"[ \t]*(?:\d{4}[ \t]+)?(?P<credit>[^\n©:()]{1,60}?)[ \t]*\.?$"
)
# A credit after a dash that a photo word closes: "... at the station. — KUNA photo", "... - Reuters file photo".
_DASHED_TAIL = LazyPattern(
    r"(?<=\S[ \t]+)(?:[–—―]|--?)[ \t]+(?P<credit>\p{Lu}[^\n©:()]{0,40}?)[ \t]+"
    r"(?P<mark>(?i:(?:file[ \t]+)?(?:photo(?:graph)?|picture|image)s?))[ \t]*\.?$"
)
# A credit after a dash that needs no list: an agency's acronym ("KUNA", "APP"), maybe with "file".
_AGENCY_ACRONYM = LazyPattern(r"\p{Lu}{2,6}(?:[ \t]+file)?")
# Where a marked credit may be: the lines holding one of these are the only ones _MARKED_TAIL is tried on.
_MARK = LazyPattern(r"©|(?i:photo|image|picture)")
# A credit in parentheses that says it is one: "(Photo: Ahmed Saad)", "(© Getty Images)".
_PHOTO_MARK = LazyPattern(r"(?i)©|(?:photo(?:graph)?|image|picture)s?(?:[ \t]+credits?)?[ \t]*[:/-]")
_PREFIX = LazyPattern(
    r"^(?:(?:photos?|images?|pictures?|photograph|credit|source|file(?: photo)?)\s*[:/-]\s*)?(?:©\s*(?:\d{4}\s+)?)?", regex.I
)
# The link of a video page, at the end of a line: what an embedded player leaves ("Title — youtube.com/watch?v=...").
_VIDEO_LINK = LazyPattern(
    r"(?i)(?<![\w/.])(?:https?://)?(?:(?:www|m)\.)?"
    r"(?:youtube\.com/(?:watch\?v=|shorts/|live/|embed/)|youtu\.be/|vimeo\.com/|dailymotion\.com/video/)[\w-]+\S*$"
)
# The platform as an item of a player's card, set off by separators or "on": "Night of songs —
# YouTube (4:15)", "YouTube · City TV · 1:04:15", "... City TV on YouTube (4:15)"; not "told
# YouTube viewers (14:32)".
_VIDEO_SITE_ITEM = LazyPattern(r"(?i)(?:^|[·•|–—:-][ \t]*|\bon[ \t]+)(?:youtube|vimeo|dailymotion)(?=[ \t]*(?:[·•|–—:(-]|$))")
_MAY_VIDEO = LazyPattern(r"(?i)youtu|vimeo|dailymotion|watch[ \t]+on")
# What a video player's card prints last, after its title, channel and duration: "... · 3:42 · Watch on YouTube".
_WATCH_ON = LazyPattern(r"(?i)(?:^|[·•|–—-][ \t]*)watch[ \t]+on[ \t]+(?:youtube|vimeo|dailymotion)$")
# A player card that starts with its button, the title after it: "Watch on Vimeo — Night of songs (4:15)".
_WATCH_ON_FIRST = LazyPattern(
    r"(?i)^(?P<button>watch[ \t]+on[ \t]+(?:youtube|vimeo|dailymotion|facebook|instagram|tiktok|twitter|x))"
    r"(?:[ \t]*(?:[·•|:–—-]|--)[ \t]*\S.*)?$"
)
# A video's duration closing its card: "Night of songs (4:15)", "Night of songs · 1:04:15".
_DURATION_END = LazyPattern(r"(?:\([ \t]*\d{1,2}(?::\d{2}){1,2}[ \t]*\)|[·•|][ \t]*\d{1,2}(?::\d{2}){1,2})$")
# What separates a video's title from its link ("Title — youtube.com/...", "Title | youtu.be/...").
_TITLE_END = frozenset("—–-|:")
# A label at the start of a line: a caption's ("Photo:", "File photo:", "Photo credit:", "Image
# source," as BBC pages print it, "Caption:"), a video player's title ("Watch:", "VIDEO |"), a
# credit ("Source:", "Via:"), or a caption that says what its picture is ("Archive photo of ...",
# "File image shows ...": MT's rendering of "صورة أرشيفية").
_LABEL = LazyPattern(
    r"(?mi)^[ \t]*(?:\*{1,3}|_{1,3})?(?:"
    r"(?P<photo>(?:(?:file|archive|stock)[ \t]+)?(?:photo(?:graph)?|image|picture)s?(?:[ \t]+credits?)?|caption)"
    r"(?:[ \t]*:|[ \t]+[–—-](?=[ \t]+(?-i:[\p{Lu}\d])))"
    r"|(?P<photo>(?:photo|image|picture|video)[ \t]+(?:source|caption))[ \t]*[:,]"
    r"|(?P<video>watch|video|youtube)[ \t]*[:|]"
    r"|(?P<source>source|via)[ \t]*:"
    r"|(?P<described>(?:an?[ \t]+)?(?:archival|archived?|file|stock|handout|undated)[ \t]+(?:photo(?:graph)?|image|picture)s?)"
    r"(?=[ \t]+(?:of|shows?|showing|from|taken|depicting|released|issued|provided|distributed)\b)"
    r")[ \t]*"
)
# The line starts where a label may begin (after Markdown emphasis): its first letter is one a
# label word starts with, in either case (and the long s, which `regex` folds to s). The standard
# library finds them ~4x faster than _LABEL scans every position; _LABEL is then matched at each
# (a test compares).
_MAY_LABEL = re.compile(r"(?m)^[ \t]*[*_]{0,3}[aAcCfFhHiIpPsS\u017fuUvVwWyY]")
# Columns of a plain-text table, aligned with runs of spaces or tabs.
_ALIGNED = LazyPattern(r"[ \t]{3,}|\t")
# What ends a line of prose rather than a video's title ("Watch: it is not over yet.").
_SENTENCE_END = frozenset(".,;:…")
_PART_SPLIT = LazyPattern(r"\s*(?:/|\||,|;| - | – | — | via )\s*")
# A credit's word; a photo service's name may end in digits ("Flash90").
_CREDIT_WORD = LazyPattern(r"\p{L}[\p{L}\p{M}.'’&-]*\d{0,3}")
_WORD = LazyPattern(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*")


# Capitalised words that end a caption's text without making the parenthesis a gloss.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)


def _norm(value: str) -> str:
    """Credits compare case-insensitively, with hyphens as spaces ("Al-Arabiya" = "Al Arabiya")."""
    return " ".join(value.replace("’", "'").replace("-", " ").split()).casefold()


class Caption(Check):
    kind = "caption"
    keys = {
        "credits": Param("tsv", None, help="known credits: credit<TAB>who it is (a TSV next to the rule)"),
        "not_credits": Param("str_list", [], help="closing parentheticals that are not credits"),
        "platforms": Param("str_list", [], help="social platforms a 'Source:' line credits (Telegram, social media)"),
        "min_words": Param("int", 3, help="fewest words before a listed credit"),
        "generic_min_words": Param("int", 8, help="fewest words before an unlisted credit"),
        "max_words": Param("int", 60, help="most words in a caption line"),
        "max_credit_words": Param("int", 4, help="most words in one credit"),
    }

    def compile(self, options: dict) -> None:
        self.credits: dict[str, str] = {}
        for credit, agency, _line in options["credits"] or ():
            self.credits[_norm(credit)] = agency or credit
        self.not_credits = {_norm(c) for c in options["not_credits"]}
        self.min_words = options["min_words"]
        self.generic_min_words = options["generic_min_words"]
        self.max_words = options["max_words"]
        self.max_credit_words = options["max_credit_words"]
        names = sorted((r"[ \t]+".join(map(regex.escape, p.split())) for p in options["platforms"]), key=len, reverse=True)
        self.platforms = regex.compile(rf"(?i)\b(?:{'|'.join(names)})\b") if names else None
        if min(self.min_words, self.generic_min_words, self.max_credit_words) < 1 or self.max_words < self.min_words:
            raise RuleDataError("word limits must be positive and max_words at least min_words")

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        captions = dict(self._credited_lines(text))
        for line, data in _video_lines(text):
            captions.setdefault(line.start, (line, data))
        for line, label in _labelled_lines(text):
            if line.start in captions or len(_WORD.findall(line.text)) > self.max_words:
                continue
            line_above = text[line.start : label.start()].strip()  # the caption over a credit line
            data = self._label_data(label, text[label.end() : line.end], line_above)
            if data:
                captions[line.start] = line, data
        for start in sorted(captions):
            line, data = captions[start]
            yield self.finding(
                doc,
                line.start,
                line.end,
                ("delete the caption line",),
                delete_line_fix(text, line.start, line.end, "Delete the caption line"),
                data=data,
                evidence=_evidence(data),
                # the message fields of earlier versions, for rule files of users that use them
                credit=data.get("credit", ""),
                agency=data.get("agency") or "not a listed agency",
            )

    def _label_data(self, label: regex.Match, rest: str, line_above: str) -> dict | None:
        """The finding's data when the words after ``label`` make its line a leak, else None.

        A photo label makes any line a caption; a described one ("Archive photo of ...") a line
        of its own that holds one sentence. A video label needs a player's title after it
        (capitalised, three words or more, no sentence's closing mark) or a listed credit, on a
        line of its own. "Source:" and "Via:" are an article's own attribution ("Source:
        Reuters") unless they name a platform ("Source: Telegram channel of ...") or, as a
        listed credit, sit under a caption's text (``line_above``, "" when the line stands alone)."""
        name = " ".join(label.group().strip(" \t*_").split())
        rest = rest.strip(" \t*_")
        listed = _norm(rest) in self.credits
        if label.group("photo"):
            return {"label": name}
        if label.group("described"):  # the caption itself, one sentence on a line of its own
            return {"label": name} if not line_above and not SENTENCE_BREAK.search(rest) else None
        if label.group("video"):
            words = _WORD.findall(rest)
            titled = len(words) >= 3 and (rest[0].isupper() or rest[0].isdigit()) and rest[-1] not in _SENTENCE_END
            return {"label": name} if not line_above and (titled or listed) else None
        platform = self.platforms.search(rest) if self.platforms else None
        if platform and rest[-1] not in _SENTENCE_END and len(_WORD.findall(rest)) <= self.max_credit_words * 3:
            return {"label": name, "platform": platform.group()}
        return {"label": name} if listed and line_above and self._reads_as_caption(line_above) else None

    def _reads_as_caption(self, line: str) -> bool:
        """A caption's text has words, some of them lowercase, and no table's aligned columns."""
        words = _WORD.findall(line)
        return len(words) >= self.min_words and any(w[:1].islower() for w in words) and not _ALIGNED.search(line)

    def _credited_lines(self, text: str) -> Iterator[tuple[int, tuple[Line, dict]]]:
        """(start, (line, data)) of the caption lines that end in a credit, in italics or not."""
        for line in _may_end_in_credit(text):
            inner = unwrap_emphasis(line).text
            if inner.startswith(("#", "![")) or is_bullet(inner):
                continue  # a heading, a list, a Markdown image: the page's own layout
            tail = _TAIL.search(inner) or _MARKED_TAIL.search(inner)
            dashed = None if tail else _DASHED_TAIL.search(inner)
            tail = tail or dashed
            if not tail:
                continue
            mark = tail.groupdict().get("mark")
            marked = bool(mark or _PHOTO_MARK.match(tail.group("credit")))
            if dashed and not _AGENCY_ACRONYM.fullmatch(tail.group("credit")):
                marked = False  # "— The group photo" is a sentence: only a listed credit makes it one
            verdict = self.credit_of(inner[: tail.start()], tail.group("credit"), marked)
            if verdict is None or not stands_alone(text, line.start, line.end):
                continue
            credit, agency = verdict
            data = {"credit": credit, "agency": agency, "listed": bool(agency)}
            if mark:
                data["mark"] = " ".join(mark.split())  # the credit is not in parentheses: "© MAP"
                data["shown"] = " ".join(inner[tail.start() :].split())
            yield line.start, (line, data)

    def credit_of(self, body: str, credit: str, marked: bool = False) -> tuple[str, str] | None:
        """(credit, agency or "") when ``credit`` closes a caption whose text is ``body``; a
        ``marked`` credit ("© MAP", "(Photo: Ahmed Saad)") needs no more than its shape."""
        words = _WORD.findall(body)
        if not (self.min_words <= len(words) <= self.max_words):
            return None
        inner = " ".join(credit.split())
        stripped = _PREFIX.sub("", inner)
        parts = [p for p in _PART_SPLIT.split(stripped) if p]
        if not parts or not all(self._credit_shaped(p) for p in parts):
            return None
        known = [self.credits[_norm(p)] for p in parts if _norm(p) in self.credits]
        if _norm(inner) in self.credits:
            known = [self.credits[_norm(inner)]]
        if known:
            return inner, "/".join(dict.fromkeys(known))
        if marked:
            return inner, ""
        # An unlisted credit: only where the line clearly reads as a caption.
        if len(words) < self.generic_min_words or _norm(stripped) in self.not_credits:
            return None
        if any(_norm(p) in self.not_credits for p in parts):
            return None
        if _title_case(words) or any(_acronym_of(p, words) for p in parts):
            return None
        if not any(w[:1].islower() for w in words):
            return None
        if words[-1][:1].isupper() and words[-1].casefold() not in _CALENDAR:
            return None  # "talks in Geneva (Switzerland)": a gloss on the name before it
        return inner, ""

    def _credit_shaped(self, part: str) -> bool:
        tokens = part.split()
        if not 1 <= len(tokens) <= self.max_credit_words:
            return False
        if not all(_CREDIT_WORD.fullmatch(t) for t in tokens):
            return False  # digits, quotes, symbols: not a name
        return tokens[0][:1].isupper() or _norm(part) in self.credits


def _evidence(data: dict) -> str:
    """What makes the line a caption, for the message."""
    if "platform" in data:
        return f"its label '{data['label']}' credits {data['platform']}"
    if "player" in data:
        return f"it is the card of an embedded video player ('{data['player']}')"
    if "video" in data:
        return f"it ends in the link of an embedded video ('{data['video']}')"
    if "label" in data:
        return f"it starts with the label '{data['label']}'"
    shown = data.get("shown") or f"({data['credit']})"
    return f"it ends in the credit '{shown}' ({data['agency'] or 'not a listed agency'})"


def _may_end_in_credit(text: str) -> Iterator[Line]:
    """Each line that may end in a credit, once: a line ending in ")" or, in italics, in "*" or
    "_", and a line holding "©" or a photo label."""
    seen = set()
    candidates = [lines_ending_in(text, end) for end in ")*_"]
    candidates.append(line_at(text, m.start()) for m in _MARK.finditer(text))
    for lines in candidates:
        for line in lines:
            if line.start not in seen:
                seen.add(line.start)
                yield line


def _video_lines(text: str) -> Iterator[tuple[Line, dict]]:
    """(line, data) of each line of its own that ends in the link of a video page, with nothing
    before the link but a title and a separator ("Night of songs — youtube.com/watch?v=x"), or
    is a player's card: "Night of songs - City TV · 3:42 · Watch on YouTube", "Watch on Vimeo —
    Night of songs (4:15)", a title naming the platform and ending in the video's duration."""
    seen = set()
    for hit in _MAY_VIDEO.finditer(text):
        line = line_at(text, hit.start())
        if line.start in seen:
            continue
        seen.add(line.start)
        inner = unwrap_emphasis(line).text
        button = _WATCH_ON_FIRST.match(inner)
        if button and stands_alone(text, line.start, line.end):
            yield line, {"player": button.group("button")}
            continue
        card = _WATCH_ON.search(inner) or (_VIDEO_SITE_ITEM.search(inner) and _DURATION_END.search(inner))
        link = card or _VIDEO_LINK.search(inner)
        if not link:
            continue
        title = inner[: link.start()].rstrip()
        if (card or not title or title[-1] in _TITLE_END) and stands_alone(text, line.start, line.end):
            shown = link.group().lstrip("·•|–—- \t")
            yield line, {"player": shown} if card else {"video": shown}


def _labelled_lines(text: str) -> Iterator[tuple[Line, regex.Match]]:
    """(line, label) of every line of its own that starts with a label and has words after it,
    with the caption's text on the line above when the label line is its credit ("Protesters in
    the square\nPhoto: AFP"). "Picture this: ..." has no label: the colon must follow the label
    word."""
    for line_start in _MAY_LABEL.finditer(text):
        m = _LABEL.match(text, line_start.start())
        if m is None:
            continue
        begin = m.start() + len(m.group()) - len(m.group().lstrip())
        nl = text.find("\n", m.end())
        stop = len(text) if nl == -1 else nl
        end = begin + len(text[begin:stop].rstrip())
        if not _WORD.search(text, m.end(), end):
            continue
        if not stands_alone(text, begin, end):
            begin = _caption_above(text, begin)
            if begin is None or not stands_alone(text, begin, end):
                continue
        yield Line(text.count("\n", 0, begin) + 1, begin, end, text[begin:end]), m


def _caption_above(text: str, begin: int) -> int | None:
    """Where the line just above the line at ``begin`` starts, when it can be a caption's text:
    not blank, not a heading or bullet, no closing mark of a sentence."""
    if begin == 0:
        return None
    top = text.rfind("\n", 0, begin - 1) + 1
    raw = text[top : begin - 1]
    above = raw.strip()
    if not above or above[-1] in PROSE_END or above.startswith("#") or is_bullet(above):
        return None
    return top + len(raw) - len(raw.lstrip())


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return bool(long) and sum(w[:1].isupper() for w in long) * 4 >= len(long) * 3


def _acronym_of(part: str, words: list[str]) -> bool:
    """"(IMF)" after "... International Monetary Fund": an expansion, not a credit."""
    if not (part.isupper() and part.isalpha() and 2 <= len(part) <= 8):
        return False
    capitals = [w[0] for w in words if w[:1].isupper()]
    initials = "".join(capitals[-len(part) - 2 :]).upper()
    return part in initials or part in "".join(w[0] for w in words[-len(part) - 3 :]).upper()


_SHORT_CREDIT = LazyPattern(r"\((?:[^()\n:]{0,20}:\s*)?\p{Lu}[\p{L}\p{M}.'’&/ -]{0,60}\)$")


def caption_like(line: str) -> bool:
    """A cheap test other checks use to leave caption lines alone: a line with no closing full
    stop that ends in a short capitalised parenthetical of one to four words."""
    line = line.strip()
    m = _SHORT_CREDIT.search(line)
    return bool(m) and 1 <= len(m.group().split()) <= 4 + m.group().count("/")
