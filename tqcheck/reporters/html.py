"""One self-contained HTML page for an editor: every finding highlighted in place, with its fix.

The page loads nothing (no CDN, fonts or network) and its Content-Security-Policy allows only
the page's own inline style and script, pinned by their sha256 hashes. Article text, messages
and file names are untrusted: they only ever reach the page through Jinja's autoescaping.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..fixer import apply_once
from ..model import FileResult, Finding, Severity
from ..scoring import METRICS, WIDTH
from . import RenderOptions, summarize

SEVERITIES = [s.value for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
BAR_WIDTH = 160
METRIC_LABELS = {"bleu": "BLEU", "chrf": "chrF", "ter": "TER"}


def csp_hash(source: object) -> str:
    """The CSP source expression that allows exactly this inline <script> or <style> body."""
    digest = hashlib.sha256(str(source).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def mark_tokens(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple]:
    """Nest highlights for possibly overlapping spans.

    The text is split at every span boundary; a span that crosses one ending before it is closed
    and reopened as a continuation. Tokens: ("text", s), ("open", i, first_piece), ("close",).
    Each span gets exactly one first piece, even an empty one (an insertion point).
    """
    n = len(text)
    spans = [(min(max(s, 0), n), min(max(s, e, 0), n)) for s, e in spans]
    starts: dict[int, list[int]] = defaultdict(list)
    for i in sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i)):
        starts[spans[i][0]].append(i)
    bounds = sorted({0, n, *(s for s, _ in spans), *(e for _, e in spans)})
    tokens: list[tuple] = []
    stack: list[int] = []
    for pos, nxt in zip(bounds, bounds[1:] + [None]):
        ending = [k for k, i in enumerate(stack) if spans[i][1] == pos]
        reopen = []
        if ending:
            reopen = [i for i in stack[ending[0] :] if spans[i][1] > pos]
            tokens += [("close",)] * (len(stack) - ending[0])
            del stack[ending[0] :]
        for i in starts.get(pos, []):
            if spans[i][1] == pos:
                tokens += [("open", i, True), ("close",)]
        fresh = [i for i in starts.get(pos, []) if spans[i][1] > pos]
        for i in sorted(reopen + fresh, key=lambda i: (-spans[i][1], spans[i][0], i)):
            tokens.append(("open", i, i in fresh))
            stack.append(i)
        if nxt is not None:
            tokens.append(("text", text[pos:nxt]))
    return tokens


def fixed_tokens(text: str, findings: Sequence[Finding]) -> tuple[str, list[tuple], int]:
    """The text with one pass of safe fixes applied, as ("text"|"ins"|"del", new, old) pieces."""
    fixed, applied = apply_once(text, findings)
    edits = sorted((e for f in applied for e in f.fix.edits), key=lambda e: (e.start, e.end))
    tokens: list[tuple] = []
    cursor = 0
    for e in edits:
        tokens.append(("text", text[cursor : e.start], ""))
        tokens.append(("ins" if e.text else "del", e.text, text[e.start : e.end]))
        cursor = e.end
    tokens.append(("text", text[cursor:], ""))
    return fixed, [t for t in tokens if t[0] != "text" or t[1]], len(applied)


def _num(value: object) -> str:
    """A score as sacrebleu prints it (one decimal), or "" when there is none."""
    return f"{value:.{WIDTH}f}" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def _signed(value: object) -> str:
    """A change with its sign: +1.5, -6.2, 0.0 (never -0.0)."""
    text = _num(value)
    if not text or float(text) == 0:
        return _num(0.0) if text else ""
    return text if text.startswith("-") else "+" + text


def _metric_names(scores: dict) -> list[str]:
    """Metrics present in a scores/impact dict, in sacrebleu's order, then any others."""
    others = sorted(k for k in scores if k not in METRICS and isinstance(scores[k], (dict, int, float)))
    return [m for m in METRICS if m in scores] + others


def _segment_view(f: Finding) -> dict:
    segment = f.data.get("segment") if isinstance(f.data, dict) else None
    if not isinstance(segment, dict) or not _num(segment.get("chrf")):
        return {"score": "", "score_title": "", "low": False}
    title = f"sentence chrF of line {segment.get('line', f.line)}"
    if _num(segment.get("bleu")):
        title += f"; sentence BLEU {_num(segment['bleu'])}"
    return {"score": _num(segment["chrf"]), "score_title": title, "low": bool(segment.get("low"))}


def _scores_view(scores: object) -> dict | None:
    """A file's document scores against its reference (``extra["scores"]``), ready to show."""
    if not isinstance(scores, dict):
        return None
    metrics = []
    for m in _metric_names(scores):
        entry = scores[m]
        score = entry.get("score") if isinstance(entry, dict) else entry
        if _num(score):
            signature = str(entry.get("signature", "")) if isinstance(entry, dict) else ""
            metrics.append({"id": m, "label": METRIC_LABELS.get(m, m), "score": _num(score), "signature": signature})
    if not metrics:
        return None
    return {"reference": str(scores.get("reference") or ""), "metrics": metrics,
            "low_lines": [str(n) for n in scores.get("low_lines") or ()]}


