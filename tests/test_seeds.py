"""The JSON contract on seeds/, and the artifacts the seed article is known to contain."""

from __future__ import annotations

import json

from conftest import SEEDS

FIELDS = {"code", "rule", "category", "severity", "message", "start", "end", "line", "column",
          "end_line", "end_column", "match", "suggestions", "fix"}


def seed_report(cli):
    result = cli(SEEDS, "--format", "json")
    assert result.exit_code == 1
    return json.loads(result.stdout)


def test_json_contract_holds_on_seeds(cli):
    report = seed_report(cli)
    assert report["tool"] == "tqcheck" and report["version"]
    assert set(report["summary"]) >= {"files", "findings", "by_severity", "by_category"}
    total = 0
    for entry in report["files"]:
        assert entry["error"] is None
        text = open(entry["path"], encoding="utf-8-sig").read()
        lines = text.split("\n")
        for f in entry["findings"]:
            total += 1
            assert FIELDS <= set(f)
            assert text[f["start"] : f["end"]] == f["match"]
            assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["match"].split("\n")[0])
            end_line_text = lines[f["end_line"] - 1]
            assert f["end_column"] - 1 <= len(end_line_text)
            if f["fix"]:
                for edit in f["fix"]["edits"]:
                    assert 0 <= edit["start"] <= edit["end"] <= len(text)
    assert total == report["summary"]["findings"] > 0


def test_seed_artifacts_are_each_reported_once_with_the_right_fix(cli):
    findings = seed_report(cli)["files"][0]["findings"]
    text = (SEEDS / "000_ea917293e2d5b792.txt").read_text(encoding="utf-8")

    def found(code, match):
        hits = [f for f in findings if f["code"] == code and f["match"] == match]
        assert len(hits) == 1, (code, match, hits)
        return hits[0]

    echo = found("TQ102", "August Last August")
    assert echo["suggestions"][0] == "August"
    assert text[echo["start"] - 3 : echo["end"]] == "in August Last August"

    components = [f for f in findings if f["code"] == "TQ201" and text[f["start"] - 3 : f["end"] + 11] == "or The components"]
    assert len(components) == 1 and components[0]["suggestions"] == ["the"]
    islamic_state = [f for f in findings if f["code"] == "TQ201" and text[f["end"] : f["end"] + 15] == " Islamic State "]
    assert len(islamic_state) == 1 and islamic_state[0]["suggestions"] == ["the"]

    calque = found("TQ301", "the organization The Islamic State")
    assert calque["suggestions"] == ["the Islamic State group"]

    isis = found("TQ104", "ISIS terrorism (ISIS)")
    assert isis["suggestions"] == ["ISIS terrorism"]
    assert isis["fix"]["applicability"] == "safe"


def test_offsets_stay_exact_on_crlf_and_astral_plane_text(cli, tmp_path):
    """The seed written with CRLF newlines and characters outside the BMP in front of every
    paragraph: each finding still points at its text, and lines/columns count code points."""
    text = (SEEDS / "000_ea917293e2d5b792.txt").read_text(encoding="utf-8")
    mangled = "\r\n".join(("𝐀🙂 " + line) if line else line for line in text.split("\n"))
    path = tmp_path / "crlf.txt"
    path.write_bytes(mangled.encode("utf-8"))
    findings = json.loads(cli(path, "--format", "json", "--no-report").stdout)["files"][0]["findings"]
    assert len(findings) >= 15
    lines = mangled.split("\n")
    for f in findings:
        assert mangled[f["start"] : f["end"]] == f["match"]
        assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["match"].split("\n")[0].split("\r")[0])
    codes = {f["code"] for f in findings}
    assert {"TQ102", "TQ104", "TQ201", "TQ401", "TQ403"} <= codes
