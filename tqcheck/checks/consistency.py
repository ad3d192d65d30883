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
        literals = sorted(self.members, key=len, reverse=True)
        alternation = "|".join(r"\s+".join(map(regex.escape, m.split())) for m in literals)
        self.pattern = regex.compile(bounded(alternation), regex.IGNORECASE)

    def run(self, doc: Document) -> Iterator[Finding]:
        uses: dict[int, list[tuple[regex.Match, str]]] = defaultdict(list)
        for m in self.pattern.finditer(doc.text):
            index, member = self.members[" ".join(m.group().casefold().split())]
            uses[index].append((m, member))
        for index, found in uses.items():
            preferred = self.preferred[index]
            counts = Counter(member for _, member in found)
            if self.mode == "mixed":
                if len(counts) < 2:
                    continue
                order = list(dict.fromkeys(member for _, member in found))
                target = min(order, key=lambda s: (-counts[s], s != preferred, order.index(s)))
            else:
                target = preferred
            summary = ", ".join(f"{s} ×{n}" for s, n in counts.most_common())
            for m, member in found:
                if member != target:
                    yield self.replacement(
                        doc, m.start(), m.end(), match_case(m.group(), target), safe=False,
                        preferred=preferred, spellings=summary, data={"spellings": dict(counts)},
                    )
