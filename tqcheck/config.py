"""The project's settings file: the nearest ``tqcheck.toml`` or ``[tool.tqcheck]`` in
``pyproject.toml``, searched from the current folder upward (as ruff does).

Only parsing and validation live here; the command line decides how flags override values.
Unknown keys and wrong types are errors as ``path:line: message``, the line found by scanning
the file text (TOML parsers do not report where a key was).
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")
# key -> value kind; "path"/"paths" are resolved against the config file's folder.
KEYS = {
    "rules": "paths",
    "default-rules": "bool",
    "select": "strings",
    "ignore": "strings",
    "severity": "severities",
    "fail-on": "fail-on",
    "include": "strings",
    "exclude": "strings",
    "language": "string",
    "per-file-ignores": "per-file",
    "report": "bool",
    "report-dir": "path",
    "baseline": "path",
}


class ConfigError(Exception):
    """A config file is unreadable or invalid; ``errors`` holds ``path:line: message`` strings."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


class _Bad(Exception):
    def __init__(self, message: str, where: tuple = ()) -> None:
        super().__init__(message)
        self.where = where


@dataclass(frozen=True)
class Config:
    """Validated values (absent keys are absent) and the line of each key, for messages."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[tuple, int] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def where(self, *keys: str) -> str:
        """``path:line`` of a key (or of a key inside a table such as ``severity``)."""
        while keys and keys not in self.lines:
            keys = keys[:-1]
        return f"{self.path}:{self.lines.get(keys, 1)}"


def _mentions_us(path: Path) -> bool:
    try:
        return "tqcheck" in path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False


def find_config(start: Path) -> Path | None:
    """The nearest tqcheck.toml, or pyproject.toml with a [tool.tqcheck] table, from ``start`` up."""
    start = start.resolve()
    for folder in (start, *start.parents):
        own = folder / "tqcheck.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _mentions_us(pyproject):
            tool = _parse(_display(pyproject), _read(pyproject)).get("tool")
            if isinstance(tool, dict) and "tqcheck" in tool:
                return pyproject
    return None


def _display(path: Path) -> Path:
    """The path as messages show it: relative to the current folder when that is shorter."""
    try:
        rel = Path(os.path.relpath(path))
    except ValueError:
        return path
    return rel if len(str(rel)) < len(str(path)) else path


def discover(explicit: Path | None = None, isolated: bool = False, cwd: Path | None = None) -> Config:
    """The config in effect: ``explicit`` (--config), none (--isolated) or the nearest one."""
    if isolated:
        return Config()
    if explicit is not None:
        return load(explicit)
    found = find_config(cwd or Path.cwd())
    return load(_display(found)) if found else Config()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}:1: cannot read: {getattr(exc, 'strerror', None) or exc}"]) from None


def _parse(path: Path, text: str) -> dict:
    if sys.version_info >= (3, 11):  # imported here: most runs find no config file to parse
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = regex.search(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$", message)
        last = text.count("\n") + (not text.endswith("\n"))
        line = getattr(exc, "lineno", None) or (int(found.group(1) or last) if found else 1)
        message = getattr(exc, "msg", None) or (message[: found.start()] if found else message)
        raise ConfigError([f"{path}:{line}: invalid TOML: {message}"]) from None


def load(path: Path) -> Config:
    """Read and validate one config file; raises ConfigError listing every problem."""
    text = _read(path)
    data = _parse(path, text)
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "tqcheck")
        tool = data.get("tool")
        data = tool.get("tqcheck") if isinstance(tool, dict) else None
        if data is None:
            raise ConfigError([f"{path}:1: no [tool.tqcheck] table"])
    lines = _Lines(text, prefix)
    if not isinstance(data, dict):
        raise ConfigError([f"{path}:{lines.find(())}: [tool.tqcheck] must be a table"])
    errors, values = [], {}
    for key, value in data.items():
        if key not in KEYS:
            hint = difflib.get_close_matches(key, KEYS, n=1)
            errors.append(f"{path}:{lines.find((key,))}: unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
            continue
        try:
            values[key] = _validate(KEYS[key], value, path.parent)
        except _Bad as exc:
            errors.append(f"{path}:{lines.find((key, *exc.where))}: {key}: {exc}")
    if errors:
        raise ConfigError(errors)
    located = {(key,): lines.find((key,)) for key in values}
    for table in ("severity", "per-file-ignores"):
        for sub in values.get(table, {}):
            located[(table, sub)] = lines.find((table, sub))
    return Config(path, values, located)


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _Bad(f"must be a list of strings, not {_type(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise _Bad(f"item {i + 1} must be a string, not {_type(item)}")
    return list(value)


def _validate(kind: str, value: Any, base: Path) -> Any:
    if kind == "bool":
        if not isinstance(value, bool):
            raise _Bad(f"must be true or false, not {_type(value)}")
        return value
    if kind == "fail-on" and value not in FAIL_ON:
        raise _Bad(f"must be one of {', '.join(FAIL_ON)}, not {value!r}")
    if kind in ("string", "path", "fail-on"):
        if not isinstance(value, str) or not value.strip():
            raise _Bad(f"must be a non-empty string, not {_type(value)}")
        return str(base / value) if kind == "path" else value
    if kind in ("strings", "paths"):
        items = _strings(value)
        return [str(base / item) for item in items] if kind == "paths" else items
    if not isinstance(value, dict):
        raise _Bad(f"must be a table, not {_type(value)}")
    out = {}
    for sub, item in value.items():
        if kind == "severities":
            if item not in SEVERITIES:
                raise _Bad(f"{sub}: must be one of {', '.join(SEVERITIES)}, not {item!r}", (sub,))
            out[sub] = item
        else:
            try:
                out[sub] = _strings(item)
            except _Bad as exc:
                raise _Bad(f"{sub!r}: {exc}", (sub,)) from None
    return out


def _type(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


class _Lines:
    """Find the line of a key path by scanning the text: ``key =`` at a line start or inside an
    inline table, or ``key`` in a ``[table.key]`` header, searched from the line of the
    enclosing key."""

    def __init__(self, text: str, prefix: tuple[str, ...]) -> None:
        self.lines = text.splitlines()
        self.prefix = prefix

    def _search(self, name: str, start: int) -> int | None:
        quoted = "|".join(regex.escape(n) for n in (name, f'"{name}"', f"'{name}'"))
        pattern = regex.compile(rf"(?:^\s*|[{{,.\[]\s*)(?:{quoted})\s*[=\].]")
        for i in range(start, len(self.lines)):
            if pattern.search(self.lines[i]):
                return i
        return None

    def find(self, keys: tuple) -> int:
        """1-based line of ``prefix + keys``; the enclosing key's line when not found."""
        line = 0
        for name in (*self.prefix, *keys):
            found = self._search(str(name), line)
            if found is None:
                break
            line = found
        return line + 1
