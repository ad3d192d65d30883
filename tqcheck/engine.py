"""Choose rules, find input files, run checks on the prose, drop suppressed findings, sort, and
spread files over worker processes."""

from __future__ import annotations

import codecs
import dataclasses
import errno
import fnmatch
import os
import re
import stat
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
DEFAULT_MAX_FILE_SIZE = 10_000_000  # bytes (10 MB); --max-file-size raises it
MB = 1_000_000
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
    # How files are read: the encoding of files without a BOM (None: UTF-8), the largest size.
    encoding: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
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


_LONE_CR = re.compile(r"\r(?!\n)")  # a line end of its own, not the CR of a CRLF
_NO_MASK = markup.Mask()  # plain text: nothing is blanked (a Mask is immutable, so one serves all)


def _prose(doc: Document) -> tuple[Document, markup.Mask, Suppressions]:
    """The document the checks read (Markdown/HTML: a masked copy), the mask, the suppressions."""
    if "\r" in doc.text and _LONE_CR.search(doc.text):
        # Classic Mac OS line ends (a file of them, or a few in another): read as LF, one
        # character for one, so offsets and fixes stay those of the file.
        doc = Document(_LONE_CR.sub("\n", doc.text), doc.path)
    kind = markup.kind_of(doc.path)
    mask = markup.mask(doc.text, kind) if kind else _NO_MASK
    suppressions = Suppressions(doc.text, mask.comments if kind else None)
    if suppressions.directives:
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
    screened = bool(mask.ranges or suppressions.directives)  # plain text and no comment: keep all
    for check in checks:
        try:
            for f in check.run(view):
                if screened:
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


# Byte-order marks, longest first (a UTF-32-LE BOM begins with the UTF-16-LE one). A file that
# starts with one is read in that encoding whatever --encoding says; fixes write it back the same.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff(data: bytes, encoding: str | None = None) -> tuple[bytes, str]:
    """(BOM, encoding) of file contents: the BOM's encoding if there is one, else ``encoding``
    (default UTF-8) and no BOM."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", encoding or "utf-8"


def decode(data: bytes, path: str = "", encoding: str | None = None) -> str:
    """Decode file contents (see ``sniff``); raises ValueError with a one-line reason: a binary
    file, or the byte offset and line of the first byte that is not valid in the encoding."""
    bom, name = sniff(data, encoding)
    if not bom and encoding is None and b"\x00" in data:
        raise ValueError("looks like a binary file (contains NUL bytes); skipped")
    try:
        text = data[len(bom):].decode(name)
    except UnicodeDecodeError as exc:
        offset = len(bom) + exc.start
        line = data[len(bom):offset].decode(name, "replace").count("\n") + 1
        label = "UTF-8" if name == "utf-8" else name
        if bom:
            hint = f"yet it starts with the {label} byte-order mark"
        elif encoding:
            hint = f"is --encoding {encoding} right?"
        else:
            hint = "save the file as UTF-8 or name its encoding with --encoding (cp1256 for Arabic Windows files)"
        raise ValueError(f"not valid {label}: byte 0x{data[offset]:02x} at offset {offset} (line {line}); {hint}") from None
    except LookupError as exc:  # --encoding was checked; a library caller may pass anything
        raise ValueError(f"cannot decode: {exc}") from None
    if "\x00" in text:
        raise ValueError("looks like a binary file (contains NUL bytes); skipped")
    return text


def human_size(n: int) -> str:
    """12.3 MB, or 4,096 bytes below a tenth of a megabyte."""
    return f"{n / MB:.1f}".removesuffix(".0") + " MB" if n >= MB // 10 else f"{n:,} bytes"


def read_bytes(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The contents of a regular file no larger than ``max_size`` bytes (checked with stat
    before reading); raises ValueError with a one-line reason."""

    def too_large(size: int) -> ValueError:
        return ValueError(f"too large: {human_size(size)}, over the limit of {human_size(max_size)}; skipped "
                          f"(raise it with --max-file-size {-(-size // MB)})")

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ValueError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file (a pipe, socket or device); skipped")
        if info.st_size > max_size:
            raise too_large(info.st_size)
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)  # the file may have grown since stat
    except FileNotFoundError:
        if os.path.islink(path):
            raise ValueError(f"broken symbolic link (to {os.readlink(path)!r})") from None
        raise ValueError("no such file or folder") from None
    except PermissionError:
        raise ValueError("permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError("symbolic link loop") from None
        raise ValueError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_size:
        raise too_large(len(data))
    return data


def read_text(path: str, encoding: str | None = None, max_size: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """Read and decode one file; raises ValueError with a one-line reason."""
    return decode(read_bytes(path, max_size), path, encoding)


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
    settings = settings or Settings()
    try:
        text = read_text(path, settings.encoding, settings.max_file_size)
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


# Starting a worker costs about what checking a dozen articles does: fewer files stay serial.
MIN_FILES_PER_WORKER = 16


def usable_cpus() -> int:
    """The CPUs this process may run on (a container's or taskset's share, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def auto_jobs(files: int) -> int:
    """Processes when the user did not choose: one per usable CPU, each with at least
    ``MIN_FILES_PER_WORKER`` files, so a small folder is checked without starting any."""
    return max(1, min(usable_cpus(), files // MIN_FILES_PER_WORKER))


def check_files(files: Sequence[str], checks: Sequence[Check], settings: Settings, jobs: int | None = 1) -> Iterator[FileResult]:
    """Check ``files`` in order. With ``jobs`` > 1 (0: one per usable CPU; None: ``auto_jobs``)
    they are spread over worker processes, each building its rules from ``settings`` (which must
    therefore describe ``checks``); results still come back in the order of ``files``, so the
    output is the same as with one job. When ``jobs`` is None and workers cannot be started here
    (no fork and no semaphores, as in some sandboxes), the files are checked in this process."""
    chosen = jobs is not None
    jobs = min(auto_jobs(len(files)) if jobs is None else jobs if jobs > 0 else usable_cpus(), len(files))
    if jobs <= 1:
        for path in files:
            yield check_file(path, checks, settings)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "fork" where the platform has it: workers inherit the compiled rules (tqcheck starts no
    # threads, so forking is safe) instead of spending a second each loading them again.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(settings,))
    except (OSError, ImportError, NotImplementedError):
        if chosen:
            raise
        yield from check_files(files, checks, settings, 1)
        return
    with pool:
        # The first file is checked here, before the pool forks its workers (at the first task):
        # they inherit what it warmed (patterns compiled and tables built on first use) instead
        # of each paying for it again.
        yield check_file(files[0], checks, settings)
        yield from pool.map(_check_in_worker, files[1:], chunksize=chunk)


def check_paths(paths: Sequence[str], settings: Settings | None = None, jobs: int = 1) -> Iterator[FileResult]:
    """Check files and folders; yields one FileResult per file, in a stable order."""
    settings = settings or Settings()
    checks = resolve_checks(settings)
    yield from check_files(discover(paths, settings.include, settings.exclude), checks, settings, jobs)
