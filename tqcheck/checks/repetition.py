"""``repetition``: doubled words and phrases, echoes, doubled parentheticals, restated acronyms.

Each rule picks one ``detect`` mode so that each has its own code, message and severity:

- ``doubled``: a word or phrase of up to ``max_words`` words said twice in a row ("the the",
  "in the framework of in the framework of"), compared case-insensitively and with apostrophes
  made straight; a word keeps its 's and its hyphens ("the country's army the country's army"),
  and a number is a word ("in 2019 in 2019"), but a number alone is no double ("10 10" in a
  table), nor is the "X and X" idiom ("faster and faster and"); ``exceptions`` lists the
  grammatical doubles ("that that", "had had"), and ``slip_before`` the words after one that
  make it a slip all the same ("that that the").
- ``echo``: a word restated after a joining temporal word from ``tokens``, optionally with a
  number in between ("in March Last March", "since October 2019 last October"), or after a comma
  ("last Thursday, Thursday,"); a relative period restated with a synonym of its relative word
  ("next week the coming week", "next week in the coming week": a set of ``relative_tokens`` and a
  word of ``periods``); a weekday or a month said again after a word of ``parts_of_day`` or after
  a relative word put after it ("Tuesday night Tuesday", "Tuesday coming next Tuesday"); a year
  said again as "the year" ("in May 2021 of the year 2021"); a date
  followed by the relative phrase that names the same date: a year, a month or both after
  "in"/"during"/"throughout", "early" or "the end of" (``positions``) and "last year", "this
  month", "at the beginning of next month", a day of a month and "of this month", a weekday (and a
  word of ``parts_of_day``) and a word of ``relative_days`` ("on Monday evening yesterday
  evening"); a part of a month said with "the month", then with its name ("the end of the
  month, at the end of March"); and a day or a time said again in other words ("last Thursday
  the past", "the evening of Monday evening", "at 10 p.m. at ten at night"). A joining word and a word said twice ("this week this week") is
  left to ``doubled``.
- ``parenthetical``: the same parenthesis twice ("(SOMO) (SOMO)"), within a line.
- ``acronym``: an acronym repeated in parentheses a few words after itself ("ISIS terrorism (ISIS)").

Every finding spans the whole repeated construct and suggests it without the echo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import compress, count
from operator import and_

import regex

from ..document import Document
from ..model import Finding
from .base import Check, LazyPattern, Param, RuleDataError

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
# What places a date within its month or year ("early March", "mid-2023"); "the end of" is a rule's
# ``positions``. A date and a relative phrase that name the same period follow "in", "during",
# "throughout" or these; after other words they may name two things ("figures for March last
# month": published last month, about March).
_QUALIFIER = rf"(?:early|late|mid){_GAP}"
_NEVER = r"(?!)"
# Not the first of a list ("due at the end of the month, at the end of March and April").
_NOT_LISTED = rf"(?!,?{_GAP}(?:and|or)\b)"
_TIME_PREPOSITION = r"(?:at|by|in|during|towards?|from|until|since)"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
# What joins a relative period to its synonym ("next month in the coming month", "last week over
# the past week"). Not "on", and not before "the previous": "previous" is then relative to the
# first period, two periods compared ("sales rose last year over the previous year", "up last
# week on the previous week").
_DURING = rf"(?:in|during|within|throughout|over){_GAP}(?!(?:the{_GAP})?(?:previous|preceding)\b)"
_NEXT_WORD = regex.compile(r"\s+(\p{L}+)")  # a wrapped line goes on after its break
_PREV_WORD = regex.compile(r"(\p{L}+)[ \t\u00a0]+$")
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
        "relative_tokens": Param("str_list", [], help="echo: the words before 'year', 'month', ... that restate a date, one set of synonyms an item ('next coming')"),
        "months": Param("str_list", [], help="echo: the month names restated by 'last month', 'this month', ..."),
        "weekdays": Param("str_list", [], help="echo: the weekday names restated by a word of relative_days"),
        "relative_days": Param("str_list", [], help="echo: the phrases that restate a weekday (yesterday, today, ...)"),
        "parts_of_day": Param("str_list", [], help="echo: the words after a weekday or a relative day (morning, evening, ...)"),
        "positions": Param("str_list", [], help="echo: the parts of a month or a year in 'the ... of' (beginning, second half, ...)"),
        "periods": Param("str_list", [], help="echo: the periods a relative word names (week, month, year, ...)"),
        "slip_before": Param("str_map", {}, help="doubled: exception: the words after it that make it a slip ('that that': 'the a an')"),
        "max_words": Param("int", 3, help="doubled: longest phrase compared"),
        "max_gap": Param("int", 3, help="acronym: most words between the acronym and its echo"),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.max_words = options["max_words"]
        self.joiners = {t.casefold() for t in options["tokens"]}
        self.exceptions = {" ".join(e.split()).casefold() for e in self.rule.exceptions}
        self.slips = {" ".join(e.split()).casefold(): set(words.casefold().split()) for e, words in options["slip_before"].items()}
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
        or before it after a comma ("last Thursday, Thursday,"; the closing comma goes too), a
        date restated by a relative phrase ("2023 last year"), and a part of a period restated
        with its name ("the end of the month, at the end of March"). The rarer forms (a relative
        period restated by a synonym, a named day or month restated after a word, a year restated
        as "the year") are small patterns of their own, each tried only where its own words occur:
        compiling costs some 5 µs a pattern character, and most documents need none of them."""
        self.synonym_sets = [{w.casefold() for w in t.split()} for t in options["relative_tokens"]]
        self.relatives = set().union(*self.synonym_sets)
        self.periods = {t.casefold() for t in options["periods"]} | {"year", "month"}
        self.weekdays = {t.casefold() for t in options["weekdays"]}
        self.named_dates = self.weekdays | {t.casefold() for t in options["months"]}
        self.parts_of_day = {t.casefold() for t in options["parts_of_day"]}
        self.relative_day_starts = {t.split()[0].casefold() for t in options["relative_days"]}
        # the words that open a date of _relative_date_forms but figures and "mid-March"
        self.date_openers = frozenset({m.casefold() for m in options["months"]} | {"the", "early", "late", "mid"})
        # the words whose places the rarer forms look up (_word_places)
        self.looked_up = frozenset(self.periods | self.named_dates | self.parts_of_day | _CLOCK_WORDS.keys() | _SEASONS | {"hours"})
        self.months = {t.casefold() for t in options["months"]}
        # The most words from a date to its relative phrase's period: "May 30, 2024 of" (4), "at the
        # ... of" (3 and a position's words), "the next" (2).
        self.date_reach = 9 + max((len(p.split()) for p in options["positions"]), default=0)
        joiners = _alternatives(options["tokens"])
        forms = [
            rf"{_WORD_START}(?P<x>\p{{L}}{{3,}})(?P<n>,?{_GAP}\d{{1,4}})?"
            rf"(?P<echo>,?{_GAP}(?P<j>{joiners}){_GAP}(?P=x)){_WORD_END}",
            rf"(?<=(?<![\w-])(?:{joiners}){_GAP})(?P<x>\p{{L}}{{3,}})(?P<echo>,{_GAP}(?P=x)(?:,|(?=[.;:!?)])))",
            *self._relative_date_forms(options),
        ]
        if options["weekdays"] and options["relative_days"]:
            weekdays, days = _alternatives(options["weekdays"]), _alternatives(options["relative_days"])
            part = rf"(?:{_GAP}(?-i:{_alternatives(options['parts_of_day'])}))?" if options["parts_of_day"] else ""
            forms.append(rf"{_WORD_START}(?P<x>(?-i:{weekdays}){part})(?P<echo>{_GAP}(?-i:{days}){part}){_WORD_END}{_NOT_POSSESSIVE}")
        # Compiled on first use (some 15 ms): a document with no candidate word never needs it.
        self.pattern = LazyPattern("|".join(forms), regex.I)
        self.joiner_before = regex.compile(rf"(?<![\w-])(?:{joiners}){_GAP}\Z", regex.I)
        rare = [
            (self._synonym_starts, self._synonym_form(options)),
            (self._restated_name_starts, self._restated_name_form(options, joiners)),
            (self._restated_year_starts, self._restated_year_form(options)),
            (self._restated_time_starts, self._restated_time_form(options)),
            (self._restated_period_starts, self._restated_period_form(options)),
        ]
        self.searches = [(self._echo_starts, self.pattern)]
        self.searches += [(starts, LazyPattern(form, regex.I)) for starts, form in rare if form]

    def _relative_date_forms(self, options: dict) -> list[str]:
        """A date and the relative phrase that names it again: a year, a month or both after
        "in", "during", "the end of", "early" ("in August 2023 last year", "the end of March last
        month"), a day of a month after "on" or before "of" ("on 30 June of this month"), and the
        relative phrase may name a part ("early March at the beginning of last month"); and a
        part of "the month" said again with the month's name ("the end of the month, at the end of
        March"). A day of a month and "last year" name two dates, and so do a year and "last month"."""
        if not options["relative_tokens"] or not options["months"]:
            return []
        relatives, months = _alternatives(sorted(self.relatives)), rf"(?-i:{_alternatives(options['months'])})"
        part = rf"the{_GAP}(?:{_alternatives(options['positions'])}){_GAP}of{_GAP}" if options["positions"] else _NEVER
        within = rf"(?:(?:{_TIME_PREPOSITION}{_GAP})?{part}|(?:in{_GAP})?{_QUALIFIER})"
        relative = rf"(?:of{_GAP})?(?:{within})?(?:the{_GAP})?(?:{relatives}){_GAP}"
        lead = rf"(?<=(?<![\w-])(?:(?:in|during|throughout)(?:{_GAP}the{_GAP}(?:year|month{_GAP}of))?{_GAP}|{part}|{_QUALIFIER}))"
        day_month = rf"(?:{_DAY}{_GAP}(?P<mo>{months})|(?P<mo>{months}){_GAP}{_DAY})"
        weekday = rf"(?:(?-i:{_alternatives(options['weekdays'])}),?{_GAP})?" if options["weekdays"] else ""
        end = rf"){_WORD_END}{_NOT_POSSESSIVE}"
        # A year is restated by "last year", a month by "last month", a month and its year by either.
        date = rf"{lead}(?P<x>(?:mid-)?(?:(?P<mo>{months})(?:{_GAP}(?P<y>{_YEAR}))?|{_YEAR}))"
        day_date = rf"(?<=(?<![\w-])on{_GAP}{weekday})(?P<x>{day_month}(?:,?{_GAP}(?P<y>{_YEAR}))?)"
        period = r"(?(y)(?:year|month)|(?(mo)month|year))"
        return [
            rf"(?:{date}|{day_date})(?P<echo>{_GAP}{relative}{period}{end}",
            rf"{_WORD_START}(?P<x>{day_month})(?P<echo>{_GAP}of{_GAP}(?:the{_GAP})?(?:{relatives}){_GAP}month{end}",
            # "the end of the month, at the end of March", "early this year, in early 2024"
            rf"{_WORD_START}(?P<x>(?P<p>{part}|{_QUALIFIER})(?:the{_GAP})?(?:(?:{relatives}){_GAP})?(?:(?P<mo>month)|year))"
            rf"(?P<echo>,{_GAP}(?:{_TIME_PREPOSITION}{_GAP})?(?P=p)(?(mo){months}(?:,?{_GAP}{_YEAR})?|{_YEAR}){end}{_NOT_LISTED}",
        ]

    def _synonym_form(self, options: dict) -> str:
        """A relative period restated with a synonym of its relative word, after "the" or "in
        the" ("this year the current year", "next quarter in the coming quarter"); the same word
        twice is a double, or two things ("last week in the last week of March"), and so is
        "previous" after "in" (``_DURING``)."""
        periods = _alternatives(sorted(self.periods))
        forms = []
        for words in [_alternatives(t.split()) for t in options["relative_tokens"] if len(t.split()) > 1]:
            forms.append(
                rf"{_WORD_START}(?P<x>(?P<r>{words}){_GAP}(?P<u>{periods}))(?P<echo>{_GAP}(?:{_DURING})?(?:the{_GAP})?"
                rf"(?!(?P=r){_GAP})(?:{words}){_GAP}(?P=u)){_WORD_END}{_NOT_POSSESSIVE}"
            )
        return "|".join(forms)

    def _restated_name_form(self, options: dict, joiners: str) -> str:
        """A weekday or a month said again after a part of the day ("Tuesday night Tuesday",
        "Tuesday night last Tuesday") or after a relative word put after it, as Persian and Dari
        order them ("Tuesday coming next Tuesday"; "Tuesday next Tuesday" is the main pattern's).
        Not another part of that day ("Tuesday night Tuesday morning")."""
        if not self.named_dates:
            return ""
        names = _alternatives(options["weekdays"] + options["months"])
        parts = _alternatives(options["parts_of_day"]) or _NEVER
        relatives = _alternatives(sorted(self.relatives)) or _NEVER
        return (
            rf"{_WORD_START}(?P<x>(?-i:{names}))(?:{_GAP}(?P<daypart>(?-i:{parts})))?"
            rf"(?P<echo>(?(daypart)(?:{_GAP}(?:{joiners}))?|{_GAP}(?:{relatives}){_GAP}(?:{joiners})){_GAP}(?P=x))"
            rf"{_WORD_END}{_NOT_POSSESSIVE}(?!{_GAP}(?:{parts})\b)"
        )

    def _restated_year_form(self, options: dict) -> str:
        """A year, or a date's year, said again as "of the year" ("in May 2021 of the year
        2021", "in 2021 in the year 2021")."""
        months = rf"(?-i:{_alternatives(options['months'])})"
        date = rf"(?:(?:{_DAY}{_GAP})?{months},?{_GAP}(?:{_DAY},?{_GAP})?)?" if options["months"] else ""
        return rf"{_WORD_START}{date}(?P<x>{_YEAR})(?P<echo>{_GAP}(?:of|in){_GAP}(?:the{_GAP})?year{_GAP}(?P=x)){_WORD_END}"

    def _restated_time_form(self, options: dict) -> str:
        """A day or a time said again in other words, as MT renders a source's word order:
        a relative word after the name ("last Sunday the past"), a month with one after
        "next month" ("next month, June next"), a part of a weekday ("the evening of Tuesday
        evening", "the night to Friday, Friday night"), "late on Friday, in the late hours of
        Friday", "over the past 24 hours in the last day" and a clock time in words ("at 10 p.m. at
        eight in the evening")."""
        if not options["weekdays"] or not options["parts_of_day"]:
            return ""
        weekdays, parts = rf"(?-i:{_alternatives(options['weekdays'])})", _alternatives(options["parts_of_day"])
        end = rf"{_WORD_END}{_NOT_POSSESSIVE}"
        forms = [
            rf"{_WORD_START}(?P<x>the{_GAP}(?P<pt>{parts}){_GAP}(?:of|to|into|before){_GAP}(?P<wd>{weekdays}))"
            rf"(?P<echo>(?:,?{_GAP}(?P=wd))?{_GAP}(?P=pt)){end}",
            rf"{_WORD_START}(?P<x>(?P<lt>late|early)(?:{_GAP}on)?{_GAP}(?P<wd>{weekdays}))(?P<echo>,?{_GAP}(?:in|during){_GAP}"
            rf"the{_GAP}(?P=lt){_GAP}hours{_GAP}of{_GAP}(?P=wd)(?:{_GAP}(?:{parts}))?){end}",
            rf"{_WORD_START}(?P<x>(?:the{_GAP})?(?:last|past){_GAP}(?:24|twenty-four){_GAP}hours)"
            rf"(?P<echo>,?{_GAP}(?:in|during|over|within){_GAP}the{_GAP}(?:last|past){_GAP}day){end}",
            *self._restated_relative_forms(options),
            *_clock_forms(),
        ]
        return "|".join(forms)

    def _restated_period_form(self, options: dict) -> str:
        """A period or a season said again as "this" one a few words on, as MT renders a
        source's apposition ("the year 2031 in the current year", "the spring season this
        winter"), also with a part of it named twice in other words ("the start of the month at
        the beginning of this month"; not "the middle of the month at the end of this month"),
        and a month with its year said again after "in" ("April 2030 in April")."""
        periods = _alternatives(sorted(self.periods | _SEASONS))
        this = rf"(?:this|the{_GAP}current){_GAP}(?P=u){_WORD_END}{_NOT_POSSESSIVE}"
        # not after a word for another time: "last year the current year" names two years
        other_time = _alternatives(sorted(self.relatives - _THIS_TIME)) or _NEVER
        forms = [rf"{_WORD_START}(?<!(?<![\w-])(?:{other_time}){_GAP})(?P<x>(?P<u>{periods})(?:{_GAP}(?:season|{_YEAR}))?)(?P<echo>{_GAP}(?:(?:of|in|during){_GAP})?{this})"]
        for part in [_alternatives(group) for group in _SAME_PART]:
            forms.append(
                rf"(?<=(?<![\w-])(?:{part}){_GAP}of{_GAP}the{_GAP})(?P<x>(?P<u>{periods}))"
                rf"(?P<echo>,?{_GAP}(?:(?:at|in|by|towards?|during){_GAP})?the{_GAP}(?:{part}){_GAP}of{_GAP}{this})"
            )
        if options["months"]:
            months = rf"(?-i:{_alternatives(options['months'])})"
            forms.append(rf"{_WORD_START}(?P<x>(?P<u>{months}){_GAP}{_YEAR})(?P<echo>,?{_GAP}in{_GAP}(?P=u)){_WORD_END}(?!,?{_GAP}(?:{_DAY}|{_YEAR}))")
        return "|".join(forms)

    def _restated_relative_forms(self, options: dict) -> list[str]:
        """A weekday or a month with a relative word restated after it by a synonym ("last
        Thursday the past", at a preposition or a stop), and "next month" restated by the month
        with the word after it ("next month, June next"; not "June next year")."""
        names, months = _alternatives(options["weekdays"] + options["months"]), _alternatives(options["months"])
        after = rf"(?=\s*[,.;:!?)]|{_GAP}(?:in|at|on|during|when|after|before|and|to|for|with|by|from)\b)"
        periods = _alternatives(sorted(self.periods))
        forms = []
        for words in [_alternatives(t.split()) for t in options["relative_tokens"]]:
            forms.append(rf"{_WORD_START}(?P<x>(?:{words}){_GAP}(?-i:{names}))(?P<echo>{_GAP}the{_GAP}(?:{words})){_WORD_END}{after}")
            if months:
                forms.append(
                    rf"{_WORD_START}(?P<x>(?:{words}){_GAP}month)(?P<echo>,?{_GAP}(?:in{_GAP})?(?-i:{months}){_GAP}(?:{words}))"
                    rf"{_WORD_END}(?!{_GAP}(?:{periods})\b)"
                )
        return forms

    def _matches(self, doc: Document) -> Iterator[regex.Match]:
        """Matches of the mode's patterns. Doubles and echoes need a repeated word, so each
        pattern is tried only where the document's words repeat as it needs (a cheap list scan)
        instead of at every position of the text; at one place, the first pattern that matches."""
        text = self.matched_text(doc)
        if self.detect not in ("doubled", "echo"):
            yield from self.pattern.finditer(text)
            return
        searches = list(self._searches(doc))
        tries = sorted((start, k) for k, (starts, _) in enumerate(searches) for start in doc.word_starts_at(starts))
        taken = 0
        for start, k in tries:
            if start < taken:
                continue
            m = searches[k][1].match(text, start)
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

    def _searches(self, doc: Document) -> Iterator[tuple[list[int], regex.Pattern | LazyPattern]]:
        """For each pattern, the indices of the document words a double or an echo may start at,
        in order (a few an article, mostly none)."""
        if self.detect == "doubled":
            yield self._doubled_phrase_starts(doc), self.pattern
            return
        for starts_of, pattern in self.searches:
            yield sorted(set(starts_of(doc))), pattern

    def _echo_starts(self, doc: Document) -> Iterator[int]:
        """Where the main echo pattern may match: a word said again by a joining word, a date
        before a relative phrase."""
        yield from self._restated_starts(doc.folded_words)
        yield from self._relative_date_starts(doc.folded_words)

    def _restated_starts(self, folded: list[str]) -> Iterator[int]:
        """Where a word is said again next to a joining word: "March Last March", "October 2019
        last October", "last Thursday, Thursday"."""
        joiners, n = self.joiners, len(folded)
        for j in compress(range(n - 1), map(joiners.__contains__, folded)):
            for back in (1, 2):
                if j - back >= 0 and folded[j - back] == folded[j + 1]:
                    yield j - back
                    break
            if j + 2 < n and folded[j + 1] == folded[j + 2]:
                yield j + 1

    def _relative_date_starts(self, folded: list[str]) -> Iterator[int]:
        """Where a date may be followed or preceded by a relative phrase for it: a word a few
        words before "last year", "the month" ("on May 30, 2024 at the end of last year", "the
        first ten days of the month"), and a weekday before a relative day's first word, or
        before a part of the day and that word ("Friday evening yesterday evening")."""
        before, opens = self.relatives | {"the"}, self.date_openers
        for k in compress(count(1), map(and_, map(self.periods.__contains__, folded[1:]), map(before.__contains__, folded))):
            # (only a word that may open a date: a figure, a month, "mid-", "the", "early"...)
            yield from (i for i in range(max(k - self.date_reach, 0), k - 1) if folded[i] in opens or folded[i][0].isdigit() or folded[i][:4] == "mid-")
        for i in compress(range(len(folded) - 1), map(self.weekdays.__contains__, folded)):
            after = folded[i + 2 : i + 3] if folded[i + 1] in self.parts_of_day else folded[i + 1 : i + 2]
            if after and after[0] in self.relative_day_starts:
                yield i

    # The rarer forms look their words up in C (list.index), not word by word in Python.

    def _synonym_starts(self, doc: Document) -> Iterator[int]:
        """Where a relative period is said again within a few words with a relative word: "next
        month in the coming month"."""
        folded, words = doc.folded_words, doc.folded_word_set
        if not any(len(synonyms & words) > 1 for synonyms in self.synonym_sets):
            return
        places = self._word_places(doc)
        for period in self.periods & words:
            for k in places.get(period, ()):
                again = folded[k + 1 : k + 5]  # "in the coming month"
                if k and folded[k - 1] in self.relatives and period in again[1:]:
                    if again[again.index(period, 1) - 1] in self.relatives:
                        yield k - 1

    def _restated_name_starts(self, doc: Document) -> Iterator[int]:
        """Where a weekday or a month is said again after a part of the day, or after a relative
        word and another: "Tuesday night Tuesday", "Tuesday coming next Tuesday"."""
        folded, parts, places = doc.folded_words, self.parts_of_day, self._word_places(doc)
        before_joiner = parts | self.relatives
        for name in self.named_dates & doc.folded_word_set:
            for i in places.get(name, ()):
                after = folded[i + 1 : i + 4]  # "night Tuesday", "coming next Tuesday"
                if after[1:2] == [name] and after[0] in parts or after[2:] == [name] and after[0] in before_joiner:
                    yield i

    def _restated_year_starts(self, doc: Document) -> Iterator[int]:
        """Where a year is said again as "the year" (or a date that ends in it starts): "in May
        2021 of the year 2021"."""
        folded = doc.folded_words
        for k in self._word_places(doc).get("year", ()):
            year = folded[k + 1 : k + 2]
            if year and year[0].isdecimal() and year[0] in folded[max(k - 3, 0) : k - 1]:
                at = folded.index(year[0], max(k - 3, 0))
                yield from range(max(at - 2, 0), at + 1)

    def _restated_time_starts(self, doc: Document) -> Iterator[int]:
        """Where a day or a time may be said again in other words: a few words before "hours"
        or a clock word ("eight"), "the" before a part of a weekday, a relative word before a
        named date or "month"."""
        folded, words, places = doc.folded_words, doc.folded_word_set, self._word_places(doc)
        for k in places.get("hours", ()):
            yield from range(max(k - 6, 0), k)
        for word in _CLOCK_WORDS.keys() & words:
            for k in places.get(word, ()):
                yield from (j for j in range(max(k - 6, 0), k) if folded[j].isdecimal())
        for part in self.parts_of_day & words:
            for k in places.get(part, ()):
                if k and folded[k - 1] == "the" and folded[k + 2 : k + 3] and folded[k + 2] in self.weekdays:
                    yield k - 1
        for name in (self.named_dates | {"month"}) & words:
            for k in places.get(name, ()):
                if k and folded[k - 1] in self.relatives:
                    yield k - 1

    def _restated_period_starts(self, doc: Document) -> Iterator[int]:
        """Where a period or a season is said again within seven words after "this" or
        "current", or a month with its year again after "in"."""
        folded, words, places = doc.folded_words, doc.folded_word_set, self._word_places(doc)
        for period in (self.periods | _SEASONS) & words:
            at = places.get(period, [])
            yield from (a for a, b in zip(at, at[1:]) if b - a <= 7 and folded[b - 1] in ("this", "current"))
        for month in self.months & words:
            yield from (a for a in places.get(month, ()) if folded[a + 2 : a + 4] == ["in", month] and folded[a + 1].isdecimal())

    def _word_places(self, doc: Document) -> dict[str, list[int]]:
        """The indices of each of ``looked_up`` in the document's words, found in one pass in C
        (a dozen of these words an article, looked up by several forms)."""

        def build(doc: Document) -> dict[str, list[int]]:
            folded, places = doc.folded_words, defaultdict(list)
            for i in compress(count(), map(self.looked_up.__contains__, folded)):
                places[folded[i]].append(i)
            return dict(places)

        return doc.memo(f"word places {self.rule.code}", build)

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
            excepted = said in self.exceptions
            if excepted and not self._is_slip_here(doc.text, said, end):
                continue
            if self.detect == "echo" and (m.group("x").casefold() in _FUNCTION_WORDS or self._is_plain_double(doc.text, m)
                                          or self._is_any_period(doc.text, m)):
                continue
            if self.detect == "doubled" and (not word and not _is_doubled_phrase(m.group("x")) or _is_name_double(doc, m) or _is_binomial(doc.text, m)):
                continue
            safe = self.detect != "echo" and not excepted and not self._may_be_name(doc, m) and (word or not self._may_be_grammar(m))
            acronym = m.group("a") if self.detect == "acronym" else ""
            reported_until = end
            yield self.replacement(doc, m.start(), end, kept, safe=safe, repeated=repeated, acronym=acronym)

    def _is_slip_here(self, text: str, said: str, end: int) -> bool:
        """Whether a grammatical double is a slip where it stands: "that that" is right before a
        verb or a noun ("that that was wrong", "that that decision") but not before "the". The
        fix is not safe even then ("It was that that the court rejected")."""
        following = _NEXT_WORD.match(text, end)
        return bool(following) and following.group(1).casefold() in self.slips.get(said, ())

    def _end_of_run(self, doc: Document, end: int, word: str) -> int:
        """Where a word said over and over ends: past every further repeat after ``end``."""
        again = regex.compile(rf"(?:{_GAP}{regex.escape(word)})+{_DOUBLE_END}", regex.I)
        m = again.match(self.matched_text(doc), end)
        return m.end() if m else end

    def _is_plain_double(self, text: str, m: regex.Match) -> bool:
        """Whether an echo is a joining word and a word said twice ("this week this week"): a
        double, which the doubled rule reports over the whole phrase (a second finding on a
        shorter span would say the same)."""
        joiner = m.groupdict().get("j")  # only the main pattern has one
        if not joiner or m.group("n") or "," in m.group("echo"):
            return False
        before = self.joiner_before.search(text, max(0, m.start() - 40), m.start())
        return bool(before) and before.group().split()[0].casefold() == joiner.casefold()

    def _is_any_period(self, text: str, m: regex.Match) -> bool:
        """Whether a period said twice across a joining word is first any such period, not a
        date: "every year, this year", "year on year this year", "in any year, this year"."""
        if not m.groupdict().get("j") or m.group("x").casefold() not in self.periods:
            return False
        before = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
        return bool(before) and before.group(1).casefold() in _ANY_PERIOD

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


