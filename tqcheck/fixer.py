"""Apply fixes to a fixed point: ruff's algorithm with sqlfluff's loop guard.

Each pass collects the eligible fixes, applies them in position order skipping any that overlap
an edit already applied, and re-checks; at most ``MAX_PASSES`` passes, and a text seen before
stops the loop (two rules undoing each other).
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

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


def fix_text(text: str, path: str, checks, unsafe: bool = False) -> FixOutcome:
    """Fix one decoded text with the given checks, re-checking after every pass."""
    from .document import Document
    from .engine import run_checks

    return fix_to_fixed_point(text, lambda t: run_checks(Document(t, path), checks)[0], unsafe)


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff of one file, as ``diff -u`` prints it (``--diff`` output). A line that
    ends in a classic Mac OS line end ("\\r") is ended as a line for the terminal too."""
    name = path.lstrip("/")
    lines = difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{name}", f"b/{name}")
    return "".join(
        line if line.endswith("\n") else line + "\n" if line.endswith("\r") else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


def encode_like(text: str, original: bytes, encoding: str | None = None) -> bytes:
    """Encode ``text`` as the original file was: the BOM and encoding it started with (UTF-8,
    UTF-16 or UTF-32), else ``encoding`` (--encoding; default UTF-8) without a BOM. Raises
    UnicodeEncodeError when the encoding cannot hold a character of ``text``.

    Newlines need no care: the text was decoded without newline translation, so CRLF stayed."""
    from .engine import sniff

    bom, name = sniff(original, encoding)
    return bom + text.encode(name)


def write_atomic(path: str | os.PathLike, data: bytes, mode_from: str | os.PathLike | None = None) -> None:
    """Write through a temporary file in the same folder, fsync, then rename over ``path``:
    a crash leaves either the old file or the new one, never half of each (at worst a stray
    ``.NAME.*.tqcheck`` temporary file). A symbolic link is followed, so the file it points to is
    replaced, not the link. Keeps the permission bits, and the owner where allowed, of
    ``mode_from`` (the original file; default ``path`` itself)."""
    path = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tqcheck", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        source = Path(mode_from) if mode_from is not None else (path if path.exists() else None)
        if source is not None:
            info = source.stat()
            try:
                os.chown(tmp, info.st_uid, info.st_gid)
            except OSError:
                pass  # only root may give a file away; the permission bits are what matter
            os.chmod(tmp, info.st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable on POSIX (best effort: the new file is already in place)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass
