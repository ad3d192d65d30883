"""``numbers``: how numbers are written, judged against the document's own habit.

Each rule picks one ``detect`` mode:

- ``format``: thousands separators used inconsistently ("4500" beside "3,100"). Desks differ, so
  the document votes among the house styles the rule accepts (``styles``): ``everywhere`` (4,500
  and 25,000), ``from-10000`` (4500 and 25,000) and ``none`` (4500 and 25000). The style that fits
  the most numbers wins (ties in that order); each number that does not fit it is reported,
  rewritten in that style. A document whose numbers all fit one accepted style is never reported.
  A fix is ``unsafe`` when another style with the same score would treat the number otherwise.
  Digits grouped by spaces ("450 000") or dots ("2.400.000", as German or Turkish write them) fit no
  style and are always reported, and so do digits grouped in lakhs and crores ("1,25,000",
  "2,50,00,000", as South Asian languages and MT from them write 125,000 and 25,000,000) unless
  they may be a list of numbers ("5,10,150"): see ``_lakh_grouped``. One dot group ("60.000")
  may be a decimal with three places: it
  is taken for thousands when its group is 000, or ends in 00 before a plural noun (then the fix is
  unsafe), or when the document writes numbers the continental way elsewhere; never after a
  currency of three decimals (``decimal_currencies``: "KD 1.500"), before a percentage, or in a
  document with three-place decimals ("3.141"), nor when it may be an IP address.
  A decimal comma ("6,5") before a word of ``decimal_units`` (metres, million, percent) or after a
  currency sign is reported, rewritten with a point.
  Years, times, codes, phone numbers, decimals, ranges and identifiers are not counted: numbers
  with a leading zero, more than nine digits, or a letter, slash, colon, dash or stock exchange
  (".SR") attached; years
  (1000-2100 after a date word such as "in" or a month, or 1800-2100 unless a plural noun
  follows: "2000 soldiers", but "the 1990 elections", "from 2019 levels"); numbers after a word of ``before`` ("No.", "Resolution") or before a
  word of ``after`` ("GMT", "AH", a street name); and numbers that a name or label owns: after a
  capitalised word that opens no sentence, or is an acronym or a name ("callsign Redwing 7305",
  "permit KLR 60982", "TX 78701"), but for a currency (``currencies``: "SAR 2750000"), a plural noun
  after it ("UN 3500 workers"), a possessive ("Apple's 4500
  staff"), a date word or a title-case headline ("Floods Hit 12000 Homes").
- ``small``: a numeral under ten in running text, spelled out as a word (3 -> three); an optional
  house rule. Not before units or percent (``after``), not after a word of ``before`` (months,
  "No.", "aged", "page"), not after a capitalised word (Phase 3), not in dates, scores, ages,
  decimals, ranges, list markers or lists of numbers (another figure within three words).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex

from ..document import Document
from ..model import Finding
from .base import Check, LazyPattern, Param, RuleDataError, compile_alternation

# Digit groups separated by single spaces ("555 1234") are phone numbers or codes: not counted.
# A stock code ("2222.SR", "7203.T") is no number either: a dot and capitals follow it.
_THOUSANDS = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}_.,/:#+\-−–]|\p{N}[ \u00a0])(?:[0-9]{1,3}(?:,[0-9]{3})+|[1-9][0-9]{3,8})"
    r"(?![\p{L}\p{N}\p{M}_]|[.,/:\-−–]\p{N}|[ \u00a0]\p{N}|\.\p{Lu}{1,4}(?!\p{L}))"
)
# A _THOUSANDS match starts where a run of ASCII digits starts (its lookbehind refuses a digit
# before) and takes either the whole run, of four to nine digits (it refuses a digit after), or a
# run of one to three and a comma. Scanning for runs first (a plain class, which ``regex`` finds
# quickly, unlike stdlib ``re``) is 50 times faster than trying that lookbehind at every character.
_DIGIT_RUN = regex.compile(r"[0-9]+")
# Digits grouped by spaces ("450 000", SI style), which English news writes with commas. A no-break,
# narrow no-break or thin space between groups of three is typesetting of one number; a plain space
# may part two figures ("scores of 100 250"), so it is taken only before a last group 000
# ("1 500 000"), which no second figure is written as.
_GROUP_SPACES = "\u00a0\u202f\u2009 "
_SPACE_GROUPED = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}_.,/:#+\-−–]|\p{N}[ \u00a0\u202f\u2009])[1-9][0-9]{0,2}"
    r"(?:(?:[\u00a0\u202f\u2009][0-9]{3})+|(?: [0-9]{3})* 000)"
    r"(?![\p{L}\p{N}\p{M}_]|[.,/:\-−–]\p{N}|[ \u00a0\u202f\u2009]\p{N})"
)
# The patterns below are needed only for some numbers, or only by the (optional) small mode.
# Digits grouped by dots, maybe with a decimal comma ("2.400.000", "2.400,75"), as German, Spanish,
# Italian or Turkish write them (and so MT from them).
_DOT_GROUPED = LazyPattern(
    r"(?<![\p{L}\p{N}\p{M}_.,/:#+\-−–]|\p{N}[ \u00a0])[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?"
    r"(?![\p{L}\p{N}\p{M}_]|[.,/:\-−–]\p{N}|[ \u00a0]\p{N})"
)
# Digits grouped in lakhs and crores ("1,25,000", "2,50,00,000"): groups of two before the last
# group of three, as Hindi, Urdu and Bengali (and South Asian English) write them.
_LAKH_GROUPED = LazyPattern(
    r"(?<![\p{L}\p{N}\p{M}_.,/:#+\-−–]|\p{N}[ \u00a0])[1-9][0-9]?(?:,[0-9]{2})+,[0-9]{3}"
    r"(?![\p{L}\p{N}\p{M}_]|[.,/:\-−–]\p{N}|[ \u00a0]\p{N})"
)
# A decimal comma ("6,5"): one or two digits after a comma are no thousands group in English.
_DECIMAL_COMMA = LazyPattern(
    r"(?<![\p{L}\p{N}\p{M}_.,/:#+\-−–]|\p{N}[ \u00a0])(?:0|[1-9][0-9]{0,2}),[0-9]{1,2}"
    r"(?![\p{L}\p{N}\p{M}_]|[.,/:\-−–]\p{N}|[ \u00a0]\p{N})"
)
_CURRENCY_SIGN = LazyPattern(r"[$€£¥₺₹][ \u00a0]?\Z")
_PERCENT_NEXT = LazyPattern(r"[ \t\u00a0]*(?:%|per[ \t\u00a0]?cent\b)", regex.I)
# Words after which a year takes a plural noun, unlike a count ("2000 soldiers"): determiners
# ("the 1990 elections") and prepositions that set a reference year ("from 2019 levels", "by 2030
# standards"). "than", "over", "of" and "to" also go before counts ("more than 2000 soldiers").
_YEAR_BEFORE = LazyPattern(
    r"(?:\b(?:the|this|that|its|their|his|her|our|whose|from|by|before|after|between)|['’]s?)[ \t\u00a0]+\Z",
    regex.I,
)
_SMALL = LazyPattern(r"(?<![\p{L}\p{N}\p{M}_.,/:#$€£¥+\-−–'’])[1-9](?![\p{L}\p{N}\p{M}_%°\-−–]|[.,:/]\d|[ \t\u00a0]?%)")
# A plural noun after a number makes it a count ("2000 soldiers"), but for the nouns that a year
# qualifies ("compared with 2019 levels", "at 2015 prices"). Words in -s that are no plural nouns
# leave a year a year ("the question for 2025 is", "2025 marks the anniversary"): function words,
# verbs that take a year as subject, and endings no plural has (less, across, thus, crisis).
_YEAR_NOUNS = (
    "levels|figures|prices|rates|standards|terms|values|elections|estimates|targets|budgets|"
    "earnings|results|revenues|profits|forecasts|accounts"
)
_NOT_PLURAL = (
    "is|was|has|does|as|its|this|his|hers|ours|yours|theirs|whereas|perhaps|always|sometimes|towards|"
    "afterwards|besides|yes|seems|becomes|remains|begins|brings|looks|marks|means|promises|"
    r"\p{Ll}*(?:ss|us|sis)"
)
# A word in -s followed by a determiner is a verb with its object ("2026 offers a chance"), not
# the plural noun of a count ("2000 soldiers were sent").
_OBJECT_NEXT = r"[ \t\u00a0]+(?:a|an|the|its|their|his|her|our|no|new|another|every|more)\b"
_COUNTED_NEXT = LazyPattern(rf"[ \t\u00a0]+(?!(?:{_YEAR_NOUNS}|{_NOT_PLURAL})\b)\p{{Ll}}+s\b(?!{_OBJECT_NEXT})")
_DIGIT = LazyPattern(r"\d")
# A capitalised word right before a number.
_CAPITALISED_BEFORE = LazyPattern(r"(?<![\p{L}\p{M}.'’-])(\p{Lu}[\p{L}\p{M}.'’-]*)[ \t\u00a0]+\Z")
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# What may match differently backwards: groups (and so backreferences), atomic groups, possessive
# quantifiers, verbs, inline flags, \G and fuzzy constraints. A list holding any of these (or
# anything that looks like one) is searched forwards.
_DIRECTIONAL = regex.compile(r"\((?!\?(?::|=|!|<=|<!))|[+*?}]\+|\\G|\{[\d,]*[^\d,}]")
# House styles for thousands separators: (separators in 4-digit numbers, in 5+ digit numbers).
_STYLES = {"everywhere": (True, True), "from-10000": (False, True), "none": (False, False)}
# What a number grouped the way of another language is told.
_SEPARATOR_REASONS = {
    " ": "groups its digits with spaces (as French and SI style do; English uses commas)",
    ".": "separates thousands with dots (as German, Spanish, Italian or Turkish do; English uses commas)",
    "lakh": "groups its digits in lakhs and crores (as Hindi, Urdu and South Asian English do; English groups thousands)",
}
_MAYBE_DOT_REASON = (
    "seems to separate thousands with a dot (as German, Spanish, Italian or Turkish do; English uses commas)"
)
_DECIMAL_COMMA_REASON = (
    "has a decimal comma (as French, German, Spanish or Turkish write decimals; English uses a point)"
)


class _Number(NamedTuple):
    start: int
    end: int
    sep: str  # the thousands separator: "," or "" (English), " " or "." (not English), "lakh" (1,25,000)
    long: bool  # five digits or more
    sure: bool = True  # False for one dot group that may be a decimal ("1.500 metres")


def _at_runs(pattern, text: str, can_start) -> Iterator[regex.Match]:
    """The matches of ``pattern.finditer(text)``, tried only at the runs of digits for which
    ``can_start(start, end)`` holds (the patterns refuse a digit before their start)."""
    taken = 0
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        if start >= taken and can_start(start, end):
            m = pattern.match(text, start)
            if m:
                taken = m.end()
                yield m


def _thousands(text: str) -> Iterator[regex.Match]:
    """The matches of ``_THOUSANDS``: runs of four to nine digits, or of one to three before a comma."""
    return _at_runs(_THOUSANDS, text, lambda s, e: 4 <= e - s <= 9 or (e - s <= 3 and text[e : e + 1] == ","))


def _space_grouped(text: str) -> Iterator[regex.Match]:
    """The matches of ``_SPACE_GROUPED``: runs of one to three digits before a space."""
    return _at_runs(_SPACE_GROUPED, text, lambda s, e: e - s <= 3 and e < len(text) and text[e] in _GROUP_SPACES)


def _before_sign(text: str, sign: str):
    """Runs of one to three digits before ``sign``, where dot groups and decimal commas start."""
    return lambda s, e: e - s <= 3 and text[e : e + 1] == sign


def _digits(number: str) -> str:
    """A number's digits without its separators ("450,000" and "450 000" -> "450000")."""
    return "".join(filter(str.isdigit, number))


