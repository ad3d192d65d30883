"""Output formats. Each module has ``render(results, options) -> str`` and sees only FileResults."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Sequence
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


def summarize(results: Sequence[FileResult]) -> dict:
    """Counts every format reports: files, findings, by severity (all three keys), by category."""
    severities = Counter(f.severity.value for r in results for f in r.findings)
    categories = Counter(f.category for r in results for f in r.findings)
    return {
        "files": len(results),
        "files_with_errors": sum(1 for r in results if r.error),
        "findings": sum(severities.values()),
        "by_severity": {s.value: severities.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "by_category": dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
