"""Baselines: accepted findings stay quiet, new ones fail the run, edits elsewhere do not matter."""

from __future__ import annotations

import json
import shutil

from conftest import SEEDS

from tqcheck.baseline import load

ARTICLE = "seeds/000_ea917293e2d5b792.txt"


def test_baseline_of_seeds_passes_until_a_new_artifact_appears(cli, tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert cli("seeds/", "--no-report").exit_code == 1
    written = cli("seeds/", "--no-report", "--baseline", "baseline.json", "--update-baseline")
    assert written.exit_code == 0
    assert "Wrote baseline.json" in written.stderr
    again = cli("seeds/", "--no-report", "--baseline", "baseline.json")
    assert again.exit_code == 0
    assert again.stdout == "Checked 1 file: no findings\n"

    article = tmp_path / ARTICLE
    with article.open("a", encoding="utf-8") as handle:
        handle.write("\nThe talks resumed in March Last March.\n")
    new = cli("seeds/", "--no-report", "--baseline", "baseline.json", "--format", "json")
    assert new.exit_code == 1
    (finding,) = json.loads(new.stdout)["files"][0]["findings"]
    assert (finding["code"], finding["match"]) == ("TQ102", "March Last March")


def test_edits_elsewhere_keep_the_baseline_valid(cli, tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    cli("seeds/", "--no-report", "--baseline", "baseline.json", "--update-baseline")
    article = tmp_path / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text("An editor's note opens the article now.\n\n" + text.replace("\n\n", "\n\n\n", 3), encoding="utf-8")
    assert cli("seeds/", "--no-report", "--baseline", "baseline.json").exit_code == 0


def test_a_second_occurrence_of_a_known_artifact_is_new(cli, tmp_path):
    line = "A long opening clause comes first, the the long closing clause comes after it.\n"
    (tmp_path / "a.txt").write_text(line, encoding="utf-8")
    only = ("--select", "TQ101", "--no-report", "--baseline", "b.json")  # (a repeated line is also TQ710)
    cli("a.txt", *only, "--update-baseline")
    (tmp_path / "a.txt").write_text(line + line, encoding="utf-8")
    result = cli("a.txt", *only, "--format", "json")
    assert result.exit_code == 1
    assert [f["line"] for f in json.loads(result.stdout)["files"][0]["findings"]] == [2]


def test_baseline_file_is_deterministic_and_has_no_offsets(cli, tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    cli("seeds/", "--no-report", "--baseline", "one.json", "--update-baseline")
    cli("seeds/", "--no-report", "--baseline", "two.json", "--update-baseline", "--jobs", "2")
    one = (tmp_path / "one.json").read_bytes()
    assert one == (tmp_path / "two.json").read_bytes()
    entries = json.loads(one)["findings"]
    assert entries and all(set(e) == {"path", "code", "match", "context"} for e in entries)
    assert {e["path"] for e in entries} == {ARTICLE}
    assert sum(load(tmp_path / "one.json").values()) == len(entries)


def test_baseline_paths_are_relative_to_the_baseline_file(cli, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("the the end\n", encoding="utf-8")
    (tmp_path / "ci").mkdir()
    cli("news", "--no-report", "--baseline", "ci/b.json", "--update-baseline")
    assert json.loads((tmp_path / "ci" / "b.json").read_text(encoding="utf-8"))["findings"][0]["path"] == "../news/a.txt"
    assert cli(tmp_path / "news", "--no-report", "--baseline", tmp_path / "ci" / "b.json").exit_code == 0


def test_baseline_errors_exit_2_in_one_line(cli, tmp_path):
    (tmp_path / "a.txt").write_text("the the end\n", encoding="utf-8")
    missing = cli("a.txt", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert missing.stderr == "tqcheck: error: nope.json: no such baseline file (write one with --update-baseline)\n"
    (tmp_path / "bad.json").write_text('{"findings": [\n  {"path": 1}\n', encoding="utf-8")
    broken = cli("a.txt", "--baseline", "bad.json")
    assert broken.exit_code == 2 and broken.stderr.startswith("tqcheck: error: bad.json:3: invalid baseline:")
    (tmp_path / "bad.json").write_text('{"findings": [{"path": 1}]}', encoding="utf-8")
    assert "finding 1 needs string path" in cli("a.txt", "--baseline", "bad.json").stderr
    lonely = cli("a.txt", "--update-baseline")
    assert lonely.exit_code == 2 and "--update-baseline needs --baseline FILE" in lonely.stderr


def test_baseline_from_config(cli, tmp_path):
    (tmp_path / "a.txt").write_text("the the end\n", encoding="utf-8")
    (tmp_path / "tqcheck.toml").write_text('baseline = "tqcheck-baseline.json"\n', encoding="utf-8")
    assert cli("a.txt", "--no-report", "--update-baseline").exit_code == 0
    assert (tmp_path / "tqcheck-baseline.json").is_file()
    assert cli("a.txt", "--no-report").exit_code == 0