def _english(number: str, sep: str, commas: bool) -> str:
    """``number`` written the English way ("2.400,5", ``sep`` "." -> "2,400.5"), with commas if ``commas``."""
    whole, _, decimals = number.partition(",") if sep == "." else (number, "", "")
    digits = _digits(whole)
    return (f"{int(digits):,}" if commas else digits) + (f".{decimals}" if decimals else "")


def _capitalised_before(doc: Document, start: int) -> regex.Match | None:
    """The capitalised word right before ``start`` ("Phase 3", "permit KLR 60982", "SAR 2750000"),
    as group 1: a number after one is a name, a code or an amount in a currency."""
    return _CAPITALISED_BEFORE.search(doc.text, max(0, start - 40), start)


def _is_name(doc: Document, word: str) -> bool:
    """An acronym ("QFE"), or a word the document capitalises mid-sentence and never writes in
    lower case ("Redwing" of "Redwing Air"): a name even where it opens a sentence."""
    if len(word) > 1 and word.isupper():
        return True
    return word in doc.memo("numbers: names", _names_of)


def _names_of(doc: Document) -> frozenset[str]:
    """The capitalised words written mid-sentence and never in lower case (built once, and only
    for a document with a number after a capitalised word that opens a sentence)."""
    written = frozenset(doc.word_texts)
    return frozenset(
        text for start, _end, text in doc.words
        if text[:1].isupper() and text.lower() not in written and not doc.starts_sentence(start))


