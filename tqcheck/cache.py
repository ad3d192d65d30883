"""What tqcheck keeps between runs so that a start does not redo work: the parsed rule files
(importing PyYAML and parsing 35 rule files is ~25 ms of a 0.3 s start), the programs of
compiled regular expressions (tqcheck.pattern_cache) and the HTML report's compiled template.

The folder is ``$TQCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/tqcheck``, else
``~/.cache/tqcheck``; ``TQCHECK_NO_CACHE=1`` turns caching off. Only the command line uses it:
the library API writes nothing. A cache that cannot be read or written costs only the time it
would have saved, and a stale entry is never used (entries are keyed by the text they were
computed from, and the file by everything else the results depend on). The parsed rules are
JSON text, never unpickled or evaluated; the pattern programs are JSON handed to
``regex``'s C core and the template cache is jinja2's compiled code, which is why a folder that
others may write to is not used at all.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

# Entries one cache file keeps (each holds a rule file's text, a few KB): the shipped rules and a
# few folders of the user's, in a few versions. The oldest go first.
MAX_ENTRIES = 160


def folder() -> Path | None:
    """The cache folder (it may not exist yet: it is made private, 0700), or None when caching is
    turned off or the folder is not safe: owned by another user, or writable by others (the
    HTML template cache holds compiled code, which a stranger must not be able to plant)."""
    if os.environ.get("TQCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("TQCHECK_CACHE_DIR")
    if chosen:
        where = Path(chosen)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        where = Path(base) / "tqcheck"
    return where if _private(where) else None


def _private(where: Path) -> bool:
    """True for a folder that does not exist yet, or that this user owns and only this user may
    write to (on systems with owners: elsewhere any folder)."""
    try:
        info = os.stat(where)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


class TextCache:
    """Texts computed from texts (a rule file -> its parse, as JSON), kept in one JSON file of
    the cache folder. ``salt`` names everything else a result depends on (the code that computed
    it, library and Python versions): a file written under another salt is ignored and then
    replaced. Keys are the source texts themselves: rule files are small, and a hash would cost
    ``hashlib``'s import (~4 ms)."""

    def __init__(self, name: str, salt: str, where: Path | None) -> None:
        """``where``: the cache folder (``folder()``); None keeps nothing."""
        self.path = where / f"{name}.json" if where is not None else None
        self.salt = salt
        self.entries: dict[str, str] = {}
        self.changed = False
        if self.path is not None:
            self._read()

    def _read(self) -> None:
        try:
            stored = json.loads(self.path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return  # none yet, unreadable, cut short or nested absurdly deep: start empty
        if isinstance(stored, dict) and stored.get("salt") == self.salt and isinstance(stored.get("entries"), dict):
            self.entries = {k: v for k, v in stored["entries"].items() if isinstance(v, str)}

    def get(self, key: str) -> str | None:
        stored = self.entries.pop(key, None)
        if stored is not None:
            self.entries[key] = stored  # the newest now: what this run uses is the last to go
        return stored

    def put(self, key: str, value: str) -> None:
        if self.path is None:
            return
        self.entries.pop(key, None)
        self.entries[key] = value
        self.changed = True

    def save(self) -> None:
        """Write the entries (the newest ``MAX_ENTRIES``) if any were added, atomically: a run
        that reads the file meanwhile sees the old one or the new one, never a part."""
        if not self.changed:
            return
        from .fixer import write_atomic

        entries = dict(list(self.entries.items())[-MAX_ENTRIES:])
        text = json.dumps({"salt": self.salt, "entries": entries})  # ASCII: \u escapes
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(self.path, text.encode("ascii"))
        except OSError:
            return
        self.changed = False
