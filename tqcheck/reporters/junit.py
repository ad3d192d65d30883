"""JUnit XML for CI dashboards: one testsuite per file, one failing testcase per finding.

A clean file gets one passing testcase (so it shows up as checked), an unreadable file an
``<error>``. No timestamps or durations: the same results give the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..model import FileResult, Finding
from . import RenderOptions

# Characters XML 1.0 cannot carry at all (even escaped); shown as \xNN / \uNNNN instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _clean(str(v)) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def _failure_body(path: str, f: Finding) -> str:
    lines = [f"{path}:{f.line}:{f.column}: {f.code} {f.message}", f"severity: {f.severity.value}", f"match: {f.match}"]
    if f.suggestions:
        lines.append("suggestion: " + " | ".join(f.suggestions))
    if f.fix is not None:
        lines.append(f"fix ({f.fix.applicability.value}): {f.fix.title}")
    return "\n".join(lines)


def _suite(parent: ET.Element, result: FileResult) -> tuple[int, int, int]:
    path = result.path
    clean = not result.findings and not result.error
    failures, errors = len(result.findings), int(bool(result.error))
    tests = failures + errors + int(clean)
    suite = _element(parent, "testsuite", name=path, tests=tests, failures=failures, errors=errors, skipped=0)
    if result.error:
        case = _element(suite, "testcase", name="read and check", classname=path, file=path)
        _element(case, "error", result.error, message=result.error, type="tqcheck.error")
    for f in result.findings:
        name = f"{f.code} {f.rule} at {f.line}:{f.column}"
        case = _element(suite, "testcase", name=name, classname=path, file=path, line=f.line)
        _element(case, "failure", _failure_body(path, f), message=f.message, type=f.code)
    if clean:
        _element(suite, "testcase", name="no findings", classname=path, file=path)
    return tests, failures, errors


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="tqcheck")
    totals = [0, 0, 0]
    for result in results:
        for i, n in enumerate(_suite(root, result)):
            totals[i] += n
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
