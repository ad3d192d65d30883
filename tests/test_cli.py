"""The command line: routing, exit codes, formats, file errors and rule commands."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS


def test_bare_paths_mean_check(cli):
    routed = cli(SEEDS, "--format", "json")
    explicit = cli("check", SEEDS, "--format", "json")
    assert routed.exit_code == explicit.exit_code == 1
    assert routed.stdout == explicit.stdout


def test_console_script_runs_on_seeds_and_writes_both_reports(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    exe = os.path.join(os.path.dirname(sys.executable), "tqcheck")
    proc = subprocess.run([exe, "seeds/"], cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1, proc.stderr
    assert "seeds/000_ea917293e2d5b792.txt:" in proc.stdout
    assert "Checked 1 file:" in proc.stdout
    assert proc.stderr.splitlines() == ["Wrote reports/tqcheck-report.html", "Wrote reports/tqcheck-report.json"]
    assert (tmp_path / "reports/tqcheck-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    report = json.loads((tmp_path / "reports/tqcheck-report.json").read_text(encoding="utf-8"))
    assert report["summary"]["findings"] == proc.stdout.count("seeds/000_ea917293e2d5b792.txt:")
    quiet = subprocess.run([exe, "seeds/", "--no-report", "--report-dir", "elsewhere"], cwd=tmp_path, capture_output=True, text=True)
    assert quiet.stderr == "" and not (tmp_path / "elsewhere").exists()
    moved = subprocess.run([exe, "seeds/", "--report-dir", "out"], cwd=tmp_path, capture_output=True, text=True)
    assert "Wrote out/tqcheck-report.html" in moved.stderr


def test_python_dash_m(tmp_path):
    (tmp_path / "clean.txt").write_text("A clean sentence.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "tqcheck", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no findings" in proc.stdout


def test_text_lines_are_ruff_style(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("First line.\nthe reforms demanded by The protesters\n", encoding="utf-8")
    result = cli(path)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == f"{path}:2:25: TQ201 'The' is capitalised mid-sentence; did you mean 'the'? -> the"
    assert "Checked 1 file: 1 finding (1 warning)" in result.stdout
    assert "by category: capitalization 1" in result.stdout


def test_fail_on_controls_the_exit_code(cli, tmp_path):
    (tmp_path / "a.txt").write_text("The king, peace be upon him, spoke.\n", encoding="utf-8")
    assert cli(tmp_path).exit_code == 0  # only an info finding
    assert cli(tmp_path, "--fail-on", "info").exit_code == 1
    (tmp_path / "b.txt").write_text("the the end\n", encoding="utf-8")
    assert cli(tmp_path, "--fail-on", "error").exit_code == 0
    assert cli(tmp_path, "--fail-on", "never").exit_code == 0
    assert cli(tmp_path).exit_code == 1


def test_output_file_for_any_format(cli, tmp_path):
    out = tmp_path / "sub" / "report.json"
    result = cli(SEEDS, "--format", "json", "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_select_and_ignore(cli):
    def codes(*args):
        data = json.loads(cli(SEEDS, "--format", "json", *args).stdout)
        return {f["code"] for f in data["files"][0]["findings"]}

    everything = codes()
    assert codes("--select", "TQ2") == {"TQ201"}
    assert codes("--select", "repetition") == {c for c in everything if c.startswith("TQ10")}
    assert codes("--ignore", "TQ201,calque") == everything - {"TQ201", "TQ301"}
    assert codes("--select", "echo") == {"TQ102"}


def test_unknown_selector_is_a_usage_error(cli):
    result = cli(SEEDS, "--select", "TQ999")
    assert result.exit_code == 2
    assert "no rule matches 'TQ999'" in result.stderr


def test_bad_file_is_reported_and_others_still_checked(cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "b.txt").write_text("the the end\n", encoding="utf-8")
    result = cli(tmp_path, "--format", "json")
    data = json.loads(result.stdout)
    by_path = {os.path.basename(f["path"]): f for f in data["files"]}
    assert "not valid UTF-8: byte 0xe9 at offset 3 (line 1)" in by_path["a.txt"]["error"]
    assert by_path["b.txt"]["findings"][0]["code"] == "TQ101"
    assert result.exit_code == 1


def test_bom_is_accepted_and_offsets_ignore_it(cli, tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffthe the end\n".encode("utf-8"))
    finding = json.loads(cli(tmp_path, "--format", "json").stdout)["files"][0]["findings"][0]
    assert (finding["start"], finding["column"], finding["match"]) == (0, 1, "the the")


def test_nothing_checkable_exits_2(cli, tmp_path):
    result = cli(tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert "no such file" in result.stdout


def test_include_and_exclude_globs(cli, tmp_path):
    (tmp_path / "a.txt").write_text("the the\n", encoding="utf-8")
    (tmp_path / "b.rst").write_text("the the\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "c.md").write_text("the the\n", encoding="utf-8")

    def paths(*args):
        data = json.loads(cli(tmp_path, "--format", "json", *args).stdout)
        return sorted(os.path.relpath(f["path"], tmp_path) for f in data["files"])

    assert paths() == ["a.txt", os.path.join("drafts", "c.md")]
    assert paths("--include", "*.rst") == ["b.rst"]
    assert paths("--exclude", "drafts") == ["a.txt"]


def test_bad_rule_file_exits_2_with_location(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yml").write_text("code: XX1\ncheck: existence\nmessage: m\ntokens: ['(']\n", encoding="utf-8")
    result = cli(SEEDS, "--rules", rules)
    assert result.exit_code == 2
    assert f"{rules / 'bad.yml'}:4: " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_user_rules_add_to_shipped_rules(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "washington.yml").write_text(
        "code: HOUSE1\ncheck: existence\nmessage: avoid '{match}'\ntokens: [Washington]\ncategory: house\n", encoding="utf-8"
    )
    data = json.loads(cli(SEEDS, "--rules", rules, "--format", "json").stdout)
    codes = [f["code"] for f in data["files"][0]["findings"]]
    assert "HOUSE1" in codes and "TQ201" in codes
    only = json.loads(cli(SEEDS, "--rules", rules, "--no-default-rules", "--format", "json").stdout)
    assert {f["code"] for f in only["files"][0]["findings"]} == {"HOUSE1"}


def test_rules_list_show_and_test(cli):
    listing = cli("rules", "list")
    assert listing.exit_code == 0
    assert "TQ201  function-word-capitals" in listing.stdout
    shown = cli("rules", "show", "TQ102")
    assert shown.exit_code == 0 and "echo" in shown.stdout and "Examples:" in shown.stdout
    assert cli("rules", "show", "TQ999").exit_code == 2
    assert cli("rules", "explain", "TQ102").stdout == shown.stdout  # the word the group's help uses
    tested = cli("rules", "test")
    assert tested.exit_code == 0
    assert tested.stdout.strip().endswith(", 0 failed")


def test_rules_test_fails_on_a_broken_example(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yml").write_text(
        "code: XX1\ncheck: existence\nmessage: m\ntokens: [foo]\nexamples:\n  - pass: foo\n", encoding="utf-8"
    )
    result = cli("rules", "test", "--rules", rules, "--no-default-rules")
    assert result.exit_code == 1
    assert f"{rules / 'x.yml'}:6: XX1 expected no finding" in result.stdout


def test_version_and_help(cli):
    assert cli("--version").stdout.startswith("tqcheck ")
    helped = cli("check", "--help")
    assert helped.exit_code == 0 and "--fail-on" in helped.stdout


@pytest.mark.parametrize("kind", ["check: existence", "check: embed\ndetect: link", "check: substitution\nswap:\n  '(a|aa)+$': b"])
def test_catastrophic_regex_times_out_and_the_rest_carries_on(cli, tmp_path, kind):
    rules = tmp_path / "rules"
    rules.mkdir()
    tokens = "" if "substitution" in kind else "\ntokens: ['(a|aa)+$']"
    (rules / "evil.yml").write_text(f"code: EVIL1\n{kind}\nmessage: m\nnonword: true{tokens}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 40 + "!\n\nthe the end\n", encoding="utf-8")
    result = cli(tmp_path / "a.txt", "--rules", rules, "--format", "json", "--no-report")
    entry = json.loads(result.stdout)["files"][0]
    assert "rule EVIL1 (evil) timed out on this file" in entry["error"]
    assert "TQ101" in [f["code"] for f in entry["findings"]]
    assert result.exit_code == 1


def test_output_onto_a_device_writes_through_it(cli, tmp_path):
    """-o /dev/null must not replace the device with a file (the atomic rename is for files)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, encoding="utf-8").read()))
    reader.start()
    result = cli(SEEDS, "--format", "json", "-o", fifo, "--no-report")
    reader.join(timeout=30)
    assert result.exit_code == 1
    assert json.loads(got[0])["summary"]["files"] == 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
