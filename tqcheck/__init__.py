"""tqcheck: find machine-translation artifacts in English news and propose corrections.

Public API: ``check_text``, ``check_paths``, ``load_rules``, ``Finding``, ``FileResult``,
``Settings``, ``__version__``. Imports are lazy so that ``tqcheck --help`` starts fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["check_text", "check_paths", "load_rules", "Finding", "FileResult", "Settings", "__version__"]

_LAZY = {
    "check_text": "tqcheck.engine",
    "check_paths": "tqcheck.engine",
    "Settings": "tqcheck.engine",
    "load_rules": "tqcheck.rulefile",
    "Finding": "tqcheck.model",
    "FileResult": "tqcheck.model",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tqcheck' has no attribute {name!r}")
