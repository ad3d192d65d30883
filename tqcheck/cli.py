"""The command line: flags -> Settings, results -> reporters, findings -> exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings remain (or a file could not be
checked); 2 usage, configuration or rule-file error, or no input could be checked at all.
``tqcheck PATHS`` is ``tqcheck check PATHS``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Check machine-translated English news for MT artifacts. `tqcheck PATHS` is `tqcheck check PATHS`.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="List, explain and test the rules.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    html = "html"
    statistics = "statistics"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"tqcheck: error: {message}", err=True)
    return typer.Exit(code)


def _split(values: Optional[List[str]]) -> tuple[str, ...]:
    """Accept both repeated flags and comma-separated lists (--select TQ1,TQ2)."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _use_color(output) -> bool:
    if output is not None or "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _load_checks(rules: Optional[List[Path]], no_default_rules: bool):
    from .rulefile import RuleLoadError, load_rules

    try:
        return load_rules(tuple(str(p) for p in rules or ()), not no_default_rules, cache=True)
    except RuleLoadError as exc:
        for line in exc.errors:
            typer.echo(line, err=True)
        raise _fail(f"{len(exc.errors)} problem(s) in rule files") from None


def _write(text: str, output) -> None:
    """Write to standard output (``output`` None), standard error ("stderr") or a file."""
    with _output(output) as write:
        write(text)


@contextlib.contextmanager
def _output(output):
    """A ``write`` function for standard output (``output`` None), standard error ("stderr") or a
    file. A file is written to a temporary file next to it and renamed into place only once all
    of it was written, so a failure midway leaves the old file as it was."""
    if output is None or output == "stderr":
        yield (sys.stdout if output is None else sys.stderr).write
        return
    tmp = None
    try:
        if output.exists() and not output.is_file():  # /dev/stdout, /dev/null, a pipe: never replace it
            with open(output, "w", encoding="utf-8") as handle:
                yield handle.write
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(f".{output.name}.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            yield handle.write
        os.replace(tmp, output)
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):  # the body only writes: any OSError is about the output
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
        raise
    typer.echo(f"Wrote {output}", err=True)


