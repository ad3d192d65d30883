"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer, ...).

Columns count code points (``columnKind: unicodeCodePoints``), like every tqcheck offset.
Fingerprints hash what a finding *is* (code, path, matched text, which occurrence of that text),
not where it is, so a finding keeps its identity when the article is edited elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from urllib.parse import quote

from ..model import FileResult, Finding
from . import RenderOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# The project has no public home page yet; replace with it (or a [project.urls] entry) when it does.
INFORMATION_URI = "https://pypi.org/project/tqcheck/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "tqcheck/v1"


def artifact_location(path: str) -> dict:
    """Relative paths resolve against %SRCROOT% (the checkout); absolute ones become file: URIs."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return {"uri": "file://" + quote(posix)}
    if len(posix) > 2 and posix[1] == ":" and posix[2] == "/":  # C:/... on Windows
        return {"uri": "file:///" + quote(posix)}
    return {"uri": quote(posix.removeprefix("./")), "uriBaseId": "%SRCROOT%"}


def fingerprint(code: str, path: str, match: str, occurrence: int) -> str:
    return hashlib.sha256("\0".join((code, path, match, str(occurrence))).encode("utf-8")).hexdigest()


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + dot.strip() if dot else text


def rule_descriptors(results: Sequence[FileResult], options: RenderOptions) -> list[dict]:
    """Rules from ``options.rules`` plus any code only seen in findings, sorted by code."""
    meta = {code: (name, description, severity, category) for code, name, description, severity, category in options.rules}
    for result in results:
        for f in result.findings:
            meta.setdefault(f.code, (f.rule, "", f.severity.value, f.category))
    descriptors = []
    for code in sorted(meta):
        name, description, severity, category = meta[code]
        description = " ".join(str(description).split())
        summary = f"{name} ({category})"
        descriptors.append({
            "id": code,
            "name": name,
            "shortDescription": {"text": _first_sentence(description) if description else summary},
            "fullDescription": {"text": description or summary},
            "help": {"text": description or summary},
            "defaultConfiguration": {"level": LEVELS.get(str(severity), "warning")},
            "properties": {"category": category},
        })
    return descriptors


def _region(f: Finding, text: str | None) -> dict:
    region = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.start,
        "charLength": f.end - f.start,
    }
    snippet = text[f.start : f.end] if text is not None else f.match
    region["snippet"] = {"text": snippet}
    return region


def _fix(f: Finding, location: dict) -> dict:
    replacements = [
        {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start}, "insertedContent": {"text": e.text}}
        for e in sorted(f.fix.edits, key=lambda e: (e.start, e.end))
    ]
    return {
        "description": {"text": f.fix.title},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
        "properties": {"applicability": f.fix.applicability.value},
    }


def _results(result: FileResult, index: dict[str, int]) -> list[dict]:
    location = artifact_location(result.path)
    seen: Counter = Counter()
    out = []
    for f in result.findings:
        occurrence = seen[(f.code, f.match)]
        seen[(f.code, f.match)] += 1
        item = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.severity.value],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(f, result.text)}}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f.code, result.path, f.match, occurrence)},
            "properties": {"rule": f.rule, "category": f.category, "suggestions": list(f.suggestions)},
        }
        if f.fix is not None:
            item["fixes"] = [_fix(f, location)]
        out.append(item)
    return out


def _notification(result: FileResult) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{result.path}: {result.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
    }


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    rules = rule_descriptors(results, options)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    driver = {"name": "tqcheck", "informationUri": INFORMATION_URI, "rules": rules}
    if options.version:
        driver["version"] = options.version
    notifications = [_notification(r) for r in results if r.error]
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": [item for r in results for item in _results(r, index)],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
