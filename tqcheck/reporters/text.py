"""ruff-style lines, ``path:line:col: CODE message [-> suggestion]``, grouped by file, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import FileResult, Severity
from . import RenderOptions, summarize

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    color = options.color
    out: list[str] = []
    for result in results:
        block = []
        if result.error:
            block.append(f"{_paint(result.path, '1', color)}: {_paint('error', '1;31', color)}: {result.error}")
        for f in result.findings:
            where = _paint(f"{result.path}:{f.line}:{f.column}:", "1", color)
            code = _paint(f.code, "1;" + _COLORS[f.severity], color)
            hint = f" -> {f.suggestions[0]}" if f.suggestions and f.suggestions[0] else ""
            block.append(f"{where} {code} {f.message}{hint}")
        if block:
            out.append("\n".join(block))
    summary = summarize(results)
    sev = summary["by_severity"]
    counts = ", ".join(_plural(sev[s.value], s.value) for s in (Severity.ERROR, Severity.WARNING) if sev[s.value])
    counts = ", ".join(filter(None, [counts, f"{sev['info']} info" if sev["info"] else ""]))
    line = f"Checked {_plural(summary['files'], 'file')}: {_plural(summary['findings'], 'finding')}"
    if counts:
        line += f" ({counts})"
    tail = [line]
    if summary["by_category"]:
        tail.append("  by category: " + ", ".join(f"{k} {v}" for k, v in summary["by_category"].items()))
    if summary["files_with_errors"]:
        tail.append(f"  {_plural(summary['files_with_errors'], 'file')} could not be checked (see errors above)")
    if not summary["findings"] and not summary["files_with_errors"]:
        tail = [f"Checked {_plural(summary['files'], 'file')}: no findings"]
    out.append("\n".join(tail))
    return "\n\n".join(out) + "\n"
