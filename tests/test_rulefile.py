"""Rule-file validation: every problem is reported as path:line: message, never a traceback."""

from __future__ import annotations

import pytest

from tqcheck.rulefile import RuleLoadError, load_rules

GOOD = "code: XX101\ncheck: substitution\nmessage: use '{suggestion}'\nswap:\n  colour: color\n"


def load_errors(write_rule, name, text):
    write_rule(name, text)
    with pytest.raises(RuleLoadError) as info:
        load_rules((str(write_rule.folder),), defaults=False)
    return info.value.errors


def test_good_rule_loads(write_rule):
    write_rule("colour.yml", GOOD)
    (check,) = load_rules((str(write_rule.folder),), defaults=False)
    assert (check.rule.code, check.rule.name, check.rule.category) == ("XX101", "colour", "substitution")


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        (GOOD + "swapp:\n  a: b\n", 6, "unknown key 'swapp' (did you mean 'swap'?)"),
        (GOOD.replace("substitution", "substitutoin"), 2, "unknown check kind 'substitutoin' (did you mean 'substitution'?)"),
        (GOOD + "ignorecase: yes please\n", 6, "ignorecase: must be true or false"),
        (GOOD + "severity: fatal\n", 6, "severity: must be one of error, warning, info"),
        ("code: XX101\ncheck: existence\nmessage: m\ntokens:\n  - ok\n  - '(unclosed'\n", 6, "invalid regular expression '(unclosed'"),
        (GOOD + "code: XX102\n", 6, "duplicate key 'code'"),
        ("code: XX101\ncheck: existence\nmessage: m\ntokens: [a\n", 5, "invalid YAML"),
        ("check: existence\nmessage: m\ntokens: [a]\n", 1, "missing required key 'code'"),
        ("code: 12\ncheck: existence\nmessage: m\ntokens: [a]\n", 1, "code: must be a string"),
        ("code: XX101\ncheck: existence\nmessage: 'bad {'\ntokens: [a]\n", 3, "bad placeholder"),
        ("code: XX101\ncheck: existence\nmessage: m\ntokens: !!python/object:os.system [a]\n", 4, "unsupported value"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        (GOOD + "examples:\n  - pass: a\n    fail: b\n", 7, "exactly one of 'pass' or 'fail'"),
        ("code: XX101\ncheck: repetition\ndetect: twice\nmessage: m\n", 3, "detect: must be one of"),
    ],
)
def test_errors_name_file_and_line(write_rule, text, line, fragment):
    errors = load_errors(write_rule, "bad.yml", text)
    assert any(e.startswith(f"{write_rule.folder / 'bad.yml'}:{line}: ") and fragment in e for e in errors), errors


def test_duplicate_codes_across_files(write_rule):
    write_rule("a.yml", GOOD)
    errors = load_errors(write_rule, "b.yml", GOOD)
    assert any("code XX101 is already used by" in e for e in errors)


def test_tsv_errors_point_into_the_tsv(write_rule):
    (write_rule.folder / "list.tsv").write_text("# comment\nok\tfine\nbroken line\n", encoding="utf-8")
    errors = load_errors(write_rule, "t.yml", "code: XX101\ncheck: substitution\nmessage: m\nswap_file: list.tsv\n")
    assert errors == [f"{write_rule.folder / 'list.tsv'}:3: expected 2 tab-separated columns"]


def test_yaml_1_1_booleans_stay_strings(write_rule):
    write_rule("no.yml", "code: XX101\ncheck: substitution\nmessage: m\nswap:\n  No: Number\n  on: upon\n")
    (check,) = load_rules((str(write_rule.folder),), defaults=False)
    assert check.rule.options["swap"] == {"No": "Number", "on": "upon"}


def test_missing_rule_folder():
    with pytest.raises(RuleLoadError) as info:
        load_rules(("/nonexistent/rules",), defaults=False)
    assert info.value.errors == ["/nonexistent/rules: rule folder not found"]


@pytest.mark.parametrize("value", ["0", "11", "99999999999999999999"])
def test_repetition_bounds_are_reported_at_their_key(write_rule, value):
    errors = load_errors(write_rule, "bad.yml", f"code: XX101\ncheck: repetition\ndetect: doubled\nmessage: m\nmax_words: {value}\n")
    assert errors == [f"{write_rule.folder / 'bad.yml'}:5: max_words: must be between 1 and 10"]


def test_a_shared_data_file_is_read_once_per_version(tmp_path):
    from tqcheck.rulefile import _read_tsv_once, _read_tsv_cached

    data = tmp_path / "orgs.tsv"
    data.write_text("Alpha Institute\t\tthink-tank\n", encoding="utf-8")
    first = _read_tsv_once(data, 3)
    hits = _read_tsv_cached.cache_info().hits
    assert _read_tsv_once(data, 3) == first == [("Alpha Institute", "", "think-tank", 1)]
    assert _read_tsv_cached.cache_info().hits == hits + 1
    data.write_text("Alpha Institute\t\tthink-tank\nBeta Centre\tBC\tthink-tank\n", encoding="utf-8")
    assert [row[0] for row in _read_tsv_once(data, 3)] == ["Alpha Institute", "Beta Centre"]
