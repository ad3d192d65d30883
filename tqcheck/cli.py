"""The command line: flags -> Settings, results -> reporters, findings -> exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings remain (or a file could not be
checked); 2 usage, configuration or rule-file error, or no input could be checked at all.
``tqcheck PATHS`` is ``tqcheck check PATHS``.
"""

from __future__ import annotations

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


def _use_color(output: Optional[Path]) -> bool:
    if output is not None or "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _load_checks(rules: Optional[List[Path]], no_default_rules: bool):
    from .rulefile import RuleLoadError, load_rules

    try:
        return load_rules(tuple(str(p) for p in rules or ()), not no_default_rules)
    except RuleLoadError as exc:
        for line in exc.errors:
            typer.echo(line, err=True)
        raise _fail(f"{len(exc.errors)} problem(s) in rule files") from None


def _write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(f".{output.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"Wrote {output}", err=True)


RulesOption = typer.Option(None, "--rules", help="Extra rule folder (repeatable).", metavar="DIR")


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
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Do not load the shipped rules."),
    include: Optional[List[str]] = typer.Option(None, "--include", help="Glob of files to check in folders (repeatable; default *.txt, *.md).", metavar="GLOB"),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Glob of files or folders to skip (repeatable).", metavar="GLOB"),
    fail_on: FailOn = typer.Option(FailOn.warning, "--fail-on", help="Lowest severity that makes the exit code 1."),
) -> None:
    """Check files and folders and report the findings."""
    from .engine import DEFAULT_INCLUDE, Settings, check_file, discover, select_checks, unknown_terms
    from .model import Severity
    from .reporters import RenderOptions, reporter

    all_checks = _load_checks(rules, no_default_rules)
    select_terms, ignore_terms = _split(select), _split(ignore)
    bad = unknown_terms(all_checks, select_terms + ignore_terms)
    if bad:
        raise _fail(f"no rule matches {', '.join(map(repr, bad))} (see `tqcheck rules list`)")
    checks = select_checks(all_checks, select_terms, ignore_terms)
    settings = Settings(include=_split(include) or DEFAULT_INCLUDE, exclude=_split(exclude))
    files = discover(paths or ["."], settings.include, settings.exclude)
    if not files:
        typer.echo("tqcheck: warning: no files to check (see --include)", err=True)
    results = [check_file(path, checks) for path in files]
    render = reporter(format.value)
    _write(render(results, RenderOptions(color=_use_color(output), version=__version__)), output)

    if results and all(r.error and not r.findings and r.text is None for r in results):
        raise typer.Exit(2)
    threshold = None if fail_on is FailOn.never else Severity(fail_on.value).rank
    failing = threshold is not None and any(f.severity.rank >= threshold for r in results for f in r.findings)
    raise typer.Exit(1 if failing or any(r.error for r in results) else 0)


@rules_app.command("list")
def rules_list(
    rules: Optional[List[Path]] = RulesOption,
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Do not load the shipped rules."),
) -> None:
    """List every rule: code, name, kind, severity, category and a one-line description."""
    checks = _load_checks(rules, no_default_rules)
    rows = [(c.rule.code, c.rule.name, c.rule.kind, c.rule.severity.value, c.rule.category, "" if c.rule.enabled else "off") for c in checks]
    widths = [max(len(r[i]) for r in rows + [("CODE", "NAME", "CHECK", "SEVERITY", "CATEGORY", "")]) for i in range(5)]
    header = ("CODE", "NAME", "CHECK", "SEVERITY", "CATEGORY")
    typer.echo("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    for row in rows:
        typer.echo(("  ".join(v.ljust(w) for v, w in zip(row, widths)) + ("  (opt-in)" if row[5] else "")).rstrip())


@rules_app.command("show")
def rules_show(
    code: str = typer.Argument(..., help="A rule code (TQ101) or name (doubled-word)."),
    rules: Optional[List[Path]] = RulesOption,
) -> None:
    """Explain one rule: what it finds, why, its options and its examples."""
    checks = _load_checks(rules, False)
    found = [c for c in checks if code.upper() == c.rule.code or code == c.rule.name]
    if not found:
        raise _fail(f"no rule {code!r} (see `tqcheck rules list`)")
    rule = found[0].rule
    typer.echo(f"{rule.code} {rule.name}  ({rule.kind}, {rule.severity.value}, {rule.category}{'' if rule.enabled else ', opt-in'})")
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
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Test only the rules in --rules folders."),
) -> None:
    """Run every rule's examples; exit 1 if any example does not behave as written."""
    from .examples import run_examples

    results = run_examples(_load_checks(rules, no_default_rules))
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
    """Console entry point."""
    app(args=route(list(sys.argv[1:] if argv is None else argv)), prog_name="tqcheck")
