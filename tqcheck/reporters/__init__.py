"""Output formats. Each module has ``render(results, options) -> str`` and sees only FileResults.

Formats that can be written file by file (text, json, github, statistics) also have
``stream(results, options, write)``: it consumes ``results`` lazily, calls ``write`` with each
piece as soon as it is known and keeps only the counts, so checking an archive takes the same
memory as checking one article. Their ``render`` is built on ``stream`` so the two never differ.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import FileResult, Severity

REPORTERS: dict[str, str] = {
    "text": "tqcheck.reporters.text:render",
    "json": "tqcheck.reporters.json:render",
    "sarif": "tqcheck.reporters.sarif:render",
    "junit": "tqcheck.reporters.junit:render",
    "github": "tqcheck.reporters.github:render",
    "html": "tqcheck.reporters.html:render",
    "statistics": "tqcheck.reporters.statistics:render",
}

Write = Callable[[str], object]
Stream = Callable[[Iterable[FileResult], "RenderOptions", Write], None]


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    version: str = ""
    # Rule metadata for formats that describe rules (SARIF, HTML): (code, name, description,
    # severity, category) tuples filled by the CLI; reporters fall back to what findings tell.
    rules: tuple = ()


def reporter(name: str) -> Callable[[Sequence[FileResult], RenderOptions], str]:
    module, _, func = REPORTERS[name].partition(":")
    return getattr(importlib.import_module(module), func)


def streamer(name: str) -> Stream | None:
    """The format's ``stream`` function, or None when it needs every result before writing."""
    module, _, _ = REPORTERS[name].partition(":")
    return getattr(importlib.import_module(module), "stream", None)


def collect(stream: Stream, results: Iterable[FileResult], options: RenderOptions) -> str:
    """``render`` for a format that has ``stream``: the pieces it writes, joined."""
    parts: list[str] = []
    stream(results, options, parts.append)
    return "".join(parts)


class Totals:
    """The counts every format reports, added one result at a time (see ``summarize``)."""

    def __init__(self) -> None:
        self.files = self.files_with_errors = 0
        self.severities: Counter = Counter()
        self.categories: Counter = Counter()

    def add(self, result: FileResult) -> FileResult:
        self.files += 1
        self.files_with_errors += bool(result.error)
        for f in result.findings:
            self.severities[f.severity.value] += 1
            self.categories[f.category] += 1
        return result

    def summary(self) -> dict:
        return {
            "files": self.files,
            "files_with_errors": self.files_with_errors,
            "findings": sum(self.severities.values()),
            "by_severity": {s.value: self.severities.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
            "by_category": dict(sorted(self.categories.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


def summarize(results: Iterable[FileResult]) -> dict:
    """Counts every format reports: files, findings, by severity (all three keys), by category."""
    totals = Totals()
    for result in results:
        totals.add(result)
    return totals.summary()
