"""``duplicate``: the same passage translated twice in one article.

Scraped Arabic articles often carry a quote twice (an embedded post and the paragraph quoting
it), and MT renders the two copies in different words. The check reports the later copy and
points at the earlier one.

Units are sentences (a sentence never crosses a line break) and multi-sentence paragraphs;
sentences with fewer than ``min_words`` words, headings, caption lines and embed attribution
lines are left out. Two units are compared only when a cheap prefilter lets them through:

1. an inverted index from content stems (words that are not function words, cut to their
   first ``stem`` letters) and from pairs of adjacent content stems to the units holding them;
   only *rare* keys (in two to ``max_df`` units) are indexed, so each key links a few units,
   their pairs are counted in one pass, and the whole search is near-linear in the length
   of the article;
2. the pair shares at least ``min_shared`` rare keys (stems, and pairs of adjacent stems, which
   stay rare even where every single word is common), and at least ``min_shared`` content stems
   that make up at least ``min_overlap`` of the smaller unit's stems.

The survivors are scored with sentence-level chrF (sacrebleu's, in tqcheck.chrf), both ways; the lower
score must reach ``threshold``. A paragraph that repeats an earlier paragraph is one finding;
its sentences are not reported again.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, combinations, compress, repeat

import regex

from ..chrf import Passage, chrf_both
from ..document import Document
from ..model import Finding
from .base import Check, Param, RuleDataError
from .caption import caption_like
from .embed import document_attributions

_LINE_END = frozenset(".!?…\"”’»)")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*|\d+(?:[.,]\d+)*")
_WORD_SPLIT = regex.compile(f"({_WORD.pattern})")
_POSSESSIVE = regex.compile(r"['’]s?$", regex.MULTILINE)  # one word per line
_STEM_TABLE_SIZE = 200_000  # words whose stem a check keeps (some 30 MB at most)


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    text: str
    paragraph: int
    stems: frozenset[str]
    keys: frozenset[str]  # what the prefilter indexes: the stems and pairs of adjacent stems
    kind: str  # "sentence" or "paragraph"


class Duplicate(Check):
    kind = "duplicate"
    keys = {
        "threshold": Param("number", 58, help="lowest chrF (0-100, the lower of both directions)"),
        "min_words": Param("int", 8, help="shorter sentences are never compared"),
        "min_shared": Param("int", 3, help="rare content stems two units must share"),
        "min_overlap": Param("number", 0.4, help="shared stems / stems of the smaller unit"),
        "max_df": Param("int", 10, help="a key in more units than this is not indexed"),
        "stem": Param("int", 5, help="content words are cut to this many letters"),
        "stopwords": Param("tsv", None, help="function words of the language: word<TAB>class"),
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
        self.stopwords = frozenset(w.casefold() for w, _c, _l in options["stopwords"] or ())
        self._stems_seen: dict[str, str | None] = {}

    # -- units -------------------------------------------------------------------------------

    def _tokens(self, text: str) -> tuple[list[int], list[str | None]]:
        """Start and content stem of every word of the document, from one pass; a unit takes
        the slice between its offsets (a unit edge always sits next to a space, so no word
        crosses it)."""
        parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
        words = parts[1::2]
        stems = self._stem_table(words)
        return list(accumulate(map(len, parts)))[0::2][: len(words)], list(map(stems.__getitem__, words))

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
    def _content(tokens: tuple[list[int], list[str | None]]) -> tuple[list[int], list[int], list[str], list[str]]:
        """Word starts, then the starts, stems and adjacent-stem pairs of the content words of
        the whole document: a unit's stems are a slice of them, so each pair is joined once."""
        starts, stems = tokens
        sequence = list(filter(None, stems))
        return starts, list(compress(starts, stems)), sequence, list(map(" ".join, zip(sequence, sequence[1:])))

    @staticmethod
    def _stems(content: tuple[list[int], list[int], list[str], list[str]], start: int, end: int) -> tuple[frozenset[str], frozenset[str], int]:
        """(content stems, prefilter keys, number of words) of text[start:end]; the keys are the
        stems and the pairs of adjacent stems."""
        starts, content_starts, sequence, pairs = content
        lo, hi = bisect.bisect_left(content_starts, start), bisect.bisect_left(content_starts, end)
        stems = frozenset(sequence[lo:hi])
        return stems, stems.union(pairs[lo : max(lo, hi - 1)]), bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)

    @staticmethod
    def _paragraphs(doc: Document) -> list[tuple[int, int]]:
        """(start, end) of each paragraph: a block, or each line of a block written one
        paragraph per line (most of its lines close a sentence; hard-wrapped text does not)."""
        out = []
        for block in doc.blocks:
            if block.is_heading:
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

    def _units(self, doc: Document) -> tuple[list[_Unit], list[_Unit]]:
        text = doc.text
        skip = [(a, b) for a, b, _m in document_attributions(doc)]
        paragraphs_at = self._paragraphs(doc)
        starts = [p[0] for p in paragraphs_at]
        tokens = self._content(self._tokens(text))
        sentences: list[_Unit] = []
        members: dict[int, list[tuple[int, int]]] = defaultdict(list)
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
                if caption_like(stripped) or skip and any(a <= start and end <= b for a, b in skip):
                    continue
                members[para].append((start, end))
                stems, keys, n = self._stems(tokens, start, end)
                if n >= self.min_words:
                    sentences.append(_Unit(start, end, stripped, para, stems, keys, "sentence"))
        paragraphs = []
        for para, spans in sorted(members.items()):
            start, end = spans[0][0], spans[-1][1]
            body = text[start:end]
            stems, keys, n = self._stems(tokens, start, end)
            if n >= self.min_words:
                kind = "paragraph" if len(spans) > 1 else "sentence"
                paragraphs.append(_Unit(start, end, body, para, stems, keys, kind))
        return sentences, paragraphs

    # -- matching ----------------------------------------------------------------------------

    def _linking(self, units: list[_Unit]) -> set[str]:
        """The keys that can link two units: held by more than one unit and by at most
        ``max_df``. Most keys are held by one unit only: set operations per unit find the
        others, so only they are counted."""
        seen: set[str] = set()
        repeated: set[str] = set()
        for unit in units:
            repeated |= seen.intersection(unit.keys)
            seen |= unit.keys
        if len(units) <= self.max_df:
            return repeated
        df = Counter(chain.from_iterable(map(repeated.intersection, [u.keys for u in units])))
        return {k for k, n in df.items() if n <= self.max_df}

    def _candidates(self, units: list[_Unit]) -> list[tuple[int, int]]:
        """(later, earlier) unit indexes of the pairs sharing at least ``min_shared`` linking
        keys, in order. Each linking key is held by a few units: the pairs of its holders are
        counted in C, and a unit holding fewer than ``min_shared`` of them is in no pair."""
        linking = self._linking(units)
        holders: dict[str, list[int]] = defaultdict(list)
        for j, unit in enumerate(units):
            rare = unit.keys & linking
            if len(rare) >= self.min_shared:
                for key in rare:
                    holders[key].append(j)
        shared = Counter(chain.from_iterable(map(combinations, holders.values(), repeat(2))))
        return sorted((j, i) for (i, j), n in shared.items() if n >= self.min_shared)

    def _matches(self, units: list[_Unit], memo: dict) -> dict[int, tuple[int, float, int]]:
        # memo: scores by (earlier start, end, later start, end), and "grams": n-grams by text
        """later unit index -> (earlier unit index, chrF, content stems shared): the earlier
        unit that scores highest (the first of equals)."""
        found: dict[int, tuple[int, float, int]] = {}
        for j, i in self._candidates(units):
            later, earlier = units[j], units[i]
            if earlier.end > later.start:
                continue
            common = len(earlier.stems & later.stems)
            if common < self.min_shared or common < self.min_overlap * min(len(earlier.stems), len(later.stems)):
                continue
            key = (earlier.start, earlier.end, later.start, later.end)
            if key not in memo:  # a one-sentence paragraph is also a sentence: score it once
                memo[key] = self.similarity(earlier.text, later.text, self.threshold, memo.setdefault("grams", {}))
            score = memo[key]
            if score >= self.threshold and (j not in found or score > found[j][1]):
                found[j] = (i, score, common)
        return found

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
        sentences, paragraphs = self._units(doc)
        covered: set[int] = set()
        out = []
        memo: dict = {}
        for j, (i, score, shared) in self._matches(paragraphs, memo).items():
            later, earlier = paragraphs[j], paragraphs[i]
            covered.add(later.paragraph)
            out.append(self._finding(doc, later, earlier, score, shared))
        for j, (i, score, shared) in self._matches(sentences, memo).items():
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