# Words before a period that make it any such period ("every year", "year on year").
_ANY_PERIOD = frozenset({"every", "each", "any", "per", "a", "an", "one", "on", "by", "to", "after", "over"})
# Names of one part of a period (_restated_period_form).
_SAME_PART = [["beginning", "start", "outset"], ["end", "close"], ["middle", "mid"]]
# Relative words for the period that is now or about to come ("the coming winter ... this winter").
_THIS_TIME = frozenset({"this", "current", "present", "coming", "upcoming"})
_SEASONS = frozenset({"spring", "summer", "autumn", "winter"})
_CLOCK_WORDS = dict(zip("one two three four five six seven eight nine ten eleven twelve".split(), range(1, 13)))


def _clock_forms() -> list[str]:
    """A clock time restated in words with its part of the day ("at 10 p.m. at ten at
    evening", "7 a.m., seven o'clock in the morning"): one form an hour, since the digits and
    the word must name the same hour."""
    said = rf"(?:{_GAP}o['’]clock)?{_GAP}"
    pm = rf"(?:in{_GAP}the{_GAP}(?:afternoon|evening)|at{_GAP}night)"
    am = rf"(?:in{_GAP}the{_GAP}morning|at{_GAP}night)"
    forms = []
    for word, hour in _CLOCK_WORDS.items():
        time = rf"(?<![\d:.]){hour}(?:[:.]00)?{_GAP}?"
        again = rf",?{_GAP}(?:at{_GAP})?{word}{said}"
        forms.append(rf"(?P<x>{time}p\.?m\b\.?)(?P<echo>{again}{pm}){_WORD_END}")
        forms.append(rf"(?P<x>{time}a\.?m\b\.?)(?P<echo>{again}{am}){_WORD_END}")
    return forms


