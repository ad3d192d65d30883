"""tqcheck.toml and [tool.tqcheck]: discovery, every key, flags over config, located errors."""

from __future__ import annotations

import json
import os

import pytest

from tqcheck.config import ConfigError, find_config, load

# One TQ101 (doubled word), one TQ201 (capitalised function word), one TQ311 (info only).
ARTICLE = "the the talks ended.\n\nThe reforms demanded by The protesters, peace be upon him, failed.\n"


def codes(result) -> list[str]:
    assert "Traceback" not in result.stdout + result.stderr
    return [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_nearest_config_wins_searching_upward(cli, tmp_path, article):
    (tmp_path / "tqcheck.toml").write_text('select = ["TQ1"]\n', encoding="utf-8")
    sub = tmp_path / "desk" / "inner"
    sub.mkdir(parents=True)
    assert codes(cli(article, "--format", "json")) == ["TQ101"]
    os.chdir(sub)  # no config here: the one two folders up applies
    assert codes(cli(article, "--format", "json")) == ["TQ101"]
    (tmp_path / "desk" / "tqcheck.toml").write_text('select = ["TQ2"]\n', encoding="utf-8")
    assert codes(cli(article, "--format", "json")) == ["TQ201"]


def test_pyproject_table_is_used_and_tqcheck_toml_beats_it(cli, tmp_path, article):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.tqcheck]\nselect = ["TQ2"]\n', encoding="utf-8")
    assert codes(cli(article, "--format", "json")) == ["TQ201"]
    (tmp_path / "tqcheck.toml").write_text('select = ["TQ1"]\n', encoding="utf-8")
    assert codes(cli(article, "--format", "json")) == ["TQ101"]


def test_pyproject_without_our_table_is_skipped(tmp_path):
    (tmp_path / "tqcheck.toml").write_text("", encoding="utf-8")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.ruff]\nselect = ["E"]\n', encoding="utf-8")
    assert find_config(inner) == tmp_path / "tqcheck.toml"


