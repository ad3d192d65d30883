"""``capitalization``: closed-class words capitalised mid-sentence ("or The components").

MT from Arabic capitalises the definite article and other function words where the source had
a name-like construct. A capitalised word from ``tokens`` is reported when it is not where a
capital is expected (sentence or heading start, after a colon, quote, bracket or bullet), not
part of a name in ``names`` ("The Hague"), not a title after a ``classifiers`` noun
("the newspaper The Independent"), and not inside a run of capitalised words ("Gone With The Wind").
The fix lowercases the word; it is safe only when the next word is lowercase.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Finding
from .base import Check, Param, RuleDataError
from .phrases import LiteralAlternation

_NEXT_WORD = regex.compile(r"[ \t\u00a0]+(\p{L}[\p{L}\p{M}'’-]*)")
_PREV_WORD = regex.compile(r"(\p{L}[\p{L}\p{M}'’-]*)[ \t\u00a0]+$")
_NOT_BEFORE_NAME = regex.compile(r"[\w-]")
_NOT_AFTER_NAME = regex.compile(r"\w|-\w")
_PLAIN_WORD = regex.compile(r"[\p{L}\p{M}\d]+")


def _is_title(word: str) -> bool:
    return word[:1].isupper()


class Capitalization(Check):
    kind = "capitalization"
    keys = {
        "tokens": Param("str_list", [], required=True, help="function words to watch, lowercase"),
        "names": Param("str_list", [], help="proper names that contain a watched word (The Hague)"),
        "classifiers": Param("str_list", [], help="nouns after which a capitalised title may follow"),
    }

    def compile(self, options: dict) -> None:
        tokens = options["tokens"]
        if not tokens:
            raise RuleDataError("tokens: needs at least one word", ("tokens",))
        titled = sorted({t[:1].upper() + t[1:].lower() for t in tokens}, key=len, reverse=True)
        # The words tried (see _matches), when every watched word is one document word.
        self.titled = frozenset(titled) if all(_PLAIN_WORD.fullmatch(t) for t in titled) else None
        self.pattern = regex.compile(rf"(?<![\w'’-])(?:{'|'.join(map(regex.escape, titled))})(?![\w'’]|-\w)")
        # Found as (?<![\w-])(?:The\s+Hague|...)(?![\w]|-\w) would find them, longest first.
        self.names = LiteralAlternation(sorted(options["names"], key=len, reverse=True))
        self.classifiers = {c.casefold() for c in options["classifiers"]}

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        name_spans = None  # found only for a word that passes every other test: most articles have none
        for m in self._matches(doc):
            start, end = m.span()
            word = m.group()
            if doc.starts_sentence(start) or doc.in_title_case_heading(start):
                continue
            nxt = _NEXT_WORD.match(text, end)
            if not nxt:
                continue  # "Plan A.", "vitamin A", a word at the end of a line
            next_word = nxt.group(1)
            prev = _PREV_WORD.search(text, max(0, start - 60), start)
            prev_word = prev.group(1) if prev else ""
            if prev_word.casefold() in self.classifiers:
                continue
            if _is_title(next_word) and (_is_title(prev_word) or len(word) == 1):
                continue  # inside a capitalised run: a title or a name
            if len(word) == 1 and not prev_word:
                continue
            if name_spans is None:
                name_spans = list(self.names.finditer(text, _NOT_BEFORE_NAME, _NOT_AFTER_NAME))
            if any(a <= start < b for a, b in name_spans):
                continue
            yield self.replacement(doc, start, end, word.lower(), safe=not _is_title(next_word))

    def _matches(self, doc: Document) -> Iterator[regex.Match]:
        """The matches of ``pattern``, tried only at document words that are watched words
        instead of at every position of the text. A match is such a word: ``doc.words``
        splits where the pattern's lookarounds do, unless a word runs on through a ‘ (which
        joins words there and is no boundary for the pattern)."""
        text = doc.text
        if self.titled is None or "‘" in text:
            yield from self.pattern.finditer(text)
            return
        titled = self.titled
        for start in [start for start, _end, word in doc.words if word in titled]:
            m = self.pattern.match(text, start)
            if m:
                yield m
