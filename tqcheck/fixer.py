"""Apply fixes to a fixed point: ruff's algorithm with sqlfluff's loop guard.

Each pass collects the eligible fixes, applies them in position order skipping any that overlap
an edit already applied, and re-checks; at most ``MAX_PASSES`` passes, and a text seen before
stops the loop (two rules undoing each other).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import Applicability, Finding, Fix

MAX_PASSES = 10


def eligible(fix: Fix | None, unsafe: bool) -> bool:
    if fix is None:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def apply_once(text: str, findings: Iterable[Finding], unsafe: bool = False) -> tuple[str, list[Finding]]:
    """Apply the non-overlapping eligible fixes of one pass; returns (new text, applied findings)."""
    candidates = sorted((f for f in findings if eligible(f.fix, unsafe)), key=lambda f: (f.fix.start, f.fix.end, f.code))
    applied: list[Finding] = []
    pieces: list[str] = []
    cursor = 0
    for finding in candidates:
        edits = sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
        if edits[0].start < cursor or any(a.end > b.start for a, b in zip(edits, edits[1:])):
            continue  # overlaps an applied edit: retry on the next pass
        for edit in edits:
            pieces.append(text[cursor : edit.start])
            pieces.append(edit.text)
            cursor = edit.end
        applied.append(finding)
    pieces.append(text[cursor:])
    return "".join(pieces), applied


@dataclass
class FixOutcome:
    text: str
    applied: list[Finding] = field(default_factory=list)
    passes: int = 0
    warning: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_to_fixed_point(text: str, check: Callable[[str], Iterable[Finding]], unsafe: bool = False) -> FixOutcome:
    """Re-check and fix until nothing eligible is left (or the loop guard trips)."""
    outcome = FixOutcome(text)
    seen = {text}
    for _ in range(MAX_PASSES):
        new, applied = apply_once(outcome.text, check(outcome.text), unsafe)
        if not applied:
            return outcome
        outcome.passes += 1
        outcome.applied.extend(applied)
        if new in seen:
            outcome.warning = "fixes undo each other; stopped after a repeated text"
            return outcome
        seen.add(new)
        outcome.text = new
    outcome.warning = f"still changing after {MAX_PASSES} passes; stopped"
    return outcome