def test_explicit_config_and_isolated(cli, tmp_path, article):
    (tmp_path / "tqcheck.toml").write_text('select = ["TQ1"]\n', encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('select = ["TQ2"]\n', encoding="utf-8")
    assert codes(cli(article, "--format", "json", "--config", other)) == ["TQ201"]
    assert codes(cli(article, "--format", "json", "--isolated")) == ["TQ101", "TQ201", "TQ311"]
    both = cli(article, "--config", other, "--isolated")
    assert both.exit_code == 2 and "tqcheck: error: --config and --isolated" in both.stderr
    missing = cli(article, "--config", tmp_path / "nope.toml")
    assert missing.exit_code == 2 and missing.stderr.strip().endswith("nope.toml: no such file")


def test_flags_override_config(cli, tmp_path, article):
    (tmp_path / "tqcheck.toml").write_text(
        'select = ["TQ1"]\nfail-on = "never"\nreport = false\n', encoding="utf-8"
    )
    plain = cli(article, "--format", "json")
    assert plain.exit_code == 0 and not (tmp_path / "reports").exists()
    flagged = cli(article, "--format", "json", "--select", "TQ2", "--fail-on", "warning", "--report")
    assert codes(flagged) == ["TQ201"]
    assert flagged.exit_code == 1
    assert (tmp_path / "reports" / "tqcheck-report.json").is_file()


def test_severity_table_overrides_rule_severity(cli, tmp_path, article):
    (tmp_path / "tqcheck.toml").write_text('fail-on = "error"\n[severity]\nTQ101 = "error"\nreligious-formulas = "warning"\n', encoding="utf-8")
    result = cli(article, "--format", "json", "--no-report")
    severities = {f["code"]: f["severity"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert severities == {"TQ101": "error", "TQ201": "warning", "TQ311": "warning"}
    assert result.exit_code == 1  # the error-level finding fails the run
    sarif = json.loads(cli(article, "--format", "sarif", "--no-report").stdout)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["TQ101"] == "error"


def test_rules_folders_relative_to_config_and_default_rules_off(cli, tmp_path, article):
    house = tmp_path / "house"
    house.mkdir()
    (house / "talks.yml").write_text("code: HOUSE1\ncheck: existence\nmessage: m\ntokens: [talks]\n", encoding="utf-8")
    (tmp_path / "tqcheck.toml").write_text('rules = ["house"]\ndefault-rules = false\n', encoding="utf-8")
    os.chdir(tmp_path.parent)  # the folder is found next to the config file, not the current folder
    assert codes(cli(article, "--format", "json", "--config", tmp_path / "tqcheck.toml", "--no-report")) == ["HOUSE1"]


def test_rules_commands_see_the_rules_and_severities_check_uses(cli, tmp_path):
    house = tmp_path / "house"
    house.mkdir()
    (house / "talks.yml").write_text(
        "code: HOUSE1\ncheck: existence\nmessage: m\ntokens: [talks]\nexamples:\n  - fail: the talks\n", encoding="utf-8")
    (tmp_path / "tqcheck.toml").write_text('rules = ["house"]\n\n[severity]\ndoubled-word = "error"\n', encoding="utf-8")
    listed = {line.split()[0]: line.split()[3] for line in cli("rules", "list").stdout.splitlines()[1:]}
    assert listed["HOUSE1"] == "warning" and listed["TQ101"] == "error" and listed["TQ102"] == "warning"
    assert cli("rules", "show", "HOUSE1").stdout.startswith("HOUSE1 ")
    assert cli("rules", "show", "TQ101").stdout.startswith("TQ101 doubled-word  (repetition, error,")
    assert cli("rules", "test", "--no-default-rules").stdout.strip().endswith("1 passed, 0 failed")
    isolated = cli("rules", "list", "--isolated").stdout
    assert "HOUSE1" not in isolated and "TQ101" in isolated
    assert "TQ101" not in cli("rules", "list", "--no-default-rules").stdout
    assert cli("rules", "show", "HOUSE1", "--isolated").exit_code == 2


def test_include_exclude_and_per_file_ignores(cli, tmp_path):
    for name in ("a.txt", "b.news", "drafts/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "tqcheck.toml").write_text(
        'include = ["*.txt", "*.news"]\nexclude = ["a.txt"]\n\n[per-file-ignores]\n"drafts/*" = ["repetition", "TQ3"]\n',
        encoding="utf-8",
    )
    data = json.loads(cli(".", "--format", "json", "--no-report").stdout)
    found = {f["path"].replace(os.sep, "/"): [x["code"] for x in f["findings"]] for f in data["files"]}
    assert found == {"./b.news": ["TQ101", "TQ201", "TQ311"], "./drafts/c.txt": ["TQ201"]}


def test_per_file_ignores_also_hold_when_fixing(cli, tmp_path):
    (tmp_path / "keep.txt").write_text("the the end\n", encoding="utf-8")
    (tmp_path / "tqcheck.toml").write_text('[per-file-ignores]\n"keep.txt" = ["TQ101"]\n', encoding="utf-8")
    cli("keep.txt", "--fix", "--unsafe-fixes", "--no-report")
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "the the end\n"


def test_report_dir_is_relative_to_the_config(cli, tmp_path, article):
    (tmp_path / "tqcheck.toml").write_text('report-dir = "out/reports"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    os.chdir(sub)
    cli(article)
    assert (tmp_path / "out" / "reports" / "tqcheck-report.html").is_file()


def test_language_reaches_rules_that_take_one(cli, tmp_path):
    (tmp_path / "a.txt").write_text(
        "The minister arrived on Monday.\n\nLe gouvernement a décidé de reporter les élections municipales "
        "jusqu'à nouvel ordre.\n",
        encoding="utf-8",
    )
    assert codes(cli("a.txt", "--format", "json", "--no-report", "--select", "TQ802")) == ["TQ802"]
    (tmp_path / "tqcheck.toml").write_text('language = "fr"\n', encoding="utf-8")
    assert codes(cli("a.txt", "--format", "json", "--no-report", "--select", "TQ802")) == []
    assert codes(cli("a.txt", "--format", "json", "--no-report", "--select", "TQ802", "--language", "en")) == ["TQ802"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = ["TQ1"]\nselct = ["TQ1"]\n', "tqcheck.toml:2: unknown key 'selct' (did you mean 'select'?)"),
        ('fail-on = "warning"\nselect = "TQ1"\n', "tqcheck.toml:2: select: must be a list of strings, not a string"),
        ("report = 1\n", "tqcheck.toml:1: report: must be true or false, not an integer"),
        ('fail-on = "fatal"\n', "tqcheck.toml:1: fail-on: must be one of error, warning, info, never, not 'fatal'"),
        ('\n[severity]\nTQ101 = "error"\nTQ201 = "loud"\n', "tqcheck.toml:4: severity: TQ201: must be one of error, warning, info, not 'loud'"),
        ('[per-file-ignores]\n"*.md" = "TQ1"\n', "tqcheck.toml:2: per-file-ignores: '*.md': must be a list of strings, not a string"),
        ('select = ["TQ1"\nfail-on = "x"\n', "tqcheck.toml:2: invalid TOML: "),
        ('ignore = ["TQ1", "TQ9999"]\n', "tqcheck.toml:1: ignore: no rule matches 'TQ9999'"),
        ('# comment\n[severity]\nTQ9999 = "error"\n', "tqcheck.toml:3: severity: no rule has the code or name 'TQ9999'"),
        ('[per-file-ignores]\n"a/*" = ["TQ1"]\n"b/*" = ["nothing"]\n', "tqcheck.toml:3: per-file-ignores: no rule matches 'nothing'"),
    ],
)
def test_config_errors_name_file_and_line(cli, tmp_path, article, text, message):
    (tmp_path / "tqcheck.toml").write_text(text, encoding="utf-8")
    result = cli(article)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(message)
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_pyproject_errors_point_into_the_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.black]\nreport = 1\n\n[tool.tqcheck]\nselect = ["TQ1"]\nreport = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load(path)
    assert info.value.errors == [f"{path}:6: report: must be true or false, not an integer"]


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "tqcheck.toml"
    path.write_text('selct = []\nreport = "no"\nlanguage = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load(path)
    assert [e.split(": ", 1)[0] for e in info.value.errors] == [f"{path}:1", f"{path}:2", f"{path}:3"]