DEFAULT_MAX_MB = 10  # engine.DEFAULT_MAX_FILE_SIZE in megabytes (the engine is imported lazily)
RulesOption = typer.Option(None, "--rules", help="Extra rule folder (repeatable).", metavar="DIR")
DefaultRulesOption = typer.Option(None, "--default-rules/--no-default-rules", help="Load the shipped rules (default: yes).")
ConfigOption = typer.Option(None, "--config", help="Read settings from FILE instead of the nearest tqcheck.toml or pyproject.toml.", metavar="FILE")
IsolatedOption = typer.Option(False, "--isolated", help="Ignore every config file.")


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    if version:
        typer.echo(f"tqcheck {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="Files or folders to check (default: the current folder)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout.", metavar="FILE"),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these codes, code prefixes, rule names or categories (comma-separated or repeated; ALL for every rule)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these codes, prefixes, rule names or categories."),
    rules: Optional[List[Path]] = RulesOption,
    default_rules: Optional[bool] = DefaultRulesOption,
    include: Optional[List[str]] = typer.Option(None, "--include", help="Glob of files to check in folders (repeatable; default *.txt, *.md, *.markdown).", metavar="GLOB"),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Glob of files or folders to skip (repeatable).", metavar="GLOB"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default: warning)."),
    language: Optional[str] = typer.Option(None, "--language", help="Expected language (a langdetect code, default en), for rules that take one.", metavar="CODE"),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes in place (atomic writes; encoding, BOM and newlines kept)."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply fixes a human should confirm."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of the fixes and write nothing."),
    fix_to: Optional[Path] = typer.Option(None, "--fix-to", help="Write corrected copies into DIR instead of touching the originals.", metavar="DIR"),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per rule instead of the findings."),
    reference: Optional[Path] = typer.Option(None, "--reference", help="Reference translation (file, or folder paired by relative path): adds BLEU/chrF/TER and marks findings in low-scoring lines.", metavar="REF"),
    low_chrf: float = typer.Option(40.0, "--low-chrf", help="With --reference: a line scoring below this sentence chrF is 'low'."),
    report: Optional[bool] = typer.Option(None, "--report/--no-report", help="Write the HTML and JSON reports (default: yes)."),
    report_dir: Optional[Path] = typer.Option(None, "--report-dir", help="Where the HTML and JSON reports go (default: reports).", metavar="DIR"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Ignore the known findings listed in FILE.", metavar="FILE"),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="Write the current findings to the --baseline FILE (then nothing is new)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Check files in N processes (0: one per CPU; default: one per CPU, each with at least 16 files); the output is the same.", metavar="N"),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Encoding of files without a byte-order mark (default utf-8; e.g. cp1256). Fixes are written back in it.", metavar="NAME"),
    max_file_size: float = typer.Option(DEFAULT_MAX_MB, "--max-file-size", help="Skip files larger than this many megabytes (10^6 bytes).", metavar="MB"),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="With `-` (read standard input): the path to report, whose suffix also decides how it is read.", metavar="NAME"),
    config: Optional[Path] = ConfigOption,
    isolated: bool = IsolatedOption,
) -> None:
    """Check files and folders and report the findings."""
    from .checks.base import RuleDataError
    from .engine import DEFAULT_INCLUDE, MB, Settings, check_files, configure, discover, select_checks, unknown_terms
    from .reference import pair_references, score_result
    from .reporters import streamer

    if sum(map(bool, (fix, diff, fix_to))) > 1:
        raise _fail("--fix, --diff and --fix-to are alternatives: use one")
    if jobs is not None and jobs < 0:
        raise _fail("--jobs must be 0 (one process per CPU) or more")
    if not 0 < max_file_size < float("inf"):
        raise _fail("--max-file-size must be a positive number of megabytes")
    if encoding is not None:
        _check_encoding(encoding)
    stdin = "-" in (paths or ())
    if stdin and len(paths) > 1:
        raise _fail("`-` (standard input) cannot be combined with other paths")
    if stdin_filename is not None and not stdin:
        raise _fail("--stdin-filename needs `-` as the path (read standard input)")
    if stdin and (fix_to or reference):
        raise _fail("--fix-to and --reference need files; with `-`, --fix writes the fixed text to standard output")
    cfg, rule_dirs, use_defaults, all_checks = _configured_rules(rules, default_rules, config, isolated)
    select_terms, ignore_terms = _split(select), _split(ignore)
    bad = unknown_terms(all_checks, select_terms + ignore_terms)
    if bad:
        raise _fail(f"no rule matches {', '.join(map(repr, bad))} (see `tqcheck rules list`)")
    flags_given = {"rules": bool(rules), "select": bool(select_terms), "ignore": bool(ignore_terms)}
    _check_config_terms(cfg, all_checks, overridden={key for key, given in flags_given.items() if given})
    settings = Settings(
        rule_dirs=tuple(rule_dirs),
        default_rules=use_defaults,
        select=select_terms or tuple(cfg.get("select", ())),
        ignore=ignore_terms or tuple(cfg.get("ignore", ())),
        include=_split(include) or tuple(cfg.get("include", ())) or DEFAULT_INCLUDE,
        exclude=_split(exclude) or tuple(cfg.get("exclude", ())),
        severity=cfg.get("severity", {}),
        language=language or cfg.get("language"),
        per_file_ignores=cfg.get("per-file-ignores", {}),
        root=str(cfg.path.parent) if cfg.path else "",
        encoding=encoding,
        max_file_size=int(max_file_size * MB),
    )
    try:
        checks = configure(select_checks(all_checks, settings.select, settings.ignore), settings)
    except RuleDataError as exc:
        raise _fail(f"language {settings.language!r}: {exc}") from None
    fail_level = fail_on.value if fail_on else cfg.get("fail-on", "warning")
    write_reports = report if report is not None else cfg.get("report", True) and not stdin
    report_folder = report_dir or Path(cfg.get("report-dir", "reports"))
    baseline = baseline or (Path(cfg.get("baseline")) if cfg.get("baseline") else None)
    if update_baseline and baseline is None:
        raise _fail("--update-baseline needs --baseline FILE (or `baseline` in the config)")
    if update_baseline and diff:
        raise _fail("--update-baseline and --diff are alternatives: use one")
    known = _load_baseline(baseline) if baseline and not update_baseline else None

    rules_meta = tuple((c.rule.code, c.rule.name, c.rule.description, _severity(c.rule, cfg), c.rule.category) for c in all_checks)
    name = "statistics" if statistics else format.value
    roots = paths or ["."]
    references, data = {}, None
    if stdin:
        data, result = _check_stdin(stdin_filename or "-", checks, settings)
        results = iter([result])
    else:
        files = discover(roots, settings.include, settings.exclude)
        if not files:
            typer.echo("tqcheck: warning: no files to check (see --include)", err=True)
        try:
            references = pair_references(files, roots, reference) if reference else {}
        except ValueError as exc:
            raise _fail(str(exc)) from None
        keep_text = (write_reports or format is Format.html or format is Format.sarif or fix or diff or fix_to
                     or references or baseline is not None)
        # Without a consumer of the texts, keep only the findings: memory stays flat on archives.
        results = (r if keep_text or r.text is None else dataclasses.replace(r, text="")
                   for r in _progress(_checked(check_files(files, checks, settings, jobs)), len(files)))
    tally = _Tally()
    stream = None if (fix or diff or fix_to or references or baseline is not None or write_reports) else streamer(name)
    if stream is not None:
        # The plain path: each file is written out as its result arrives and only counts are kept.
        with _output(output) as write:
            stream(map(tally.add, results), _options(_use_color(output), rules_meta), write)
        raise typer.Exit(tally.exit_code(fail_level))

    results = list(results)
    if fix or diff or fix_to:
        results = _apply_fixes(results, checks, settings, roots, unsafe_fixes, diff, fix_to, references, data)
    if references:
        results = [score_result(r, references.get(r.path), low_chrf) for r in results]
    if update_baseline:
        from . import baseline as baselines

        _write(baselines.render(results, baseline), baseline)
        known = _load_baseline(baseline)
    if known is not None:
        from . import baseline as baselines

        results, dropped = baselines.apply(results, known, baseline)
        if dropped:
            typer.echo(f"Ignored {dropped} known finding(s) listed in {baseline}", err=True)

    if not diff:
        to = "stderr" if stdin and fix and output is None else output  # stdout carries the fixed text
        _write(_render(name, results, color=_use_color(to), rules=rules_meta), to)
    if write_reports and not diff:
        _write_reports(results, report_folder, rules_meta)
    for result in results:
        tally.add(result)
    raise typer.Exit(tally.exit_code(fail_level, diff))


