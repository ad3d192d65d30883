"""Choose rules, find input files, run checks on the prose, drop suppressed findings, sort, and
spread files over worker processes."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import markup
from .checks.base import Check
from .document import Document
from .model import FileResult, Finding, Severity
from .rulefile import load_rules
from .suppress import Suppressions

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")
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
    # Rule code or name -> "error" | "warning" | "info", replacing the rule's own severity.
    severity: dict = field(default_factory=dict, hash=False)
    # The expected language, handed to every check kind that takes a ``language`` option;
    # None keeps what each rule file says.
    language: str | None = None
    # Glob -> terms (codes, prefixes, names, categories) not to run on matching files. Globs
    # match the path relative to ``root`` (the config file's folder; "" = current folder) or the
    # file name.
    per_file_ignores: dict = field(default_factory=dict, hash=False)
    root: str = ""
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


def configure(checks: Iterable[Check], settings: Settings) -> list[Check]:
    """Apply severity overrides and the expected language. A changed check is rebuilt from a
    copy of its rule (the shared, cached original stays as it is); kinds are not edited: any
    kind that declares a ``language`` key receives the language."""
    out = []
    for check in checks:
        rule, changes = check.rule, {}
        severity = settings.severity.get(rule.code) or settings.severity.get(rule.name)
        if severity:
            changes["severity"] = Severity.parse(severity)
        if settings.language and "language" in type(check).keys and rule.options.get("language") != settings.language:
            changes["options"] = {**rule.options, "language": settings.language}
        out.append(type(check)(dataclasses.replace(rule, **changes)) if changes else check)
    return out


def resolve_checks(settings: Settings) -> list[Check]:
    """Load the rule folders of ``settings`` (compiled once per process), apply select/ignore,
    severity overrides and the language."""
    checks = select_checks(load_rules(tuple(settings.rule_dirs), settings.default_rules), settings.select, settings.ignore)
    return configure(checks, settings)


def checks_for(path: str, checks: Sequence[Check], settings: Settings | None) -> list[Check]:
    """``checks`` minus the rules that ``per-file-ignores`` turns off for ``path``."""
    if settings is None or not settings.per_file_ignores:
        return list(checks)
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(settings.root or ".")).replace(os.sep, "/")
    names = (rel, os.path.basename(path))
    terms = [t for glob, ts in settings.per_file_ignores.items() if any(fnmatch.fnmatch(n, glob) for n in names) for t in ts]
    return [c for c in checks if not any(_matches(c, t) for t in terms)]


def _prose(doc: Document) -> tuple[Document, markup.Mask, Suppressions]:
    """The document the checks read (Markdown/HTML: a masked copy), the mask, the suppressions."""
    kind = markup.kind_of(doc.path)
    mask = markup.mask(doc.text, kind) if kind else markup.Mask()
    suppressions = Suppressions(doc.text, mask.comments if kind else None)
    mask = mask.plus(suppressions.spans)  # the comments themselves are not prose
    if not mask.ranges:
        return doc, mask, suppressions
    return Document(mask.apply(doc.text), doc.path, source=doc.text), mask, suppressions


def run_checks(doc: Document, checks: Iterable[Check]) -> tuple[list[Finding], list[str]]:
    """Run every check on the prose of ``doc``; a check that crashes is reported, the others
    still run. Findings that touch code or markup, and suppressed ones, are dropped; a fix that
    would edit code or markup is dropped from its finding."""
    view, mask, suppressions = _prose(doc)
    findings: dict[tuple, Finding] = {}
    problems = list(suppressions.problems)
    for check in checks:
        try:
            for f in check.run(view):
                if mask.touches(f.start, f.end) or suppressions.suppressed(f):
                    continue
                if f.fix and any(mask.touches(e.start, e.end) for e in f.fix.edits):
                    f = dataclasses.replace(f, fix=None)
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
    """Check one decoded text. The library entry point: no I/O, no printing. The path's suffix
    decides how it is read: ``.md``/``.markdown`` and ``.html``/``.htm`` are checked as prose only."""
    if checks is None:
        checks = resolve_checks(settings or Settings())
    findings, problems = run_checks(Document(text, path), checks_for(path, list(checks), settings))
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


def check_file(path: str, checks: Sequence[Check], settings: Settings | None = None) -> FileResult:
    try:
        text = read_text(path)
    except ValueError as exc:
        return FileResult(path=path, error=str(exc))
    return check_text(text, path, settings, checks=checks)


_WORKER: tuple[list[Check], Settings] | None = None


def _start_worker(settings: Settings) -> None:
    """Process-pool initializer: load and compile the rules once per worker."""
    global _WORKER
    _WORKER = (resolve_checks(settings), settings)


def _check_in_worker(path: str) -> FileResult:
    checks, settings = _WORKER
    return check_file(path, checks, settings)


def check_files(files: Sequence[str], checks: Sequence[Check], settings: Settings, jobs: int = 1) -> Iterator[FileResult]:
    """Check ``files`` in order. With ``jobs`` > 1 they are spread over worker processes, each
    building its rules from ``settings`` (which must therefore describe ``checks``); results
    still come back in the order of ``files``, so the output is the same as with one job."""
    jobs = min(jobs if jobs > 0 else os.cpu_count() or 1, len(files))
    if jobs <= 1:
        for path in files:
            yield check_file(path, checks, settings)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn": no fork of a process that may hold threads or locks; the same on every platform.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(settings,)) as pool:
        yield from pool.map(_check_in_worker, files)


def check_paths(paths: Sequence[str], settings: Settings | None = None, jobs: int = 1) -> Iterator[FileResult]:
    """Check files and folders; yields one FileResult per file, in a stable order."""
    settings = settings or Settings()
    checks = resolve_checks(settings)
    yield from check_files(discover(paths, settings.include, settings.exclude), checks, settings, jobs)
