"""``typography``: apostrophes, quotation marks and spacing.

Each rule picks one ``detect`` mode, so each has its own code, message and severity:

- ``apostrophes``: straight ' and curly ’ apostrophes mixed in one document. Apostrophes are
  told apart from single quotes: one inside a word (it's, Qur'an, '90s) always counts; one after a
  final s (the ministers' plan) counts unless it closes a single quote opened earlier in the
  paragraph. Each occurrence of the minority style is reported with the majority style as fix.
- ``quotes``: straight " and curly “ ” double quotes mixed in one document; the same majority vote.
  A straight quote becomes “ or ” by its context and by its rank in the paragraph (odd: opening,
  even: closing); when the two disagree both candidates are shown and nothing is applied.
- ``misplaced-apostrophe``: an apostrophe glued to the front of the next word after a space
  ("the ministers ’plan") or a detached clitic ("Cairo 's"). A single quote that is closed later in
  the paragraph is a quotation, not an apostrophe, and is left alone, as is one next to a word of
  ``nonpossessive`` (function words: "said 'the", "plans 'of" are broken quotations).
- ``unbalanced-quotes``: a paragraph with an unpaired double quote. A quotation that runs on into
  the next paragraph (which then opens with a quote mark, the news convention) is not reported.
- ``quote-spacing``: a double quote with its space on the wrong side: a closing quote glued to the
  next word ('the war, "the analyst'), or an opening quote followed by a space ('" The').
- ``double-space``: two or three spaces between words (runs of four or more are alignment).
- ``space-before-punctuation``: a space before , . ; : ! ? (not before an ellipsis, a decimal
  such as ".5", a domain such as ".com", or an emoticon).
- ``doubled-punctuation``: ",,", "..", "!!", "??", ";;", "::" (not "...", "?!", "std::").

Mixed styles are decided by a majority vote over the document. A tie prefers curly marks (the
typeset form news sites publish); a fix decided by a tie is ``unsafe`` (a human should confirm).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

import regex

from ..document import Block, Document, char_offsets
from ..model import Applicability, Edit, Finding, Fix
from .base import Check, LazyPattern, Param, RuleDataError

# The LazyPattern ones are needed only by a document that passes a cheap test (MAY_FIND, a hit of
# _BLANK_THEN_MARK) or by a finding: compiled on first use, most articles never compile them.
_WORDCHAR = regex.compile(r"[\p{L}\p{N}]")
_LETTER = regex.compile(r"\p{L}")
_SINGLE = regex.compile(r"['‘’]")
_SPACES = " \t\u00a0"
# What may stand right before an opening quote and right after a closing one, besides white space.
_OPEN_BEFORE = frozenset("([{<—–-/")
_CLOSE_AFTER = frozenset(".,;:!?)]}>—–-…/'’")
_ELISION = regex.compile(r"['’]\d\ds\b")  # '90s
_MISPLACED = LazyPattern(r"(?<![\p{L}\p{N}\p{M}'’-])(?P<w>\p{L}[\p{L}\p{M}]*)(?P<sp>[ \t\u00a0]+)(?P<a>['’])(?P<next>\p{L}[\p{L}\p{M}]*)(?![\p{L}\p{N}])")
# Every _MISPLACED match holds one: a cheap search tells which paragraphs the costly pattern can match in.
_SPACED_APOSTROPHE = LazyPattern(r"[ \t\u00a0]['’]")
_WORD_BEFORE = LazyPattern(r"[\p{L}\p{N}\p{M}'’-]{0,40}\Z")
_WORD_AFTER = LazyPattern(r"[\p{L}\p{N}\p{M}'’-]{0,40}")
_NONSPACE_BEFORE = LazyPattern(r"\S{0,12}\Z")
_NONSPACE_AFTER = LazyPattern(r"\S{0,12}")
_CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
_DOUBLE_SPACE = LazyPattern(r"(?<=\S) {2,}(?=\S)")
# Gaps between words in a line of a plain-text table: any gap of two spaces or more, or a tab
# (_COLUMN_GAP), and one that can only be alignment, a tab or four spaces or more (_WIDE_GAP).
_COLUMN_GAP = LazyPattern(r"\S(?: {2,}|[ \t]*\t[ \t]*)\S")
_WIDE_GAP = LazyPattern(r"\S(?: {4,}|[ \t]*\t[ \t]*)\S")
_SPACE_BEFORE = LazyPattern(
    r"(?<=[\p{L}\p{N}\p{M})\]}\"”’'%])[ \t\u00a0]+"
    r"(?:,|\.(?=[\s\"”’')\]]|$)(?![ ]\.)|[!?](?=[\s\"”’')\]]|$)|[;:](?=\s|$))"
)
# Where _SPACE_BEFORE may match (stdlib re: several times faster on such simple patterns); when
# the text has no tab or no-break space, the same as a search for a plain space, faster still.
_SPACE_THEN_MARK = re.compile(r"[ \t\u00a0][,.!?;:]")
_BLANK_THEN_MARK = re.compile(r" [,.!?;:]")
_DOUBLED = LazyPattern(r"(?<![.])\.\.(?![./\\\w])|,{2,}|;{2,}|!{2,}|\?{2,}|(?<!\w):{2,}(?!\w)")
_DOUBLED_PAIRS = ("..", ",,", ";;", "!!", "??", "::")  # every _DOUBLED match holds one
# A line break between two sentences: in text with one paragraph per line, a paragraph break.
_LINE_BREAK = LazyPattern(r"(?<=[.!?:;…\"”’')\]])[ \t]*\r?\n[ \t]*(?=[\p{Lu}\p{N}\"“‘'(\[«—–•*-])")
_BACKTICK_OR_URL = LazyPattern(r"`[^`\n]*`|\b(?:https?://|www\.)\S+")

MODES = (
    "apostrophes",
    "quotes",
    "misplaced-apostrophe",
    "unbalanced-quotes",
    "quote-spacing",
    "double-space",
    "space-before-punctuation",
    "doubled-punctuation",
)


def _at(text: str, i: int, start: int, end: int) -> str:
    """The character at ``i``, or a space outside ``[start, end)`` (paragraph edges count as spaces)."""
    return text[i] if start <= i < end else " "


def apostrophes(text: str, block: Block, marks: list[int]) -> list[int]:
    """Offsets of the apostrophes among the single quote marks ``marks`` of a paragraph, single
    quotation marks left out.

    Inside a word (it's, '90s) it is an apostrophe. After a final s (the ministers' plan) it is one
    unless a single quote opened earlier in the paragraph is still open (then it closes it).
    """
    out: list[int] = []
    depth = 0
    for i in marks:
        c = text[i]
        prev, nxt = _at(text, i - 1, block.start, block.end), _at(text, i + 1, block.start, block.end)
        if _WORDCHAR.match(prev) and _LETTER.match(nxt):
            if c != "‘":  # ‘ inside a word transliterates an ayn (Shi‘a): a letter, not an apostrophe
                out.append(i)
        elif c != "‘" and _ELISION.match(text, i, block.end) and not _WORDCHAR.match(prev):
            out.append(i)
        elif c in "'‘" and not _WORDCHAR.match(prev) and _WORDCHAR.match(nxt):
            depth += 1  # opens a single quotation
        elif c in "'’" and (_WORDCHAR.match(prev) or prev in ".,!?") and not _WORDCHAR.match(nxt):
            if depth:
                depth -= 1  # closes it
            elif prev in "sS":
                out.append(i)  # plural possessive
    return out


def paragraphs(doc: Document) -> list[Block]:
    """Paragraphs for quote matching: blank-line blocks, split further at a line break that
    follows the end of a sentence and precedes a new one (text with one paragraph per line).
    A line wrapped in mid-sentence stays in its paragraph. Built once per document."""
    return doc.memo("typography.paragraphs", _paragraphs)


def _paragraphs(doc: Document) -> list[Block]:
    out = []
    for block in doc.blocks:
        if "\n" not in block.text:
            out.append(block)  # a one-line block: no line break to split at
            continue
        pos = block.start
        for m in _LINE_BREAK.finditer(doc.text, block.start, block.end):
            out.append(Block(pos, m.start(), doc.text[pos : m.start()]))
            pos = m.end()
        out.append(Block(pos, block.end, doc.text[pos : block.end]))
    return out


def single_quotes(doc: Document) -> list[int]:
    """Offsets of the single quote marks ' ‘ ’ in the text, found once per document."""
    return doc.memo("typography.single_quotes", lambda d: char_offsets(d.text, "'‘’"))


def double_quotes(doc: Document) -> list[int]:
    """Offsets of the double quote marks " “ ” in the text, found once per document."""
    return doc.memo("typography.double_quotes", lambda d: char_offsets(d.text, '"“”'))



def _usage(style: str, tie: bool) -> str:
    """How the document uses the two styles, for a message: a tie goes to ``prefer``, and the
    message says that it was one instead of calling the preferred style the usual one."""
    return f"uses both equally and a tie goes to {style} ones" if tie else f"mostly uses {style} ones"

def _within(offsets: list[int], block: Block) -> list[int]:
    """The sorted ``offsets`` that fall inside ``block``."""
    return offsets[bisect_left(offsets, block.start) : bisect_left(offsets, block.end)]


def _paired_on_lines(doc: Document) -> list[int] | None:
    """The double quotes when all are straight and the 1st and 2nd, the 3rd and 4th... each share
    a line, else None. Paragraphs break only at line breaks, so each paragraph then holds whole
    pairs, and a quote's rank in its paragraph is as odd or even as its rank in the text."""
    return doc.memo("typography.paired_on_lines", _find_paired_on_lines)


def _find_paired_on_lines(doc: Document) -> list[int] | None:
    text = doc.text
    marks = double_quotes(doc)
    if len(marks) % 2 or any(text[i] != '"' for i in marks):
        return None
    if any(text.find("\n", a, b) != -1 for a, b in zip(marks[::2], marks[1::2])):
        return None
    return marks


def _roles_follow_ranks(text: str, marks: list[int]) -> bool:
    """Does every quote in ``marks`` (from ``_paired_on_lines``) take from its context the role
    its rank gives it (the 1st opens, the 2nd closes...)? Roles are read on the whole text, not
    per paragraph. The readings differ only at a paragraph edge, where _at reads a space for the
    white space outside, and every white space character reads the same."""
    roles = _quote_roles(text, Block(0, len(text), text), marks)
    return all(role == ("open" if rank % 2 == 0 else "close") for rank, role in enumerate(roles))


# -- document-level shortcuts ----------------------------------------------------------------------
# Each is False only for a text where its mode surely finds nothing; most articles are done in
# microseconds instead of a pass over every paragraph.


def _both_apostrophe_styles(doc: Document) -> bool:
    return "'" in doc.text and "’" in doc.text


def _both_double_quote_styles(doc: Document) -> bool:
    text = doc.text
    return '"' in text and ("“" in text or "”" in text)


def _spaced_apostrophe(doc: Document) -> bool:
    """Where _SPACED_APOSTROPHE would match, which every _MISPLACED match needs."""
    text = doc.text
    return any(i > 0 and text[i - 1] in _SPACES for i in single_quotes(doc) if text[i] != "‘")


def _unpaired_quote_possible(doc: Document) -> bool:
    return _paired_on_lines(doc) is None  # else an even number of straight quotes per paragraph


def _misspaced_quote_possible(doc: Document) -> bool:
    paired = _paired_on_lines(doc)
    return paired is None or not _roles_follow_ranks(doc.text, paired)  # else none is judged


def _doubled_pair(doc: Document) -> bool:
    """Whether the text holds one of _DOUBLED_PAIRS. A pair of a mark that news prose seldom uses
    is looked for only when the text holds the mark: a search for one character is many times
    faster than one for two."""
    text = doc.text
    return any(pair in text for pair in _DOUBLED_PAIRS if pair[0] in ".," or pair[0] in text)


MAY_FIND = {
    "apostrophes": _both_apostrophe_styles,
    "quotes": _both_double_quote_styles,
    "misplaced-apostrophe": _spaced_apostrophe,
    "unbalanced-quotes": _unpaired_quote_possible,
    "quote-spacing": _misspaced_quote_possible,
    "double-space": lambda doc: "  " in doc.text,
    "doubled-punctuation": _doubled_pair,
}


def _quote_roles(text: str, block: Block, marks: list[int]) -> list[str | None]:
    """For each straight double quote: "open" or "close" from its context, None when unclear."""
    roles = []
    for i in marks:
        prev, nxt = _at(text, i - 1, block.start, block.end), _at(text, i + 1, block.start, block.end)
        opens = (prev.isspace() or prev in _OPEN_BEFORE or prev in "\"“") and not nxt.isspace()
        closes = (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in "\"”") and not prev.isspace()
        roles.append("open" if opens and not closes else "close" if closes and not opens else None)
    return roles


class Typography(Check):
    kind = "typography"
    keys = {
        "detect": Param("str", required=True, choices=MODES),
        "prefer": Param("str", "curly", choices=("curly", "straight"), help="apostrophes/quotes: the style a tie goes to"),
        "nonpossessive": Param(
            "str_list", [], help="misplaced-apostrophe: function words, never a possessor or a possessed noun"
        ),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.prefer = options["prefer"]
        self.nonpossessive = {w.casefold() for w in options["nonpossessive"]}
        if any(" " in w for w in self.nonpossessive):
            raise RuleDataError("nonpossessive: one word per item", ("nonpossessive",))
        self.elisions = {e.strip("'’").casefold() for e in self.rule.exceptions}

    def run(self, doc: Document) -> Iterator[Finding]:
        may_find = MAY_FIND.get(self.detect)
        if may_find and not may_find(doc):
            return
        yield from getattr(self, "_" + self.detect.replace("-", "_"))(doc)

    # -- mixed styles ---------------------------------------------------------------------------

    def _vote(self, straight: int, curly: int) -> tuple[str, bool]:
        """The majority style and whether it was decided by a tie."""
        if straight == curly:
            return self.prefer, True
        return ("straight" if straight > curly else "curly"), False

    def _apostrophes(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        singles = single_quotes(doc)
        marks = [i for block in paragraphs(doc) for i in apostrophes(text, block, _within(singles, block))]
        straight = sum(text[i] == "'" for i in marks)
        curly = len(marks) - straight
        if not straight or not curly:
            return
        style, tie = self._vote(straight, curly)
        new = "’" if style == "curly" else "'"
        counts = {"straight": straight, "curly": curly, "style": style, "usage": _usage(style, tie)}
        for i in marks:
            if text[i] != new:
                word = _WORD_BEFORE.search(text, max(0, i - 41), i).group() + text[i] + _WORD_AFTER.match(text, i + 1).group()
                found = "curly" if text[i] == "’" else "straight"
                yield self.replacement(doc, i, i + 1, new, safe=not tie, found=found, word=word, **counts)

    def _quotes(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        doubles = double_quotes(doc)
        per_block = [(b, _within(doubles, b)) for b in paragraphs(doc)]
        straight = sum(text[i] == '"' for _, marks in per_block for i in marks)
        curly = sum(len(marks) for _, marks in per_block) - straight
        if not straight or not curly:
            return
        style, tie = self._vote(straight, curly)
        counts = {"straight": straight, "curly": curly, "style": style, "usage": _usage(style, tie)}
        for block, marks in per_block:
            if style == "straight":
                for i in marks:
                    if text[i] != '"':
                        yield self.replacement(doc, i, i + 1, '"', safe=not tie, found="curly", **counts)
                continue
            plain = [i for i in marks if text[i] == '"']
            roles = _quote_roles(text, block, plain)
            even = len(plain) % 2 == 0
            for rank, (i, role) in enumerate(zip(plain, roles)):
                by_rank = ("open" if rank % 2 == 0 else "close") if even else None
                options = list(dict.fromkeys(r for r in (role, by_rank) if r)) or ["open", "close"]
                cands = ["“" if r == "open" else "”" for r in options]
                applicability = Applicability.DISPLAY if len(cands) > 1 else Applicability.UNSAFE if tie else Applicability.SAFE
                fix = Fix(f"Replace with '{cands[0]}'", (Edit(i, i + 1, cands[0]),), applicability)
                yield self.finding(doc, i, i + 1, cands, fix, found="straight", **counts)

    # -- apostrophes glued to the wrong word ----------------------------------------------------

    def _misplaced_apostrophe(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for block in paragraphs(doc):
            if not _SPACED_APOSTROPHE.search(text, block.start, block.end):
                continue
            for m in _MISPLACED.finditer(text, block.start, block.end):
                word, mark, nxt = m.group("w"), m.group("a"), m.group("next")
                quoted = text[m.end() : m.end() + 1] in ("'", "’")  # the letter 't' in quotes
                if nxt.casefold() in _CLITICS and not quoted and (nxt.casefold() != "t" or word.casefold().endswith("n")):
                    new = word + mark + nxt  # "Cairo 's" -> "Cairo's": a detached clitic
                    yield self.replacement(doc, m.start(), m.end(), new, safe=True, apostrophe=mark)
                    continue
                if word.casefold() in self.nonpossessive or nxt.casefold() in self.nonpossessive | self.elisions:
                    continue  # "said 'the", "plans 'of": a broken quotation, not a possessive
                if word[:1].isupper() and nxt[:1].isupper():
                    continue  # a name with an initial ayn: Sheikh 'Abd, Imam 'Ali
                if self._closed_later(text, m.start("a"), block):
                    continue  # 'the plan' in single quotes
                cands = [f"{w}{mark}{tail} {nxt}" for w, tail in _possessives(word)]
                applicability = Applicability.DISPLAY if len(cands) > 1 else Applicability.UNSAFE
                fix = Fix(f"Replace with '{cands[0]}'", (Edit(m.start(), m.end(), cands[0]),), applicability)
                yield self.finding(doc, m.start(), m.end(), cands, fix, apostrophe=mark)

    @staticmethod
    def _closed_later(text: str, i: int, block: Block) -> bool:
        """Is the single quote at ``i`` closed later in its paragraph (before another one opens)?"""
        for m in _SINGLE.finditer(text, i + 1, block.end):
            j = m.start()
            prev, nxt = _at(text, j - 1, block.start, block.end), _at(text, j + 1, block.start, block.end)
            if _WORDCHAR.match(prev) and _LETTER.match(nxt):
                continue  # an apostrophe inside a word
            if not _WORDCHAR.match(nxt) and (_WORDCHAR.match(prev) or prev in ".,!?"):
                return True
            if not _WORDCHAR.match(prev) and _WORDCHAR.match(nxt):
                return False  # another quote opens first
        return False

    # -- double quotes in a paragraph -----------------------------------------------------------

    def _pairs(self, doc: Document, block: Block) -> list[tuple[int, str | None, str]]:
        """(offset, role from context, role from rank) for the double quotes of a paragraph.

        Curly quotes carry their role; straight ones get "open"/"close" by rank when the paragraph
        has an even number of them, else None.
        """
        text = doc.text
        marks = _within(double_quotes(doc), block)
        plain = [i for i in marks if text[i] == '"']
        roles = dict(zip(plain, _quote_roles(text, block, plain)))
        out = []
        rank = 0
        for i in marks:
            if text[i] == '"':
                by_rank = ("open" if rank % 2 == 0 else "close") if len(plain) % 2 == 0 else None
                out.append((i, roles[i], by_rank))
                rank += 1
            else:
                role = "open" if text[i] == "“" else "close"
                out.append((i, role, role))
        return out

    def _unbalanced_quotes(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        blocks = paragraphs(doc)
        doubles = double_quotes(doc)
        for n, block in enumerate(blocks):
            runs_on = n + 1 < len(blocks) and blocks[n + 1].text[:1] in ("\"", "“")
            marks = _within(doubles, block)
            for i, why in self._unpaired(text, block, marks):
                if why == "never closed" and runs_on:
                    continue  # a quotation running on into the next paragraph
                yield self.finding(doc, i, i + 1, (), None, problem=why)

    @staticmethod
    def _unpaired(text: str, block: Block, marks: list[int]) -> list[tuple[int, str]]:
        """The double quotes of a paragraph that pair with nothing, and why."""
        plain = [i for i in marks if text[i] == '"']
        if len(plain) == len(marks):  # straight quotes only: an even number pairs up
            if len(marks) % 2 == 0:
                return []
            roles = dict(zip(marks, _quote_roles(text, block, marks)))
        else:  # curly ones carry their role; a straight one among them closes an open quote
            roles = {i: "open" if text[i] == "“" else "close" if text[i] == "”" else None for i in marks}
        stack: list[int] = []
        orphans: list[tuple[int, str]] = []
        for i in marks:
            role = roles[i]
            if role == "close" or (role is None and stack):
                if stack:
                    stack.pop()
                else:
                    orphans.append((i, "never opened"))
            else:
                stack.append(i)
        orphans += [(i, "never closed") for i in stack]
        if len(plain) == len(marks) and len(orphans) != 1:
            # Straight quotes whose roles the context cannot settle: blame the last one.
            return [(marks[-1], "never opened" if roles[marks[-1]] == "close" else "never closed")]
        return orphans

    def _quote_spacing(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for block in paragraphs(doc):
            pairs = self._pairs(doc, block)
            plain = [p for p in pairs if text[p[0]] == '"']
            for i, role, by_rank in pairs:
                if text[i] == '"':
                    # A straight quote is judged only when context and rank disagree and its
                    # partner by rank is well placed: then its space is on the wrong side.
                    if by_rank is None or role == by_rank:
                        continue
                    k = plain.index((i, role, by_rank))
                    partner = plain[k + 1] if by_rank == "open" else plain[k - 1]
                    if partner[1] != partner[2]:
                        continue
                    role = by_rank
                edit = self._respace(text, i, role, block)
                if edit:
                    start, end, new = edit
                    left = _NONSPACE_BEFORE.search(text, max(block.start, start - 13), start).group()
                    right = _NONSPACE_AFTER.match(text, end, block.end).group()
                    yield self.replacement(
                        doc, start, end, new, safe=True, side="closing" if role == "close" else "opening",
                        context=left + text[start:end] + right, fixed=left + new + right,
                    )

    @staticmethod
    def _respace(text: str, i: int, role: str, block: Block) -> tuple[int, int, str] | None:
        mark = text[i]
        before = i
        while before > block.start and text[before - 1] in " \t\u00a0":
            before -= 1
        after = i + 1
        while after < block.end and text[after] in " \t\u00a0":
            after += 1
        prev = _at(text, before - 1, block.start, block.end)
        nxt = _at(text, after, block.start, block.end)
        if role == "close":
            if before == i:
                return None
            if _WORDCHAR.match(nxt) and after == i + 1:
                return before, i + 1, mark + " "  # 'war, "the' -> 'war," the'
            if not _WORDCHAR.match(nxt) and (_WORDCHAR.match(prev) or prev in ".,!?"):
                return before, i + 1, mark  # 'over ".' -> 'over".'
            return None
        if after == i + 1 or not _WORDCHAR.match(nxt):
            return None
        if before == i and _WORDCHAR.match(prev):
            return i, after, " " + mark  # 'said" The' -> 'said "The'
        return i, after, mark  # '" The' -> '"The'

    # -- spacing and punctuation ----------------------------------------------------------------

    @staticmethod
    def _skip_zones(doc: Document) -> list[tuple[int, int]]:
        """Code spans and URLs, where spacing and punctuation are not prose (once per document)."""
        return doc.memo("typography.skip_zones", lambda d: [m.span() for m in _BACKTICK_OR_URL.finditer(d.text)])

    def _double_space(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        zones = self._skip_zones(doc)
        tables = _tables(text)
        for m in _DOUBLE_SPACE.finditer(text):
            if _inside(zones, m.start()) or _inside(tables, m.start()):
                continue
            yield self.replacement(doc, m.start(), m.end(), " ")

    def _space_before_punctuation(self, doc: Document) -> Iterator[Finding]:
        """_SPACE_BEFORE is tried only where a space touches a mark: a match is a whole run of
        spaces (its look-behind fails inside a run) and the mark right after it."""
        text = doc.text
        hits = _SPACE_THEN_MARK if "\t" in text or "\u00a0" in text else _BLANK_THEN_MARK
        for hit in hits.finditer(text):
            start = hit.start()
            while start > 0 and text[start - 1] in " \t\u00a0":
                start -= 1
            m = _SPACE_BEFORE.match(text, start)
            if not m or _inside(self._skip_zones(doc), m.start()):
                continue
            mark = m.group()[-1]
            yield self.replacement(doc, m.start(), m.end(), mark, mark=mark)

    def _doubled_punctuation(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        zones = self._skip_zones(doc)
        for m in _DOUBLED.finditer(text):
            if _inside(zones, m.start()):
                continue
            yield self.replacement(doc, m.start(), m.end(), m.group()[0], mark=m.group()[0])


def _inside(zones: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in zones)


def _tables(text: str) -> list[tuple[int, int]]:
    """Spans of aligned plain-text tables, where runs of spaces are layout, not typos: blocks of
    consecutive lines that each have a gap of two spaces or more between words, one of them a tab
    or a gap of four spaces or more ("Girona           27   62" over "Atlético Madrid  27   55"),
    or three lines or more whose first gaps start in one column ("17  Jonas Berg" over " 9  Ali
    Hassan")."""
    tables, block, offset = [], [], 0
    for line in [*text.splitlines(keepends=True), ""]:  # the empty line closes the last block
        if _COLUMN_GAP.search(line):
            block.append(line)
        elif block:
            columns = {_COLUMN_GAP.search(row).start() for row in block}
            if any(_WIDE_GAP.search(row) for row in block) or len(block) >= 3 and len(columns) == 1:
                tables.append((offset - sum(map(len, block)), offset))
            block = []
        offset += len(line)
    return tables


def _possessives(word: str) -> list[tuple[str, str]]:
    """(word, tail) candidates for a possessive of ``word``: ("citizen", "s"), ("citizens", "")."""
    low = word.casefold()
    if low.endswith("s"):
        if word[:1].islower() and not low.endswith(("ss", "us", "is")):
            return [(word, "")]  # ministers -> ministers’
        return [(word, ""), (word, "s")]  # Jones -> Jones’ / Jones’s
    if word[:1].isupper():
        return [(word, "s")]  # a name: Jones’s, not a plural
    if low.endswith("y") and low[-2:-1] not in tuple("aeiou"):
        plural = word[:-1] + "ies"
    elif low.endswith(("ch", "sh", "x", "z")):
        plural = word + "es"
    else:
        plural = word + "s"
    return [(word, "s"), (plural, "")]
