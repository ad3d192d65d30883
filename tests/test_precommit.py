"""The pre-commit hook definition, run the way pre-commit runs it: entry + staged file names."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from conftest import ROOT


def test_hook_definition():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "tqcheck" and hook["language"] == "python"
    assert hook["entry"] == "tqcheck check --no-report"
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


def test_hook_entry_gates_the_commit(tmp_path):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (tmp_path / "clean.md").write_text("# Title\n\nA clean sentence, with `the the` in code.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("the the end\n", encoding="utf-8")
    exe, *args = hook["entry"].split()
    command = [os.path.join(os.path.dirname(sys.executable), exe), *args]

    def run(*files):
        return subprocess.run([*command, *files], cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})

    assert run("clean.md").returncode == 0
    failed = run("clean.md", "bad.txt")
    assert failed.returncode == 1 and "bad.txt:1:1: TQ101" in failed.stdout
    assert not (tmp_path / "reports").exists()
