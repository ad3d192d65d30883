"""Hostile and broken rule files: one line `path:line: message` each, exit 2, never a traceback,
never any code run; and a catastrophic regular expression times out instead of hanging."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

CORPUS = Path(__file__).parent / "data" / "bad-rules"

# File in tests/data/bad-rules -> (line, fragment of the message on that line).
EXPECTED = {
    "alias-bomb.yml": (1, "more than 100,000 values once aliases are expanded; refused"),
    "alias-recursive.yml": (1, "more than 100,000 values once aliases are expanded; refused"),
    "check-kind-import.yml": (2, "unknown check kind \"__import__('os').system('touch pwned')\""),
    "check-kind-module-path.yml": (2, "unknown check kind 'tqcheck.checks.substitution:Substitution' (known: article, capitalization,"),
    "check-kind-not-string.yml": (2, "check: must be a string, not a list"),
    "code-bad-format.yml": (1, "code: 'tq-1' must be capital letters then digits"),
    "code-not-a-string.yml": (1, "code: must be a string, not an integer"),
    "deeply-nested.yml": (4, "invalid YAML: while increasing flow level, exceeded maximum nesting depth"),
    "detect-unknown.yml": (3, "detect: must be one of doubled, echo, parenthetical, acronym, not 'twice'"),
    "duplicate-key.yml": (5, "duplicate key 'message'"),
    "duplicate-swap-key.yml": (6, "duplicate key 'colour'"),
    "empty-file.yml": (1, "a rule file must be a mapping of keys to values"),
    "empty-message.yml": (3, "message: must be a string, not an empty value"),
    "enabled-number.yml": (5, "enabled: must be true or false, not an integer"),
    "example-fix-without-fail.yml": (6, "examples: 'fix' belongs with a 'fail' example"),
    "example-pass-and-fail.yml": (6, "examples: an example needs exactly one of 'pass' or 'fail'"),
    "example-unknown-key.yml": (6, "examples: unknown example key 'fial'"),
    "ignorecase-not-bool.yml": (5, "ignorecase: must be true or false, not a string"),
    "max-words-float.yml": (5, "max_words: must be an integer, not a number"),
    "max-words-huge.yml": (5, "max_words: must be between 1 and 10"),
    "max-words-zero.yml": (5, "max_words: must be between 1 and 10"),
    "message-attribute.yml": (3, "message: bad placeholder {match.__class__.__mro__}: write a plain field name"),
    "message-format-spec.yml": (3, "message: bad placeholder {match:>99999999}"),
    "message-positional.yml": (3, "message: bad placeholder {0}"),
    "message-unclosed-brace.yml": (3, "message: bad placeholder: expected '}' before end of string"),
    "missing-code.yml": (1, "missing required key 'code'"),
    "missing-message.yml": (1, "missing required key 'message'"),
    "not-a-mapping.yml": (1, "a rule file must be a mapping of keys to values"),
    "not-utf8.yml": (3, "not valid UTF-8: byte 0xe9 at offset 41; save the rule file as UTF-8"),
    "python-module.yml": (5, "unsupported value: could not determine a constructor for the tag 'tag:yaml.org,2002:python/module:os'"),
    "python-name.yml": (5, "unsupported value: could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'"),
    "python-object-apply.yml": (4, "unsupported value: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "python-object-new.yml": (1, "unsupported value: tag 'tag:yaml.org,2002:python/object/new:os.system' is not allowed"),
    "regex-bad-exception.yml": (5, "invalid regular expression '*a': nothing to repeat"),
    "regex-bad-swap-key.yml": (6, "bad character range"),
    "regex-unclosed-group.yml": (6, "invalid regular expression '(unclosed': missing )"),
    "scalar-document.yml": (1, "a rule file must be a mapping of keys to values"),
    "severity-unknown.yml": (5, "severity: must be one of error, warning, info, not 'fatal'"),
    "swap-file-missing.yml": (4, "no-such-list.tsv: No such file or directory"),
    "swap-value-list.yml": (5, "swap: value of 'colour' must be a string"),
    "token-not-a-string.yml": (6, "tokens: item 2 must be a string"),
    "tokens-not-a-list.yml": (4, "tokens: must be a list of strings, not an integer"),
    "unknown-check-kind.yml": (2, "unknown check kind 'substitutoin' (did you mean 'substitution'?)"),
    "unknown-key.yml": (4, "unknown key 'swapp' (did you mean 'swap'?)"),
    "yaml-bad-indent.yml": (6, "invalid YAML: while parsing a block mapping, did not find expected key"),
    "yaml-tab-indent.yml": (5, "invalid YAML: while scanning for the next token, found character that cannot start any token"),
    "yaml-two-documents.yml": (5, "invalid YAML: expected a single document in the stream, but found another document"),
    "yaml-unclosed-bracket.yml": (5, "invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"),
    "yaml-unknown-tag.yml": (4, "unsupported value: tag '!custom' is not allowed"),
}


def test_the_corpus_and_the_table_agree():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_rule_file_exits_2_with_path_line_and_message(cli, tmp_path, name):
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(CORPUS / name, folder / name)
    (tmp_path / "a.txt").write_text("A clean sentence.\n", encoding="utf-8")
    line, fragment = EXPECTED[name]
    result = cli("a.txt", "--rules", folder, "--no-default-rules", "--no-report")
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert errors[-1] == "tqcheck: error: 1 problem(s) in rule files"
    prefix = f"{folder / name}:{line}: "
    assert any(e.startswith(prefix) and fragment in e for e in errors), errors
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert not (tmp_path / "pwned").exists()  # no payload ran


def test_rule_commands_report_the_same_errors(cli, tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(CORPUS, folder)
    for args in (("rules", "list"), ("rules", "test"), ("rules", "show", "XX101")):
        result = cli(*args, "--rules", folder)
        assert result.exit_code == 2, args
        assert result.stderr.splitlines()[-1] == f"tqcheck: error: {len(EXPECTED)} problem(s) in rule files"
    assert not (tmp_path / "pwned").exists()


def test_no_code_path_can_evaluate_or_unpickle():
    """The package never calls eval/exec, pickle, marshal or a YAML loader other than the safe one."""
    banned_calls = {"eval", "exec", "compile", "__import__"}
    banned_attrs = {("yaml", "load"), ("yaml", "unsafe_load"), ("yaml", "full_load"), ("yaml", "Loader"),
                    ("yaml", "UnsafeLoader"), ("yaml", "FullLoader")}
    found = []
    for path in sorted((ROOT / "tqcheck").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in banned_calls:
                found.append(f"{path.name}:{node.lineno} {node.func.id}()")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (node.value.id, node.attr) in banned_attrs:
                found.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                found += [f"{path.name}:{node.lineno} import {n}" for n in names if n.split(".")[0] in ("pickle", "marshal", "shelve", "dill")]
    assert found == []


@pytest.mark.parametrize(
    "rule",
    [
        "check: existence\nnonword: true\ntokens: ['(a|aa)+$']\n",
        "check: substitution\nnonword: true\nswap:\n  '(a|aa)+$': b\n",
    ],
)
def test_catastrophic_regex_times_out_and_names_rule_and_file(tmp_path, rule):
    """`(a|aa)+$` on a long line of a's backtracks exponentially (the regex module cannot
    optimise it away); the rule is skipped on that file with a one-line reason, the other rules
    and files are still checked. The subprocess timeout only catches a hang."""
    import os
    import subprocess
    import sys

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "evil.yml").write_text(f"code: EVIL1\nmessage: m\n{rule}", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 45 + "!\n\nthe the end\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("the the end\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "tqcheck", "a.txt", "b.txt", "--rules", "rules", "--no-report"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert "a.txt: error: rule EVIL1 (evil) timed out on this file and was skipped: its regular expression backtracks too much" in lines
    assert any(line.startswith("a.txt:3:1: TQ101 ") for line in lines)
    assert any(line.startswith("b.txt:1:1: TQ101 ") for line in lines)
    assert "Traceback" not in proc.stderr
    data = json.loads(subprocess.run([sys.executable, "-m", "tqcheck", "b.txt", "--rules", "rules", "--no-report", "--format", "json"],
                                     cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout)
    assert data["files"][0]["error"] is None  # a short text is fine