class _Tally:
    """What the exit code needs from the results, noted as they pass (nothing else is kept)."""

    def __init__(self) -> None:
        self.files = self.unreadable = self.errors = self.fixed = 0
        self.worst = -1  # the highest severity rank among the findings

    def add(self, result):
        self.files += 1
        self.unreadable += result.text is None
        self.errors += bool(result.error)
        self.fixed += bool(result.extra.get("fixed"))
        self.worst = max([self.worst, *(f.severity.rank for f in result.findings)])
        return result

    def exit_code(self, fail_level: str, diff: bool = False) -> int:
        """2 when no input could be checked; with --diff, 1 when something would be fixed; else
        1 when a finding reaches ``fail_level`` or a file had an error; else 0."""
        from .model import Severity

        if self.files and self.unreadable == self.files:
            return 2
        if diff:
            return 1 if self.fixed else 0
        failing = fail_level != "never" and self.worst >= Severity(fail_level).rank
        return 1 if failing or self.errors else 0


def _checked(results):
    """Pass ``results`` through; a worker process that could not start or died is a usage error."""
    try:
        yield from results
    except (OSError, RuntimeError, ImportError) as exc:  # NotImplementedError is a RuntimeError
        raise _fail(f"parallel checking failed: {exc} (try --jobs 1)") from None


