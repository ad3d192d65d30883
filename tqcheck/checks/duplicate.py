"""``duplicate``: the same passage translated twice in one article.

Scraped Arabic articles often carry a quote twice (an embedded post and the paragraph quoting
it), and MT renders the two copies in different words. The check reports the later copy and
points at the earlier one.

Units are sentences (a sentence never crosses a line break) and multi-sentence paragraphs;
sentences with fewer than ``min_words`` words, headings, caption lines and embed attribution
lines are left out (a caption line inside a paragraph is blanked from the paragraph's text).
Two units are compared only when a cheap prefilter lets them through:

1. an inverted index from content stems (words that are not function words of the expected
   ``language``, cut to their first ``stem`` letters) and from pairs of adjacent content stems
   to the units holding them;
   only *rare* keys (in two to ``max_df`` units) are indexed, so each key links a few units,
   their pairs are counted in one pass, and the whole search is near-linear in the length
   of the article;
2. the pair shares at least ``min_shared`` rare keys (stems, and pairs of adjacent stems, which
   stay rare even where every single word is common), and at least ``min_shared`` content stems
   that make up at least ``min_overlap`` of the smaller unit's stems.

The survivors are scored with sentence-level chrF (sacrebleu's, in tqcheck.chrf), both ways; the lower
score must reach ``threshold``. A paragraph that repeats an earlier paragraph is one finding;
its sentences are not reported again. A quote translated twice as a loose paraphrase (chrF 20-40)
is not found: one speaker quoted twice on one topic saying different things scores as high
(tests/test_duplicate_quotes.py).

``stopwords`` is the path of the function-word list; ``{language}`` in it stands for the
expected language, as in the ``language`` check (``--language fr`` takes the French list).
Chinese, Japanese and Thai write no spaces between words: a sentence there is one or two
"words" (never ``min_words``) and a stem is no word, so with such a ``language`` the check does
not run (the rule's description says so).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, combinations, compress, repeat
from operator import and_, eq, itemgetter
from typing import NamedTuple

import regex

from ..chrf import Passage, chrf_both
from ..document import Document
from ..model import Finding
from .base import Check, Param, RuleDataError
from .caption import caption_like
from .embed import document_attributions
from .language import LINKS, UNSPACED_LANGUAGES, function_word_rows, may_hold_link

_LINE_END = frozenset(".!?…\"”’»)")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*|\d+(?:[.,]\d+)*")
# A text in the document's LATIN_ALPHABET (nearly every English article) is searched with the
# stdlib pattern below, twice as fast: on those characters its classes hold exactly what \p{L},
# [\p{L}\p{M}'’-] and \d hold (a test goes through every character), so it finds the same words.
_FAST_LETTER = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_FAST_DIGIT = "0-9\u0660-\u0669"
_FAST_WORD = re.compile(f"[{_FAST_LETTER}][{_FAST_LETTER}'’-]*|[{_FAST_DIGIT}]+(?:[.,][{_FAST_DIGIT}]+)*")
_POSSESSIVE = regex.compile(r"['’]s?$", regex.MULTILINE)  # one word per line
_STEM_TABLE_SIZE = 50_000  # words whose stem a check keeps (some 8 MB at most)
_LATER_FIRST = itemgetter(1, 0)
# A line labelled as a pull quote ("[PULL QUOTE: ...]", "Pull quote: ..."): layout that repeats a
# sentence of the body on purpose.
_PULL_QUOTE = re.compile(r"[\[(]?\s*pull[ -]?quote\b", re.IGNORECASE)
# A numbered clause of a notice or a contract ("1.2 ...", "(b) ..."), whose clauses repeat
# their wording by design.
_OPENING_WORDS = re.compile(r"\w+")
_CLAUSE_NUMBER = re.compile(r"(?:\d+(?:\.\d+)+\.?|\([a-z0-9]{1,3}\))\s")
# Languages whose sentences have no words to count (Korean, in UNSPACED_LANGUAGES because it
# needs no function-word list, spaces its words and keeps the check).
_WITHOUT_WORD_SPACES = UNSPACED_LANGUAGES - {"ko"}


class _Piece(NamedTuple):
    """A line of a sentence inside a paragraph, stripped. Pieces are separated by white space
    and cover the paragraphs: no word crosses two, and the words of a paragraph are those of
    its pieces, so each piece is searched for words on its own."""

    start: int
    end: int
    text: str
    paragraph: int
    kept: bool  # False for a caption line or an embed attribution: in no unit of its own


class _Words(NamedTuple):
    """The content stems of the pieces, one piece after the other."""

    stems: list[str]
    # Every occurrence of a stem or pair found more than once (only those can link two units):
    # the key, and the index of its first and last content word.
    repeated: list[str]
    repeated_first: list[int]
    repeated_last: list[int]


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    text: str
    paragraph: int
    kind: str  # "sentence" or "paragraph"
    compared: str  # the text scored: links and caption lines blanked (see _without_links, _without_pieces)
    first: int  # its content words are _Words.stems[first:stop]
    stop: int


def _repeated_keys(sequence: list[str]) -> _Words:
    """The stems, and where the stems and pairs of adjacent stems found more than once are."""
    count = Counter(sequence)
    twice = list(map((1).__lt__, map(count.__getitem__, sequence)))
    at_stems = list(compress(range(len(sequence)), twice))
    # a pair found twice is made of stems found twice: only those pairs are joined
    at_pairs = list(compress(range(len(sequence) - 1), map(and_, twice, twice[1:])))
    pair_ends = list(map((1).__add__, at_pairs))
    pairs = list(map(" ".join, zip(map(sequence.__getitem__, at_pairs), map(sequence.__getitem__, pair_ends))))
    count = Counter(pairs)
    twice = list(map((1).__lt__, map(count.__getitem__, pairs)))
    return _Words(
        sequence,
        list(map(sequence.__getitem__, at_stems)) + list(compress(pairs, twice)),
        at_stems + list(compress(at_pairs, twice)),
        at_stems + list(compress(pair_ends, twice)),
    )


def _without_links(text: str) -> str:
    """``text`` with its URLs, e-mail addresses, @handles and #hashtags blanked, offsets kept:
    two sentences that cite one post share the letters of its link, not their wording."""
    return LINKS.sub(lambda m: " " * len(m.group()), text) if may_hold_link(text) else text


def _without_pieces(text: str, offset: int, pieces: list[_Piece]) -> str:
    """``text``, found at ``offset`` in the document, with the pieces blanked, offsets kept: a
    caption line inside a paragraph is none of the paragraph's wording."""
    for piece in pieces:
        start, end = piece.start - offset, piece.end - offset
        text = text[:start] + " " * (end - start) + text[end:]
    return text


