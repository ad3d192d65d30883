"""Reference scoring with sacrebleu: corpus BLEU/chrF/TER, per-segment scores, bootstrap tests.

Scores are sacrebleu's own, with its default settings, rounded and printed the way its command
line prints them (``--width 1``), so a number from tqcheck can be compared with a published
sacrebleu number and its signature. sacrebleu (and numpy) are imported inside the functions so
that importing tqcheck stays fast. Bootstrap resampling uses sacrebleu's seed: ``SACREBLEU_SEED``
or 12345, so results repeat from run to run.
"""

from __future__ import annotations

import bisect
import csv
import io
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

METRICS = ("bleu", "chrf", "ter")
WIDTH = 1  # decimals, as sacrebleu's command line prints by default
DEFAULT_RESAMPLES = 1000  # sacrebleu's --confidence-n and --paired-bs-n


class ScoringError(ValueError):
    """Bad input for scoring; the message is one line meant for the user."""


def parse_metrics(names: Iterable[str]) -> tuple[str, ...]:
    """Validate metric names; return them deduplicated in sacrebleu's order (BLEU, chrF, TER)."""
    wanted = {n.strip().lower() for n in names if n.strip()}
    unknown = sorted(wanted - set(METRICS))
    if unknown:
        raise ScoringError(f"unknown metric {unknown[0]!r} (choose from {', '.join(METRICS)})")
    if not wanted:
        raise ScoringError(f"no metric given (choose from {', '.join(METRICS)})")
    return tuple(m for m in METRICS if m in wanted)


def _metric(name: str, refs: Sequence[str] | None = None, **kwargs: Any):
    from sacrebleu.metrics import BLEU, CHRF, TER

    cls = {"bleu": BLEU, "chrf": CHRF, "ter": TER}[name]
    return cls(references=[list(refs)] if refs is not None else None, **kwargs)


def _round(value: float, width: int = WIDTH) -> float:
    """Round exactly as sacrebleu's JSON output does: through the printed string."""
    return float(f"{value:.{width}f}")


def _check_pair(hyps: Sequence[str], refs: Sequence[str], what: str = "hypothesis") -> None:
    if len(hyps) != len(refs):
        raise ScoringError(f"the {what} has {len(hyps)} lines but the reference has {len(refs)}")
    if not hyps:
        raise ScoringError("empty input: nothing to score")


def corpus_scores(hyps: Sequence[str], refs: Sequence[str], metrics: Iterable[str] = METRICS,
                  confidence_n: int = 0, width: int = WIDTH) -> dict[str, dict[str, Any]]:
    """Corpus scores keyed by metric id: ``{"bleu": {"name", "score", "signature", ...}}``.

    The fields come from sacrebleu's own JSON formatter, so the rounding and the signature are
    the command line's. BLEU adds ``verbose_score``; ``confidence_n > 1`` adds the bootstrap
    ``mean`` and ``ci`` (half-width of the 95% interval) when sacrebleu reports them.
    """
    import json

    _check_pair(hyps, refs)
    out = {}
    for name in parse_metrics(metrics):
        metric = _metric(name, refs)
        score = metric.corpus_score(list(hyps), None, n_bootstrap=max(confidence_n, 1))
        shown = json.loads(score.format(width, signature=metric.get_signature().format(), is_json=True))
        entry = {"name": shown["name"], "score": shown["score"], "signature": shown["signature"]}
        if "verbose_score" in shown:
            entry["verbose_score"] = shown["verbose_score"]
        if "confidence_mean" in shown:
            entry["mean"], entry["ci"] = shown["confidence_mean"], shown["confidence_var"]
        out[name] = entry
    return out


def format_scores(scores: dict[str, dict[str, Any]], width: int = WIDTH) -> str:
    """sacrebleu's ``--format text`` lines: ``NAME|signature = score``, aligned on ``=``."""
    lefts = [f"{s['name']}|{s['signature']}" for s in scores.values()]
    pad = max(map(len, lefts), default=0)
    lines = []
    for left, s in zip(lefts, scores.values()):
        line = f"{left:>{pad}} = {s['score']:.{width}f}"
        if "mean" in s:
            line += f" (μ = {s['mean']:.{width}f} ± {s['ci']:.{width}f})"
        if s.get("verbose_score"):
            line += f" {s['verbose_score']}"
        lines.append(line)
    return "".join(line + "\n" for line in lines)


# --- segments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One line's sentence chrF and BLEU; ``span`` is its code-point range in a document."""

    line: int
    chrf: float
    bleu: float
    hypothesis: str
    reference: str
    file: str = ""
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"file": self.file} if self.file else {}
        d.update(line=self.line, chrf=self.chrf, bleu=self.bleu)
        return d