def _check_encoding(name: str) -> None:
    try:
        b"a".decode(name)  # a LookupError also for codecs that are not text encodings (rot13, zlib)
    except UnicodeDecodeError:
        pass  # a real encoding that cannot decode one byte alone (utf-16)
    except LookupError:
        raise _fail(f"--encoding {name}: unknown text encoding (try utf-8, cp1256, latin-1, utf-16-le)") from None


def _check_stdin(name: str, checks, settings):
    """Read standard input (at most the size limit) and check it as the file ``name``.
    Returns (the bytes read, the result)."""
    from .engine import check_text, decode, human_size
    from .model import FileResult

    limit = settings.max_file_size
    data = sys.stdin.buffer.read(limit + 1)
    try:
        if len(data) > limit:
            raise ValueError(f"standard input is over the limit of {human_size(limit)}; skipped (raise it with --max-file-size)")
        text = decode(data, name, settings.encoding)
    except ValueError as exc:
        return data, FileResult(path=name, error=str(exc))
    return data, check_text(text, name, settings, checks=checks)


def _load_config(path: Optional[Path], isolated: bool):
    """The config in effect; every problem in it is a ``path:line: message`` line and exit 2."""
    from .config import ConfigError, discover

    if path is not None and isolated:
        raise _fail("--config and --isolated are alternatives: use one")
    if path is not None and not path.is_file():
        raise _fail(f"--config {path}: no such file")
    try:
        return discover(path, isolated)
    except ConfigError as exc:
        for line in exc.errors:
            typer.echo(line, err=True)
        raise typer.Exit(2) from None


def _configured_rules(rules: Optional[List[Path]], default_rules: Optional[bool], config: Optional[Path], isolated: bool):
    """(config, rule folders, shipped rules on?, checks): the flags where given, else the config's."""
    cfg = _load_config(config, isolated)
    rule_dirs = [str(p) for p in rules] if rules else cfg.get("rules", [])
    use_defaults = default_rules if default_rules is not None else cfg.get("default-rules", True)
    return cfg, rule_dirs, use_defaults, _load_checks(rule_dirs, not use_defaults)


def _severity(rule, cfg) -> str:
    """A rule's severity once the config's ``severity`` table has had its say."""
    overrides = cfg.get("severity", {})
    return overrides.get(rule.code) or overrides.get(rule.name) or rule.severity.value


def _check_config_terms(cfg, checks, overridden: set) -> None:
    """Config terms that match no rule are errors at their line, as --select typos are."""
    from .engine import unknown_terms

    if "rules" in overridden:
        return  # the config's terms may name rules of the folders the flag replaced
    errors = [f"{cfg.where(key)}: {key}: no rule matches {term!r}"
              for key in ("select", "ignore") if key not in overridden
              for term in unknown_terms(checks, cfg.get(key, ()))]
    names = {c.rule.code for c in checks} | {c.rule.name for c in checks}
    errors += [f"{cfg.where('severity', key)}: severity: no rule has the code or name {key!r}"
               for key in cfg.get("severity", {}) if key not in names]
    errors += [f"{cfg.where('per-file-ignores', glob)}: per-file-ignores: no rule matches {term!r}"
               for glob, terms in cfg.get("per-file-ignores", {}).items() for term in unknown_terms(checks, terms)]
    if errors:
        for line in errors:
            typer.echo(line, err=True)
        raise typer.Exit(2)


def _load_baseline(path: Path):
    from .baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as exc:
        raise _fail(str(exc)) from None


def _progress(results, total: int, stream=None):
    """Pass ``results`` through, showing a ``\r`` counter on a terminal when there are more
    than five files (never when stderr is a pipe or a file, as in tests and CI logs)."""
    stream = stream or sys.stderr
    show = total > 5 and stream.isatty()
    for done, result in enumerate(results, 1):
        if show:
            stream.write(f"\rChecking files: {done}/{total}")
            stream.flush()
        yield result
    if show:
        stream.write("\r" + " " * (18 + 2 * len(str(total))) + "\r")
        stream.flush()


def _options(color: bool, rules: tuple):
    from .reporters import RenderOptions

    return RenderOptions(color=color, version=__version__, rules=rules)