def _may_be_ip(number: str) -> bool:
    """Four groups of at most 255 ("192.168.100.200"), unless the last is 000 ("2.100.000.000")."""
    groups = number.split(".")
    return len(groups) == 4 and all(int(g) <= 255 for g in groups) and groups[-1] != "000"


class Numbers(Check):
    kind = "numbers"
    keys = {
        "detect": Param("str", required=True, choices=("format", "small")),
        "before": Param("str_list", [], help="patterns: a number right after one of these is not judged"),
        "after": Param("str_list", [], help="patterns: a number right before one of these is not judged"),
        "date_words": Param("str_list", [], help="format: words that make a following 4-digit number a year"),
        "styles": Param("str_list", list(_STYLES), help="format: accepted house styles (everywhere, from-10000, none)"),
        "decimal_units": Param("str_list", [], help="format: patterns: words after which '6,5' is a decimal"),
        "currencies": Param(
            "str_list", [], help="format: patterns: capitalised words before an amount ('SAR 2750000'), not a label"
        ),
        "decimal_currencies": Param(
            "str_list", [], help="format: patterns: currencies with three decimals, after which '1.500' is a decimal"
        ),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.styles = list(dict.fromkeys(options["styles"]))
        for i, name in enumerate(self.styles):
            if name not in _STYLES:
                raise RuleDataError(f"unknown style {name!r} (choose from {', '.join(_STYLES)})", ("styles", i))
        if not self.styles:
            raise RuleDataError("styles: name at least one house style", ("styles",))

        def alternation(key: str, template: str):
            return compile_alternation(options[key], template, key, self.rule.ignorecase)

        def ending_here(key: str, template: str):
            """A list that must end where a number starts: searched backwards ((?r)), every start
            but the last fails at once, instead of trying the alternation at each of them."""
            reads_the_same = not any(map(_DIRECTIONAL.search, options[key]))
            return alternation(key, "(?r)" + template if reads_the_same else template)

        self.before = ending_here("before", r"(?<![\w.])(?:{})[ \t\u00a0]*\Z")
        self.after = alternation("after", r"[ \t\u00a0]*(?:{})(?![\w])")
        self.date_words = ending_here("date_words", r"(?<![\w])(?:{})[ \t\u00a0,]*\Z")
        self.decimal_units = alternation("decimal_units", r"[ \t\u00a0]*(?:{})(?![\w])")
        self.decimal_currencies = ending_here("decimal_currencies", r"(?<![\w.])(?:{})[ \t\u00a0]*\Z")
        self.currencies = ending_here("currencies", r"(?<![\w.])(?:{})[ \t\u00a0]*\Z")

    def run(self, doc: Document) -> Iterator[Finding]:
        yield from (self._format(doc) if self.detect == "format" else self._small(doc))

    def _excluded(self, text: str, start: int, end: int) -> bool:
        if self.before and self.before.search(text, max(0, start - 40), start):
            return True
        return bool(self.after and self.after.match(text, end, min(len(text), end + 40)))

    # -- thousands separators -------------------------------------------------------------------

    def _is_label(self, doc: Document, start: int, end: int) -> bool:
        """Whether a name or label owns the number ("Gate 4410", "callsign Redwing 7305", "permit
        KLR 60982"): it follows a capitalised word that opens no sentence, and that word is no
        currency ("SAR 2750000"), possessive ("Apple's 4500 staff") or date word ("in May 2500
        troops"), nor part of a title-case headline ("Floods Hit 12000 Homes"); and no plural
        noun follows it ("gave Chad 45000 tonnes", "UN 3500 workers": an amount)."""
        m = _capitalised_before(doc, start)
        if not m or m.group(1).endswith(("'s", "’s")) or doc.in_title_case_heading(start):
            return False
        if _COUNTED_NEXT.match(doc.text, end):
            return False
        if doc.starts_sentence(m.start()) and not _is_name(doc, m.group(1)):
            return False  # "Some 4500 fled", but "QFE 1009", "“Redwing 7305”"
        text, since = doc.text, max(0, start - 40)
        return not any(words and words.search(text, since, start) for words in (self.currencies, self.date_words))

    def _is_year(self, text: str, start: int, end: int) -> bool:
        number = text[start:end]
        if len(number) != 4 or not 1000 <= int(number) <= 2100:
            return False
        if self.date_words and self.date_words.search(text, max(0, start - 30), start):
            return True
        if int(number) < 1800:
            return False
        return not _COUNTED_NEXT.match(text, end) or bool(_YEAR_BEFORE.search(text, max(0, start - 12), start))

    def _format(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        decimal_commas = list(self._decimal_commas(text))
        numbers = [
            *self._comma_or_space_grouped(doc),
            *self._dot_grouped(text, continental=bool(decimal_commas)),
            *self._lakh_grouped(text),
        ]
        for m in decimal_commas:
            yield self.replacement(doc, *m.span(), m.group().replace(",", "."), reason=_DECIMAL_COMMA_REASON)
        if not numbers:
            return
        numbers.sort()

        def fits(style: str, n: _Number) -> bool:
            """Spaces and dots fit no style: English news groups digits with commas."""
            return n.sep in ("", ",") and _STYLES[style][n.long] == bool(n.sep)

        scores = {name: sum(fits(name, n) for n in numbers) for name in self.styles}
        best = max(scores.values())
        if best == len(numbers):
            return  # every number fits one house style
        tied = [name for name in self.styles if scores[name] == best]
        style = tied[0]
        fitting = [text[n.start : n.end] for n in numbers if fits(style, n)]
        for n in numbers:
            if fits(style, n):
                continue
            new = _english(text[n.start : n.end], n.sep, _STYLES[style][n.long])
            # Safe unless another style with the same score would keep or write this number otherwise.
            safe = n.sure and all(_STYLES[name][n.long] == _STYLES[style][n.long] for name in tied)
            example = next((f for f in fitting if (len(_digits(f)) >= 5) == n.long), None)
            if n.sep in _SEPARATOR_REASONS:
                reason = _MAYBE_DOT_REASON if n.sep == "." and not n.sure else _SEPARATOR_REASONS[n.sep]
            elif example:
                reason = f"is written differently from this document's other numbers (as in '{example}')"
            elif n.long and _STYLES[style][n.long] and all(_STYLES[name][True] for name in self.styles):
                reason = "has five digits or more and takes thousands separators"
            else:
                reason = f"does not follow this document's style ({style})"
            yield self.replacement(
                doc, n.start, n.end, new, safe=safe, style=style, example=example or "", reason=reason
            )

    def _comma_or_space_grouped(self, doc: Document) -> Iterator[_Number]:
        """The numbers that vote on the house style, and those grouped by spaces."""
        text = doc.text
        for m in [*_thousands(text), *_space_grouped(text)]:
            start, end = m.span()
            if self._excluded(text, start, end) or self._is_year(text, start, end) or self._is_label(doc, start, end):
                continue
            digits = _digits(m.group())
            sep = "" if digits == m.group() else "," if "," in m.group() else " "
            yield _Number(m.start(), m.end(), sep, len(digits) >= 5)

    def _dot_grouped(self, text: str, continental: bool) -> list[_Number]:
        """Numbers grouped by dots. Two groups or a decimal comma ("2.400.000", "2.400,5") are sure,
        and make the document ``continental``; one group ("60.000") may be a decimal: see
        ``_one_dot_group_is_thousands``."""
        found = [
            m
            for m in _at_runs(_DOT_GROUPED, text, _before_sign(text, "."))
            if not (self._excluded(text, *m.span()) or _may_be_ip(m.group()))
        ]
        one_group = [m.group().count(".") == 1 and "," not in m.group() for m in found]
        continental = continental or not all(one_group)
        three_places = any(one and not m.group().endswith("0") for m, one in zip(found, one_group))
        numbers = []
        for m, one in zip(found, one_group):
            if one and not self._one_dot_group_is_thousands(text, m, continental, three_places):
                continue
            sure = not one or continental or m.group().endswith("000")
            long = len(_digits(m.group().partition(",")[0])) >= 5
            numbers.append(_Number(m.start(), m.end(), ".", long, sure))
        return numbers

    def _lakh_grouped(self, text: str) -> Iterator[_Number]:
        """Numbers grouped in lakhs and crores. Groups of two before a last group of three may also
        be a list of numbers written without spaces ("5,10,150"), and a list seldom ends in 00: a
        number is taken when it has two groups of two ("2,50,00,000"), ends in 00 ("1,25,000"), or
        comes before a plural noun or a unit ("3,45,678 votes"; then the fix is unsafe)."""
        for m in _at_runs(_LAKH_GROUPED, text, _before_sign(text, ",")):
            start, end = m.span()
            if self._excluded(text, start, end):
                continue
            sure = m.group().count(",") > 2 or m.group().endswith("00")
            counted = _COUNTED_NEXT.match(text, end) or (
                self.decimal_units and self.decimal_units.match(text, end, min(len(text), end + 40)))
            if sure or counted:
                yield _Number(start, end, "lakh", True, sure)

    def _one_dot_group_is_thousands(self, text: str, m: regex.Match, continental: bool, three_places: bool) -> bool:
        """Whether "60.000" or "1.500" separates thousands rather than decimals: never for a rate
        ("4.500%"), fils ("KD 1.500"), nor where the document writes three-place decimals
        ("3.141"); surely in a ``continental`` document or for 000; maybe for 00 before a plural
        noun ("1.500 soldiers"): English decimals drop trailing zeros."""
        start, end = m.span()
        if _PERCENT_NEXT.match(text, end) or (
            self.decimal_currencies and self.decimal_currencies.search(text, max(0, start - 20), start)
        ):
            return False
        if continental:
            return True
        if three_places:
            return False
        return m.group().endswith("000") or (m.group().endswith("00") and bool(_COUNTED_NEXT.match(text, end)))

    def _decimal_commas(self, text: str) -> Iterator[regex.Match]:
        """Decimal commas before a unit ("6,5 metres") or after a currency sign ("€2,50"); not after
        a date word, where a space is missing instead ("May 3,45 percent")."""
        for m in _at_runs(_DECIMAL_COMMA, text, _before_sign(text, ",")):
            start, end = m.span()
            measured = self.decimal_units and self.decimal_units.match(text, end, min(len(text), end + 40))
            if not (measured or _CURRENCY_SIGN.search(text, max(0, start - 2), start)):
                continue
            if self._excluded(text, start, end) or (
                self.date_words and self.date_words.search(text, max(0, start - 30), start)
            ):
                continue
            yield m

    # -- small numerals -------------------------------------------------------------------------

    def _small(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in _SMALL.finditer(text):
            start, end = m.span()
            if self._excluded(text, start, end) or self._in_list(text, start, end):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            if not text[line_start:start].strip() and text[end : end + 1] in ".)":
                continue  # a list marker: "1. ..." or "2) ..."
            if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
                continue  # an enumerator: "(3)"
            sentence_start = doc.starts_sentence(start)
            name = _capitalised_before(doc, start)
            if name and not sentence_start and not doc.starts_sentence(name.start()):
                continue  # a name or a title: Phase 3, Windows 7
            word = _WORDS[int(m.group()) - 1]
            yield self.replacement(doc, start, end, word.capitalize() if sentence_start else word)

    @staticmethod
    def _in_list(text: str, start: int, end: int) -> bool:
        """Another figure within three words on either side: a range, score or list of numbers."""
        before = text[max(0, start - 40) : start].split()[-3:]
        after = text[end : end + 40].split()[:3]
        return any(_DIGIT.search(w) for w in before + after)
