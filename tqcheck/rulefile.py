"""Load and validate rule files: one rule per YAML file, every error as ``path:line: message``.

YAML is parsed by tqcheck.yamlfile into plain data (no tags, no objects), with a line number
kept for every key and list item so that errors point at the line to edit.
"""

from __future__ import annotations

import difflib
import gc
import json
import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cache import TextCache
from .cache import folder as cache_folder
from .checks import CHECKS, check_class
from .checks.base import Check, Example, Param, Rule, RuleDataError
from .model import Severity


def shipped_rules_dir(package: Path) -> Path:
    """The shipped rules of the tqcheck package in folder ``package``: installed as tqcheck/rules
    (see pyproject.toml), or, in a source checkout and an editable install, the repository's
    top-level rules/ folder."""
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


DEFAULT_RULES_DIR = shipped_rules_dir(Path(__file__).resolve().parent)
_CODE = re.compile(r"^[A-Z]+[0-9]+$")

COMMON_KEYS: dict[str, Param] = {
    "code": Param("str", required=True, help="stable id such as TQ101"),
    "check": Param("str", required=True, help="the check kind"),
    "message": Param("str", required=True, help="message with {match}, {suggestion}, ... fields"),
    "severity": Param("str", "warning", choices=("error", "warning", "info")),
    "category": Param("str", None, help="defaults to the check kind"),
    "description": Param("str", ""),
    "link": Param("str", ""),
    "enabled": Param("bool", True, help="false: runs only when selected explicitly"),
    "ignorecase": Param("bool", False),
    "nonword": Param("bool", False, help="true: no automatic word boundaries"),
    "exceptions": Param("str_list", []),
    "examples": Param("examples", []),
}


