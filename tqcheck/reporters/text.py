"""ruff-style lines, ``path:line:col: CODE message [-> suggestion]``, grouped by file, then a summary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import FileResult, Finding, Severity
from . import RenderOptions, Totals, Write, collect

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_LABELS = {"bleu": "BLEU", "chrf": "chrF", "ter": "TER"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _num(value: object) -> str | None:
    """A score as sacrebleu prints it (one decimal), or None when it is missing."""
    from ..scoring import WIDTH  # here: only a run with --reference has scores to print

    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return f"{value:.{WIDTH}f}"


def _low_chrf(f: Finding) -> str:
    """`` [low chrF 23.4]`` when the finding's line scored low against the reference."""
    segment = f.data.get("segment") if isinstance(f.data, dict) else None
    if not isinstance(segment, dict) or not segment.get("low"):
        return ""
    score = _num(segment.get("chrf"))
    return f" [low chrF {score}]" if score else " [low chrF]"


def _scores_line(scores: object) -> str | None:
    """``  scores vs REF: BLEU 12.3  chrF 45.6  TER 78.9`` for a file scored against a reference."""
    from ..scoring import METRICS

    if not isinstance(scores, dict):
        return None
    parts = []
    for metric in METRICS:
        entry = scores.get(metric)
        score = _num(entry.get("score") if isinstance(entry, dict) else entry)
        if score:
            parts.append(f"{_LABELS[metric]} {score}")
    if not parts:
        return None
    return f"  scores vs {scores.get('reference') or 'reference'}: " + "  ".join(parts)


def _fixed_line(fixed: object) -> str | None:
    """``  fixed N finding(s); chrF vs original 97.1, TER 2.9[, chrF vs reference 40.1 -> 42.3]``."""
    if not isinstance(fixed, dict):
        return None
    line = f"  fixed {fixed.get('count', 0)} finding(s)"
    impact = fixed.get("impact") if isinstance(fixed.get("impact"), dict) else {}
    change = impact.get("change") if isinstance(impact.get("change"), dict) else {}
    parts = []
    for metric in ("chrf", "ter"):  # the fixed text scored against the original
        if _num(change.get(metric)):
            parts.append(f"{_LABELS[metric]}{'' if parts else ' vs original'} {_num(change[metric])}")
    before, after = impact.get("before"), impact.get("after")
    if isinstance(before, dict) and isinstance(after, dict) and _num(before.get("chrf")) and _num(after.get("chrf")):
        parts.append(f"chrF vs reference {_num(before['chrf'])} -> {_num(after['chrf'])}")
    if parts:
        line += "; " + ", ".join(parts)
    elif fixed.get("impact_error"):
        line += f"; change not measured: {fixed['impact_error']}"
    return line


def _block(result: FileResult, color: bool) -> str:
    """The lines about one file ("" when there is nothing to say about it)."""
    block = []
    if result.error:
        block.append(f"{_paint(result.path, '1', color)}: {_paint('error', '1;31', color)}: {result.error}")
    for f in result.findings:
        where = _paint(f"{result.path}:{f.line}:{f.column}:", "1", color)
        code = _paint(f.code, "1;" + _COLORS[f.severity], color)
        hint = f" -> {f.suggestions[0]}" if f.suggestions and f.suggestions[0] else ""
        low = _low_chrf(f)
        block.append(f"{where} {code} {f.message}{hint}{_paint(low, '33', color) if low else ''}")
    facts = [line for line in (_scores_line(result.extra.get("scores")), _fixed_line(result.extra.get("fixed"))) if line]
    if facts and not block:  # name the file the indented lines belong to
        block.append(f"{_paint(result.path, '1', color)}: no findings")
    return "\n".join(block + facts)


def _tail(summary: dict) -> str:
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
    return "\n".join(tail)


def stream(results: Iterable[FileResult], options: RenderOptions, write: Write) -> None:
    """Each file's block as it comes, blank-line separated, then the summary."""
    totals = Totals()
    separator = ""
    for result in results:
        block = _block(totals.add(result), options.color)
        if block:
            write(separator + block)
            separator = "\n\n"
    write(separator + _tail(totals.summary()) + "\n")


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return collect(stream, results, options)
