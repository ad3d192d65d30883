"""Parse a rule file's YAML into plain data, with the line of every key and list item.

A safe loader (no tags, no objects) with YAML 1.2 booleans (only true/false), so that a swap
key such as ``No`` or ``on`` stays a string. Kept apart from tqcheck.rulefile because importing
PyYAML costs ~15 ms of a start: a run whose rule files are all in the parsed-rule cache
(tqcheck.cache) never imports this module.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader with YAML 1.2 booleans (true/false only)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_STR_TAG = "tag:yaml.org,2002:str"
# Values one rule file may hold with its aliases expanded: a few hundred is typical, and the cap
# stops "billion laughs" files (aliases of aliases) and recursive aliases before they expand.
MAX_VALUES = 100_000


def _too_many_values(node: yaml.Node) -> bool:
    """True if ``node`` holds more than MAX_VALUES values once aliases are expanded."""
    count, stack = 0, [node]
    while stack:
        count += 1
        if count > MAX_VALUES:
            return True
        item = stack.pop()
        if isinstance(item, yaml.MappingNode):
            stack.extend(n for pair in item.value for n in pair)
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
    return False


def _plain(node: yaml.Node, loader: yaml.SafeLoader, lines: dict, where: tuple, errors: list) -> Any:
    """Turn a composed YAML node into plain Python data, recording the line of every path."""
    lines[where] = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        errors.append((node.start_mark.line + 1, f"unsupported value: tag {node.tag!r} is not allowed"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _plain(key_node, loader, {}, where, errors)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                errors.append((key_node.start_mark.line + 1, "mapping keys must be plain values"))
                continue
            if key in out:
                errors.append((key_node.start_mark.line + 1, f"duplicate key {key!r}"))
                continue
            out[key] = _plain(value_node, loader, lines, where + (key,), errors)
            lines[where + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            if item.tag == _STR_TAG and type(item) is yaml.ScalarNode:  # a word of a list: what _plain does, inline
                lines[where + (i,)] = item.start_mark.line + 1
                items.append(item.value)
            else:
                items.append(_plain(item, loader, lines, where + (i,), errors))
        return items
    if node.tag == _STR_TAG:
        return node.value  # what the constructor returns for a string, at a fraction of the cost
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        errors.append((node.start_mark.line + 1, f"unsupported value: {getattr(exc, 'problem', exc)}"))
        return None

def parse(text: str) -> tuple[Any, dict[tuple, int], list[tuple[int, str]]]:
    """(data, line-of-each-path, [(line, error)]) of one YAML document."""
    errors: list[tuple[int, str]] = []
    lines: dict[tuple, int] = {}
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _too_many_values(node):
            return None, lines, [(1, f"more than {MAX_VALUES:,} values once aliases are expanded; refused")]
        data = None if node is None else _plain(node, loader, lines, (), errors)
    except RecursionError:
        return None, lines, [(1, "invalid YAML: nested too deeply")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, lines, [(line, "invalid YAML: " + ", ".join(filter(None, (exc.context, exc.problem))))]
    except yaml.YAMLError as exc:
        return None, lines, [(1, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return data, lines, errors