class RuleLoadError(Exception):
    """One or more rule files are invalid; ``errors`` holds ``path:line: message`` strings."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors



def read_yaml(path: Path, parsed: TextCache | None = None) -> tuple[Any, dict[tuple, int], list[tuple[int, str]]]:
    """Parse one YAML file into (data, line-of-each-path, [(line, error)]), through ``parsed``
    (the files parsed in earlier runs, see _parsed_rules) when given."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        return None, {}, [(1, f"cannot read rule file: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, {}, [(line, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the rule file as UTF-8")]
    stored = parsed.get(text) if parsed is not None else None
    if stored is not None:
        try:
            return _parse_from_json(stored)
        except (ValueError, TypeError, RecursionError):
            pass  # an entry that is not what _parse_as_json writes: parse the file instead
    from .yamlfile import parse

    result = parse(text)
    if parsed is not None:
        stored = _parse_as_json(result)
        if stored is not None:
            parsed.put(text, stored)
    return result


# The layout _parse_as_json writes: change it with that function, so that older entries are ignored.
_CACHE_FORMAT = 1


def _parse_as_json(result: tuple[Any, dict[tuple, int], list[tuple[int, str]]]) -> str | None:
    """read_yaml's result as JSON text, or None when JSON would not give it back as it is (a key
    that is not a string, a date, NaN)."""
    data, lines, errors = result
    try:
        text = json.dumps([data, [[list(where), line] for where, line in lines.items()], errors], allow_nan=False)
    except (TypeError, ValueError):
        return None
    return text if _parse_from_json(text) == result else None


def _parse_from_json(text: str) -> tuple[Any, dict[tuple, int], list[tuple[int, str]]]:
    data, lines, errors = json.loads(text)
    return data, {tuple(where): line for where, line in lines}, [tuple(error) for error in errors]


def read_tsv(path: Path, columns: int = 2) -> list[tuple]:
    """``columns`` tab-separated columns per line (the last may be empty); ``#`` starts a comment
    line. Returns ``(column, ..., line_number)`` tuples. Raises RuleDataError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleDataError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleDataError(f"cannot read {path}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != columns or not parts[0].strip():
            raise RuleDataError(f"expected {columns} tab-separated columns", location=f"{path}:{number}")
        rows.append((*map(str.strip, parts), number))
    return rows


def _read_tsv_once(path: Path, columns: int) -> list[tuple]:
    """``read_tsv``, read once per version of the file: rules share data files (the gazetteer)."""
    try:
        info = path.stat()
    except OSError:
        return read_tsv(path, columns)  # which says why it cannot be read
    return list(_read_tsv_cached(path, columns, info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=64)
def _read_tsv_cached(path: Path, columns: int, mtime_ns: int, size: int) -> tuple[tuple, ...]:
    return tuple(read_tsv(path, columns))


def _coerce(value: Any, param: Param, base: Path) -> Any:
    """Check ``value`` against ``param``; return the normalised value or raise RuleDataError."""
    kind = param.kind
    if kind == "str" and isinstance(value, str):
        if param.choices and value not in param.choices:
            raise RuleDataError(f"must be one of {', '.join(param.choices)}, not {value!r}")
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if kind == "str_or_str_list" and isinstance(value, str):
        return [value]
    if kind in ("str_list", "str_or_str_list") and isinstance(value, list):
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise RuleDataError(f"item {i + 1} must be a string", (i,))
        return value
    if kind == "str_map" and isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(item, str):
                raise RuleDataError(f"value of {key!r} must be a string", (key,))
        return {str(k): v for k, v in value.items()}
    if kind == "tsv" and isinstance(value, str):
        return _read_tsv_once(base / value, param.columns)
    if kind == "any":
        return value
    expected = {
        "str": "a string",
        "bool": "true or false",
        "int": "an integer",
        "number": "a number",
        "str_list": "a list of strings",
        "str_or_str_list": "a string or a list of strings",
        "str_map": "a mapping of strings to strings",
        "tsv": "a path to a TSV file",
    }.get(kind, kind)
    raise RuleDataError(f"must be {expected}, not {_TYPE_NAMES.get(type(value), type(value).__name__)}")


_TYPE_NAMES = {type(None): "an empty value", str: "a string", bool: "true/false", int: "an integer", float: "a number",
               list: "a list", dict: "a mapping"}


def _examples(value: Any) -> tuple[Example, ...]:
    if not isinstance(value, list):
        raise RuleDataError("must be a list of {pass: ...} or {fail: ..., fix: ...} items")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise RuleDataError("each example must be a mapping", (i,))
        unknown = set(item) - {"pass", "fail", "fix", "note"}
        if unknown:
            raise RuleDataError(f"unknown example key {sorted(map(str, unknown))[0]!r}", (i,))
        if ("pass" in item) == ("fail" in item):
            raise RuleDataError("an example needs exactly one of 'pass' or 'fail'", (i,))
        if "fix" in item and "fail" not in item:
            raise RuleDataError("'fix' belongs with a 'fail' example", (i,))
        text = item.get("pass", item.get("fail"))
        if not isinstance(text, str) or not isinstance(item.get("fix", ""), str):
            raise RuleDataError("example texts must be strings", (i,))
        out.append(Example(text=text, passes="pass" in item, fix=item.get("fix")))
    return tuple(out)


def _check_message(message: str) -> None:
    """Placeholders are plain names ({match}): no positions, attributes, indexes or formats,
    so a message can neither fail when it is filled in nor reach into Python objects."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(message) if name is not None]
    except ValueError as exc:
        raise RuleDataError(f"bad placeholder: {exc} (write {{{{ or }}}} for a literal brace)") from None
    for name, spec, conversion in fields:
        if not name.isidentifier() or spec or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise RuleDataError(f"bad placeholder {shown}: write a plain field name such as {{match}} "
                                "(and {{ or }} for a literal brace)")


def load_rule(path: Path, parsed: TextCache | None = None) -> Check:
    """Load one rule file (its YAML through ``parsed``, see read_yaml); raise RuleLoadError
    listing every problem found in it."""
    data, lines, raw_errors = read_yaml(path, parsed)
    errors = [f"{path}:{line}: {msg}" for line, msg in raw_errors]

    def fail(message: str, where: tuple = ()) -> None:
        while where and where not in lines:
            where = where[:-1]
        errors.append(f"{path}:{lines.get(where, 1)}: {message}")

    if errors:
        raise RuleLoadError(errors)
    if not isinstance(data, dict):
        fail("a rule file must be a mapping of keys to values")
        raise RuleLoadError(errors)

    kind = data.get("check")
    cls = None
    if isinstance(kind, str):
        if kind in CHECKS:
            try:
                cls = check_class(kind)
            except Exception as exc:  # a broken install must not end in a traceback
                fail(f"cannot load check kind {kind!r}: {type(exc).__name__}: {exc}", ("check",))
        else:
            hint = difflib.get_close_matches(kind, CHECKS, n=1)
            known = ", ".join(sorted(CHECKS))
            fail(f"unknown check kind {kind!r}" + (f" (did you mean {hint[0]!r}?)" if hint else f" (known: {known})"), ("check",))
    allowed = dict(COMMON_KEYS, **(cls.keys if cls else {}))
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in allowed:
            if cls is None:
                continue  # the check kind is unknown, so its keys cannot be judged
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            fail(f"unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""), (key,))
            continue
        try:
            values[key] = _examples(value) if key == "examples" else _coerce(value, allowed[key], path.parent)
        except RuleDataError as exc:
            if exc.location:
                errors.append(f"{exc.location}: {exc}")
            else:
                fail(f"{key}: {exc}", (key,) + exc.where)
    for key, param in allowed.items():
        if param.required and key not in data:
            fail(f"missing required key {key!r}")
        values.setdefault(key, param.default)
    code = values.get("code")
    if isinstance(code, str) and not _CODE.match(code):
        fail(f"code: {code!r} must be capital letters then digits, like TQ101", ("code",))
    if isinstance(values.get("message"), str):
        try:
            _check_message(values["message"])
        except RuleDataError as exc:
            fail(f"message: {exc}", ("message",))
    if errors or cls is None:
        raise RuleLoadError(errors or [f"{path}:1: no check kind"])

    options = {k: v for k, v in values.items() if k in cls.keys}
    rule = Rule(
        code=values["code"],
        name=path.stem,
        kind=kind,
        message=values["message"],
        severity=Severity.parse(values["severity"]),
        category=values["category"] or kind,
        path=str(path),
        description=values["description"].strip(),
        link=values["link"],
        enabled=values["enabled"],
        ignorecase=values["ignorecase"],
        nonword=values["nonword"],
        exceptions=tuple(values["exceptions"]),
        examples=tuple(
            Example(e.text, e.passes, e.fix, lines.get(("examples", i), 0)) for i, e in enumerate(values["examples"])
        ),
        options=options,
    )
    try:
        return cls(rule)
    except RuleDataError as exc:
        if exc.location:
            errors.append(f"{exc.location}: {exc}")
        else:
            fail(str(exc), exc.where)
    except Exception as exc:  # a value the check kind does not guard against: still one line
        fail(f"cannot compile this rule: {type(exc).__name__}: {' '.join(str(exc).split())}")
    raise RuleLoadError(errors)


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


# Compiled rules by (path, mtime, size): each file is compiled once per process until it changes.
_LOADED: dict[tuple[Path, int, int], Check] = {}


def _parsed_rules() -> TextCache:
    """The cache of parsed rule files. Its salt names what a parse depends on besides the file:
    the parsing code, the entries' layout, PyYAML (its __init__.py holds its version; with
    libyaml or not) and Python."""
    import importlib.util
    import sys
    import zlib

    from . import __version__

    def checksum(path: str | Path | None) -> int:
        try:
            return zlib.crc32(Path(path).read_bytes()) if path else 0
        except OSError:
            return 0

    yaml_spec = importlib.util.find_spec("yaml")
    # whether PyYAML has its C loader (its _yaml extension), read off its folder: importing
    # yaml to ask is the cost this cache saves
    libyaml = bool(yaml_spec and yaml_spec.origin and any(Path(yaml_spec.origin).parent.glob("_yaml.*")))
    salt = (f"{sys.version} tqcheck {__version__} parser {checksum(Path(__file__).with_name('yamlfile.py'))} "
            f"entries {_CACHE_FORMAT} PyYAML {checksum(yaml_spec.origin if yaml_spec else None)} libyaml {libyaml}")
    return TextCache("rules", salt, cache_folder())


def load_rules(folders: tuple[str, ...] = (), defaults: bool = True, cache: bool = False) -> tuple[Check, ...]:
    """Load every rule in the shipped folder (unless ``defaults`` is false) and in ``folders``.

    Each file is compiled once per process (until it changes on disk). With ``cache``, the YAML
    of each file is parsed once per version of the file and kept in tqcheck's cache folder (see
    tqcheck.cache): the command line's choice, the library writes nothing. Raises RuleLoadError
    with every problem in every file, so a user fixes them all in one round.
    """
    dirs = ([DEFAULT_RULES_DIR] if defaults else []) + [Path(f) for f in folders]
    errors: list[str] = []
    checks: list[Check] = []
    parsed = None
    # Compiling allocates tens of thousands of objects that all live on: the cyclic garbage
    # collector would walk them again and again for nothing (3 ms of a start).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for folder in dirs:
            if not folder.is_dir():
                errors.append(f"{folder}: rule folder not found")
                continue
            for path in rule_files(folder):
                try:
                    stat = path.stat()
                    key = (path, stat.st_mtime_ns, stat.st_size)
                    if key not in _LOADED:
                        if cache and parsed is None:
                            parsed = _parsed_rules()
                        if len(_LOADED) >= 1024:
                            _LOADED.clear()
                        _LOADED[key] = load_rule(path, parsed)
                    checks.append(_LOADED[key])
                except RuleLoadError as exc:
                    errors.extend(exc.errors)
    finally:
        if collecting:
            gc.enable()
        if parsed is not None:
            parsed.save()
    seen: dict[str, str] = {}
    for check in checks:
        code = check.rule.code
        if code in seen:
            errors.append(f"{check.rule.path}:1: code {code} is already used by {seen[code]}")
        seen.setdefault(code, check.rule.path)
    if errors:
        raise RuleLoadError(errors)
    return tuple(sorted(checks, key=lambda c: c.rule.code))
