"""``repetition``: doubled words and phrases, echoes, doubled parentheticals, restated acronyms.

Each rule picks one ``detect`` mode so that each has its own code, message and severity:

- ``doubled``: a word or phrase of up to ``max_words`` words said twice in a row ("the the",
  "in the framework of in the framework of"), compared case-insensitively and with apostrophes
  made straight; a word keeps its 's and its hyphens ("the country's army the country's army"),
  and a number is a word ("in 2019 in 2019"), but a number alone is no double ("10 10" in a
  table), nor is the "X and X" idiom ("faster and faster and"); ``exceptions`` lists the
  grammatical doubles ("that that", "had had").
- ``echo``: a word restated after a joining temporal word from ``tokens``, optionally with a
  number in between ("in March Last March", "since October 2019 last October"), or after a comma
  ("last Thursday, Thursday,"); and a date followed by the relative phrase that names the same
  date: a year or a month after "in"/"during"/"throughout" and "last year", "this month" (with a
  word of ``relative_tokens``), a weekday and a word of ``relative_days`` ("on Monday yesterday").
  A joining word and a word said twice ("this week this week") is left to ``doubled``.
- ``parenthetical``: the same parenthesis twice ("(SOMO) (SOMO)"), within a line.
- ``acronym``: an acronym repeated in parentheses a few words after itself ("ISIS terrorism (ISIS)").

Every finding spans the whole repeated construct and suggests it without the echo.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Finding
from .base import Check, Param, RuleDataError

# A word as the document splits it (tqcheck.document.WORD): inner apostrophes and hyphens stay in
# ("al-Qaeda", "O'Brien", "F-16"), and so do the possessive or contracted 's and the separators of
# a number ("1,000", "3.5") that the document splits off (_phrase_words counts the words as this
# pattern does).
_NUMBER = r"\d+(?:[.,]\d+)+"
_WORD = rf"(?:{_NUMBER}|[\p{{L}}\d][\p{{L}}\p{{M}}\d'’‘]*(?:-[\p{{L}}\d][\p{{L}}\p{{M}}\d'’‘]*)*)"
# A repeat starts and ends at a whole word as the document splits it, not inside a word ("O'Brien"
# is one word, "country's" a word and its 's); a double not inside a number ("3.5", "1:1") or a
# date ("5/5") either.
_WORD_START = r"(?<![\w-]|\w['’‘])"
_WORD_END = r"(?![\w]|-\w|['’‘](?![sS]\b)\w)"
_DOUBLE_START = _WORD_START + r"(?<!\d[.,:/])"
_DOUBLE_END = _WORD_END + r"(?!(?<=\d)[.,:/]\d)"
_APOSTROPHES = frozenset("'’‘")
_CURLY_APOSTROPHES = frozenset("’‘")
_GAP = r"[ \t\u00a0]+"
# A word that is not followed by a possessive 's ("in 2023, last year's champion" is no echo).
_NOT_POSSESSIVE = r"(?!['’‘][sS]\b)"
# What an echoed year or month follows: "in March last month", "during the year 2023 last year";
# after other words the date and the relative phrase may name two things ("figures for March last
# month": published last month, about March).
_DATE_LEAD = rf"(?<=(?<![\w-])(?:in|during|throughout)(?:{_GAP}the{_GAP}(?:year|month{_GAP}of))?{_GAP})"
_YEAR = r"(?:19|20)\d\d"
# Function words that never count as the echoed word itself ("of the of" is not an echo).
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with and or but as is was be it this that these those "
    "its their his her our your my we they he she i you".split()
)


class Repetition(Check):
    kind = "repetition"
    keys = {
        "detect": Param("str", required=True, choices=("doubled", "echo", "parenthetical", "acronym")),
        "tokens": Param("str_list", [], help="echo: the joining words (last, this, next, ...)"),
        "relative_tokens": Param("str_list", [], help="echo: the words before 'year' or 'month' that restate a date (last, this, ...)"),
        "months": Param("str_list", [], help="echo: the month names restated by 'last month', 'this month', ..."),
        "weekdays": Param("str_list", [], help="echo: the weekday names restated by a word of relative_days"),
        "relative_days": Param("str_list", [], help="echo: the phrases that restate a weekday (yesterday, today, ...)"),
        "max_words": Param("int", 3, help="doubled: longest phrase compared"),
        "max_gap": Param("int", 3, help="acronym: most words between the acronym and its echo"),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.max_words = options["max_words"]
        self.joiners = {t.casefold() for t in options["tokens"]}
        self.exceptions = {" ".join(e.split()).casefold() for e in self.rule.exceptions}
        if not 1 <= options["max_words"] <= 10:
            raise RuleDataError("max_words: must be between 1 and 10", ("max_words",))
        if not 0 <= options["max_gap"] <= 10:
            raise RuleDataError("max_gap: must be between 0 and 10", ("max_gap",))
        if self.detect == "doubled":
            phrase = rf"{_WORD}(?:{_GAP}{_WORD}){{0,{options['max_words'] - 1}}}"
            self.pattern = regex.compile(rf"{_DOUBLE_START}(?P<x>{phrase})(?P<echo>{_GAP}(?P=x)){_DOUBLE_END}", regex.I)
        elif self.detect == "echo":
            if not options["tokens"]:
                raise RuleDataError("tokens: an echo rule needs joining words", ("tokens",))
            self._compile_echo(options)
        elif self.detect == "parenthetical":
            self.pattern = regex.compile(r"(?P<x>\((?P<inner>[^()\r\n]{1,80})\))(?P<echo>[ \t\u00a0]*\((?P=inner)\))", regex.I)
        else:
            self.pattern = regex.compile(
                rf"(?<![\w-])(?P<x>(?P<a>\p{{Lu}}[\p{{Lu}}\d&]{{1,9}})(?![\w]|-\w)(?:{_GAP}[^\s()]+){{0,{options['max_gap']}}}?)"
                rf"(?P<echo>[ \t\u00a0]*\((?P=a)\))"
            )

    def _compile_echo(self, options: dict) -> None:
        """One pattern of alternatives, each with the date kept (``x``, a number ``n``) and the
        echo dropped (``echo``): a word restated after a joining word ``j`` ("March last March"),
        or before it after a comma ("last Thursday, Thursday,"; the closing comma goes too), and a
        year, a month or a weekday restated by a relative phrase ("2023 last year")."""
        self.relatives = {t.casefold() for t in options["relative_tokens"]}
        self.weekdays = {t.casefold() for t in options["weekdays"]}
        self.relative_day_starts = {t.split()[0].casefold() for t in options["relative_days"]}
        joiners = _alternatives(options["tokens"])
        forms = [
            rf"{_WORD_START}(?P<x>\p{{L}}{{3,}})(?P<n>,?{_GAP}\d{{1,4}})?"
            rf"(?P<echo>,?{_GAP}(?P<j>{joiners}){_GAP}(?P=x)){_WORD_END}",
            rf"(?<=(?<![\w-])(?:{joiners}){_GAP})(?P<x>\p{{L}}{{3,}})(?P<echo>,{_GAP}(?P=x)(?:,|(?=[.;:!?)])))",
        ]
        if options["relative_tokens"]:
            relative = rf"(?:the{_GAP})?(?:{_alternatives(options['relative_tokens'])}){_GAP}"
            forms.append(rf"{_DATE_LEAD}(?P<x>{_YEAR})(?P<echo>{_GAP}{relative}year){_WORD_END}{_NOT_POSSESSIVE}")
            if options["months"]:
                months = _alternatives(options["months"])
                forms.append(rf"{_DATE_LEAD}(?P<x>(?-i:{months}))(?P<echo>{_GAP}{relative}month){_WORD_END}{_NOT_POSSESSIVE}")
        if options["weekdays"] and options["relative_days"]:
            weekdays, days = _alternatives(options["weekdays"]), _alternatives(options["relative_days"])
            forms.append(rf"{_WORD_START}(?P<x>(?-i:{weekdays}))(?P<echo>{_GAP}(?-i:{days})){_WORD_END}{_NOT_POSSESSIVE}")
        self.pattern = regex.compile("|".join(forms), regex.I)
        self.joiner_before = regex.compile(rf"(?<![\w-])(?:{joiners}){_GAP}\Z", regex.I)

    def _matches(self, doc: Document) -> Iterator[regex.Match]:
        """Matches of the mode's pattern. Doubles and echoes need a repeated word, so the
        pattern is tried only where the document's words repeat (a cheap list scan) instead
        of at every position of the text."""
        text = self.matched_text(doc)
        if self.detect not in ("doubled", "echo"):
            yield from self.pattern.finditer(text)
            return
        taken = 0
        for start in doc.word_starts_at(self._candidates(doc)):
            if start < taken:
                continue
            m = self.pattern.match(text, start)
            if m:
                taken = m.end()
                yield m

    def matched_text(self, doc: Document) -> str:
        """The text the pattern reads: for a double, with curly apostrophes made straight (as
        long as the text), so that "the country's army the country’s army" is the same phrase
        twice (TQ501 reports the mix of apostrophes); the backreference cannot compare them."""
        if self.detect == "doubled" and _CURLY_APOSTROPHES & doc.non_ascii_chars:
            return _straight_apostrophes(doc.text)
        return doc.text

    def _candidates(self, doc: Document) -> list[int]:
        """The indices of the document words a double or an echo may start at, in order (a few
        an article)."""
        if self.detect == "doubled":
            return self._doubled_phrase_starts(doc)
        return sorted(set(self._restated_starts(doc.folded_words)) | set(self._relative_date_starts(doc.folded_words)))

    def _restated_starts(self, folded: list[str]) -> Iterator[int]:
        """Where a word is said again next to a joining word: "March Last March", "October 2019
        last October", "last Thursday, Thursday"."""
        joiners, n = self.joiners, len(folded)
        for j in [j for j in range(n - 1) if folded[j] in joiners]:
            for back in (1, 2):
                if j - back >= 0 and folded[j - back] == folded[j + 1]:
                    yield j - back
                    break
            if j + 2 < n and folded[j + 1] == folded[j + 2]:
                yield j + 1

    def _relative_date_starts(self, folded: list[str]) -> Iterator[int]:
        """Where a date may be followed by a relative phrase for it: a word two or three words
        before "last year"/"the past month", and a weekday before a relative day's first word."""
        for k in [k for k in range(2, len(folded)) if folded[k] in ("year", "month") and folded[k - 1] in self.relatives]:
            yield from range(max(k - 3, 0), k - 1)  # "2023 last year", "2023 the past year"
        for i in [i for i in range(len(folded) - 1) if folded[i] in self.weekdays]:
            if folded[i + 1] in self.relative_day_starts:
                yield i

    def _doubled_phrase_starts(self, doc: Document) -> list[int]:
        """The indices of the document words that start the same words twice in a row, of up to
        max_words words: the pattern, which also compares the gaps, is tried only there. Each
        word's earlier occurrences are chained from a table of last positions (one lookup a
        word), and only those within max_words words are compared."""
        words, starts = _phrase_words(doc)
        last: dict[str, int] = {}
        previous: list[int] = []  # for each word, where it occurred before (-1: nowhere)
        hits = set()
        for j, w in enumerate(words):
            i = last.get(w, -1)
            previous.append(i)
            while i >= 0 and j - i <= self.max_words:
                if words[i:j] == words[j : 2 * j - i]:
                    hits.add(starts[i])
                i = previous[i]
            last[w] = j
        return sorted(hits)

    def run(self, doc: Document) -> Iterator[Finding]:
        reported_until = 0
        for m in self._matches(doc):
            if m.start() < reported_until:
                continue
            repeated = doc.text[m.start("x") : m.end("x")]  # as written, whatever the pattern read
            kept = doc.text[m.start() : m.start("echo")] if self.detect == "echo" else repeated
            end = m.end()
            word = _one_word_repeated(m.group("x")) if self.detect == "doubled" else None
            if word:  # "the the the the": one finding, one word kept
                repeated = kept = repeated[: len(word)]
                end = self._end_of_run(doc, end, word)
                said = f"{word} {word}".casefold()
            else:
                said = " ".join(m.group().split()).casefold()
            if said in self.exceptions:
                continue
            if self.detect == "echo" and (m.group("x").casefold() in _FUNCTION_WORDS or self._is_plain_double(doc.text, m)):
                continue
            if self.detect == "doubled" and not word and not _is_doubled_phrase(m.group("x")):
                continue
            safe = self.detect != "echo" and not self._may_be_name(doc, m) and (word or not self._may_be_grammar(m))
            acronym = m.group("a") if self.detect == "acronym" else ""
            reported_until = end
            yield self.replacement(doc, m.start(), end, kept, safe=safe, repeated=repeated, acronym=acronym)

    def _end_of_run(self, doc: Document, end: int, word: str) -> int:
        """Where a word said over and over ends: past every further repeat after ``end``."""
        again = regex.compile(rf"(?:{_GAP}{regex.escape(word)})+{_DOUBLE_END}", regex.I)
        m = again.match(self.matched_text(doc), end)
        return m.end() if m else end

    def _is_plain_double(self, text: str, m: regex.Match) -> bool:
        """Whether an echo is a joining word and a word said twice ("this week this week"): a
        double, which the doubled rule reports over the whole phrase (a second finding on a
        shorter span would say the same)."""
        joiner = m.group("j")
        if not joiner or m.group("n") or "," in m.group("echo"):
            return False
        before = self.joiner_before.search(text, max(0, m.start() - 40), m.start())
        return bool(before) and before.group().split()[0].casefold() == joiner.casefold()

    def _may_be_grammar(self, m: regex.Match) -> bool:
        """A phrase ending in a function word said twice may be two phrases that meet ("compare
        the file with the file with the same name"): reported, but an editor decides."""
        words = m.group("x").split()
        return self.detect == "doubled" and len(words) > 1 and words[-1].casefold() in _FUNCTION_WORDS

    def _may_be_name(self, doc: Document, m: regex.Match) -> bool:
        """Capitalised doubles mid-sentence may be names ("Sirhan Sirhan", "Bora Bora")."""
        if self.detect != "doubled":
            return False
        first, second = m.group("x"), m.group("echo").strip()
        return first == second and first[:1].isupper() and not doc.starts_sentence(m.start())


