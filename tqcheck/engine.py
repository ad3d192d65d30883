"""Choose rules, find input files, run checks, and return sorted findings per file."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .checks.base import Check
from .document import Document
from .model import FileResult, Finding
from .rulefile import load_rules

DEFAULT_INCLUDE = ("*.txt", "*.md")
# Folders never worth walking into.
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})


@dataclass(frozen=True)
class Settings:
    """Everything that decides what is checked and with which rules (from flags or config)."""

    rule_dirs: tuple[str, ...] = ()
    default_rules: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _matches(check: Check, term: str) -> bool:
    rule = check.rule
    return rule.code.startswith(term.upper()) or term in (rule.name, rule.category, rule.kind) or term.upper() == "ALL"


def select_checks(checks: Iterable[Check], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Check]:
    """Filter by code, code prefix, rule name, category or kind; ``ALL`` matches every rule.

    Without ``select`` every enabled rule runs; a rule with ``enabled: false`` runs only when a
    ``select`` term names it.
    """
    chosen = []
    for check in checks:
        if select:
            if not any(_matches(check, t) for t in select):
                continue
        elif not check.rule.enabled:
            continue
        if any(_matches(check, t) for t in ignore):
            continue
        chosen.append(check)
    return chosen


def unknown_terms(checks: Iterable[Check], terms: Sequence[str]) -> list[str]:
    """Terms of --select/--ignore that match no rule (most likely typos)."""
    checks = list(checks)
    return [t for t in terms if not any(_matches(c, t) for c in checks)]


def resolve_checks(settings: Settings) -> list[Check]:
    """Load the rule folders of ``settings`` (compiled once per process) and apply select/ignore."""
    return select_checks(load_rules(tuple(settings.rule_dirs), settings.default_rules), settings.select, settings.ignore)


def run_checks(doc: Document, checks: Iterable[Check]) -> tuple[list[Finding], list[str]]:
    """Run every check on ``doc``; a check that crashes is reported, the others still run."""
    findings: dict[tuple, Finding] = {}
    problems = []
    for check in checks:
        try:
            for f in check.run(doc):
                # One report per span and correction: a second rule saying the same is noise.
                same = (f.start, f.end, f.suggestions[:1]) if f.suggestions else (f.code, f.start, f.end)
                findings.setdefault(same, f)
        except TimeoutError:
            problems.append(f"rule {check.rule.code} ({check.rule.name}) timed out on this file and was skipped: "
                            "its regular expression backtracks too much")
        except Exception as exc:  # a bug in one rule must not hide the other rules' findings
            problems.append(f"internal error in rule {check.rule.code} ({check.rule.name}): {type(exc).__name__}: {exc}")
    return sorted(findings.values(), key=lambda f: f.sort_key), problems


def check_text(text: str, path: str = "<text>", settings: Settings | None = None, checks: Iterable[Check] | None = None) -> FileResult:
    """Check one decoded text. The library entry point: no I/O, no printing."""
    if checks is None:
        checks = resolve_checks(settings or Settings())
    findings, problems = run_checks(Document(text, path), checks)
    return FileResult(path=path, findings=tuple(findings), error="; ".join(problems) or None, text=text)


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is fine); raises ValueError with the byte offset and line of the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line}); "
            "save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise ValueError("looks like a binary file (contains NUL bytes); skipped")
    return text


def read_text(path: str) -> str:
    """Read and decode one file; raises ValueError with a one-line reason."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ValueError("is a directory") from None
    except FileNotFoundError:
        raise ValueError("no such file") from None
    except PermissionError:
        raise ValueError("permission denied") from None
    except OSError as exc:
        raise ValueError(f"cannot read: {exc.strerror or exc}") from None
    return decode(data, path)


def _included(name: str, rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    if any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in exclude):
        return False
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in include)


def discover(paths: Sequence[str], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = ()) -> list[str]:
    """Expand folders into the files to check, sorted; files named explicitly are always kept.

    A path that does not exist is returned as is, so that the caller reports it as an error.
    """
    out: list[str] = []
    for given in paths:
        if not os.path.isdir(given):
            out.append(given)
            continue
        found = []
        for root, dirs, files in os.walk(given, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not any(fnmatch.fnmatch(d, g) for g in exclude))
            for name in files:
                full = os.path.join(root, name)
                rel = os.path.relpath(full, given)
                if _included(name, rel, include, exclude):
                    found.append(full)
        out.extend(sorted(found))
    return list(dict.fromkeys(out))


def check_file(path: str, checks: Sequence[Check]) -> FileResult:
    try:
        text = read_text(path)
    except ValueError as exc:
        return FileResult(path=path, error=str(exc))
    return check_text(text, path, checks=checks)


def check_paths(paths: Sequence[str], settings: Settings | None = None) -> Iterator[FileResult]:
    """Check files and folders; yields one FileResult per file, in a stable order."""
    settings = settings or Settings()
    checks = resolve_checks(settings)
    for path in discover(paths, settings.include, settings.exclude):
        yield check_file(path, checks)
