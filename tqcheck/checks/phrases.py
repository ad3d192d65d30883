"""Find listed words and phrases by looking document words up in a table.

One dictionary lookup per word (and per n-gram up to the longest phrase) instead of a regex
alternation of hundreds of alternatives: ten times faster on a news article, and naturally
whole-word. Phrases whose text does not split into words cleanly ("U.S.", "(PBUH)") are
reported by ``unusual`` so the caller can keep a pattern for those few.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, compress

import regex

from ..document import WORD as _WORD
from ..document import Document


def _words(text: str) -> list[str]:
    """The document words of ``text``. Most listed phrases are ASCII letters, digits and spaces,
    whose words are what split() gives: no regex call for them (rules list hundreds)."""
    if text.isascii() and text.replace(" ", "").isalnum():
        return text.split()
    return _WORD.findall(text)


def phrase_key(text: str, ignorecase: bool) -> str:
    key = " ".join(_words(text))
    return key.casefold() if ignorecase else key


def is_plain(text: str) -> bool:
    """True when the phrase is just words separated by spaces, so the table can find it."""
    return " ".join(_words(text)) == " ".join(text.split())


class PhraseTable:
    """Listed phrases -> values; ``find`` yields the longest listed phrase at each word."""

    def __init__(self, phrases: Iterable[tuple[str, object]], ignorecase: bool) -> None:
        self.ignorecase = ignorecase
        self.table: dict[str, object] = {}
        self.longest = 1
        for phrase, value in phrases:
            key = phrase_key(phrase, ignorecase)
            self.table.setdefault(key, value)
            self.longest = max(self.longest, key.count(" ") + 1)
        # First words of listed phrases: most words are not, so most positions cost one lookup.
        self.first = {k.split(" ", 1)[0] for k in self.table}

    def find(self, doc: Document) -> list[tuple[int, int, object]]:
        """(start, end, value) of the listed phrases in the text, left to right."""
        spans = list(self._word_spans(doc))
        # Offsets only for the first and last word of each phrase, in one pass over the text;
        # zip takes the two from the one iterator for each phrase.
        starts = iter(doc.word_starts_at(chain.from_iterable((i, j) for i, j, _ in spans)))
        words = doc.word_texts
        return [(start, last + len(words[j]), value) for (_, j, value), start, last in zip(spans, starts, starts)]

    def _word_spans(self, doc: Document) -> Iterator[tuple[int, int, object]]:
        """(first word, last word, value) of the longest listed phrase at each word, and on after it."""
        words = doc.word_texts
        folded = doc.folded_words if self.ignorecase else words
        gaps = doc.word_gaps
        n = len(words)
        after = 0  # the word after the last phrase found
        # Most words start no listed phrase: the positions of those that do are found in C.
        for i in compress(range(n), map(self.first.__contains__, folded)):
            if i < after:
                continue
            for size in range(min(self.longest, n - i), 0, -1):
                j = i + size - 1
                # a phrase never spans punctuation: only whitespace between its words
                if size > 1 and any(map(str.strip, gaps[i + 1 : j + 1])):
                    continue
                key = " ".join(folded[i : j + 1])
                if key in self.table:
                    yield i, j, self.table[key]
                    after = j + 1
                    break


_SPACES = regex.compile(r"\s+")


class LiteralAlternation:
    """Listed phrases found as ``regex`` finds ``(?:p1|p2|...)`` when each phrase is its escaped
    words joined by ``\\s+`` (case-sensitive; tried in list order), without compiling that
    alternation: ``regex`` spends 5-7 ms compiling a list of a few dozen names."""

    def __init__(self, phrases: Iterable[str]) -> None:
        # A word trie: word -> [index of the phrase that ends here or None, {next word: ...}].
        # An empty phrase would only ever match the empty string, which contains nothing.
        self.trie: dict[str, list] = {}
        for index, phrase in enumerate(phrases):
            words = phrase.split()
            node = self.trie
            for word in words[:-1]:
                node = node.setdefault(word, [None, {}])[1]
            if words:
                entry = node.setdefault(words[-1], [None, {}])
                if entry[0] is None:
                    entry[0] = index  # the same words twice: the first is tried first
        self.by_initial = _by_initial(self.trie)

    def ends_at(self, text: str, pos: int) -> list[int]:
        """The end of every phrase written at ``pos``, in list order (the regex's order of trial)."""
        found = []
        stack = [(self.by_initial, pos)]
        while stack:
            level, at = stack.pop()
            for word, index, children in level.get(text[at : at + 1], ()):
                if text.startswith(word, at):
                    end = at + len(word)
                    if index is not None:
                        found.append((index, end))
                    space = _SPACES.match(text, end) if children else None
                    if space:
                        stack.append((children, space.end()))
        return [end for _, end in sorted(found)]

    def finditer(self, text: str, not_before: regex.Pattern, not_after: regex.Pattern) -> Iterator[tuple[int, int]]:
        """Spans of ``regex.finditer(r"(?<!B)(?:alternation)(?!A)")``: leftmost, first phrase in
        list order that fits, then on after it. ``not_before`` is B (one character), ``not_after`` A."""
        starts = set()
        for first, (index, _) in self.trie.items():
            i = text.find(first)
            while i >= 0:
                # Only phrases of several words start here: "A" in "Arab" is no start.
                after = text[i + len(first) : i + len(first) + 1]
                if index is not None or (after and not after.isalnum()):
                    starts.add(i)
                i = text.find(first, i + 1)
        taken = 0
        for start in sorted(starts):
            if start < taken or (start and not_before.match(text, start - 1)):
                continue
            end = next((e for e in self.ends_at(text, start) if not not_after.match(text, e)), None)
            if end is not None:
                yield start, end
                taken = end


def _by_initial(trie: dict[str, list]) -> dict[str, list[tuple[str, int | None, dict]]]:
    """The trie with each level keyed by the first character of its words: at a position only
    the words that begin with its character are tried (a list of names shares a few initials)."""
    out: dict[str, list] = {}
    for word, (index, children) in trie.items():
        out.setdefault(word[0], []).append((word, index, _by_initial(children)))
    return out
