"""Data-driven positive and negative cases for each check kind, from tests/cases/*.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tqcheck.document import Document
from tqcheck.rulefile import load_rules

CASES = sorted(Path(__file__).parent.glob("cases/*.yml"))
BY_CODE = {c.rule.code: c for c in load_rules()}


def _cases():
    for path in CASES:
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield pytest.param(case, id=f"{path.stem}-{i}-{case['code']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case):
    check = BY_CODE[case["code"]]
    text = case["text"]
    findings = list(check.run(Document(text)))
    got = [[f.match, f.suggestions[0] if f.suggestions else None] for f in findings]
    assert got == case["expect"], text
    for f in findings:
        assert text[f.start : f.end] == f.match
