"""Counts per rule, like ``ruff --statistics``: which rules fire most, and how many ``--fix`` would fix.

Columns: count, code, rule name, fixable (findings with a safe fix); sorted by count, then code.
Only counts are kept while the results stream past; the table is written at the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from ..fixer import eligible
from ..model import FileResult
from . import RenderOptions, Write, collect


def stream(results: Iterable[FileResult], options: RenderOptions, write: Write) -> None:
    counts: Counter = Counter()
    fixable: Counter = Counter()
    names: dict[str, str] = {}
    unreadable = 0
    for result in results:
        unreadable += bool(result.error)
        for f in result.findings:
            counts[f.code] += 1
            fixable[f.code] += eligible(f.fix, unsafe=False)
            names.setdefault(f.code, f.rule)
    table = sorted(((n, code, names[code], fixable[code]) for code, n in counts.items()), key=lambda r: (-r[0], r[1]))
    lines = []
    if table:
        header = ("count", "code", "rule", "fixable")
        cells = [header] + [(str(n), code, name, str(fix)) for n, code, name, fix in table]
        widths = [max(len(row[i]) for row in cells) for i in range(4)]
        for row in cells:
            count, code, name, fix = row
            lines.append(f"{count.rjust(widths[0])}  {code.ljust(widths[1])}  {name.ljust(widths[2])}  {fix.rjust(widths[3])}")
        total, fixes = sum(r[0] for r in table), sum(r[3] for r in table)
        lines.append(f"{total} finding{'s' if total != 1 else ''} from {len(table)} rule{'s' if len(table) != 1 else ''}; {fixes} fixable")
    else:
        lines.append("No findings.")
    if unreadable:
        lines.append(f"{unreadable} file{'s' if unreadable != 1 else ''} could not be checked")
    write("\n".join(lines) + "\n")


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return collect(stream, results, options)
