"""Compiled regular expressions kept between runs of the command line.

``regex`` parses and compiles a pattern in Python, about 5 µs per pattern character: the ~140
patterns a check of one article needs cost ~150 ms of a 0.35 s start. What the compiler
produces is a program of integers, which ``regex`` itself keeps when it pickles a pattern
(``Pattern._pickled_data``) and hands back to its C core on unpickling (``_regex.compile``),
which takes microseconds. This cache keeps those programs in the cache folder (tqcheck.cache),
keyed by the pattern's text and flags, and rebuilds a pattern from its program the way
unpickling does.

While installed (the command line's ``check`` only; the library API reads and writes nothing),
every ``regex`` compile in the process goes through the cache, the rule files' own patterns
included. A check of one article compiles ~140 patterns, of 200 articles ~145 (a few are built
from an article's words: a word said over and over). At most ``MAX_PROGRAMS`` are kept, in
memory and in the file, the ones used longest ago going first (a program used moves to the
end), so neither grows without bound and the programs that runs use stay. The file's salt holds the versions of ``regex`` and
Python, and a checksum on its first line covers the rest: a program is never used with another version of
``regex`` than the one that made it, and a file cut short or damaged is ignored (and rewritten).
It is JSON, read only from the private cache folder, checked field by field and only handed to
``regex`` (tqcheck never unpickles or unmarshals anything: tests/test_bad_rules.py).
"""

from __future__ import annotations

import binascii
import json
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import regex
from regex import _main, _regex

FILE_NAME = "regex-programs.json"
MAX_PROGRAMS = 2000  # the file keeps the newest ones (a few MB at most)
_SALT = f"regex {regex.__version__} {sys.version} format 2"


class PatternCache:
    """The programs of one cache file. ``install`` routes ``regex``'s compiles through it;
    ``uninstall`` puts ``regex`` back; ``save`` writes the file if a pattern was added."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FILE_NAME if folder is not None else None
        self.programs: dict[tuple[str, int, int], tuple] = {}
        self.changed = False
        self.compiled_here = 0  # patterns this process compiled itself (for tests and curious users)
        self._built: dict[tuple[str, int, int], regex.Pattern] = {}  # this process's, as regex's own cache
        self._original: Callable | None = None
        if self.path is not None:
            self._read()

    def _read(self) -> None:
        try:
            checksum, _, body = self.path.read_bytes().partition(b"\n")
            if checksum != b"%08x" % zlib.crc32(body):
                return
            stored = json.loads(body)
        except (OSError, ValueError, RecursionError):
            return  # none yet, unreadable or cut short: start empty
        if isinstance(stored, dict) and stored.get("salt") == _SALT and isinstance(stored.get("programs"), list):
            for row in stored["programs"]:
                entry = _from_json(row)
                if entry is not None:
                    self.programs[entry[0]] = entry[1]

    def install(self) -> None:
        if self._original is None:
            self._original = _main._compile
            _main._compile = self._compile

    def uninstall(self) -> None:
        if self._original is not None and _main._compile == self._compile:
            _main._compile = self._original
        self._original = None

    def _compile(self, pattern, flags, ignore_unused, kwargs, cache_it):
        """``regex._main._compile`` with a look in the programs first. Named lists, byte
        patterns and debugging compiles go straight to ``regex``."""
        original = self._original
        if type(pattern) is not str or kwargs or flags & regex.DEBUG:
            return original(pattern, flags, ignore_unused, kwargs, cache_it)
        key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
        compiled = self._built.get(key)
        if compiled is not None:
            return compiled
        if len(self._built) >= MAX_PROGRAMS:
            self._built.clear()
        program = self.programs.pop(key, None)
        if program is not None:
            self.programs[key] = program  # the newest now: a file that is full drops the unused first
            try:
                compiled = self._built[key] = _regex.compile(*program)
                return compiled
            except Exception:  # noqa: BLE001 - a program this regex cannot take: compile afresh
                del self.programs[key]
        compiled = self._built[key] = original(pattern, flags, ignore_unused, kwargs, cache_it)
        self.compiled_here += 1
        program = getattr(compiled, "_pickled_data", None)
        # (a locale-dependent pattern is compiled for the locale of the moment: not kept)
        if isinstance(program, tuple) and not compiled.flags & regex.LOCALE and not program[5] and not program[6]:
            if len(self.programs) >= MAX_PROGRAMS:
                del self.programs[next(iter(self.programs))]  # the one used longest ago
            self.programs[key] = program
            self.changed = True
        return compiled

    def save(self) -> None:
        """Write the programs (the newest ``MAX_PROGRAMS``) if any were added, atomically."""
        if not self.changed or self.path is None:
            return
        from .fixer import write_atomic

        rows = [_to_json(key, program) for key, program in list(self.programs.items())[-MAX_PROGRAMS:]]
        body = json.dumps({"salt": _SALT, "programs": rows}).encode("ascii")  # ASCII: \u escapes
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(self.path, b"%08x\n" % zlib.crc32(body) + body)
        except OSError:
            return
        self.changed = False


# A program as ``regex`` pickles it: (pattern, flags, code, group_index, index_group, named_lists,
# named_list_indexes, req_offset, req_chars, req_flags, group_count); kept without named lists.
def _to_json(key: tuple[str, int, int], program: tuple) -> list:
    pattern, flags, version = key
    _p, program_flags, code, group_index, index_group, _lists, _indexes, req_offset, req_chars, req_flags, groups = program
    return [pattern, flags, version, program_flags, binascii.b2a_base64(code, newline=False).decode("ascii"), group_index,
            sorted(index_group.items()), req_offset, list(req_chars), req_flags, groups]


def _from_json(row) -> tuple[tuple[str, int, int], tuple] | None:
    """The key and program of a stored row; None for a row that is not exactly one."""
    try:
        pattern, flags, version, program_flags, code, group_index, index_group, req_offset, req_chars, req_flags, groups = row
        ints = (flags, version, program_flags, req_offset, req_flags, groups, *req_chars)
        if not (isinstance(pattern, str) and isinstance(code, str) and all(type(i) is int for i in ints)
                and isinstance(group_index, dict) and all(type(v) is int for v in group_index.values())
                and all(type(i) is int and isinstance(n, str) for i, n in index_group)):
            return None
        program = (pattern, program_flags, binascii.a2b_base64(code), group_index, dict(index_group), {}, [],
                   req_offset, tuple(req_chars), req_flags, groups)
    except (TypeError, ValueError, binascii.Error):
        return None
    return (pattern, flags, version), program