def segment_scores(hyps: Sequence[str], refs: Sequence[str], where: Sequence[tuple[str, int]] | None = None,
                   width: int = WIDTH) -> list[Segment]:
    """Sentence chrF and sentence BLEU per line, as ``sacrebleu -sl`` computes them.

    Sentence BLEU uses effective order (sacrebleu -sl turns it on): without it, a short line
    with no 4-gram match would score 0 whatever else it gets right.
    """
    _check_pair(hyps, refs)
    chrf, bleu = _metric("chrf"), _metric("bleu", effective_order=True)
    where = where or [("", i) for i in range(1, len(hyps) + 1)]
    return [
        Segment(line, _round(chrf.sentence_score(h, [r]).score, width), _round(bleu.sentence_score(h, [r]).score, width),
                h, r, file)
        for h, r, (file, line) in zip(hyps, refs, where)
    ]


def worst(segments: Sequence[Segment], n: int) -> list[Segment]:
    """The n segments with the lowest chrF; ties keep input order (file, then line)."""
    order = sorted(range(len(segments)), key=lambda i: (segments[i].chrf, i))
    return [segments[i] for i in order[:max(n, 0)]]


def format_segments(segments: Sequence[Segment], width: int = WIDTH) -> str:
    """A readable list for the terminal: where, the two scores, then both texts."""
    out = []
    for s in segments:
        where = f"{s.file}:{s.line}" if s.file else f"line {s.line}"
        out.append(f"{where}  chrF2 {s.chrf:.{width}f}  BLEU {s.bleu:.{width}f}\n"
                   f"  hyp: {s.hypothesis}\n  ref: {s.reference}\n")
    return "".join(out)


def write_segments(segments: Sequence[Segment], path: Path, width: int = WIDTH) -> None:
    """Write a spreadsheet of per-line scores, TSV or CSV by the file's extension (atomically)."""
    delimiter = {".tsv": "\t", ".csv": ","}.get(path.suffix.lower())
    if delimiter is None:
        raise ScoringError(f"{path}: segments file must end in .tsv or .csv")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    with_file = any(s.file for s in segments)
    writer.writerow((["file"] if with_file else []) + ["line", "chrf", "bleu", "hypothesis", "reference"])
    for s in segments:
        writer.writerow(([s.file] if with_file else [])
                        + [s.line, f"{s.chrf:.{width}f}", f"{s.bleu:.{width}f}", s.hypothesis, s.reference])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(buf.getvalue(), encoding="utf-8", newline="")
        os.replace(tmp, path)
    except OSError as exc:
        raise ScoringError(f"cannot write {path}: {exc.strerror or exc}") from None


# --- reading files and folders --------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """Lines the way sacrebleu's command line reads a file: split on LF, trailing space dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


@dataclass(frozen=True)
class Corpus:
    """Parallel line streams, one per input path; ``where[k]`` is (file, line) of line k."""

    streams: tuple[tuple[str, ...], ...]
    where: tuple[tuple[str, int], ...]


def _files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _read(path: Path) -> list[str]:
    from .engine import read_text  # same decoding and messages as `tqcheck check`

    try:
        return split_lines(read_text(str(path)))
    except ValueError as exc:
        raise ScoringError(f"{path}: {exc}") from None


def read_corpus(paths: Sequence[Path]) -> Corpus:
    """Read files, or folders paired by relative path (every file of the first in each other).

    Files are UTF-8 (a BOM is dropped); the streams of a pair must have the same number of lines.
    """
    for p in paths:
        if not p.exists():
            raise ScoringError(f"{p}: no such file or folder")
    kinds = {p.is_dir() for p in paths}
    if len(kinds) > 1:
        raise ScoringError(f"cannot pair a file with a folder: {', '.join(map(str, paths))}")
    if not kinds.pop():
        names = [("", [str(p) for p in paths])]
    else:
        rels = _files_under(paths[0])
        if not rels:
            raise ScoringError(f"{paths[0]}: no files in the folder")
        for other in paths[1:]:
            missing = [r for r in rels if not (other / r).is_file()]
            if missing:
                more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
                raise ScoringError(f"{paths[0] / missing[0]} has no counterpart {other / missing[0]}{more}")
        names = [(r, [str(p / r) for p in paths]) for r in rels]
    streams: list[list[str]] = [[] for _ in paths]
    where: list[tuple[str, int]] = []
    for rel, files in names:
        texts = [_read(Path(f)) for f in files]
        for f, t in zip(files[1:], texts[1:]):
            if len(t) != len(texts[0]):
                raise ScoringError(f"{files[0]} has {len(texts[0])} lines but {f} has {len(t)}")
        for stream, t in zip(streams, texts):
            stream.extend(t)
        where.extend((rel, i) for i in range(1, len(texts[0]) + 1))
    if not where:
        raise ScoringError(f"empty input: {', '.join(map(str, paths))} have no lines")
    return Corpus(tuple(map(tuple, streams)), tuple(where))


# --- bootstrap comparison of two systems ----------------------------------------------------


