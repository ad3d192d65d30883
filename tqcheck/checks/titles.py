"""``titles``: a person given conflicting titles, or a handle that spells a name differently.

``detect: titles``: "Prime Minister Mustafa X" and later "President X" in one article. A person
is identified by the transliteration key of the surname (and the first name when both mentions
give one: "Saad Hariri" and "Rafik Hariri" are two people). Titles conflict unless one is a
plain suffix of the other ("Minister" ~ "Foreign Minister") without a ``distinct`` word
("Vice President" is not "President"). Mentions qualified as former, late, acting ... are left
out: people change offices. The majority title wins (ties: the first used).

``detect: handles``: "President X @HandleSpellingY": a social-media handle written right after
a name, whose words include a spelling of that name that differs from the text (one vowel, a
romanisation pair). The handle is the person's own spelling, so it is offered as suggestion.
"""

from __future__ import annotations

import bisect
import difflib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import Document
from ..model import Finding
from ..names import ARTICLE, POSSESSIVE, fold, handles, name_tokens, one_vowel_apart, translit_key
from .base import Check, Param, RuleDataError, match_case
from .phrases import LiteralAlternation

_NAME = rf"(?:{ARTICLE})?\p{{Lu}}[\p{{Ll}}\p{{M}}]+(?:['’ʼ]\p{{Ll}}+)?"
_PARTICLES = r"(?:bin|ibn|bint|ben|abu|de|van|von|al|el)"  # lowercase links inside names
_LETTER_OR_HYPHEN = regex.compile(r"[\p{L}-]")
_LEADING_ARTICLE = regex.compile(rf"^{ARTICLE}")


@dataclass(frozen=True)
class Mention:
    start: int  # of the title
    end: int
    title: str
    first: str  # key of the first name, "" when the mention gives only one name
    surname: str  # key of the surname
    surname_text: str


class Titles(Check):
    kind = "titles"
    keys = {
        "detect": Param("str", required=True, choices=("titles", "handles")),
        "titles": Param("str_list", [], help="titles: office titles written before names"),
        "honorifics": Param("str_list", [], help="titles: words allowed between title and name (Dr, Sheikh)"),
        "qualifiers": Param("str_list", [], help="titles: words before a title that exempt the mention (former)"),
        "distinct": Param("str_list", [], help="titles: words that make a longer title another office (Vice)"),
        "min_similarity": Param("number", 0.75, help="handles: how alike the handle word and the name must be"),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.min_similarity = options["min_similarity"]
        if self.detect == "handles":
            return
        if not options["titles"]:
            raise RuleDataError("titles: a titles rule needs a list of titles", ("titles",))
        honorifics = "|".join(regex.escape(h.rstrip(".")) for h in options["honorifics"]) or "(?!)"
        qualifiers = "|".join(regex.escape(q) for q in options["qualifiers"]) or "(?!)"
        # A mention is (?<![\p{L}-])(?P<title>Deputy\s+Prime\s+Minister|...)\s+(?:Dr\.?\s+)?(?P<name>...):
        # the titles, longest first, are looked up (compiling them costs 5 ms), the rest is a pattern.
        self.titles = LiteralAlternation(sorted(options["titles"], key=len, reverse=True))
        self.after_title = regex.compile(
            rf"\s+(?:(?:{honorifics})\.?\s+)?"
            rf"(?P<name>{_NAME}(?:\s+(?:{_PARTICLES}\s+)?{_NAME}){{0,3}})(?![\p{{L}}\p{{M}}])"
        )
        # "former US President X": a qualifier, maybe a nationality, right before the title
        self.qualified = regex.compile(rf"\b(?i:{qualifiers})[\s-]+(?:\p{{Lu}}[\p{{L}}-]*\s+)?\Z")
        self.first_words = {t.split()[0] for t in options["titles"]}
        self.distinct = {d.casefold() for d in options["distinct"]}

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.detect == "handles":
            yield from self._handles(doc)
        else:
            yield from self._titles(doc)

    # -- conflicting titles -------------------------------------------------------------
    def _mentions(self, doc: Document) -> list[Mention]:
        out = []
        text = doc.text
        taken = 0
        first_words = self.first_words
        # Titles start with a listed word: try only there (a few times an article).
        for start in doc.starts_of_words(first_words):
            if start < taken:
                continue
            found = self._mention_at(text, start)
            if not found:
                continue
            title_end, m = found
            taken = m.end()
            if self.qualified.search(text, max(0, start - 40), start):
                continue
            names = m.group("name").split()
            surname = POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", names[-1]))
            first = translit_key(_LEADING_ARTICLE.sub("", names[0])) if len(names) > 1 else ""
            title = " ".join(text[start:title_end].split())
            out.append(Mention(start, title_end, title, first, translit_key(surname), surname))
        return out

    def _mention_at(self, text: str, start: int) -> tuple[int, regex.Match] | None:
        """(end of the title, match of what follows it) of the first title written at ``start``
        that a name follows, as the one pattern would match there."""
        if start and _LETTER_OR_HYPHEN.match(text, start - 1):
            return None
        for end in self.titles.ends_at(text, start):
            m = self.after_title.match(text, end)
            if m:
                return end, m
        return None

    def _compatible(self, a: str, b: str) -> bool:
        if a == b:
            return True
        short, long = sorted((a.split(), b.split()), key=len)
        extra = long[: len(long) - len(short)]
        return long[len(extra) :] == short and not any(w.casefold() in self.distinct for w in extra)

    def _titles(self, doc: Document) -> Iterator[Finding]:
        people: dict[str, list[Mention]] = defaultdict(list)
        for mention in self._mentions(doc):
            people[mention.surname].append(mention)
        for mentions in people.values():
            firsts = {m.first for m in mentions if m.first}
            if len(firsts) > 1:
                continue  # two people who share a surname
            counts: dict[str, int] = {}
            for m in mentions:
                counts[m.title] = counts.get(m.title, 0) + 1
            order = list(counts)
            winner = min(order, key=lambda t: (-counts[t], order.index(t)))
            for m in mentions:
                if not self._compatible(m.title, winner):
                    first_use = next(x for x in mentions if x.title == winner)
                    line = doc.position(first_use.start)[0]
                    yield self.replacement(
                        doc, m.start, m.end, winner, safe=False,
                        data={"titles": counts}, name=m.surname_text, other=winner, other_line=line,
                    )

    # -- handles that spell the name differently ----------------------------------------
    def _handles(self, doc: Document) -> Iterator[Finding]:
        tokens = name_tokens(doc)
        ends = [t.end for t in tokens]
        for handle in handles(doc):
            i = bisect.bisect_right(ends, handle.start) - 1
            if i < 0 or not handle.parts:
                continue
            name = tokens[i]
            between = doc.text[name.end : handle.start]
            if len(between) > 2 or between.strip(" (\u00a0"):
                continue  # the handle is not written right after this name
            if any(fold(p) == fold(name.text) for p in handle.parts):
                continue
            for part in handle.parts:
                if self._alike(part, name.text):
                    spelled = match_case(name.text, part)
                    yield self.replacement(
                        doc, name.start, name.end, spelled, safe=False, handle="@" + handle.text, data={"handle": handle.text}
                    )
                    break

    def _alike(self, a: str, b: str) -> bool:
        ka, kb = translit_key(a), translit_key(b)
        if ka == kb or one_vowel_apart(ka, kb):
            return True
        return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= self.min_similarity
