"""A baseline: the findings a team has accepted, so that CI fails only on new ones.

Each finding is recorded by path (relative to the baseline file), code, matched text and a short
hash of the words around the match -- never by offset or line, so an edit elsewhere in the file
keeps the baseline valid. Entries are counted: a second occurrence of a known artifact is new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import regex

from .model import FileResult, Finding

FORMAT = 1
CONTEXT = 20  # characters each side of the match that the context hash covers
_SPACE = regex.compile(r"\s+")


class BaselineError(Exception):
    """An unreadable or malformed baseline file; the message is one line."""


def _relative(path: str, folder: Path) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def _context(text: str, finding: Finding) -> str:
    """Hash of the text around the match, whitespace collapsed so re-wrapping does not count."""
    around = text[max(0, finding.start - CONTEXT) : finding.start] + "\x00" + text[finding.end : finding.end + CONTEXT]
    return hashlib.sha256(_SPACE.sub(" ", around).encode("utf-8")).hexdigest()[:12]


def _key(path: str, finding: Finding, text: str) -> tuple[str, str, str, str]:
    return (path, finding.code, finding.match, _context(text, finding))


def _keys(result: FileResult, folder: Path) -> list[tuple[str, str, str, str]]:
    path = _relative(result.path, folder)
    return [_key(path, f, result.text or "") for f in result.findings]


def render(results: Sequence[FileResult], baseline: Path) -> str:
    """The baseline file for ``results``: JSON, one finding per line, in report order."""
    rows = [
        json.dumps(dict(zip(("path", "code", "match", "context"), key)), ensure_ascii=False)
        for result in results
        for key in _keys(result, baseline.parent)
    ]
    body = ",\n  ".join(rows)
    return f'{{"tool": "tqcheck", "baseline": {FORMAT}, "findings": [' + (f"\n  {body}\n" if rows else "") + "]}\n"


def load(baseline: Path) -> Counter:
    """The known findings of a baseline file, counted."""
    try:
        data = json.loads(baseline.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{baseline}: no such baseline file (write one with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{baseline}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{baseline}:{exc.lineno}: invalid baseline: {exc.msg}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list):
        raise BaselineError(f'{baseline}:1: invalid baseline: expected {{"findings": [...]}}')
    known: Counter = Counter()
    for i, entry in enumerate(findings, 1):
        fields = tuple(entry.get(k) for k in ("path", "code", "match", "context")) if isinstance(entry, dict) else ()
        if len(fields) != 4 or not all(isinstance(v, str) for v in fields):
            raise BaselineError(f"{baseline}: invalid baseline: finding {i} needs string path, code, match and context")
        known[fields] += 1
    return known


def apply(results: Sequence[FileResult], known: Counter, baseline: Path) -> tuple[list[FileResult], int]:
    """Drop the findings the baseline knows (each entry once); returns (results, dropped count)."""
    left = Counter(known)
    out, dropped = [], 0
    for result in results:
        kept = []
        for finding, key in zip(result.findings, _keys(result, baseline.parent)):
            if left[key] > 0:
                left[key] -= 1
                dropped += 1
            else:
                kept.append(finding)
        out.append(replace(result, findings=tuple(kept)) if len(kept) != len(result.findings) else result)
    return out, dropped