def paired_comparison(baseline: Sequence[str], system: Sequence[str], refs: Sequence[str],
                      metrics: Iterable[str] = METRICS, n: int = DEFAULT_RESAMPLES,
                      width: int = WIDTH) -> dict[str, dict[str, Any]]:
    """sacrebleu's paired bootstrap resampling (``--paired-bs``) of a system against a baseline.

    Per metric: the signature, the baseline's and the system's score, bootstrap mean and 95% CI
    half-width, and the system's p-value (how likely a difference this large arises by chance).
    """
    from sacrebleu.significance import PairedTest

    _check_pair(baseline, refs, "baseline")
    _check_pair(system, refs, "second system")
    names = parse_metrics(metrics)
    objs = {name.upper(): _metric(name, refs) for name in names}
    signatures, results = PairedTest([("baseline", list(baseline)), ("system", list(system))], objs,
                                     references=None, test_type="bs", n_samples=n)()
    out = {}
    for name, key in zip(names, [k for k in results if k != "System"]):
        base, other = results[key]
        out[name] = {
            "name": key,
            "signature": signatures[key].format(),
            "baseline": {"score": _round(base.score, width), "mean": _round(base.mean, width), "ci": _round(base.ci, width)},
            "system": {"score": _round(other.score, width), "mean": _round(other.mean, width), "ci": _round(other.ci, width),
                       "p_value": _round(other.p_value, 4)},
        }
    return out


def format_paired(result: dict[str, dict[str, Any]], baseline: str, system: str, width: int = WIDTH) -> str:
    """A small table: each metric's baseline and system score (μ ± CI) and the p-value."""
    pad = max(len(r["name"]) for r in result.values())
    lines = [f"baseline: {baseline}", f"system:   {system}"]
    for r in result.values():
        b, s = r["baseline"], r["system"]
        mark = "*" if s["p_value"] < 0.05 else ""
        lines.append(f"{r['name']:>{pad}}  baseline {b['score']:.{width}f} (μ = {b['mean']:.{width}f} ± {b['ci']:.{width}f})"
                     f"  system {s['score']:.{width}f} (μ = {s['mean']:.{width}f} ± {s['ci']:.{width}f})"
                     f"  p = {s['p_value']:.4f}{mark}")
    lines.append("* p < 0.05: the difference is unlikely to be chance (it says nothing about which is better)")
    lines += ["signatures:"] + [f"  {r['name']:>{pad}}  {r['signature']}" for r in result.values()]
    return "".join(line + "\n" for line in lines)


# --- one document against its reference (for `tqcheck check --reference`) ----------------


def _doc_lines(text: str) -> list[tuple[int, int, int, str]]:
    """Non-empty lines as (line number, start, end, text); offsets in code points."""
    out, start = [], 0
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            out.append((number, start, start + len(raw), raw.rstrip()))
        start += len(raw) + 1
    return out


@dataclass(frozen=True)
class DocScores:
    """A document's segments (its non-empty lines, paired in order) and its corpus scores."""

    segments: tuple[Segment, ...]
    corpus: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, hash=False)

    def segment_of(self, offset: int) -> Segment | None:
        """The segment whose line holds this offset, or None (a blank line, out of range)."""
        i = bisect.bisect_right(self.segments, offset, key=lambda s: s.span[0]) - 1
        if i >= 0 and offset < self.segments[i].span[1]:
            return self.segments[i]
        return None

    def low_segments(self, threshold: float) -> tuple[Segment, ...]:
        """Segments whose chrF is below threshold, in document order."""
        return tuple(s for s in self.segments if s.chrf < threshold)


def document_scores(hyp_text: str, ref_text: str, metrics: Iterable[str] = METRICS) -> DocScores:
    """Score a document line by line against its reference; blank lines are skipped in both."""
    hyp, ref = _doc_lines(hyp_text), _doc_lines(ref_text)
    if len(hyp) != len(ref):
        raise ScoringError(f"the document has {len(hyp)} non-empty lines but the reference has {len(ref)}")
    hyps, refs = [h[3] for h in hyp], [r[3] for r in ref]
    segments = segment_scores(hyps, refs, [("", h[0]) for h in hyp])
    segments = [replace(s, span=(h[1], h[2])) for s, h in zip(segments, hyp)]
    return DocScores(tuple(segments), corpus_scores(hyps, refs, metrics))


def fix_impact(original: str, fixed: str, reference: str | None = None) -> dict[str, Any]:
    """How much fixing changed a text, and with a reference whether it moved closer to it.

    ``change`` scores the fixed text against the original (chrF 100 and TER 0: unchanged); lines
    are paired when the fix kept their number, else each text is one segment. With a reference,
    ``before``/``after`` are the corpus scores of each version and ``delta`` is after - before
    (for TER, lower is better).
    """
    a, b = [x[3] for x in _doc_lines(original)], [x[3] for x in _doc_lines(fixed)]
    if not a and not b:
        raise ScoringError("empty input: nothing to compare")
    if len(a) != len(b):
        a, b = [" ".join(a)], [" ".join(b)]
    change = corpus_scores(b, a, ("chrf", "ter"))
    out: dict[str, Any] = {"change": {m: change[m]["score"] for m in change}}
    if reference is not None:
        before = document_scores(original, reference).corpus
        after = document_scores(fixed, reference).corpus
        out["before"] = {m: s["score"] for m, s in before.items()}
        out["after"] = {m: s["score"] for m, s in after.items()}
        out["delta"] = {m: _round(out["after"][m] - out["before"][m]) for m in before}
    return out
