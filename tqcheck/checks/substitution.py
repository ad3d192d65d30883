"""``substitution``: swap lists (inline ``swap`` and/or a sorted TSV ``swap_file``).

All keys of a rule are compiled into one alternation, longest literal first, so a document
is scanned once per rule whatever the size of the list. Keys are regular expressions (as in
Vale) unless the rule says ``regex: false``; replacements may use ``$1``/``\\1`` and may offer
alternatives separated by ``|`` (several candidates make the fix display-only).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix
from .base import REGEX_TIMEOUT, Check, Param, RuleDataError, bounded, compile_regex, match_case

_DOLLAR_GROUP = regex.compile(r"\$(\d+)")


def _normal(text: str) -> str:
    return " ".join(text.split())


class Substitution(Check):
    kind = "substitution"
    keys = {
        "swap": Param("str_map", {}, help="pattern: replacement"),
        "swap_file": Param("tsv", None, help="TSV file of pattern<TAB>replacement, relative to the rule"),
        "regex": Param("bool", True, help="false: keys are literal text"),
        "applicability": Param("str", "safe", choices=("safe", "unsafe", "display")),
    }

    def compile(self, options: dict) -> None:
        entries = [(k, v, ("swap", k)) for k, v in options["swap"].items()]
        entries += [(k, v, ("swap_file",)) for k, v, _ in options["swap_file"] or ()]
        if not entries:
            raise RuleDataError("a substitution rule needs 'swap' or 'swap_file'")
        self.is_regex = options["regex"]
        self.applicability = Applicability(options["applicability"])
        flags = self.rule.ignorecase
        self.exceptions = [compile_regex(e, ("exceptions", i), flags) for i, e in enumerate(self.rule.exceptions)]
        if self.is_regex:
            self.entries = []
            for key, value, where in entries:
                pattern = compile_regex(bounded(key, self.rule.nonword), where, flags)
                self.entries.append((pattern, _DOLLAR_GROUP.sub(r"\\\1", value)))
            alternation = "|".join(f"(?:{key})" for key, _, _ in entries)
        else:
            self.table = {self._key(k): v for k, v, _ in entries}
            literals = sorted({k for k, _, _ in entries}, key=lambda k: (-len(k), k))
            alternation = "|".join(r"\s+".join(map(regex.escape, k.split())) for k in literals)
        self.pattern = compile_regex(bounded(alternation, self.rule.nonword), ("swap",), flags)

    def _key(self, text: str) -> str:
        text = _normal(text)
        return text.casefold() if self.rule.ignorecase else text

    def _replacement(self, doc: Document, m: regex.Match) -> str:
        if not self.is_regex:
            return self.table[self._key(m.group())]
        for pattern, template in self.entries:
            km = pattern.match(doc.text, m.start(), timeout=REGEX_TIMEOUT)
            if km and km.end() == m.end():
                return km.expand(template)
        return ""  # unreachable: the alternation matched one of the entries

    def run(self, doc: Document) -> Iterator[Finding]:
        for m in self.pattern.finditer(doc.text, timeout=REGEX_TIMEOUT):
            matched = m.group()
            if not matched or any(e.fullmatch(matched, timeout=REGEX_TIMEOUT) for e in self.exceptions):
                continue
            candidates = [match_case(matched, c.strip()) for c in self._replacement(doc, m).split("|")]
            candidates = [c for c in dict.fromkeys(candidates) if c != matched]
            if not candidates:
                continue
            applicability = self.applicability if len(candidates) == 1 else Applicability.DISPLAY
            fix = Fix(f"Replace with '{candidates[0]}'", (Edit(m.start(), m.end(), candidates[0]),), applicability)
            yield self.finding(doc, m.start(), m.end(), candidates, fix)
