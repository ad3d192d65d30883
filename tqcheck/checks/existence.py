"""``existence``: patterns that should not appear (Vale's kind of the same name).

There is no fix to propose, so findings carry no suggestion unless the rule gives ``suggest``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Finding
from .base import REGEX_TIMEOUT, Check, Param, RuleDataError, bounded, compile_alternation, compile_regex
from .literals import LiteralGate


class Existence(Check):
    kind = "existence"
    keys = {
        "tokens": Param("str_list", [], required=True, help="regular expressions that must not appear"),
        "suggest": Param("str", "", help="advice shown as the suggestion"),
    }

    def compile(self, options: dict) -> None:
        tokens = options["tokens"]
        if not tokens:
            raise RuleDataError("tokens: needs at least one pattern", ("tokens",))
        flags = self.rule.ignorecase
        self.pattern = compile_alternation(tokens, bounded("{}", self.rule.nonword), "tokens", flags)
        self.exceptions = [compile_regex(e, ("exceptions", i), flags) for i, e in enumerate(self.rule.exceptions)]
        self.suggest = options["suggest"]
        self.gate = LiteralGate.for_pattern(self.pattern)

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.gate and not self.gate.may_match(doc):
            return
        for m in self.pattern.finditer(doc.text, timeout=REGEX_TIMEOUT):
            if m.group() and not any(e.fullmatch(m.group(), timeout=REGEX_TIMEOUT) for e in self.exceptions):
                yield self.finding(doc, m.start(), m.end(), (self.suggest,) if self.suggest else ())
