"""Pair checked articles with reference translations and put the scores on the results.

``tqcheck check --reference REF``: every finding gets the sentence chrF of its line, and the
file gets document BLEU/chrF/TER, so an editor sees which findings sit where the MT is worst.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from .model import FileResult


def relative_path(path: str, roots: list[str]) -> str:
    """``path`` relative to the input folder it was found in (its own name for a named file)."""
    for root in roots:
        if os.path.isdir(root) and os.path.commonpath([os.path.abspath(root), os.path.abspath(path)]) == os.path.abspath(root):
            return os.path.relpath(path, root)
    return os.path.basename(path)


def pair_references(files: list[str], roots: list[str], reference: Path) -> dict[str, Path]:
    """Map each input file to its reference file: the file itself, or the same relative path
    under a reference folder. Raises ValueError with a one-line reason."""
    if reference.is_dir():
        pairs = {path: reference / relative_path(path, roots) for path in files}
    elif reference.is_file():
        if len(files) != 1:
            raise ValueError(f"--reference {reference} is one file but {len(files)} files are checked; give a folder")
        pairs = {files[0]: reference}
    else:
        raise ValueError(f"--reference {reference}: no such file or folder")
    missing = [str(ref) for ref in pairs.values() if not ref.is_file()]
    if missing:
        raise ValueError(f"no reference for {len(missing)} file(s), e.g. {missing[0]}")
    return pairs


def score_result(result: FileResult, reference: Path | None, low_chrf: float) -> FileResult:
    """Add document scores to a result and mark findings that fall in low-scoring lines."""
    from .engine import read_text
    from .scoring import ScoringError, document_scores

    if result.text is None or reference is None:
        return result
    try:
        scores = document_scores(result.text, read_text(str(reference)))
    except (ValueError, ScoringError) as exc:
        return dataclasses.replace(result, error=f"reference {reference}: {exc}")
    findings = []
    for f in result.findings:
        segment = scores.segment_of(f.start)
        if segment is not None:
            data = dict(f.data, segment={"line": segment.line, "chrf": segment.chrf, "bleu": segment.bleu,
                                         "low": segment.chrf < low_chrf})
            f = dataclasses.replace(f, data=data)
        findings.append(f)
    summary = {m: {"score": v["score"], "signature": v["signature"]} for m, v in scores.corpus.items()}
    extra = dict(result.extra, scores={"reference": str(reference), **summary,
                                       "low_lines": [s.line for s in scores.low_segments(low_chrf)]})
    return dataclasses.replace(result, findings=tuple(findings), extra=extra)
