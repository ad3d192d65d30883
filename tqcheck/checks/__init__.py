"""Registry of check kinds: the ``check:`` value of a rule file -> "module:Class".

Modules are imported only when a rule of that kind is loaded, so a rule set that does not use
a heavy check does not pay for its imports.
"""

from __future__ import annotations

import importlib

from .base import Check

CHECKS: dict[str, str] = {
    "substitution": "tqcheck.checks.substitution:Substitution",
    "existence": "tqcheck.checks.existence:Existence",
    "repetition": "tqcheck.checks.repetition:Repetition",
    "capitalization": "tqcheck.checks.capitalization:Capitalization",
    "typography": "tqcheck.checks.typography:Typography",
    "numbers": "tqcheck.checks.numbers:Numbers",
    "unicode": "tqcheck.checks.unicode:Unicode",
    "caption": "tqcheck.checks.caption:Caption",
    "embed": "tqcheck.checks.embed:Embed",
    "duplicate": "tqcheck.checks.duplicate:Duplicate",
    "language": "tqcheck.checks.language:Language",
    "variants": "tqcheck.checks.variants:Variants",
    "titles": "tqcheck.checks.titles:Titles",
    "entities": "tqcheck.checks.entities:Entities",
    "consistency": "tqcheck.checks.consistency:Consistency",
    "article": "tqcheck.checks.article:Article",
}


def check_class(kind: str) -> type[Check]:
    """The class registered for ``kind``; KeyError when there is none."""
    module, _, name = CHECKS[kind].partition(":")
    return getattr(importlib.import_module(module), name)
