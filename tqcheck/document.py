"""A decoded article: its text, an offset <-> line/column index, and its paragraphs.

Checks ask the document structural questions (where does this paragraph start, is this line a
heading, does a sentence start here) instead of each re-deriving them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, chain, compress
from typing import NamedTuple

import regex

# A word keeps inner apostrophes and hyphens (Qur'an, al-Qaeda) but not a possessive 's.
WORD = regex.compile(r"[\p{L}\p{M}\d]+(?:['’‘-](?![sS]\b)[\p{L}\p{M}\d]+)*")
_WORD_SPLIT = regex.compile(f"({WORD.pattern})")
# Latin letters, general punctuation, Arabic punctuation and digits, the euro sign: the
# characters of nearly every English article. In a text made only of them, stdlib ``re`` with
# explicit classes finds what ``regex`` finds with Unicode properties, three to four times faster
# (Document.in_latin_alphabet; the word split below and TQ710's words use it).
LATIN_ALPHABET = r"\x00-\u024f\u2000-\u206f\u060c\u061b\u061f\u0660-\u0669\u20ac"
# On LATIN_ALPHABET, _FAST_LETTER is exactly [\p{L}\p{M}\d] and _FAST_WORD_CHAR exactly regex's
# \w, which decides the \b after a possessive 's (tests/test_speed_words.py checks every one).
_FAST_LETTER = r"0-9A-Za-z\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\u024f\u0660-\u0669"
_FAST_WORD_CHAR = _FAST_LETTER + r"_\u200c\u200d\u203f\u2040\u2054"
_OUTSIDE_LATIN_ALPHABET = re.compile(f"[^{LATIN_ALPHABET}]")
_FAST_WORD_SPLIT = re.compile(
    f"([{_FAST_LETTER}]+(?:['’‘-](?![sS](?![{_FAST_WORD_CHAR}]))[{_FAST_LETTER}]+)*)"
)
_BLANK_LINE = regex.compile(r"\n[ \t\r\f\v]*\n\s*")
# Characters after which a capital letter is expected: sentence ends, colons, opening
# brackets and quotes, dashes and list bullets. A hyphen opens a sentence only where it stands
# for a dash (Document.starts_sentence): "--", or spaced as in the dateline "Algiers - The".
SENTENCE_OPENERS = frozenset(".!?:;([{\"“‘'«‹—–•*#>|\n")
# A bullet, an item's number or letter ("3.", "(b)"), a clause's number ("3.1", "2.4.1."), or the
# time or minute of a live blog's entry ("22:31", "10.05", "45'", "90+2'") at the start of a line.
_BULLET = regex.compile(
    r"[ \t]*(?:[-+*•‣◦]|\(?\w{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?|\d{1,2}[:.]\d{2}|\d{1,3}(?:\+\d{1,2})?['’′])[ \t]+"
)
# The spaces between words (Unicode's space separators and the tab), and the other white space:
# line breaks, which start a line as "\n" does.
_SPACES = frozenset(" \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
_LINE_BREAKS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_LINE_STARTS = "\n" + "".join(sorted(_LINE_BREAKS))  # what a line starts after
# What, before the one space in front of a word, still leaves a sentence start possible: more
# white space, a ")" and the bullets that are not SENTENCE_OPENERS, and the digits and minute
# marks that end a clause's number or an entry's time.
_MAY_OPEN = frozenset(")]-+‣◦0123456789'’′") | _SPACES | _LINE_BREAKS
# Both as bodies of character classes, for the patterns that answer starts_sentence's
# two-character shortcut in one pass (name tokens, TQ201's candidates).
OPENER_CLASS = "".join(map(re.escape, sorted(SENTENCE_OPENERS)))
MAY_OPEN_CLASS = "".join(map(re.escape, sorted(SENTENCE_OPENERS | _MAY_OPEN)))
_TITLE_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")
# Characters that close a sentence or clause at the end of a line of prose.
_PROSE_END = frozenset(".!?:;,…\"”’)»")


# A sentence ends at . ! ? (or …) plus closing quotes/brackets, before whitespace and a capital,
# digit or opening quote, but not at the "." of an abbreviation or an initial (_ABBREVIATED).
_SENTENCE_END = regex.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[\p{Lu}\d])")
_ABBREVIATED = (
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Maj|Capt|Sgt|Sen|Rep|Gov|Pres|St|Jr|Sr|No|Nos|Vol|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|Inc|Ltd|Co|Corp|Dept|Sheikh|Mt)"
    r"|\b\p{Lu}|\b(?:\p{L}\.){2,}\p{L}?)\."
)
# Both in one pass: a _SENTENCE_END match starts a run of [.!?…], and a first "." that ends an
# abbreviation is refused by the lookbehind (tests/test_speed_words.py compares the two).
_SENTENCE_BREAK = regex.compile(rf"(?<![.!?…])(?!\.(?<={_ABBREVIATED})){_SENTENCE_END.pattern}")


_ASCII_BYTES = bytes(range(128))


def char_offsets(text: str, chars) -> list[int]:
    """Offsets of ``chars`` in ``text``, in order. For a few rare characters a find loop per
    character is many times faster than a regex scan (which is slowest on text outside Latin-1)."""
    out = []
    for c in chars:
        i = text.find(c)
        while i != -1:
            out.append(i)
            i = text.find(c, i + 1)
    out.sort()
    return out


class Span(NamedTuple):
    """A stretch of the document (a sentence), with its offsets. A named tuple: an article has
    dozens of sentences, and a tuple is built several times faster than a frozen dataclass."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """A paragraph: text between blank lines, with its offsets in the document."""

    start: int
    end: int
    text: str

    @cached_property
    def is_heading(self) -> bool:
        """A short single line with no closing punctuation, like "New strategy" or a "# title"."""
        stripped = self.text.strip()
        if not stripped or "\n" in stripped:
            return False
        if stripped.startswith("#"):
            return True
        # Most paragraphs end in punctuation, so that is asked first. At most 12 words: splitting
        # stops after the 13th word instead of splitting a paragraph.
        return stripped[-1] not in _PROSE_END and len(stripped.split(None, 12)) <= 12

    @cached_property
    def is_title_case(self) -> bool:
        """Most words of four or more letters capitalised, as in "Talks Resume After A Pause"."""
        words = [w for w in _TITLE_WORD.findall(self.text) if len(w) >= 4]
        return bool(words) and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


class Document:
    """Decoded text plus the indexes checks need; built once per file and shared by all checks.

    ``source`` is the file's own text when ``text`` is a masked copy of it (Markdown or HTML with
    code and markup blanked out, same length): lines and columns are then counted on ``source``,
    so positions stay those of the file even where a tag became a paragraph break.
    """

    def __init__(self, text: str, path: str = "<text>", source: str | None = None) -> None:
        self.text = text
        self.path = path
        self.source = text if source is None else source

    def memo(self, key: str, build):
        """A derived view of this document (name tokens, say) built once and shared by the
        checks that need it."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = build(self)
        return cache[key]

    @cached_property
    def in_latin_alphabet(self) -> bool:
        """Every character is in LATIN_ALPHABET, where the stdlib fast paths are exact."""
        # ASCII is in it: only the few other characters need a look (the Unicode rules list them anyway).
        return not _OUTSIDE_LATIN_ALPHABET.search("".join(self.non_ascii_chars))

    @cached_property
    def _word_split(self) -> list[str]:
        """The text split at WORD: gaps (even items) and words (odd items)."""
        return (_FAST_WORD_SPLIT if self.in_latin_alphabet else _WORD_SPLIT).split(self.text)

    @cached_property
    def word_texts(self) -> list[str]:
        """Every word's text, in order: one pass shared by the checks that look words up in a
        table instead of each scanning the text with its own pattern."""
        return self._word_split[1::2]

    @cached_property
    def word_gaps(self) -> list[str]:
        """The text between words: ``word_gaps[i]`` comes before word ``i`` and
        ``word_gaps[i + 1]`` after it (so there is one more gap than words)."""
        return self._word_split[::2]

    def word_starts_at(self, indices: Iterable[int]) -> list[int]:
        """The offsets of the words at ``indices``. Checks ask where a few words are (most ask
        for none): a list of every word's offset costs more to build and to free than this."""
        # A word starts where the text before it ends: the length of the gaps and words before
        # it, joined in C. Ascending indices (as checks ask) join each piece of text once.
        parts = self._word_split
        starts = []
        start = counted = 0  # the first `counted` parts hold `start` characters
        for i in indices:
            upto = 2 * i + 1
            if upto < counted:
                start = counted = 0
            start += len("".join(parts[counted:upto]))
            counted = upto
            starts.append(start)
        return starts

    def starts_of_words(self, words: Container[str]) -> list[int]:
        """The offsets of the words whose text is in ``words`` (found in C: most words are not)."""
        return self.word_starts_at(compress(range(len(self.word_texts)), map(words.__contains__, self.word_texts)))

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """Every word as (start, end, text), for callers outside the hot path: the checks read
        the columns above, which need no tuple and no offset per word."""
        # split() keeps the words and the gaps between them: the running sums of their lengths
        # are in turn the start and the end of each word. zip takes two offsets from the one
        # iterator for each word.
        parts = self._word_split
        offsets = accumulate(map(len, parts))
        return list(zip(offsets, offsets, parts[1::2]))

    @cached_property
    def folded_words(self) -> list[str]:
        """``word_texts`` casefolded (for case-insensitive lookups)."""
        return list(map(str.casefold, self.word_texts))

    @cached_property
    def folded_word_set(self) -> frozenset[str]:
        """The distinct ``folded_words``: a phrase list can match only if all its words are in it."""
        return frozenset(self.folded_words)

    @cached_property
    def non_ascii_chars(self) -> frozenset[str]:
        """The characters of the text outside ASCII: the rules that look for a few such characters
        ask this once, and most articles hold none of them."""
        if self.text.isascii():
            return frozenset()
        # In UTF-8 an ASCII byte is always a whole character: deleting them leaves the encodings of
        # the other characters whole, and this is several times faster than set(text).
        rest = self.text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        return frozenset(rest.decode("utf-8", "surrogatepass"))

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.source.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; ``len(text)`` maps past the last char."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    @cached_property
    def blocks(self) -> list[Block]:
        blocks = []
        pos = 0
        for sep in _BLANK_LINE.finditer(self.text):
            self._add_block(blocks, pos, sep.start())
            pos = sep.end()
        self._add_block(blocks, pos, len(self.text))
        return blocks

    def _add_block(self, blocks: list[Block], start: int, end: int) -> None:
        chunk = self.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        if chunk:
            blocks.append(Block(start + lead, start + lead + len(chunk), chunk))

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences within paragraphs; a heading is one sentence. Deliberately conservative:
        it never splits after an abbreviation (Dr., U.S.) or an initial (J. Smith)."""
        # Sentence ends, found in one pass over the whole text, and paragraph ends cut the text.
        # A piece ends at a non-space character and only whitespace lies between paragraphs,
        # so a sentence is a piece without its leading whitespace.
        text = self.text
        cuts = sorted(chain(map(regex.Match.end, _SENTENCE_BREAK.finditer(text)), (b.end for b in self.blocks)))
        out = []
        pos = 0
        for cut in cuts:
            sentence = text[pos:cut].lstrip()
            if sentence:
                out.append(Span(cut - len(sentence), cut, sentence))
            pos = cut
        return out

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def in_heading(self, offset: int) -> bool:
        block = self.block_at(offset)
        return block is not None and block.is_heading

    def in_title_case_heading(self, offset: int) -> bool:
        """Inside a heading written in title case, where capitalised function words are style."""
        block = self.block_at(offset)
        return block is not None and block.is_heading and block.is_title_case

    def previous_char(self, offset: int) -> str:
        """The nearest non-space character before ``offset`` ("\\n" at a line start, or after
        any line break)."""
        i = offset - 1
        text = self.text
        while i >= 0 and text[i] in _SPACES:
            i -= 1
        return "\n" if i < 0 or text[i] in _LINE_BREAKS else text[i]

    def starts_sentence(self, offset: int) -> bool:
        """True where a capital letter is expected: after sentence ends, colons, quotes, dashes
        (and hyphens typed for one), bullets."""
        text = self.text
        # Most words follow an opener or one space after an ordinary character: answered from
        # those two characters alone (a name-heavy article asks for every capitalised word).
        before = text[offset - 1] if offset else "\n"
        if before in SENTENCE_OPENERS:
            return True
        if before == " " and offset >= 2 and text[offset - 2] not in _MAY_OPEN:
            return text[offset - 2] in SENTENCE_OPENERS
        prev = self.previous_char(offset)
        if prev in SENTENCE_OPENERS:
            return True
        if prev == "-":
            return self.after_hyphen_dash(offset) or self._after_bullet(offset)
        if prev in ")]":  # "(Laughter) The ...", "[laughs] And ...": a bracket that itself opened the sentence
            close = self.text.rfind(prev, 0, offset)
            open_ = self.text.rfind("(" if prev == ")" else "[", 0, close)
            return open_ >= 0 and "\n" not in self.text[open_:close] and self.starts_sentence(open_)
        return self._after_bullet(offset)

    def after_hyphen_dash(self, offset: int) -> bool:
        """Whether the word at ``offset`` follows a hyphen typed for a dash, which opens a
        sentence as "–" does: "--", or "-" with a space or tab on both sides. MT of Arabic news
        writes datelines so ("Algiers - The Algerian ..."); "al-", "-3" and "well- known" stay
        hyphens."""
        text = self.text
        i = offset - 1
        while i >= 0 and text[i] in _SPACES:
            i -= 1
        if i < 0 or text[i] != "-":
            return False
        if i and text[i - 1] == "-":
            return True
        return i + 1 < offset and text[i + 1] in " \t" and i > 0 and text[i - 1] in " \t"

    def _after_bullet(self, offset: int) -> bool:
        """Whether the word at ``offset`` follows a list bullet at the start of its line."""
        if self.text[offset - 1] not in " \t":
            return False  # a bullet is followed by a space or tab
        line_start = max(self.text.rfind(c, 0, offset) for c in _LINE_STARTS) + 1
        return bool(_BULLET.fullmatch(self.text, line_start, offset))