def _fixed_view(fixed: object) -> dict | None:
    """What --fix/--fix-to/--diff changed in a file (``extra["fixed"]``), ready to show."""
    if not isinstance(fixed, dict):
        return None
    impact = fixed.get("impact") if isinstance(fixed.get("impact"), dict) else {}
    change = impact.get("change") if isinstance(impact.get("change"), dict) else {}
    before, after = impact.get("before"), impact.get("after")
    delta = impact.get("delta") if isinstance(impact.get("delta"), dict) else {}
    versus = []
    if isinstance(before, dict) and isinstance(after, dict):
        for m in _metric_names(before):
            if _num(before.get(m)) and _num(after.get(m)):
                change_m = delta.get(m) if _num(delta.get(m)) else after[m] - before[m]
                step = float(_num(change_m)) * (-1 if m == "ter" else 1)  # TER is an edit rate: lower is better
                versus.append({"label": METRIC_LABELS.get(m, m), "before": _num(before[m]), "after": _num(after[m]),
                               "delta": _signed(change_m), "trend": "better" if step > 0 else "worse" if step < 0 else ""})
    by_rule = fixed.get("by_rule") if isinstance(fixed.get("by_rule"), dict) else {}
    return {
        "count": int(fixed.get("count") or 0),
        "passes": int(fixed.get("passes") or 0),
        "by_rule": [{"code": str(c), "count": n} for c, n in by_rule.items()],
        "change": [{"label": METRIC_LABELS.get(m, m), "score": _num(change[m])}
                   for m in _metric_names(change) if _num(change[m])],
        "versus": versus,
        "error": str(fixed.get("impact_error") or ""),
    }


def _finding_view(f: Finding, fid: str, file_id: str, index: int = 0) -> dict:
    fix = ""
    if f.fix is not None:
        fix = f"{f.fix.applicability.value} fix: {f.fix.title}"
    return {
        "index": index,
        **_segment_view(f),
        "id": fid,
        "file": file_id,
        "code": f.code,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "suggestion": " | ".join(s for s in f.suggestions if s),
        "fix": fix,
        "applicability": f.fix.applicability.value if f.fix else "",
        "line": f.line,
        "column": f.column,
    }


def _token_view(token: tuple, views: list[dict]) -> dict:
    if token[0] == "text":
        return {"kind": "text", "text": token[1]}
    if token[0] == "open":
        return {"kind": "open", "f": views[token[1]], "first": token[2]}
    return {"kind": "close"}


def _file_view(index: int, result: FileResult) -> dict:
    file_id = f"file-{index}"
    views = [_finding_view(f, f"f{index}-{j}", file_id, j) for j, f in enumerate(result.findings)]
    view = {"id": file_id, "path": result.path, "error": result.error, "findings": views, "text": result.text is not None,
            "scores": _scores_view(result.extra.get("scores")), "fix_report": _fixed_view(result.extra.get("fixed"))}
    if result.text is not None:
        tokens = mark_tokens(result.text, [(f.start, f.end) for f in result.findings])
        view["tokens"] = [_token_view(t, views) for t in tokens]
        _, pieces, view["fixes_applied"] = fixed_tokens(result.text, result.findings)
        view["fixed"] = [{"kind": k, "text": new, "old": old} for k, new, old in pieces]
    return view


def _bars(counts: dict[str, int]) -> list[dict]:
    top = max(counts.values(), default=0) or 1
    return [{"label": k, "count": v, "width": round(BAR_WIDTH * v / top) if v else 0} for k, v in counts.items()]


def _scoring_summary(files: Sequence[dict]) -> dict | None:
    """The page header's line about reference scores and fixes, or None when there are neither."""
    scored = [f for f in files if f["scores"]]
    fixed = [f for f in files if f["fix_report"]]
    if not scored and not fixed:
        return None
    out = {"scored": len(scored), "files": len(files), "low": 0, "lowest": None,
           "fixed_files": len(fixed), "fixed": sum(f["fix_report"]["count"] for f in fixed)}
    out["low"] = sum(1 for f in scored for v in f["findings"] if v["low"])
    chrf = [(float(m["score"]), f["path"]) for f in scored for m in f["scores"]["metrics"] if m["id"] == "chrf"]
    if chrf:
        score, path = min(chrf, key=lambda x: x[0])
        out["lowest"] = {"score": _num(score), "path": path}
    return out


def _bytecode_cache(jinja2):
    """jinja2's own cache of the compiled template, in tqcheck's cache folder (tqcheck.cache):
    compiling the template costs about as long as importing jinja2. Entries are keyed by the
    template's checksum, the Python version and (in their name) the jinja2 version, so a stale
    one is never used. A cache that cannot be created, read or written only costs that time
    again, never the report."""
    from ..cache import folder

    where = folder()
    if where is None:
        return None

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a truncated or foreign file: compile the template instead
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                where.mkdir(mode=0o700, parents=True, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return QuietCache(str(where), pattern=f"tqcheck-jinja2-{jinja2.__version__}-%s.cache")


@functools.lru_cache(maxsize=1)
def environment():
    """The Jinja environment, built once per process."""
    import jinja2  # heavy: only when an HTML report is asked for

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tqcheck.reporters", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(jinja2),
    )
    env.filters["csp_hash"] = csp_hash
    return env


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    summary = summarize(results)
    findings = [f for r in results for f in r.findings]
    names = {f.code: f.rule for f in findings}
    descriptions = {code: " ".join(str(desc).split()) for code, _, desc, *_ in options.rules}
    rules = [{"code": c, "name": names[c], "description": descriptions[c]} for c in sorted(names) if descriptions.get(c)]
    per_code = Counter(f.code for f in findings)
    facets = {  # (value, count, label) per checkbox
        "severity": [(s, summary["by_severity"][s], s) for s in SEVERITIES],
        "category": [(c, n, c) for c, n in sorted(summary["by_category"].items())],
        "code": [(c, per_code[c], f"{c} {names[c]}") for c in sorted(per_code)],
    }
    files = [_file_view(i, r) for i, r in enumerate(results)]
    return environment().get_template("report.html.j2").render(
        version=options.version,
        summary=summary,
        files=files,
        scoring=_scoring_summary(files),
        facets=facets,
        rules=rules,
        severity_bars=_bars(summary["by_severity"]),
        category_bars=_bars(summary["by_category"]),
        bar_width=BAR_WIDTH,
    )
