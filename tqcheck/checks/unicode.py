"""``unicode``: characters that do not belong in English text, and text that is not clean Unicode.

Each rule picks one ``detect`` mode:

- ``invisible``: the code points listed in ``characters`` (zero-width and bidi controls, the
  Trojan Source class); the fix deletes them. Where Unicode gives them a job they are kept: a
  zero-width joiner next to an emoji (👨‍👩‍👧), zero-width (non-)joiners and spaces between two letters
  of a script that needs them (Persian, Hindi, Thai), directional marks next to right-to-left
  letters, and a byte-order mark at the very start of the text.
- ``punctuation``: characters of another script's typography (``swap``: character -> ASCII,
  "" deletes), such as the Arabic comma ، or the tatweel ـ, outside text in ``keep_within``.
- ``digits``: numbers written with other digit sets (``zeros`` names the digit zero of each set,
  e.g. U+0660 for ٠١٢...) or with foreign separators (``swap``: ٫ -> ".", ٬ -> ","), rewritten in
  ASCII a whole number at a time ("٢٬٥٠٠" -> "2,500", "3٫5" -> "3.5").
- ``nfc``: spans that change under NFC normalisation (e + U+0301 COMBINING ACUTE ACCENT -> é).
- ``mojibake``: UTF-8 decoded as Windows-1252 or Latin-1 ("Ã©", "â€™"); ftfy (imported only when
  a cheap pattern finds such pairs) proposes the repair. The fix is ``safe`` when ftfy's repair is a
  plain re-decoding that loses nothing, else ``unsafe``.
- ``entities``: HTML character references a scraper left unresolved ("&quot;", "&amp;",
  "&#39;", "&nbsp;", double-escaped "&amp;quot;"); the safe fix writes the character they stand
  for (a space for a non-breaking or other wide space, nothing for an invisible one). An HTML
  file's own references are its markup, and a paragraph about HTML or an entity quoted on its
  own ("the '&amp;' entity") shows them on purpose: neither is reported.

In ``punctuation`` and ``digits`` a character whose nearest letter before it (on the same line)
is in a ``keep_within`` script belongs to real text in that script (an untranslated quotation,
which another check reports) and is left alone: "الشعب، الجيش" and "انتهى؟" keep their marks,
"Amman، and" does not.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

import regex

from ..document import Document, char_offsets
from ..markup import HTML_SUFFIXES
from ..model import Applicability, Edit, Finding, Fix
from .base import Check, LazyPattern, Param, RuleDataError

# Read when rules load, with stdlib re (compiles several times faster than regex); _SPACE is
# the whitespace regex's \s matches (re's \s also takes U+001C..U+001F).
_SPACE = r"[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_CODEPOINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")
_RANGE = re.compile(rf"U\+([0-9A-Fa-f]{{4,6}})(?:{_SPACE}*(?:\.\.|-){_SPACE}*U\+([0-9A-Fa-f]{{4,6}}))?")
_ZW_JOINERS = frozenset("\u200c\u200d")
_ZWSP = "\u200b"
_DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
_BOM = "\ufeff"
# Needed only around a zero-width character: compiled on first use.
_EMOJI = LazyPattern(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u20e3]")
_RTL_LETTER = LazyPattern(r"[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]")
_SIMPLE_SCRIPT = LazyPattern(r"[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}]")
# Needed only by a text holding characters of both its classes: compiled on first use.
_MOJIBAKE = LazyPattern(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# The characters of _MOJIBAKE's two classes: a text lacking either set holds no mojibake pair.
_MOJIBAKE_LEAD = frozenset(map(chr, range(0xC2, 0xF5)))
_MOJIBAKE_TRAIL = frozenset(map(chr, range(0x80, 0xC0))) | frozenset(
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# An HTML character reference, escaped once more or not ("&amp;quot;"): named (HTML5 names are
# at most 31 characters) or numeric. Needed only by a text holding "&": compiled on first use.
_ENTITY = LazyPattern(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A paragraph that talks about markup shows its entities on purpose.
_ABOUT_MARKUP = LazyPattern(r"(?i)\b(?:x?html|xml|markup)\b|\b(?:character|named|numeric)[ \t]+(?:entit(?:y|ies)|references?)\b")
_QUOTES_AROUND = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’", "«": "»"}
_TOKEN_EDGE = " \t\r\n"
_PLAIN_REDECODE = (
    [("encode", "latin-1"), ("decode", "utf-8")],
    [("encode", "sloppy-windows-1252"), ("decode", "utf-8")],
    [("encode", "windows-1252"), ("decode", "utf-8")],
)


def describe(char: str) -> str:
    """"U+200F RIGHT-TO-LEFT MARK": how to name an invisible character in a message."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def _char(spec: str, where: tuple) -> str:
    """A rule's character key: the character itself or its U+XXXX code point."""
    m = _CODEPOINT.fullmatch(spec.strip())
    if m:
        return chr(int(m.group(1), 16))
    if len(spec) == 1:
        return spec
    raise RuleDataError(f"{spec!r} is not one character or a U+XXXX code point", where)


