"""The shipped rules' parses and "compiled without error" notes are kept in the user's cache
folder between runs. A run with the cache must give what a run without it gives, a damaged cache
must be ignored, and TQCHECK_NO_CACHE must turn it off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import json, sys
from tqcheck.engine import Settings, check_paths
from tqcheck.rulefile import load_rules
checks = load_rules()
lazy = sorted(c.rule.name for c in checks if type(getattr(c, "before", None)).__name__ == "LazyPattern")
files = [r.to_dict() if hasattr(r, "to_dict") else [f.to_dict() for f in r.findings] for r in check_paths(["seeds"])]
print(json.dumps({"yaml": "yaml" in sys.modules, "lazy": lazy, "files": files}, sort_keys=True, default=str))
"""


def _run(cache: Path, **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k != "TQCHECK_NO_CACHE"}
    environ.update(XDG_CACHE_HOME=str(cache), **env)
    out = subprocess.run([sys.executable, "-c", _RUN], cwd=ROOT, env=environ, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_cached_run_gives_the_same_findings(tmp_path):
    cold = _run(tmp_path)
    assert cold["yaml"] and not cold["lazy"]
    warm = _run(tmp_path)
    assert not warm["yaml"]  # every shipped rule came from the cache: PyYAML not imported
    assert "small-numerals" in warm["lazy"]  # a disabled rule's patterns are never compiled
    assert warm["files"] == cold["files"]


def test_damaged_cache_is_ignored(tmp_path):
    cold = _run(tmp_path)
    entries = [p for p in (tmp_path / "tqcheck").rglob("*") if p.is_file() and p.parent.name == "parsed"]
    assert entries
    for i, entry in enumerate(entries):
        entry.write_text(["", "{", "[1, 2]", '{"data": 1}'][i % 4], encoding="utf-8")
    assert _run(tmp_path)["files"] == cold["files"]


def test_cache_can_be_turned_off(tmp_path):
    _run(tmp_path, TQCHECK_NO_CACHE="1")
    assert not (tmp_path / "tqcheck").exists()
