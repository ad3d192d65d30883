"""Frozen value types shared by checks, the engine, the fixer and the reporters.

Offsets are 0-based code-point offsets into the decoded text, end-exclusive.
Lines and columns are 1-based; columns count code points.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """Ordered severities: comparisons follow ``RANK`` (info < warning < error)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(str, enum.Enum):
    """ruff's fix levels: only ``safe`` fixes apply without ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``text``; empty text deletes, an empty span inserts."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)

    def to_dict(self) -> dict[str, Any]:
        """The one serializer: every machine-readable format starts from this."""
        return {
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
            "data": self.data,
        }


@dataclass(frozen=True)
class FileResult:
    """What checking one input produced: findings, or an error explaining why it was not checked."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    text: str | None = field(default=None, repr=False, compare=False)
    # Optional facts: "scores" (against a reference), "fixed" (what --fix changed).
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "path": self.path,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }
        out.update(self.extra)
        return out
