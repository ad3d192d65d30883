"""``capitalization``: closed-class words capitalised mid-sentence ("or The components").

MT from Arabic capitalises the definite article and other function words where the source had
a name-like construct. A capitalised word from ``tokens`` is reported when it is not where a
capital is expected (sentence or heading start, after a colon, quote, bracket or bullet), not
part of a name in ``names`` ("The Hague"), not a title after a ``classifiers`` noun
("the newspaper The Independent"), not inside a run of capitalised words ("Gone With The Wind",
or across a small word: "Gone With the Wind"), and not in a short quoted or emphasised title
(“Frankenstein; or, The Modern Prometheus”). The fix lowercases the word; it is safe only when the next word is lowercase.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

import regex

from ..document import OPENER_CLASS, Document
from ..model import Finding
from .base import Check, LazyPattern, Param, RuleDataError
from .phrases import LiteralAlternation

# Compiled on first use: only a watched word capitalised mid-sentence needs these.
_NEXT_WORD = LazyPattern(r"[ \t\u00a0]+(\p{L}[\p{L}\p{M}'’-]*)")
_PREV_WORD = LazyPattern(r"(\p{L}[\p{L}\p{M}'’-]*)[ \t\u00a0]+$")
_PREV_WORD_AND_COMMA = LazyPattern(r"(\p{L}+),[ \t\u00a0]+$")  # "her novel, The House on ..."
_PREV_WORD_AND_OF = LazyPattern(r"(\p{L}+)[ \t\u00a0]+of[ \t\u00a0]+$")  # "an episode of The ..."
_NOT_BEFORE_NAME = LazyPattern(r"[\w-]")
# A name that runs on into a longer one is not it: "The National Assembly" is not "The National";
# a lowercase word joined by a hyphen makes an adjective of it ("the The Hague-based court").
_NOT_AFTER_NAME = LazyPattern(r"\w|-\p{Lu}|[ \t\u00a0]+\p{Lu}")
# What may not be next to a watched word: the lookbehind and the lookahead of Capitalization.pattern.
_BEFORE_WORD, _AFTER_WORD = r"[\w'’-]", r"[\w'’]|-\w"
_NOT_BEFORE_WORD, _NOT_AFTER_WORD = LazyPattern(_BEFORE_WORD), LazyPattern(_AFTER_WORD)
# Characters that end the text scanned for names around a word (see _in_name): frequent,
# neither spaces nor word characters nor hyphens, so that no name is found next to one.
_NAME_BOUNDS = frozenset('.,;:!?()"“”')
# A stretch of a line in quotes or Markdown emphasis, where titles are written: straight quotes
# are paired from the start of the line.
_QUOTED = LazyPattern(r'“[^“”\n]+”|"[^"\n]+"|(?<!\*)\*{1,2}[^*\n]+\*{1,2}|(?<!\w)_[^_\n]+_(?!\w)')
# Words that open a clause: after a name they start one ("told Reuters That the talks ..."),
# so a title's run of capitals is never carried across them.
_CLAUSE_OPENERS = frozenset({"that", "who", "whom", "whose", "which", "where", "when", "if", "while", "because"})
# A quoted stretch longer than this is a quotation, not a title.
_MAX_TITLE_WORDS = 10
_WORD_PUNCTUATION = "\"'“”‘’*_.,;:!?()[]"


def _is_title(word: str) -> bool:
    return word[:1].isupper()


class Capitalization(Check):
    kind = "capitalization"
    keys = {
        "tokens": Param("str_list", [], required=True, help="function words to watch, lowercase"),
        "names": Param("str_list", [], help="proper names that contain a watched word (The Hague)"),
        "gazetteer": Param("tsv", None, columns=3, help="TSV of organisations (name<TAB>aliases<TAB>type): those that contain a watched word are names too"),
        "classifiers": Param("str_list", [], help="nouns after which a capitalised title may follow"),
        "small_words": Param("str_list", [], help="words that title case keeps lowercase (a, the, of, and)"),
        "title_words": Param("str_list", [], help="words that make a capitalised run a title (Times, Journal)"),
        "name_heads": Param("str_list", [], help="words that make a capitalised run a name that keeps small words lowercase (Minister, Bank)"),
        "part_nouns": Param("str_list", [], help="nouns after which 'of' and a capitalised title may follow (edition, episode)"),
    }

    def compile(self, options: dict) -> None:
        tokens = options["tokens"]
        if not tokens:
            raise RuleDataError("tokens: needs at least one word", ("tokens",))
        titled = sorted({t[:1].upper() + t[1:].lower() for t in tokens}, key=len, reverse=True)
        # Compiled only when some token has no capital to find candidates by (see _matches).
        self.pattern = LazyPattern(rf"(?<!{_BEFORE_WORD})(?:{'|'.join(map(regex.escape, titled))})(?!{_AFTER_WORD})")
        self.by_initial: dict[str, list[str]] = {}  # the words of the pattern by their first letter, in its order
        for word in titled:
            self.by_initial.setdefault(word[:1], []).append(word)
        self.candidates = _candidates(self.by_initial) if all(t[:1].isupper() for t in titled) else None
        names = set(options["names"]) | _gazetteer_names(options["gazetteer"] or (), titled)
        # Found as (?<![\w-])(?:The\s+Hague|...)(?!\w|-\w|\s+\p{Lu}) would find them, longest first.
        self.names = LiteralAlternation(sorted(names, key=lambda n: (-len(n), n)))
        self.name_bounds = _NAME_BOUNDS - set("".join(names))
        self.classifiers = {c.casefold() for c in options["classifiers"]}
        self.small_words = {w.casefold() for w in options["small_words"]}
        self.function_words = self.small_words | {t.casefold() for t in tokens}
        self.title_words = frozenset(options["title_words"])
        self.name_heads = frozenset(options["name_heads"])
        self.part_nouns = {w.casefold() for w in options["part_nouns"]}

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for start, end in self._matches(doc):
            word = text[start:end]
            if doc.starts_sentence(start) or doc.in_title_case_heading(start):
                continue
            nxt = _NEXT_WORD.match(text, end)
            if not nxt:
                continue  # "Plan A.", "vitamin A", a word at the end of a line
            next_word = nxt.group(1)
            prev = _PREV_WORD.search(text, max(0, start - 60), start)
            prev_word = prev.group(1) if prev else ""
            if prev_word.casefold() in self.classifiers or self._after_noun_and(_PREV_WORD_AND_COMMA, self.classifiers, text, start):
                continue
            if _is_title(next_word) and self._after_noun_and(_PREV_WORD_AND_OF, self.part_nouns, text, start):
                continue
            if _is_title(next_word) and (_is_title(prev_word) or len(word) == 1) and not self._small_word_in_run(text, start, word):
                continue  # inside a capitalised run: a title or a name
            if len(word) == 1 and not prev_word:
                continue
            if self._in_title(doc, start, end, prev, nxt) or self._names_a_title(text, nxt):
                continue
            if self._in_name(text, start):
                continue
            yield self.replacement(doc, start, end, word.lower(), safe=not _is_title(next_word))

    def _small_word_in_run(self, text: str, start: int, word: str) -> bool:
        """Whether ``word``, one of ``small_words``, is capitalised inside the name of an office,
        a body or a place, whose run of capitalised words before it holds one of ``name_heads``:
        such names keep small words lowercase ("the Minister of Transport", "the King Hussein
        and Queen Alia bridges"), so "the Minister Of Transport" is a slip. A film or book title may capitalise
        every word ("Gone With The Wind"), and one without such a head is left alone."""
        if len(word) < 2 or word.casefold() not in self.small_words:
            return False
        for before in reversed(text[max(0, start - 80) : start].split()[-_MAX_TITLE_WORDS:]):
            if before in self.small_words:
                continue  # lowercase, as in the name: "the Ministry of Labour And Social Affairs"
            if not _is_title(before):
                return False
            if before.strip(_WORD_PUNCTUATION) in self.name_heads:
                return True
        return False

    def _after_noun_and(self, pattern: LazyPattern, nouns: set[str], text: str, start: int) -> bool:
        """Whether one of ``nouns`` and a comma (``_PREV_WORD_AND_COMMA``) or "of" come before the
        word: "her latest novel, The House on the Hill", where the title is set off as an
        apposition, and "an episode of The Quiet Harbour" (a part of a titled work)."""
        m = pattern.search(text, max(0, start - 40), start)
        return bool(m) and m.group(1).casefold() in nouns

    def _in_title(self, doc: Document, start: int, end: int, prev: regex.Match | None, nxt: regex.Match) -> bool:
        """Whether the word ``text[start:end]`` (between the words ``prev`` and ``nxt``) is in
        the title of a film, book or song ("Gone With the Wind", “Of Mice and Men”), where
        capitals are style."""
        word = doc.text[start:end]
        return self._bridges_capitals(doc, word, prev, nxt) or self._in_quoted_title(doc, start)

    def _bridges_capitals(self, doc: Document, word: str, prev: regex.Match | None, nxt: regex.Match) -> bool:
        """A capitalised word before, then a lowercase small word and a capitalised word: a
        title in title case runs on across its small words ("a screening of Gone With the
        Wind"). Title case keeps ``small_words`` themselves lowercase, so "Iran And the UAE"
        is no title; nor is a run that opens a sentence ("Residents In the Gaza Strip")."""
        if word.casefold() in self.small_words or word.casefold() in _CLAUSE_OPENERS:
            return False
        if prev is None or not _is_title(prev.group(1)) or doc.starts_sentence(prev.start(1)):
            return False
        small = nxt.group(1)
        if _is_title(small) or small.casefold() not in self.small_words:
            return False
        after = _NEXT_WORD.match(doc.text, nxt.end())
        return after is not None and _is_title(after.group(1))

    def _names_a_title(self, text: str, nxt: regex.Match) -> bool:
        """Whether the capitalised run from the word ``nxt`` holds one of ``title_words``: "The"
        then opens the name of a newspaper ("for The Amman Evening Courier and Review"),
        which keeps its capital. The run goes on across small words and hyphens, for at most
        _MAX_TITLE_WORDS words."""
        if not self.title_words or not _is_title(nxt.group(1)):
            return False
        word, end = nxt.group(1), nxt.end()
        for _ in range(_MAX_TITLE_WORDS):
            if not self.title_words.isdisjoint(word.split("-")):
                return True
            after = _NEXT_WORD.match(text, end)
            if after is None or not (_is_title(after.group(1)) or after.group(1) in self.small_words):
                return False
            word, end = after.group(1), after.end()
        return False

    def _in_quoted_title(self, doc: Document, start: int) -> bool:
        """Whether ``start`` is inside a short quoted or emphasised stretch whose words are all
        capitalised but function words: a title (“Frankenstein; or, The Modern Prometheus”),
        not a quotation (“the talks In Geneva failed”)."""
        starts, ends = doc.memo("quoted_stretches", _quoted_stretches)
        i = bisect_left(starts, start) - 1  # the last stretch that starts before the word
        return i >= 0 and start < ends[i] and self._is_title_words(doc.text[starts[i] : ends[i]].split())

    def _is_title_words(self, chunks: list[str]) -> bool:
        """At most _MAX_TITLE_WORDS words, and each word but ``function_words`` (which a title
        may keep lowercase, as Chicago style does "with") capitalised; numbers and "'70s" are
        neither."""
        words = [w for w in (c.strip(_WORD_PUNCTUATION) for c in chunks) if w[:1].isalpha()]
        content = [w for w in words if w.casefold() not in self.function_words]
        return len(chunks) <= _MAX_TITLE_WORDS and bool(content) and all(map(_is_title, content))

    def _in_name(self, text: str, start: int) -> bool:
        """Whether ``start`` falls in one of ``names``, as a scan of the whole text finds them
        (asked only for a word that passes every other test: most articles have none). Only
        the stretch between the nearest ``name_bounds`` is scanned: no name runs across a
        character that no name holds (and that is no space), and none is next to one, so the
        scan finds the same names there as in the whole text."""
        first = max([text.rfind(c, 0, start) for c in self.name_bounds], default=-1) + 1
        ends = [text.find(c, start) for c in self.name_bounds]
        last = min([i for i in ends if i >= 0], default=len(text))
        spans = self.names.finditer(text[first:last], _NOT_BEFORE_NAME, _NOT_AFTER_NAME)
        return any(a <= start - first < b for a, b in spans)

    def _matches(self, doc: Document) -> Iterator[tuple[int, int]]:
        """The spans of the matches of ``pattern`` that may be mid-sentence, tried only where
        ``candidates`` finds one (it misses none: a watched word has its one capital in front, so
        no match starts inside a candidate), and matched there by _match_end."""
        text = doc.text
        if self.candidates is None:
            yield from (m.span() for m in self.pattern.finditer(text))
            return
        for candidate in self.candidates.finditer(text):
            start = candidate.start()
            end = self._match_end(text, start)
            if end is not None:
                yield start, end

    def _match_end(self, text: str, start: int) -> int | None:
        """Where ``pattern.match(text, start)`` ends (None: no match), found as the pattern finds
        it, without compiling its alternation (2 ms a start): its lookbehind, then its words in
        order, the first that the lookahead accepts."""
        if start and _NOT_BEFORE_WORD.match(text, start - 1):
            return None
        for word in self.by_initial.get(text[start], ()):
            end = start + len(word)
            if text.startswith(word, start) and not _NOT_AFTER_WORD.match(text, end):
                return end
        return None


def _gazetteer_names(rows, titled: list[str]) -> set[str]:
    """The organisations' names and aliases that hold a capitalised watched word ("The Century
    Foundation"): there the capital is the name's, not a slip."""
    watched = set(titled)
    names = set()
    for name, aliases, _type, _line in rows:
        for form in (name, *aliases.split("|")):
            form = form.strip()
            if watched.intersection(form.split()):
                names.add(form)
    return names


def _candidates(by_initial: dict[str, list[str]]) -> re.Pattern:
    """Where a watched word (``by_initial``: by first letter) may be mid-sentence: no ASCII
    letter around it, and no sentence opener (or one and a space) in front, where
    Document.starts_sentence holds. A stdlib pattern that starts with the first letters, so
    that it is searched from those capitals only; the lookbehinds come after the first letter
    (the "." there)."""
    firsts = "".join(map(re.escape, by_initial))
    rests = "|".join(
        f"(?<={re.escape(first)})(?:{'|'.join(re.escape(w[1:]) for w in words)})" for first, words in by_initial.items()
    )
    return re.compile(rf"[{firsts}](?<![A-Za-z{OPENER_CLASS}].)(?<![{OPENER_CLASS}] .)(?:{rests})(?![A-Za-z])", re.DOTALL)


def _quoted_stretches(doc: Document) -> tuple[list[int], list[int]]:
    """Starts and ends of the quoted or emphasised stretches (_QUOTED: none crosses a line), found
    once per document: a word is looked up in them, not by scanning its line again (which was
    quadratic on a long line)."""
    spans = [m.span() for m in _QUOTED.finditer(doc.text)]
    return [a for a, _ in spans], [b for _, b in spans]
