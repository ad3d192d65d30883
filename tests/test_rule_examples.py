"""Every shipped rule carries examples, and every example behaves as written."""

from __future__ import annotations

import pytest

from tqcheck.examples import run_example
from tqcheck.rulefile import load_rules

CHECKS = load_rules()


@pytest.mark.parametrize(
    "check, example",
    [(c, e) for c in CHECKS for e in c.rule.examples],
    ids=lambda v: getattr(getattr(v, "rule", None), "code", None) or str(getattr(v, "line", "")),
)
def test_example(check, example):
    result = run_example(check, example)
    assert result.problem is None, f"{result.where}: {result.problem}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.rule.code)
def test_every_rule_has_pass_and_fail_examples(check):
    kinds = {e.passes for e in check.rule.examples}
    assert kinds == {True, False}, f"{check.rule.path} needs at least one pass and one fail example"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.rule.code)
def test_every_rule_is_documented(check):
    assert check.rule.description, f"{check.rule.path} has no description"
    assert check.rule.category


def test_example_runner_catches_a_wrong_example(write_rule):
    write_rule(
        "bad-example.yml",
        "code: XX100\ncheck: existence\nmessage: m\ntokens: [foo]\nexamples:\n  - pass: a foo here\n  - fail: no match\n",
    )
    (check,) = load_rules((str(write_rule.folder),), defaults=False)
    problems = [run_example(check, e).problem for e in check.rule.examples]
    assert "expected no finding" in problems[0]
    assert "expected a finding" in problems[1]
