"""``article``: the Arabic article kept before the nouns of an institution's name.

Arabic writes the article before every noun of a name (wizarat al-siyaha wa al-athar), and
machine translation keeps it: "the Ministry of the Tourism and the Antiquities". English names drop
it before the nouns of a field (``nouns``: Tourism, Health, Elections ...). A listed noun after
"of the", "for the", "and the" or ", the" is reported when it ends a name (no capitalised word follows:
"the Board of the Health Trust" is another name) and the words before it, back to the first
that is neither capitalised nor a connector (of, for, and, the), hold one of ``heads``
(Ministry, Authority, Council ...); a comma ends the name, but after a listed noun ("the
Ministry of the Tourism, the Heritage and the Antiquities"). A regular expression with that
look-behind took 25 ms to compile at every start; this scan costs nothing on the articles
that hold no listed noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..model import Finding
from .base import Check, Param, RuleDataError

# "of the Tourism": a connector (or a comma), the article and a capitalised word (the noun,
# looked up after).
_ARTICLE_NOUN = re.compile(r"(?:\b(?:of|for|and)|,)[ \t]+(the[ \t]+)([A-Z][a-z]+)\b(?![-'’])")
_NEXT_CAPITAL = re.compile(r"[ \t]+[A-Z]")
_CONNECTORS = frozenset({"of", "for", "and", "the"})
# How far back a head word may be: the longest name seen is some ten words.
_MAX_WORDS_BACK = 12


class Article(Check):
    kind = "article"
    keys = {
        "nouns": Param("str_list", [], required=True, help="nouns of a field that a name writes without 'the' (Tourism)"),
        "heads": Param("str_list", [], required=True, help="head words of an institution's name (Ministry, Authority)"),
    }

    def compile(self, options: dict) -> None:
        if not options["nouns"] or not options["heads"]:
            raise RuleDataError("nouns and heads: each needs at least one word")
        self.nouns = frozenset(options["nouns"])
        self.folded_nouns = frozenset(n.casefold() for n in self.nouns)
        self.heads = frozenset(options["heads"])

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.folded_nouns.isdisjoint(doc.folded_word_set):
            return
        text = doc.text
        for m in _ARTICLE_NOUN.finditer(text):
            noun = m.group(2)
            if noun not in self.nouns or _NEXT_CAPITAL.match(text, m.end()) or not self._after_head(text, m.start()):
                continue
            yield self.replacement(doc, m.start(1), m.end(2), noun, safe=False)

    def _after_head(self, text: str, end: int) -> bool:
        """Whether the words before ``end`` (a connector's start), back to the first that is
        neither capitalised nor a connector, hold a head word. An article before an unlisted
        noun on the way ("the Ministry of the Interior and the Health ...") is English: the
        listed noun starts another phrase."""
        words = text[max(0, end - 160) : end].split()[-_MAX_WORDS_BACK:]
        after = ""
        for word in reversed(words):
            if word.endswith(","):  # a comma ends a name, but in a list of listed nouns
                word = word[:-1]
                if word not in self.nouns:
                    return False
            if word in self.heads:
                return True
            if not (word[:1].isupper() or word in _CONNECTORS) or word == "the" and after not in self.nouns:
                return False
            after = word
        return False
