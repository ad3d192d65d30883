"""Run the ``examples`` that every rule carries (``tqcheck rules test`` and pytest both use this)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .checks.base import Check, Example
from .document import Document
from .fixer import fix_to_fixed_point


@dataclass(frozen=True)
class ExampleResult:
    check: Check
    example: Example
    problem: str | None  # None when the example behaves as written

    @property
    def where(self) -> str:
        return f"{self.check.rule.path}:{self.example.line}"


def run_example(check: Check, example: Example) -> ExampleResult:
    findings = list(check.run(Document(example.text)))
    for f in findings:
        if example.text[f.start : f.end] != f.match:
            return ExampleResult(check, example, f"finding span {f.start}:{f.end} does not hold {f.match!r}")
    if example.passes:
        if findings:
            got = ", ".join(repr(f.match) for f in findings)
            return ExampleResult(check, example, f"expected no finding in {example.text!r}, got {got}")
        return ExampleResult(check, example, None)
    if not findings:
        return ExampleResult(check, example, f"expected a finding in {example.text!r}, got none")
    if example.fix is not None:
        fixed = fix_to_fixed_point(example.text, lambda t: check.run(Document(t)), unsafe=True).text
        if fixed != example.fix:
            return ExampleResult(check, example, f"fix gave {fixed!r}, expected {example.fix!r}")
    return ExampleResult(check, example, None)


def run_examples(checks: Iterable[Check]) -> list[ExampleResult]:
    return [run_example(check, example) for check in checks for example in check.rule.examples]