def _alternatives(phrases: list[str]) -> str:
    """A regex alternation of ``phrases``, longest first, any gap between their words."""
    return "|".join(_GAP.join(map(regex.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


def _one_word_repeated(phrase: str) -> str | None:
    """The word of a phrase that is one word said again and again ("the the" of "the the the
    the"), else None; never a number ("1 1 1" is a row of a table)."""
    words = phrase.casefold().split()
    return phrase.split()[0] if len(set(words)) == 1 and _is_doubled_phrase(words[0]) else None


def _is_doubled_phrase(phrase: str) -> bool:
    """Whether a phrase said twice is a slip: not a number alone ("10 10" in a table, "555 555"
    in a phone number) and not the "X and X" idiom, a word and a function word said again
    ("faster and faster and", "side by side by side"). A longer phrase that ends in a function
    word is a slip ("in the framework of in the framework of")."""
    words = phrase.split()
    return any(c.isalpha() for c in phrase) and not (len(words) == 2 and words[-1].casefold() in _FUNCTION_WORDS)


def _phrase_words(doc: Document) -> tuple[list[str], list[int] | range]:
    """The document's folded words counted as the doubled pattern reads them, with the index of
    each in the document: without the possessive or contracted 's that the document splits off
    its word ("country's" is "country", "s"), with a number's parts joined ("1", "000" is
    "1,000") and with straight apostrophes. So "the country's army the country’s army" is three
    words said twice; and "the mayor mayor's office" still repeats "mayor"."""
    folded, gaps = doc.folded_words, doc.word_gaps
    clitics = [i for i in _positions(folded, "s") if gaps[i] in _APOSTROPHES]
    number_parts = [
        i for sep in ".," for i in _positions(gaps, sep)
        if 0 < i < len(folded) and folded[i - 1].isdecimal() and folded[i].isdecimal()
    ]
    words, starts = folded, range(len(folded))
    if clitics or number_parts:
        words, starts = folded.copy(), list(starts)
        for i in sorted(number_parts, reverse=True):  # "1,000,000": the last part is joined first
            words[i - 1] += gaps[i] + words[i]
        for i in sorted(clitics + number_parts, reverse=True):
            del words[i], starts[i]
    if _CURLY_APOSTROPHES & doc.non_ascii_chars:
        words = _straight_apostrophes("\n".join(words)).split("\n")  # words hold no line break
    return words, starts


def _straight_apostrophes(text: str) -> str:
    """``text`` with its curly apostrophes made straight, character for character (replace()
    runs in C; translate() looks each character up in Python)."""
    return text.replace("’", "'").replace("‘", "'")


def _positions(items: list[str], item: str) -> Iterator[int]:
    """The indices of ``item`` in ``items``, found in C (an article has a few "s" in hundreds of words)."""
    i = -1
    for _ in range(items.count(item)):
        i = items.index(item, i + 1)
        yield i
