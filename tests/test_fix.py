"""--fix, --diff and --fix-to: safe fixes to a fixed point, atomic writes, nothing lost."""

from __future__ import annotations

import json
import os
import stat

from conftest import SEEDS

MESSY = "The talks resumed this month this month in in Cairo.\r\nThe end of the the talks.\r\n"
CLEAN = "The talks resumed this month in Cairo.\r\nThe end of the talks.\r\n"


def test_fix_writes_in_place_keeping_bom_crlf_and_permissions(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.encode("utf-8"))
    os.chmod(path, 0o640)
    result = cli(path, "--fix", "--select", "TQ101", "--no-report")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == b"\xef\xbb\xbf" + CLEAN.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "Fixed 3 finding(s) in 1 file(s)" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_second_fix_changes_nothing(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(MESSY, encoding="utf-8", newline="")
    cli(path, "--fix", "--no-report")
    first = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = cli(path, "--fix", "--no-report")
    assert path.read_bytes() == first
    assert path.stat().st_mtime_ns == mtime  # nothing written when nothing changes
    assert "Fixed 0 finding(s) in 0 file(s)" in result.stderr


def test_diff_prints_and_writes_nothing(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(MESSY, encoding="utf-8", newline="")
    result = cli(path, "--diff", "--select", "TQ101")
    assert result.exit_code == 1
    assert path.read_bytes().decode("utf-8") == MESSY
    assert "-The talks resumed this month this month in in Cairo." in result.stdout
    assert "+The talks resumed this month in Cairo." in result.stdout
    assert not (tmp_path / "reports").exists()
    clean = tmp_path / "b.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert cli(clean, "--diff", "--select", "TQ101").exit_code == 0


def test_unsafe_fixes_need_opt_in(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("He visited Cairo in March Last March.\n", encoding="utf-8")
    cli(path, "--fix", "--select", "TQ102", "--no-report")
    assert path.read_text(encoding="utf-8") == "He visited Cairo in March Last March.\n"
    cli(path, "--fix", "--unsafe-fixes", "--select", "TQ102", "--no-report")
    assert path.read_text(encoding="utf-8") == "He visited Cairo in March.\n"


def test_fix_to_writes_copies_and_the_copy_has_no_safe_fix_left(cli, tmp_path):
    out = tmp_path / "fixed"
    original = (SEEDS / "000_ea917293e2d5b792.txt").read_bytes()
    result = cli(SEEDS, "--fix-to", out, "--format", "json", "--no-report")
    assert (SEEDS / "000_ea917293e2d5b792.txt").read_bytes() == original
    copy = out / "000_ea917293e2d5b792.txt"
    report = json.loads(result.stdout)
    entry = report["files"][0]
    assert entry["path"] == str(copy)
    assert entry["fixed"]["count"] >= 5 and entry["fixed"]["impact"]["change"]["chrf"] < 100
    assert not any(f["fix"] and f["fix"]["applicability"] == "safe" for f in entry["findings"])
    again = json.loads(cli(copy, "--fix", "--format", "json", "--no-report").stdout)
    assert "fixed" not in again["files"][0]
    assert copy.read_bytes() != original


def test_fix_options_are_exclusive(cli, tmp_path):
    assert cli(SEEDS, "--fix", "--diff").exit_code == 2


def test_reference_adds_scores_and_marks_low_lines(cli, tmp_path):
    hyp = tmp_path / "hyp.txt"
    ref = tmp_path / "ref.txt"
    hyp.write_text("The minister said that that the talks went well.\n\nBanana purple quickly the the seven.\n", encoding="utf-8")
    ref.write_text("The minister said the talks went well.\n\nThe army withdrew from the city on Monday.\n", encoding="utf-8")
    report = json.loads(cli(hyp, "--reference", ref, "--format", "json", "--select", "TQ101", "--no-report").stdout)
    entry = report["files"][0]
    assert set(entry["scores"]) >= {"bleu", "chrf", "ter", "low_lines"}
    assert entry["scores"]["low_lines"] == [3]
    low = {f["line"]: f["data"]["segment"]["low"] for f in entry["findings"]}
    assert low == {1: False, 3: True}  # "that that the" (a slip) is on a good line; "the the" on the low one
    mismatched = tmp_path / "short.txt"
    mismatched.write_text("One line.\n", encoding="utf-8")
    bad = json.loads(cli(hyp, "--reference", mismatched, "--format", "json", "--no-report").stdout)
    assert "non-empty lines" in bad["files"][0]["error"]
    assert cli(hyp, "--reference", tmp_path / "missing.txt").exit_code == 2
