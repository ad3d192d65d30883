"""``consistency``: house-style variant sets (Gaddafi / Qaddafi / Kadhafi) with a preferred form.

``mode: mixed`` (the default) reports only an article that mixes members of one set, and
suggests the form the article uses most (ties: the preferred form): consistency is never wrong,
whatever a desk's style. ``mode: prefer`` enforces the preferred form everywhere (a house rule).
Sets come inline (``sets``: lists, preferred first) or from ``sets_file`` (TSV:
preferred<TAB>variants separated by ``|``). Members are matched as whole words, ignoring case,
so "Al-Qaeda" at a sentence start is the member "al-Qaeda".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Finding
from .base import Check, Param, RuleDataError, bounded, match_case
from .phrases import PhraseTable, is_plain


class Consistency(Check):
    kind = "consistency"
    keys = {
        "sets": Param("any", [], help="lists of variants, preferred form first"),
        "sets_file": Param("tsv", None, help="TSV: preferred<TAB>variants separated by |"),
        "mode": Param("str", "mixed", choices=("mixed", "prefer")),
    }

    def compile(self, options: dict) -> None:
        sets: list[list[str]] = []
        if not isinstance(options["sets"], list) or not all(
            isinstance(s, list) and len(s) >= 2 and all(isinstance(m, str) for m in s) for s in options["sets"]
        ):
            raise RuleDataError("sets: must be a list of lists of at least two strings", ("sets",))
        sets.extend(options["sets"])
        for preferred, variants, _line in options["sets_file"] or ():
            sets.append([preferred, *(v.strip() for v in variants.split("|") if v.strip())])
        if not sets:
            raise RuleDataError("a consistency rule needs 'sets' or 'sets_file'")
        self.mode = options["mode"]
        self.members: dict[str, tuple[int, str]] = {}  # casefolded member -> (set index, as written)
        self.preferred: list[str] = []
        for index, members in enumerate(sets):
            self.preferred.append(members[0])
            for member in members:
                key = " ".join(member.casefold().split())
                if key in self.members and self.members[key][0] != index:
                    raise RuleDataError(f"{member!r} belongs to two sets")
                self.members[key] = (index, member)
        plain = {m: is_plain(m) for m in self.members}
        self.phrases = PhraseTable(((m, v) for m, v in self.members.items() if plain[m]), ignorecase=True)
        # For _may_mix: the words of each set's listed phrases, and the sets under the longest
        # word of each phrase but one per set: its preferred form, the spelling most articles use.
        self.phrase_words: dict[int, list[frozenset[str]]] = defaultdict(list)
        self.by_word: dict[str, set[int]] = defaultdict(set)
        for key, (index, member) in self.phrases.table.items():
            words = key.split(" ")
            self.phrase_words[index].append(frozenset(words))
            if member != self.preferred[index]:
                self.by_word[max(words, key=len)].add(index)
        self.gate_words = frozenset(self.by_word)
        odd = sorted((m for m in self.members if not plain[m]), key=len, reverse=True)
        alternation = "|".join(r"\s+".join(map(regex.escape, m.split())) for m in odd)
        self.pattern = regex.compile(bounded(alternation), regex.IGNORECASE) if odd else None

    def _matches(self, doc: Document) -> list[tuple[int, int, tuple[int, str]]]:
        found = list(self.phrases.find(doc))
        if self.pattern is not None:
            for m in self.pattern.finditer(doc.text):
                found.append((m.start(), m.end(), self.members[" ".join(m.group().casefold().split())]))
        return sorted(found)

    def _may_mix(self, doc: Document) -> bool:
        """Whether some set has two listed phrases whose words all occur in the article. The
        table finds a phrase only where its words are, so without such a set no article mixes
        spellings: a few set operations then spare the word-by-word search in most articles.
        Of two such phrases one is not its set's preferred form, so the article holds a word
        of ``gate_words``, which most articles do not."""
        words = doc.folded_word_set
        if words.isdisjoint(self.gate_words):
            return False
        for word in words & self.gate_words:
            for index in self.by_word[word]:
                if sum(map(words.issuperset, self.phrase_words[index])) > 1:
                    return True
        return False

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.mode == "mixed" and self.pattern is None and not self._may_mix(doc):
            return
        uses: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for start, end, (index, member) in self._matches(doc):
            uses[index].append((start, end, member))
        for index, found in uses.items():
            preferred = self.preferred[index]
            counts = Counter(member for _, _, member in found)
            if self.mode == "mixed":
                if len(counts) < 2:
                    continue
                order = list(dict.fromkeys(member for _, _, member in found))
                target = min(order, key=lambda s: (-counts[s], s != preferred, order.index(s)))
            else:
                target = preferred
            summary = ", ".join(f"{s} ×{n}" for s, n in counts.most_common())
            for start, end, member in found:
                if member != target:
                    yield self.replacement(
                        doc, start, end, match_case(doc.text[start:end], target), safe=False,
                        preferred=preferred, spellings=summary, data={"spellings": dict(counts)},
                    )