def _alternatives(phrases: list[str]) -> str:
    """A regex alternation of ``phrases``, longest first, any gap between their words."""
    return "|".join(_GAP.join(map(regex.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


_DETERMINER_BEFORE = regex.compile(r"(?<![\w-])(?:the|a|an|this|that|its|their|his|her|our)\s+\Z", regex.I)


def _is_binomial(text: str, m: regex.Match) -> bool:
    """Whether a double is a scientific name whose species repeats its genus ("Hyaena hyaena",
    "Vulpes vulpes"): a capitalised content word, then the same word in small letters, with no
    determiner before it ("the Ministry ministry" is a slip)."""
    first, second = text[m.start("x") : m.end("x")], text[m.start("echo") : m.end("echo")].strip()
    return (
        " " not in first and first[:1].isupper() and second == first[:1].lower() + first[1:]
        and first[1:].islower() and len(first) > 3 and first.casefold() not in _FUNCTION_WORDS
        and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start())
    )


def _is_name_double(doc: Document, m: regex.Match) -> bool:
    """Whether a double is one capitalised word said twice exactly as written: a name or a
    title ("Bora Bora", "Talk Talk", "Rebel Rebel", "The The"). MT doubles small words ("the
    the", "The the") and phrases ("the Joint Mission the Joint Mission"). At a sentence's start
    a lowercase word after it makes it a slip ("The The minister spoke"; "The The's album")."""
    text = doc.text
    first, second = text[m.start("x") : m.end("x")], text[m.start("echo") : m.end("echo")].strip()
    if first != second or not first[:1].isupper() or " " in first:
        return False
    following = _NEXT_WORD.match(text, m.end())
    return not (doc.starts_sentence(m.start()) and following and following.group(1)[:1].islower())


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
    """The indices of ``item`` in ``items``, found in C (an article has a few "s" in hundreds of
    words): one pass over the list, which counting them first would make two."""
    i = -1
    while True:
        try:
            i = items.index(item, i + 1)
        except ValueError:
            return
        yield i