def _letter(text: str, i: int, step: int, limit: int = 24) -> str:
    """The nearest letter from ``i`` going ``step`` (+1/-1) on the same line, or ""."""
    for _ in range(limit):
        if not 0 <= i < len(text) or text[i] == "\n":
            return ""
        if text[i].isalpha() and unicodedata.category(text[i]) != "Lm":  # Lm: the tatweel stroke
            return text[i]
        i += step
    return ""


class Unicode(Check):
    kind = "unicode"
    keys = {
        "detect": Param("str", required=True, choices=("invisible", "punctuation", "digits", "nfc", "mojibake", "entities")),
        "characters": Param("str_list", [], help="invisible: code points or ranges (U+202A..U+202E)"),
        "swap": Param("str_map", {}, help="punctuation/digits: character (or U+XXXX) -> replacement"),
        "zeros": Param("str_list", [], help="digits: the digit zero of each digit set to rewrite"),
        "keep_within": Param("str_list", [], help="scripts whose own text is left alone (Arabic)"),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.swap = {_char(k, ("swap", k)): v for k, v in options["swap"].items()}
        self.characters: set[str] = set()
        for i, spec in enumerate(options["characters"]):
            m = _RANGE.fullmatch(spec.strip())
            if not m:
                raise RuleDataError(f"{spec!r} is not a U+XXXX code point or a U+XXXX..U+YYYY range", ("characters", i))
            low = int(m.group(1), 16)
            high = int(m.group(2) or m.group(1), 16)
            if high < low or high > 0x10FFFF:
                raise RuleDataError(f"{spec!r} is not a valid range", ("characters", i))
            self.characters.update(map(chr, range(low, high + 1)))
        self.zeros = [_char(z, ("zeros", i)) for i, z in enumerate(options["zeros"])]
        for i, zero in enumerate(self.zeros):
            if unicodedata.digit(zero, None) != 0:
                raise RuleDataError(f"{describe(zero)} is not a digit zero", ("zeros", i))
        scripts = options["keep_within"]
        try:
            self.keep = regex.compile("|".join(rf"\p{{Script={s}}}" for s in scripts)) if scripts else None
        except regex.error as exc:
            raise RuleDataError(f"unknown script in {scripts!r}: {exc}", ("keep_within",)) from None
        needs = {"invisible": "characters", "punctuation": "swap", "digits": "zeros"}.get(self.detect)
        if needs and not options[needs]:
            raise RuleDataError(f"a {self.detect} rule needs '{needs}'", (needs,))
        # Classes of escaped characters, which always compile: compiled on first use, as most
        # documents hold none of the characters (see _required_characters).
        if self.detect == "invisible":
            self.pattern = LazyPattern("[" + "".join(map(regex.escape, sorted(self.characters))) + "]")
        elif self.detect == "punctuation":
            self.pattern = LazyPattern("[" + "".join(map(regex.escape, sorted(self.swap))) + "]")
        elif self.detect == "digits":
            digits = "".join(regex.escape(chr(ord(z) + d)) for z in self.zeros for d in range(10))
            seps = "".join(map(regex.escape, sorted(set(self.swap) | {",", "."})))
            self.pattern = LazyPattern(rf"[0-9{digits}]+(?:[{seps}][0-9{digits}]+)*")
            foreign = "".join(map(regex.escape, sorted(self.swap)))
            self.foreign = LazyPattern(f"[{digits}{foreign}]")
            self.foreign_chars = frozenset(chr(ord(z) + d) for z in self.zeros for d in range(10)) | set(self.swap)
            self.number_chars = self.foreign_chars | set("0123456789,.")  # all that self.pattern matches
        self.required = self._required_characters()

    def _required_characters(self) -> tuple[frozenset[str], ...] | None:
        """Sets of characters outside ASCII such that every finding holds one of each set (none
        for nfc, which needs only some character outside ASCII); None when the rule's characters
        include ASCII ones, which ``Document.non_ascii_chars`` does not list."""
        if self.detect == "invisible":
            sets = (frozenset(self.characters),)
        elif self.detect == "punctuation":
            sets = (frozenset(self.swap),)
        elif self.detect == "digits":
            sets = (self.foreign_chars,)
        elif self.detect == "mojibake":
            sets = (_MOJIBAKE_LEAD, _MOJIBAKE_TRAIL)
        elif self.detect == "entities":
            return None  # "&" is ASCII
        else:
            sets = ()
        return None if any(c.isascii() for chars in sets for c in chars) else sets

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.required is not None:
            present = doc.non_ascii_chars
            if not present or any(chars.isdisjoint(present) for chars in self.required):
                return  # the text lacks the characters every finding needs
        yield from getattr(self, "_" + self.detect)(doc)

    def _kept(self, text: str, start: int, end: int) -> bool:
        """After a letter of a ``keep_within`` script: part of real text in that script."""
        if self.keep is None:
            return False
        before = _letter(text, start - 1, -1)
        return bool(before) and bool(self.keep.match(before))

    def _offsets(self, doc: Document) -> list[int]:
        """Offsets of the characters ``self.pattern`` matches (one each), in order: from a find
        loop for each of them the text holds where ``required`` tells which those are."""
        if self.required is None:
            return [m.start() for m in self.pattern.finditer(doc.text)]
        return char_offsets(doc.text, self.required[0] & doc.non_ascii_chars)

    def _invisible(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for i in self._offsets(doc):
            c = text[i]
            if self._legitimate(text, i, c):
                continue
            yield self.replacement(doc, i, i + 1, "", safe=True, name=describe(c))

    @staticmethod
    def _legitimate(text: str, i: int, c: str) -> bool:
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c == _BOM:
            return i == 0
        if c == "\u200d" and (_EMOJI.match(prev) or _EMOJI.match(nxt)):
            return True  # emoji sequences: 👨‍👩‍👧
        if c in _ZW_JOINERS or c == _ZWSP:
            return bool(prev and nxt) and all(
                (ch.isalpha() or unicodedata.category(ch).startswith("M")) and not _SIMPLE_SCRIPT.match(ch)
                for ch in (prev, nxt)
            )
        if c in _DIRECTION_MARKS:
            return any(_RTL_LETTER.match(ch) for ch in (_letter(text, i - 1, -1), _letter(text, i + 1, 1)) if ch)
        return False

    def _punctuation(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for i in self._offsets(doc):
            if self._kept(text, i, i + 1):
                continue
            yield self.replacement(doc, i, i + 1, self.swap[text[i]], safe=True, name=describe(text[i]))

    def _number_runs(self, doc: Document) -> list[tuple[int, int]]:
        """The runs of digits and separators around the foreign characters of the text: a match
        of self.pattern holds only such characters, so it lies in one run, and the pattern finds
        there what a scan of the whole text finds. The whole text where there is no shortcut."""
        text = doc.text
        if self.required is None:
            return [(0, len(text))]
        runs: list[tuple[int, int]] = []
        for i in char_offsets(text, self.foreign_chars & doc.non_ascii_chars):
            if runs and i < runs[-1][1]:
                continue  # in the run before
            start, end = i, i + 1
            while start > 0 and text[start - 1] in self.number_chars:
                start -= 1
            while end < len(text) and text[end] in self.number_chars:
                end += 1
            runs.append((start, end))
        return runs

    def _digits(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for start, end in self._number_runs(doc):
            for m in self.pattern.finditer(text, start, end):
                number = m.group()
                if not self.foreign.search(number) or self._kept(text, m.start(), m.end()):
                    continue
                new = "".join(self.swap.get(c, str(unicodedata.digit(c)) if c.isdigit() else c) for c in number)
                yield self.replacement(doc, m.start(), m.end(), new, safe=True)

    def _nfc(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if unicodedata.is_normalized("NFC", text):
            return
        start = end = None
        for m in regex.finditer(r"\X", text):
            if unicodedata.is_normalized("NFC", m.group()):
                continue
            if start is not None and m.start() == end:
                end = m.end()
                continue
            if start is not None:
                yield self._nfc_finding(doc, start, end)
            start, end = m.span()
        if start is not None:
            yield self._nfc_finding(doc, start, end)

    def _nfc_finding(self, doc: Document, start: int, end: int) -> Finding:
        span = doc.text[start:end]
        points = " + ".join(f"U+{ord(c):04X}" for c in span)
        return self.replacement(doc, start, end, unicodedata.normalize("NFC", span), safe=True, codepoints=points)

    def _mojibake(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        hits = list(_MOJIBAKE.finditer(text))
        if not hits:
            return
        import ftfy  # only when the text has pairs that look like mojibake

        done = -1
        for hit in hits:
            if hit.start() < done:
                continue
            start, end = hit.start(), hit.end()
            while start > 0 and text[start - 1] not in _TOKEN_EDGE:
                start -= 1
            while end < len(text) and text[end] not in _TOKEN_EDGE:
                end += 1
            done = end
            token = text[start:end]
            explained = ftfy.fix_encoding_and_explain(token)
            fixed = explained.text
            if fixed == token:
                continue
            plain = list(map(tuple, explained.explanation or ())) in [list(map(tuple, p)) for p in _PLAIN_REDECODE]
            safe = plain and "\ufffd" not in fixed and ftfy.fix_encoding(fixed) == fixed
            lead = 0
            while lead < min(len(token), len(fixed)) and token[lead] == fixed[lead]:
                lead += 1
            tail = 0
            while tail < min(len(token), len(fixed)) - lead and token[-1 - tail] == fixed[-1 - tail]:
                tail += 1
            s, e = start + lead, end - tail
            new = fixed[lead : len(fixed) - tail]
            if s == e:  # a pure insertion: show the whole token instead of an empty span
                s, e, new = start, end, fixed
            fix = Fix(f"Replace with '{new}'" if new else "Remove", (Edit(s, e, new),),
                      Applicability.SAFE if safe else Applicability.UNSAFE)
            yield self.finding(doc, s, e, (new,), fix)

    def _entities(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "&" not in text or doc.path.lower().endswith(HTML_SUFFIXES):
            return
        for m in _ENTITY.finditer(text):
            start, end = m.span()
            new = _unescaped(m.group())
            if new is None or _quoted_alone(text, start, end):
                continue
            block = doc.block_at(start)
            if block is not None and _ABOUT_MARKUP.search(block.text):
                continue
            yield self.replacement(doc, start, end, new, safe=True, meaning=_meaning(new))


def _unescaped(entity: str) -> str | None:
    """What ``entity`` stands for, as English text writes it (a plain space for a no-break or
    other wide space, nothing for an invisible character), or None when it is no HTML reference
    or stands for a control character."""
    new = entity
    while "&" in new:
        once = html.unescape(new)
        if once == new:
            break
        new = once
    if new == entity or len(new) != 1 or new == "\ufffd":
        return None
    category = unicodedata.category(new)
    if category == "Zs":
        return " "
    if category == "Cf":
        return ""
    return None if category.startswith("C") else new


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """True when the entity stands between quotes of its own ("the '&amp;' entity")."""
    before = text[start - 1] if start else ""
    return before in _QUOTES_AROUND and text.startswith(_QUOTES_AROUND[before], end)


def _meaning(new: str) -> str:
    """How the message names what the entity stands for."""
    if new == " ":
        return "a space"
    if not new:
        return "an invisible character, which English text does without"
    return f"'{new}' ({unicodedata.name(new, 'a character').lower()})"
