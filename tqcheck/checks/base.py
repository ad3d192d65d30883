"""The Check base class and the declarations a check kind makes about its rule-file keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
import re
from typing import Any, ClassVar

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, Severity


class RuleDataError(Exception):
    """Raised by a check while compiling its options; ``where`` names the offending key path."""

    def __init__(self, message: str, where: tuple = (), location: str | None = None) -> None:
        super().__init__(message)
        self.where = where
        self.location = location  # "path:line" when the error is in another file (a TSV list)


@dataclass(frozen=True)
class Param:
    """One rule-file key a check kind accepts.

    ``kind`` is one of: str, bool, int, number, str_list, str_map, str_or_str_list, tsv (a path to
    TSV file, loaded by the rule loader into ``[(column, ..., line), ...]``).
    """

    kind: str
    default: Any = None
    required: bool = False
    choices: tuple = ()
    help: str = ""
    columns: int = 2  # for kind "tsv": how many tab-separated columns each row has


@dataclass(frozen=True)
class Example:
    """A rule's own test: ``pass`` text has no finding, ``fail`` text has one; ``fix`` is the result."""

    text: str
    passes: bool
    fix: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """Rule metadata common to all check kinds (the check-specific keys live on the check)."""

    code: str
    name: str
    kind: str
    message: str
    severity: Severity
    category: str
    path: str = ""
    description: str = ""
    link: str = ""
    enabled: bool = True
    ignorecase: bool = False
    nonword: bool = False
    exceptions: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    options: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


class _Fields(dict):
    """Message fields; a placeholder with no value stays visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Check:
    """A check kind. Subclasses declare ``keys`` and implement ``compile`` and ``run``.

    The constructor validates and compiles once per process; ``run`` is called per document and
    must not print, read files or keep state between documents.
    """

    kind: ClassVar[str] = ""
    keys: ClassVar[dict[str, Param]] = {}

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.compile(rule.options)

    def compile(self, options: dict[str, Any]) -> None:
        """Build patterns and tables from the validated options; raise RuleDataError when bad."""

    def run(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        suggestions: tuple[str, ...] | list[str] = (),
        fix: Fix | None = None,
        data: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Finding:
        """Build a finding for ``doc.text[start:end]``, formatting the rule's message."""
        rule = self.rule
        match = doc.text[start:end]
        suggestions = tuple(suggestions)
        values = _Fields(match=match, suggestion=suggestions[0] if suggestions else "")
        values.update(fields)
        line, column = doc.position(start)
        end_line, end_column = doc.position(end)
        return Finding(
            code=rule.code,
            rule=rule.name,
            category=rule.category,
            severity=rule.severity,
            # A span across a CRLF line break reads in the message as it does with LF.
            message=rule.message.format_map(values).replace("\r\n", "\n"),
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            match=match,
            suggestions=suggestions,
            fix=fix,
            data=data or {},
        )

    def replacement(
        self,
        doc: Document,
        start: int,
        end: int,
        new: str,
        safe: bool = True,
        data: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding whose one suggestion replaces the whole span (the common case)."""
        fix = Fix(
            title=f"Replace with '{new}'" if new else "Remove",
            edits=(Edit(start, end, new),),
            applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
        )
        return self.finding(doc, start, end, (new,), fix, data, **fields)


class LazyPattern:
    """A shipped pattern compiled on first use. ``regex`` compiles at about 5 µs per pattern
    character, so a pattern that most documents never need must not slow every start."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_args", "_compiled"):
            raise AttributeError(name)  # not set yet (unpickling): no compile, no recursion
        if "_compiled" not in vars(self):
            self._compiled = regex.compile(*self._args)
        value = getattr(self._compiled, name)
        setattr(self, name, value)  # found without this call from now on: as fast as the pattern's own
        return value

    def __reduce__(self) -> tuple:
        return LazyPattern, self._args  # pickled and copied uncompiled, without the attributes kept


# Rule authors write regular expressions; a catastrophic one ("(a+)+$") must not hang a CI job.
# Matching with a user pattern gives up after this many seconds (per match attempt).
REGEX_TIMEOUT = 2.0


def compile_regex(pattern: str, where: tuple = (), ignorecase: bool = False) -> regex.Pattern:
    """Compile a rule-supplied pattern, turning a syntax error into a RuleDataError."""
    flags = regex.IGNORECASE if ignorecase else 0
    try:
        return regex.compile(pattern, flags)
    except (regex.error, TypeError, ValueError) as exc:
        raise RuleDataError(f"invalid regular expression {pattern!r}: {exc}", where) from None


# An item made only of characters, escapes of one symbol or of \d\w\s\b, simple classes like
# [Nn] and counts like {2} is the same pattern with or without a (?:...) around it: it has no |,
# no parenthesis, no unclosed class or escape that could reach past its end.
_SELF_CONTAINED = re.compile(r"(?:[^\\()\[\]{}|]|\\[^0-9A-Za-z]|\\[dDwWsSbB]|\[\^?[^\[\]\\^][^\[\]\\]*\]|\{\d+(?:,\d*)?\})*")


def join_alternatives(items: list[str]) -> str:
    """The items as one alternation, each in (?:...), except the self-contained ones before the
    first that is not: ``regex`` compiles a word list 40% slower when each word has a group.
    (A broken item, "[a" say, may run into what follows it, which therefore stays as it was.)"""
    out = []
    for i, item in enumerate(items):
        if not _SELF_CONTAINED.fullmatch(item):
            out += (f"(?:{p})" for p in items[i:])
            break
        out.append(item)
    return "|".join(out)


def compile_alternation(items: list[str], template: str, key: str, ignorecase: bool = False) -> regex.Pattern | None:
    """Compile ``template`` with the items as one alternation. Items are compiled one by one
    only when the whole fails, to name the bad one: that keeps loading fast."""
    if not items:
        return None
    pattern, flags = template.format(join_alternatives(items)), regex.IGNORECASE if ignorecase else 0
    try:
        return regex.compile(pattern, flags)
    except (regex.error, TypeError, ValueError):
        for i, item in enumerate(items):
            compile_regex(item, (key, i), ignorecase)
        return compile_regex(template.format("|".join(f"(?:{p})" for p in items)), (key,), ignorecase)


def bounded(alternation: str, nonword: bool = False) -> str:
    """Wrap an alternation so it matches whole words only (unless the rule says ``nonword``)."""
    if nonword:
        return f"(?:{alternation})"
    return rf"(?<![\w-])(?:{alternation})(?!\w|-\w)"


def match_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``source``: UPPER, Title or as written.

    A replacement that has capitals of its own (a proper name) keeps them, except that an
    all-capitals source makes it all capitals.
    """
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    if letters and letters[0].islower() and replacement[:1].isupper() and replacement.split(" ", 1)[0].lower() in _LOWER_STARTS:
        return replacement[0].lower() + replacement[1:]
    return replacement


# Replacement first words that follow the case of the text they replace ("The" -> "the").
_LOWER_STARTS = frozenset({"the", "a", "an"})
