"""One self-contained HTML page for an editor: every finding highlighted in place, with its fix.

The page loads nothing (no CDN, fonts or network) and its Content-Security-Policy allows only
the page's own inline style and script, pinned by their sha256 hashes. Article text, messages
and file names are untrusted: they only ever reach the page through Jinja's autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..fixer import apply_once
from ..model import FileResult, Finding, Severity
from . import RenderOptions, summarize

SEVERITIES = [s.value for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
BAR_WIDTH = 160


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


def _finding_view(f: Finding, fid: str, file_id: str) -> dict:
    fix = ""
    if f.fix is not None:
        fix = f"{f.fix.applicability.value} fix: {f.fix.title}"
    return {
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
    views = [_finding_view(f, f"f{index}-{j}", file_id) for j, f in enumerate(result.findings)]
    view = {"id": file_id, "path": result.path, "error": result.error, "findings": views, "text": result.text is not None}
    if result.text is not None:
        tokens = mark_tokens(result.text, [(f.start, f.end) for f in result.findings])
        view["tokens"] = [_token_view(t, views) for t in tokens]
        _, pieces, view["fixes_applied"] = fixed_tokens(result.text, result.findings)
        view["fixed"] = [{"kind": k, "text": new, "old": old} for k, new, old in pieces]
    return view


def _bars(counts: dict[str, int]) -> list[dict]:
    top = max(counts.values(), default=0) or 1
    return [{"label": k, "count": v, "width": round(BAR_WIDTH * v / top) if v else 0} for k, v in counts.items()]


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    import jinja2  # heavy: only when an HTML report is asked for

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tqcheck.reporters", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["csp_hash"] = csp_hash
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
    return env.get_template("report.html.j2").render(
        version=options.version,
        summary=summary,
        files=[_file_view(i, r) for i, r in enumerate(results)],
        facets=facets,
        rules=rules,
        severity_bars=_bars(summary["by_severity"]),
        category_bars=_bars(summary["by_category"]),
        bar_width=BAR_WIDTH,
    )