def _render(name: str, results, color: bool = False, rules: tuple = ()) -> str:
    from .reporters import reporter

    return reporter(name)(results, _options(color, rules))


def _write_reports(results, folder: Path, rules: tuple) -> None:
    """The default HTML and JSON reports an editor opens after ``tqcheck seeds/``."""
    for name in ("html", "json"):
        _write(_render(name, results, rules=rules), folder / f"tqcheck-report.{name}")


def _apply_fixes(results, all_checks, settings, roots, unsafe: bool, diff: bool, fix_to: Optional[Path], references: dict,
                 stdin: Optional[bytes] = None):
    """Fix every checked file to a fixed point; write, copy or diff; return the re-checked results.

    A file is written only if it still holds the text that was checked, in its own encoding,
    BOM and newlines; any problem leaves it untouched and becomes that file's error. With
    ``stdin`` (the bytes read from standard input) the fixed text goes to standard output,
    or the input unchanged when it could not be checked or fixed.
    """
    import dataclasses

    from .engine import check_text, checks_for, decode
    from .reference import relative_path
    from .fixer import encode_like, fix_text, unified_diff, write_atomic

    out = []
    fixed_files = fixed_count = 0
    for result in results:
        if result.text is None:
            if stdin is not None and not diff:
                _echo_stdin(stdin)
            out.append(result)
            continue
        checks = checks_for(result.path, all_checks, settings)
        outcome = fix_text(result.text, result.path, checks, unsafe)
        if outcome.warning:
            typer.echo(f"tqcheck: warning: {result.path}: {outcome.warning}", err=True)
        target = result.path
        try:
            if diff:
                sys.stdout.write(unified_diff(result.path, result.text, outcome.text))
            elif stdin is not None:
                _echo_stdin(stdin, encode_like(outcome.text, stdin, settings.encoding))
            elif fix_to is not None or outcome.changed:
                original = Path(result.path).read_bytes()
                if decode(original, result.path, settings.encoding) != result.text:
                    raise ValueError("the file changed while it was being checked; run again")
                data = encode_like(outcome.text, original, settings.encoding)
                if fix_to is not None:
                    target = str(fix_to / relative_path(result.path, roots))
                    Path(target).parent.mkdir(parents=True, exist_ok=True)
                write_atomic(target, data, mode_from=result.path)
        except (OSError, ValueError) as exc:
            if stdin is not None:
                _echo_stdin(stdin)
            out.append(dataclasses.replace(result, error=f"fixes not written: {_reason(exc)}"))
            continue
        rechecked = check_text(outcome.text, target, checks=checks) if outcome.changed else dataclasses.replace(result, path=target)
        extra = dict(result.extra)
        if outcome.changed:
            fixed_files += 1
            fixed_count += len(outcome.applied)
            extra["fixed"] = _fix_summary(outcome, result.text, references.get(result.path))
        out.append(dataclasses.replace(rechecked, extra=extra))
    verb = "Would fix" if diff else "Fixed"
    remaining = sum(1 for r in out for f in r.findings if f.fix is not None)
    typer.echo(f"{verb} {fixed_count} finding(s) in {fixed_files} file(s); {remaining} finding(s) with a fix left "
               f"for a human{'' if unsafe else ' (some may apply with --unsafe-fixes)'}.", err=True)
    return out


def _reason(exc: Exception) -> str:
    """One line saying why a fixed file could not be written (it was left as it was)."""
    if isinstance(exc, UnicodeEncodeError):
        char = exc.object[exc.start]
        return f"{exc.encoding} cannot encode {char!r} (U+{ord(char):04X}) of the fixed text; the file is unchanged"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}; the file is unchanged"
    return str(exc)


def _echo_stdin(original: bytes, data: Optional[bytes] = None) -> None:
    """`-` with --fix: write the fixed bytes (or the input as it came, with whatever of it was
    not read) to standard output."""
    import shutil

    stream = sys.stdout.buffer
    stream.write(original if data is None else data)
    if data is None:
        shutil.copyfileobj(sys.stdin.buffer, stream)
    stream.flush()