class Duplicate(Check):
    kind = "duplicate"
    keys = {
        "threshold": Param("number", 58, help="lowest chrF (0-100, the lower of both directions)"),
        "min_words": Param("int", 8, help="shorter sentences are never compared"),
        "min_shared": Param("int", 3, help="rare content stems two units must share"),
        "min_overlap": Param("number", 0.4, help="shared stems / stems of the smaller unit"),
        "max_df": Param("int", 10, help="a key in more units than this is not indexed"),
        "stem": Param("int", 5, help="content words are cut to this many letters"),
        "language": Param("str", "en", help="the expected language (a langdetect code): its function words are no content"),
        "stopwords": Param("str", None, help="TSV of function words of the language: word<TAB>class ({language} in the path stands for it)"),
    }

    def compile(self, options: dict) -> None:
        self.threshold = float(options["threshold"])
        self.min_words = options["min_words"]
        self.min_shared = options["min_shared"]
        self.min_overlap = float(options["min_overlap"])
        self.max_df = options["max_df"]
        self.stem = options["stem"]
        if not 0 < self.threshold <= 100:
            raise RuleDataError("threshold must be in (0, 100]", ("threshold",))
        if self.min_words < 1 or self.min_shared < 1 or self.max_df < 1 or self.stem < 3:
            raise RuleDataError("min_words, min_shared and max_df must be positive and stem at least 3")
        self.language = options["language"].lower()
        rows = function_word_rows(self.rule.path, options["stopwords"], self.language)
        self.stopwords = frozenset(w.casefold() for w, _c, _l in rows)
        self._stems_seen: dict[str, str | None] = {}

    # -- units -------------------------------------------------------------------------------

    def _stem_table(self, words: list[str]) -> dict[str, str | None]:
        """The check's table of word -> content stem, grown with the words it has not seen: news
        articles share most of their words, so a batch run stems each word once. A content stem
        is the casefolded word without a possessive ending, cut to ``stem`` letters; function
        words, numbers and words under three letters have none (None). The table is emptied when
        it grows past ``_STEM_TABLE_SIZE`` words."""
        table = self._stems_seen
        new = set(words).difference(table)
        if not new:
            return table
        if len(table) + len(new) > _STEM_TABLE_SIZE:
            table.clear()
            new = set(words)
        new = list(new)
        # casefold maps character by character: fold all new words in one call
        bare = _POSSESSIVE.sub("", "\n".join(new).casefold()).split("\n")
        stop, cut = self.stopwords, self.stem
        table.update((w, b[:cut] if len(b) >= 3 and b not in stop and not b[0].isdigit() else None) for w, b in zip(new, bare))
        return table

    @staticmethod
    def _paragraphs(doc: Document) -> list[tuple[int, int]]:
        """(start, end) of each paragraph: a block, or each line of a block written one
        paragraph per line (most of its lines close a sentence; hard-wrapped text does not).
        The blocks that open the text with no line that closes a sentence (three at most) are its
        headline, deck and byline, which the body restates by design: they are no paragraphs."""
        out = []
        top_matter = True
        for number, block in enumerate(doc.blocks):
            # (at most the first three blocks: a text whose lines never close a sentence has a body)
            top_matter = top_matter and number < 3 and not any(row.rstrip()[-1:] in _LINE_END for row in block.text.split("\n"))
            if block.is_heading or top_matter:
                continue
            rows = block.text.split("\n")
            closed = [r.rstrip()[-1:] in _LINE_END for r in rows[:-1] if r.strip()]
            if closed and sum(closed) * 2 >= len(closed):
                pos = block.start
                for row in rows:
                    if row.strip():
                        lead = len(row) - len(row.lstrip())
                        out.append((pos + lead, pos + len(row.rstrip())))
                    pos += len(row) + 1
            else:
                out.append((block.start, block.end))
        return out

    @staticmethod
    def _pieces(doc: Document) -> list[_Piece]:
        """Every line of a sentence inside a paragraph, in order."""
        skip = [(a, b) for a, b, _m in document_attributions(doc)]
        paragraphs_at = Duplicate._paragraphs(doc)
        starts = [p[0] for p in paragraphs_at]
        out = []
        for span in doc.sentences:
            offset = span.start
            for piece in span.text.split("\n"):
                stripped = piece.strip()
                start = offset + len(piece) - len(piece.lstrip())
                offset += len(piece) + 1
                if not stripped:
                    continue
                end = start + len(stripped)
                para = bisect.bisect_right(starts, start) - 1
                if para < 0 or end > paragraphs_at[para][1]:
                    continue  # a heading
                # (a caption line ends with its parenthesis; a pull quote repeats the body by design,
                # and so do the numbered clauses of a legal text)
                dropped = (
                    stripped[-1] == ")" and caption_like(stripped)
                    or bool(_PULL_QUOTE.match(stripped) or _CLAUSE_NUMBER.match(stripped))
                    or skip and any(a <= start and end <= b for a, b in skip)
                )
                out.append(_Piece(start, end, stripped, para, not dropped))
        return out

    def _units(self, doc: Document) -> tuple[list[_Unit], list[_Unit], _Words]:
        """The sentences and the paragraphs of at least ``min_words`` words, and their stems."""
        pieces = self._pieces(doc)
        # The texts scored and searched for words: the pieces' own, or with links blanked. A
        # piece in no unit (a caption line) has none: no word of it is in a paragraph's words.
        blank = _without_links if may_hold_link(doc.text) else str
        compared = [blank(piece.text) if piece.kept else "" for piece in pieces]
        find = _FAST_WORD.findall if doc.in_latin_alphabet else _WORD.findall
        words = list(map(find, compared))
        table = self._stem_table(list(chain.from_iterable(words)))
        stems = [list(filter(None, map(table.__getitem__, w))) for w in words]
        word_ends = list(accumulate(map(len, words), initial=0))  # piece k has words word_ends[k]:word_ends[k + 1]
        stem_ends = list(accumulate(map(len, stems), initial=0))
        sentences: list[_Unit] = []
        kept: dict[int, list[int]] = defaultdict(list)  # paragraph -> its kept pieces
        for k, piece in enumerate(pieces):
            if piece.kept:
                kept[piece.paragraph].append(k)
                if len(words[k]) >= self.min_words:
                    sentences.append(_Unit(piece.start, piece.end, piece.text, piece.paragraph, "sentence",
                                           compared[k], stem_ends[k], stem_ends[k + 1]))
        paragraphs: list[_Unit] = []
        for para, ks in kept.items():
            a, b = ks[0], ks[-1]
            if word_ends[b + 1] - word_ends[a] >= self.min_words:
                start, end = pieces[a].start, pieces[b].end
                kind = "paragraph" if len(ks) > 1 else "sentence"
                text = doc.text[start:end]
                wording = _without_pieces(text, start, [p for p in pieces[a + 1 : b] if not p.kept])
                paragraphs.append(_Unit(start, end, text, para, kind, blank(wording), stem_ends[a], stem_ends[b + 1]))
        return sentences, paragraphs, _repeated_keys(list(chain.from_iterable(stems)))

    # -- matching ----------------------------------------------------------------------------

    def _holders(self, units: list[_Unit], words: _Words) -> list[list[int]]:
        """The units holding each linking key (a content stem or pair of adjacent ones held by
        two to ``max_df`` units), in order. Only a key found more than once in the document can
        link two units: the others are never looked at."""
        owner = [-1] * len(words.stems)  # unit index of each content word
        for j, u in enumerate(units):
            owner[u.first : u.stop] = [j] * (u.stop - u.first)
        firsts = list(map(owner.__getitem__, words.repeated_first))
        # (key, unit) where a unit holds all of the key, each once, in text order (in C)
        held_by = dict.fromkeys(compress(zip(words.repeated, firsts), map(eq, firsts, map(owner.__getitem__, words.repeated_last))))
        holders: dict[str, list[int]] = defaultdict(list)
        for key, j in held_by:
            if j >= 0:  # (-1: words in no unit)
                holders[key].append(j)
        return [held for held in holders.values() if 1 < len(held) <= self.max_df]

    def _candidates(self, units: list[_Unit], words: _Words) -> list[tuple[int, int]]:
        """(earlier, later) unit indexes of the pairs sharing at least ``min_shared`` linking
        keys, the later one first, then the earlier. Each linking key is held by a few units:
        the pairs of its holders are counted in C."""
        shared = Counter(chain.from_iterable(map(combinations, self._holders(units, words), repeat(2))))
        return sorted(compress(shared.keys(), map(self.min_shared.__le__, shared.values())), key=_LATER_FIRST)

    def _matches(self, units: list[_Unit], words: _Words, memo: dict) -> dict[int, tuple[int, float, int]]:
        # memo: scores by (earlier start, end, later start, end), and "grams": n-grams by text
        """later unit index -> (earlier unit index, chrF, content stems shared): the earlier
        unit that scores highest (the first of equals)."""
        found: dict[int, tuple[int, float, int]] = {}
        candidates = self._candidates(units, words)
        stems = {k: frozenset(words.stems[units[k].first : units[k].stop]) for k in set(chain.from_iterable(candidates))}
        for i, j in candidates:
            later, earlier = units[j], units[i]
            if earlier.end > later.start or self._parallel(earlier, later):
                continue
            common = len(stems[i] & stems[j])
            if common < self.min_shared or common < self.min_overlap * min(len(stems[i]), len(stems[j])):
                continue
            key = (earlier.start, earlier.end, later.start, later.end)
            if key not in memo:  # a one-sentence paragraph is also a sentence: score it once
                memo[key] = self.similarity(earlier.compared, later.compared, self.threshold, memo.setdefault("grams", {}))
            score = memo[key]
            if score >= self.threshold and (j not in found or score > found[j][1]):
                found[j] = (i, score, common)
        return found

    @staticmethod
    def _parallel(earlier: _Unit, later: _Unit) -> bool:
        """Whether two sentences that follow each other in one paragraph open with the same three
        words: a speaker's parallel sentences ("When I say A, I mean X. When I say B, I mean
        Y."), not one passage twice (MT's second rendering reorders its words)."""
        return (
            later.kind == earlier.kind == "sentence" and later.paragraph == earlier.paragraph
            and later.first == earlier.stop and _OPENING_WORDS.findall(earlier.text.casefold())[:3] == _OPENING_WORDS.findall(later.text.casefold())[:3]
        )

    @staticmethod
    def similarity(a: str, b: str, threshold: float = 0.0, grams: dict | None = None) -> float:
        """Sentence-level chrF (sacrebleu's, see tqcheck.chrf) in both directions; the lower one
        (a contained passage is not a copy). A result below ``threshold`` is only known to be
        below it: the comparison stops as soon as the threshold is out of reach. ``grams``
        caches n-grams for one document only: kept across documents they would grow without
        bound."""
        grams = {} if grams is None else grams
        for text in (a, b):
            if text not in grams:
                grams[text] = Passage(text)
        return chrf_both(grams[a], grams[b], threshold)

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.language in _WITHOUT_WORD_SPACES:
            return
        sentences, paragraphs, words = self._units(doc)
        covered: set[int] = set()
        out = []
        memo: dict = {}
        for j, (i, score, shared) in self._matches(paragraphs, words, memo).items():
            later, earlier = paragraphs[j], paragraphs[i]
            covered.add(later.paragraph)
            out.append(self._finding(doc, later, earlier, score, shared))
        for j, (i, score, shared) in self._matches(sentences, words, memo).items():
            later, earlier = sentences[j], sentences[i]
            if later.paragraph in covered:
                continue
            out.append(self._finding(doc, later, earlier, score, shared))
        yield from sorted(out, key=lambda f: f.sort_key)

    def _finding(self, doc: Document, later: _Unit, earlier: _Unit, score: float, shared: int) -> Finding:
        line, _col = doc.position(earlier.start)
        score = round(score, 1)
        return self.finding(
            doc,
            later.start,
            later.end,
            data={
                "earlier_line": line,
                "earlier_start": earlier.start,
                "earlier_end": earlier.end,
                "earlier": earlier.text,
                "chrf": score,
                "shared_words": shared,
                "unit": later.kind,
            },
            unit=later.kind,
            earlier_line=line,
            chrf=f"{score:.1f}",
            how="word for word" if earlier.text == later.text else "in other words",
        )
