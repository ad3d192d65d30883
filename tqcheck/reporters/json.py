"""The JSON contract of DESIGN.md: tool, version, files[].findings[], summary."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import FileResult
from . import RenderOptions, summarize


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    document = {
        "tool": "tqcheck",
        "version": options.version,
        "files": [r.to_dict() for r in results],
        "summary": summarize(results),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