def _fix_summary(outcome, original: str, reference: Optional[Path]) -> dict:
    """What fixing changed: counts per rule, and chrF/TER between the original and fixed text
    (with a reference: the scores before and after)."""
    from collections import Counter

    from .engine import read_text
    from .scoring import ScoringError, fix_impact

    summary = {"count": len(outcome.applied), "passes": outcome.passes,
               "by_rule": dict(sorted(Counter(f.code for f in outcome.applied).items()))}
    try:
        summary["impact"] = fix_impact(original, outcome.text, read_text(str(reference)) if reference else None)
    except (ValueError, ScoringError) as exc:
        summary["impact_error"] = str(exc)
    return summary


@rules_app.command("list")
def rules_list(
    rules: Optional[List[Path]] = RulesOption,
    default_rules: Optional[bool] = DefaultRulesOption,
    config: Optional[Path] = ConfigOption,
    isolated: bool = IsolatedOption,
) -> None:
    """List the rules `tqcheck check` loads here (the config's rule folders and severities
    included): code, name, check kind, severity and category."""
    cfg, _, _, checks = _configured_rules(rules, default_rules, config, isolated)
    rows = [(c.rule.code, c.rule.name, c.rule.kind, _severity(c.rule, cfg), c.rule.category, "" if c.rule.enabled else "off") for c in checks]
    widths = [max(len(r[i]) for r in rows + [("CODE", "NAME", "CHECK", "SEVERITY", "CATEGORY", "")]) for i in range(5)]
    header = ("CODE", "NAME", "CHECK", "SEVERITY", "CATEGORY")
    typer.echo("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    for row in rows:
        typer.echo(("  ".join(v.ljust(w) for v, w in zip(row, widths)) + ("  (opt-in)" if row[5] else "")).rstrip())


@rules_app.command("show")
@rules_app.command("explain", hidden=True)  # the word the group's help uses, as in `ruff rule`
def rules_show(
    code: str = typer.Argument(..., help="A rule code (TQ101) or name (doubled-word)."),
    rules: Optional[List[Path]] = RulesOption,
    default_rules: Optional[bool] = DefaultRulesOption,
    config: Optional[Path] = ConfigOption,
    isolated: bool = IsolatedOption,
) -> None:
    """Explain one rule: what it finds, why, its options and its examples."""
    cfg, _, _, checks = _configured_rules(rules, default_rules, config, isolated)
    found = [c for c in checks if code.upper() == c.rule.code or code == c.rule.name]
    if not found:
        raise _fail(f"no rule {code!r} (see `tqcheck rules list`)")
    rule = found[0].rule
    typer.echo(f"{rule.code} {rule.name}  ({rule.kind}, {_severity(rule, cfg)}, {rule.category}{'' if rule.enabled else ', opt-in'})")
    typer.echo(f"file: {rule.path}")
    if rule.description:
        typer.echo("")
        typer.echo(rule.description)
    if rule.link:
        typer.echo(f"\nSee: {rule.link}")
    typer.echo(f"\nMessage: {rule.message}")
    if rule.examples:
        typer.echo("\nExamples:")
        for ex in rule.examples:
            if ex.passes:
                typer.echo(f"  ok:    {ex.text}")
            else:
                typer.echo(f"  flags: {ex.text}")
                if ex.fix is not None:
                    typer.echo(f"  fix:   {ex.fix}")


@rules_app.command("test")
def rules_test(
    rules: Optional[List[Path]] = RulesOption,
    default_rules: Optional[bool] = DefaultRulesOption,
    config: Optional[Path] = ConfigOption,
    isolated: bool = IsolatedOption,
) -> None:
    """Run the examples of the rules `tqcheck check` loads here; exit 1 if any example does not
    behave as written."""
    from .examples import run_examples

    results = run_examples(_configured_rules(rules, default_rules, config, isolated)[3])
    failures = [r for r in results if r.problem]
    for r in failures:
        typer.echo(f"{r.where}: {r.check.rule.code} {r.problem}")
    typer.echo(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


@app.command()
def score(
    hyp: Path = typer.Argument(..., help="Translation file or folder (with --ref: the baseline system).", metavar="HYP"),
    ref: Path = typer.Argument(..., help="Reference file or folder (with --ref: the second system).", metavar="REF"),
    paired_ref: Optional[Path] = typer.Option(None, "--ref", help="Compare HYP and the second system against this reference (paired bootstrap).", metavar="REF"),
    metrics: str = typer.Option("bleu,chrf,ter", "--metrics", "-m", help="Comma-separated metrics: bleu, chrf, ter."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    worst: int = typer.Option(0, "--worst", help="Also show the N lines with the lowest chrF.", metavar="N"),
    segments: Optional[Path] = typer.Option(None, "--segments", help="Write per-line scores to FILE (.tsv or .csv).", metavar="FILE"),
    confidence: bool = typer.Option(False, "--confidence", help="Add bootstrap 95% confidence intervals."),
    confidence_n: int = typer.Option(1000, "--confidence-n", help="Bootstrap resamples (confidence and paired comparison).", metavar="N"),
) -> None:
    """Score translations against a reference with sacrebleu's BLEU, chrF and TER."""
    import json

    from . import scoring

    try:
        names = scoring.parse_metrics(metrics.split(","))
        if format not in ("text", "json"):
            raise scoring.ScoringError(f"--format must be text or json, not {format!r}")
        if confidence_n < 2 or worst < 0:
            raise scoring.ScoringError("--confidence-n must be at least 2 and --worst at least 0")
        if paired_ref is not None:
            if worst or segments:
                raise scoring.ScoringError("--worst and --segments score one system; drop --ref")
            baseline, system, refs = scoring.read_corpus([hyp, ref, paired_ref]).streams
            paired = scoring.paired_comparison(baseline, system, refs, names, confidence_n)
            if format == "json":
                typer.echo(json.dumps({"baseline": str(hyp), "system": str(ref), "reference": str(paired_ref), **paired}, indent=2, ensure_ascii=False))
            else:
                typer.echo(scoring.format_paired(paired, str(hyp), str(ref)), nl=False)
            return
        corpus = scoring.read_corpus([hyp, ref])
        hyps, refs = corpus.streams
        scores = scoring.corpus_scores(hyps, refs, names, confidence_n if confidence else 0)
        segs = scoring.segment_scores(hyps, refs, corpus.where) if (worst or segments or format == "json") else []
        if segments:
            scoring.write_segments(segs, segments)
            typer.echo(f"Wrote {segments}", err=True)
    except scoring.ScoringError as exc:
        raise _fail(str(exc)) from None
    if format == "json":
        doc = {**scores, "segments": [s.to_dict() for s in segs]}
        if worst:
            doc["worst"] = [s.to_dict() for s in scoring.worst(segs, worst)]
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    typer.echo(scoring.format_scores(scores), nl=False)
    if worst:
        typer.echo(f"\n{min(worst, len(segs))} lowest chrF:\n" + scoring.format_segments(scoring.worst(segs, worst)), nl=False)


_SUBCOMMANDS = {"check", "rules", "score"}
_TOP_LEVEL = {"-h", "--help", "--version"}


def route(args: List[str]) -> List[str]:
    """``tqcheck PATHS [OPTIONS]`` means ``tqcheck check PATHS [OPTIONS]``."""
    if not args or (args[0] not in _SUBCOMMANDS and args[0] not in _TOP_LEVEL):
        return ["check", *args]
    return list(args)


def main(argv: Optional[List[str]] = None) -> None:
    """Console entry point. A check compiles its patterns through tqcheck's cache of compiled
    patterns (tqcheck.pattern_cache), which it saves on the way out, error or not."""
    args = route(list(sys.argv[1:] if argv is None else argv))
    if args[0] != "check" or "--help" in args:
        app(args=args, prog_name="tqcheck")
        return
    from .cache import folder
    from .pattern_cache import PatternCache

    patterns = PatternCache(folder())
    patterns.install()
    try:
        app(args=args, prog_name="tqcheck")
    finally:
        patterns.uninstall()
        patterns.save()
