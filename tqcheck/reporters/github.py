"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Escaping follows @actions/core (toolkit ``command.ts``): ``%``, CR and LF in the message, and
additionally ``:`` and ``,`` in property values, or a file name could forge extra properties.
Columns are 1-based and ``endColumn`` is exclusive, as ruff's GitHub output does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import FileResult
from . import RenderOptions, Write, collect

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{level} {fields}::{escape_data(message)}"


def _lines(result: FileResult):
    """One workflow command per finding of one file, after its error if it has one."""
    if result.error:
        yield command("error", f"could not check: {result.error}", file=result.path, title="tqcheck")
    for f in result.findings:
        hint = f" -> {f.suggestions[0]}" if f.suggestions and f.suggestions[0] else ""
        yield command(
            LEVELS[f.severity.value],
            f.message + hint,
            file=result.path,
            line=f.line,
            col=f.column,
            endLine=f.end_line,
            endColumn=f.end_column,
            title=f"{f.code} {f.rule}",
        )


def stream(results: Iterable[FileResult], options: RenderOptions, write: Write) -> None:
    for result in results:
        write("".join(line + "\n" for line in _lines(result)))


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return collect(stream, results, options)
