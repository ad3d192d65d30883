"""The JSON contract of DESIGN.md: tool, version, files[].findings[], summary.

Streamed file by file; the bytes are those of ``json.dumps(document, ensure_ascii=False,
indent=2)``: each file object is dumped on its own and indented to its depth in the document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from ..model import FileResult
from . import RenderOptions, Totals, Write, collect


def _dumps(value: object, depth: int = 0) -> str:
    """``value`` as it appears ``depth`` levels deep in an indent=2 document (first line unindented).
    A newline in JSON output is always structure (strings escape theirs), so indenting lines is safe."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def stream(results: Iterable[FileResult], options: RenderOptions, write: Write) -> None:
    totals = Totals()
    write(f'{{\n  "tool": "tqcheck",\n  "version": {_dumps(options.version)},\n  "files": [')
    for result in results:
        write(("\n    " if totals.files == 0 else ",\n    ") + _dumps(totals.add(result).to_dict(), 2))
    write(("\n  ]" if totals.files else "]") + f',\n  "summary": {_dumps(totals.summary(), 1)}\n}}\n')


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return collect(stream, results, options)
