"""Suppression comments, so an editor can accept a finding where it stands.

``<!-- tqcheck: ignore [TERMS] -->`` silences the next non-blank line; ``disable [TERMS]`` ...
``enable [TERMS]`` a stretch of text; ``disable-file [TERMS]`` the whole file. TERMS are codes,
code prefixes, rule names or categories, comma- or space-separated; none means every rule. The
same comments work in plain text, Markdown and HTML.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from .model import Finding

DIRECTIVE = regex.compile(r"<!--\s*tqcheck\s*:\s*(?P<body>.*?)\s*-->", regex.DOTALL)
ACTIONS = ("ignore", "disable", "enable", "disable-file")


@dataclass(frozen=True)
class Directive:
    action: str
    terms: tuple[str, ...]  # empty: every rule
    start: int
    end: int


def matches(term: str, finding: Finding) -> bool:
    """A term names a finding by code or code prefix, rule name or category (``ALL``: any)."""
    upper = term.upper()
    return upper == "ALL" or finding.code.startswith(upper) or term in (finding.rule, finding.category)


class Suppressions:
    """The directives of one text, and the question the engine asks them."""

    def __init__(self, text: str, comments: Sequence[tuple[int, int]] | None = None) -> None:
        """``comments``: where comments may be (the HTML comments of a Markdown or HTML file,
        outside code); None: anywhere in the text (plain text)."""
        self.directives: list[Directive] = []
        self.problems: list[str] = []
        spans = [(0, len(text))] if comments is None else comments
        for start, end in spans:
            for m in DIRECTIVE.finditer(text, start, end):
                self._add(text, m)
        self.directives.sort(key=lambda d: d.start)
        self._line_targets = self._ignored_lines(text)

    def _add(self, text: str, m: regex.Match) -> None:
        action, *terms = regex.split(r"[\s,]+", m.group("body").strip())
        action = action.lower()
        if action not in ACTIONS:
            hint = difflib.get_close_matches(action, ACTIONS, n=1)
            line = text.count("\n", 0, m.start()) + 1
            self.problems.append(
                f"line {line}: unknown tqcheck comment {action!r}"
                + (f" (did you mean {hint[0]!r}?)" if hint else f" (use one of {', '.join(ACTIONS)})")
            )
            return
        self.directives.append(Directive(action, tuple(t for t in terms if t), m.start(), m.end()))

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The comments themselves, which must not produce findings."""
        return [(d.start, d.end) for d in self.directives]

    def _ignored_lines(self, text: str) -> dict[int, list[tuple[str, ...]]]:
        """Line number -> terms of the ``ignore`` comments that point at it."""
        if not any(d.action == "ignore" for d in self.directives):
            return {}
        blanked = DIRECTIVE.sub(lambda m: regex.sub(r"[^\n]", " ", m.group()), text)
        lines = blanked.split("\n")
        targets: dict[int, list[tuple[str, ...]]] = {}
        for d in self.directives:
            if d.action != "ignore":
                continue
            index = text.count("\n", 0, d.end) + 1  # 0-based index of the line after the comment
            while index < len(lines) and not lines[index].strip():
                index += 1
            targets.setdefault(index + 1, []).append(d.terms)
        return targets

    def suppressed(self, finding: Finding) -> bool:
        """True when a comment silences ``finding``."""

        def named(terms: tuple[str, ...]) -> bool:
            return not terms or any(matches(t, finding) for t in terms)

        if any(d.action == "disable-file" and named(d.terms) for d in self.directives):
            return True
        if any(named(terms) for terms in self._line_targets.get(finding.line, ())):
            return True
        off = False
        for d in self.directives:
            if d.end > finding.start:
                break
            if d.action in ("disable", "enable") and named(d.terms):
                off = d.action == "disable"
        return off

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if not self.suppressed(f)]
