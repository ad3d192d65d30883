"""`tqcheck score` and tqcheck.scoring: the numbers are the sacrebleu command line's, digit for digit.

tests/data/scoring holds 400 real MT segments (see its README): hyp.txt and hyp_b.txt are two
systems, ref.txt a third system used as the reference.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, Cli
from tqcheck import scoring

DATA = ROOT / "tests" / "data" / "scoring"
HYP, HYP_B, REF = DATA / "hyp.txt", DATA / "hyp_b.txt", DATA / "ref.txt"
SACREBLEU = os.path.join(os.path.dirname(sys.executable), "sacrebleu")


def sacrebleu(*args) -> str:
    proc = subprocess.run([SACREBLEU, *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def score_json(cli, *args) -> dict:
    result = cli("score", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def default_json() -> dict:
    """`tqcheck score HYP REF --format json`, computed once for the tests that only read it."""
    return score_json(Cli(), HYP, REF)


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_is_a_real_multi_hundred_line_test_set():
    lines = [p.read_text(encoding="utf-8").split("\n") for p in (HYP, HYP_B, REF)]
    assert len({len(x) for x in lines}) == 1 and 300 <= len(lines[0]) - 1 <= 500
    assert sum(a != b for a, b in zip(lines[0], lines[2])) > 300  # different systems, not copies


def test_corpus_scores_equal_the_sacrebleu_cli_json(default_json):
    expected = json.loads(sacrebleu(REF, "-i", HYP, "-m", "bleu", "chrf", "ter"))
    got = default_json
    assert [got[m]["name"] for m in scoring.METRICS] == [e["name"] for e in expected]
    for m, e in zip(scoring.METRICS, expected):
        assert (got[m]["score"], got[m]["signature"]) == (e["score"], e["signature"])
    assert got["bleu"]["verbose_score"] == expected[0]["verbose_score"]


@pytest.mark.parametrize("extra", [[], ["--confidence"], ["--confidence", "--confidence-n", "200"]])
def test_text_output_equals_the_sacrebleu_cli_text(cli, extra):
    expected = sacrebleu(REF, "-i", HYP, "-m", "bleu", "chrf", "ter", "-f", "text", *extra)
    result = cli("score", HYP, REF, *extra)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_confidence_is_deterministic_and_signed(cli):
    first, second = (score_json(cli, HYP, REF, "--confidence", "--confidence-n", "300") for _ in range(2))
    assert first == second
    for m in scoring.METRICS:
        assert first[m]["ci"] > 0 and abs(first[m]["mean"] - first[m]["score"]) < 5
        assert "|bs:300|seed:12345|" in first[m]["signature"]


def test_segments_equal_sacrebleu_sentence_level(default_json):
    got = default_json["segments"]
    chrf = [float(x) for x in sacrebleu(REF, "-i", HYP, "-m", "chrf", "-sl", "-b").split()]
    bleu = [float(x) for x in sacrebleu(REF, "-i", HYP, "-m", "bleu", "-sl", "-b").split()]
    assert [s["line"] for s in got] == list(range(1, 401))
    assert [s["chrf"] for s in got] == chrf
    assert [s["bleu"] for s in got] == bleu


def test_paired_comparison_equals_sacrebleu_paired_bs(cli):
    table = sacrebleu(REF, "-i", HYP, HYP_B, "-m", "bleu", "chrf", "ter", "--paired-bs", "-f", "text")
    cells = [tuple(map(float, c)) for c in re.findall(r"(\d+\.\d) \((\d+\.\d) ± (\d+\.\d)\)", table)]
    p_values = [float(p) for p in re.findall(r"p = (\d\.\d{4})", table)]
    got = score_json(cli, HYP, HYP_B, "--ref", REF)
    assert (got["baseline"], got["system"], got["reference"]) == (str(HYP), str(HYP_B), str(REF))
    triple = lambda r: (r["score"], r["mean"], r["ci"])  # noqa: E731
    assert [triple(got[m]["baseline"]) for m in scoring.METRICS] == cells[:3]
    assert [triple(got[m]["system"]) for m in scoring.METRICS] == cells[3:6]
    assert [got[m]["system"]["p_value"] for m in scoring.METRICS] == p_values

    text = cli("score", HYP, HYP_B, "--ref", REF, "--metrics", "chrf")
    assert text.exit_code == 0, text.stderr
    chrf_line = f"chrF2  baseline {cells[1][0]:.1f} (μ = {cells[1][1]:.1f} ± {cells[1][2]:.1f})  system {cells[4][0]:.1f}"
    assert chrf_line in text.stdout and f"p = {p_values[1]:.4f}" in text.stdout
    assert "BLEU" not in text.stdout
    assert "|bs:1000|seed:12345|" in text.stdout


def test_metrics_option_selects_and_orders(cli):
    got = score_json(cli, HYP, REF, "--metrics", "ter,chrf")
    assert list(got) == ["chrf", "ter", "segments"]
    bad = cli("score", HYP, REF, "--metrics", "bleu,meteor")
    assert bad.exit_code == 2
    assert bad.stderr == "tqcheck: error: unknown metric 'meteor' (choose from bleu, chrf, ter)\n"


def test_empty_lines_are_segments_and_match_sacrebleu(cli, tmp_path):
    hyp = write(tmp_path / "h.txt", "A cat sat on the mat.\n\nIt rained all day.  \nHello there\n")
    ref = write(tmp_path / "r.txt", "The cat sat on the mat.\nSomething was said.\n\nHello there\n")
    expected = json.loads(sacrebleu(ref, "-i", hyp, "-m", "bleu", "chrf", "ter"))
    got = score_json(cli, hyp, ref)
    assert [got[m]["score"] for m in scoring.METRICS] == [e["score"] for e in expected]
    assert [s["line"] for s in got["segments"]] == [1, 2, 3, 4]
    assert got["segments"][1]["chrf"] == got["segments"][2]["chrf"] == 0.0
    assert got["segments"][3]["chrf"] == 100.0


@pytest.mark.parametrize("hyp, ref, message", [
    ("a\nb\nc\n", "a\nb\n", "has 3 lines but"),
    ("", "", "empty input"),
    ("\ufeff", "", "empty input"),
])
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, hyp, ref, message):
    result = cli("score", write(tmp_path / "h.txt", hyp), write(tmp_path / "r.txt", ref))
    assert result.exit_code == 2
    assert result.stderr.startswith("tqcheck: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_missing_file_and_bad_options_exit_2(cli, tmp_path):
    missing = cli("score", HYP, tmp_path / "nope.txt")
    assert missing.exit_code == 2 and f"{tmp_path / 'nope.txt'}: no such file" in missing.stderr
    assert cli("score", HYP, REF, "--confidence-n", "1").exit_code == 2
    sarif = cli("score", HYP, REF, "--format", "sarif")
    assert sarif.exit_code == 2 and "--format must be text or json" in sarif.stderr
    mixed = cli("score", HYP, HYP_B, "--ref", REF, "--worst", "3")
    assert mixed.exit_code == 2 and "drop --ref" in mixed.stderr
    short = cli("score", HYP, HYP_B, "--ref", write(tmp_path / "r.txt", "one line\n"))
    assert short.exit_code == 2 and "has 400 lines but" in short.stderr


def test_folders_pair_by_relative_path(cli, tmp_path):
    write(tmp_path / "hyp" / "b.txt", "The talks resumed.\nNo deal yet.\n")
    write(tmp_path / "hyp" / "a" / "x.txt", "Prices rose sharply.\n")
    write(tmp_path / "ref" / "b.txt", "Talks resumed today.\nThere is no deal yet.\n")
    write(tmp_path / "ref" / "a" / "x.txt", "Prices rose steeply.\n")
    write(tmp_path / "ref" / "extra.txt", "A reference with no translation is ignored.\n")
    got = score_json(cli, tmp_path / "hyp", tmp_path / "ref")
    assert [(s["file"], s["line"]) for s in got["segments"]] == [("a/x.txt", 1), ("b.txt", 1), ("b.txt", 2)]
    # same as scoring the files concatenated in that order
    write(tmp_path / "h.txt", "Prices rose sharply.\nThe talks resumed.\nNo deal yet.\n")
    write(tmp_path / "r.txt", "Prices rose steeply.\nTalks resumed today.\nThere is no deal yet.\n")
    flat = score_json(cli, tmp_path / "h.txt", tmp_path / "r.txt")
    assert [got[m] for m in scoring.METRICS] == [flat[m] for m in scoring.METRICS]

    write(tmp_path / "hyp" / "c.txt", "Unpaired.\n")
    unpaired = cli("score", tmp_path / "hyp", tmp_path / "ref")
    assert unpaired.exit_code == 2 and f"has no counterpart {tmp_path / 'ref' / 'c.txt'}" in unpaired.stderr
    file_and_folder = cli("score", tmp_path / "h.txt", tmp_path / "ref")
    assert file_and_folder.exit_code == 2 and "cannot pair a file with a folder" in file_and_folder.stderr


def test_worst_orders_by_chrf_then_line():
    seg = lambda line, chrf: scoring.Segment(line, chrf, 0.0, "h", "r")  # noqa: E731
    segments = [seg(1, 50.0), seg(2, 10.0), seg(3, 30.0), seg(4, 10.0), seg(5, 90.0)]
    assert [s.line for s in scoring.worst(segments, 3)] == [2, 4, 3]
    assert scoring.worst(segments, 0) == [] and len(scoring.worst(segments, 99)) == 5


def test_worst_option_lists_the_lowest_segments(cli, default_json):
    segments = default_json["segments"]
    expected = sorted(segments, key=lambda s: (s["chrf"], s["line"]))[:5]
    assert score_json(cli, HYP, REF, "--worst", "5")["worst"] == expected
    text = cli("score", HYP, REF, "--worst", "5").stdout
    assert [int(n) for n in re.findall(r"^line (\d+)  chrF2", text, re.M)] == [s["line"] for s in expected]
    assert "5 lowest chrF:" in text


@pytest.mark.parametrize("name, delimiter", [("seg.tsv", "\t"), ("out/seg.csv", ",")])
def test_segments_file_for_spreadsheets(cli, default_json, tmp_path, name, delimiter):
    path = tmp_path / name
    result = cli("score", HYP, REF, "--segments", path)
    assert result.exit_code == 0 and f"Wrote {path}" in result.stderr
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    assert rows[0] == ["line", "chrf", "bleu", "hypothesis", "reference"]
    segments = default_json["segments"]
    assert [(int(r[0]), float(r[1]), float(r[2])) for r in rows[1:]] == [(s["line"], s["chrf"], s["bleu"]) for s in segments]
    assert [r[3] for r in rows[1:]] == HYP.read_text(encoding="utf-8").splitlines()
    assert [r[4] for r in rows[1:]] == REF.read_text(encoding="utf-8").splitlines()

    bad = cli("score", HYP, REF, "--segments", tmp_path / "seg.xlsx")
    assert bad.exit_code == 2 and "must end in .tsv or .csv" in bad.stderr


DOC = "Title line here\n\nThe minister said on Monday that talks would resume.\n\nPrices rose by ten percent.\n"
REF_DOC = "Title line here\n\nThe minister said Monday that the talks would resume.\nPrices went up by 10%.\n"


def test_document_scores_pair_non_empty_lines_and_locate_offsets():
    doc = scoring.document_scores(DOC, REF_DOC)
    assert [s.line for s in doc.segments] == [1, 3, 5]
    for s in doc.segments:
        assert DOC[s.span[0]:s.span[1]] == s.hypothesis
    at = DOC.index("talks")
    assert doc.segment_of(at).line == 3 and doc.segment_of(0).line == 1
    assert doc.segment_of(DOC.index("\n\n") + 1) is None  # a blank line
    assert doc.segment_of(len(DOC) + 10) is None
    assert doc.segments[0].chrf == 100.0
    low = doc.low_segments(60.0)
    assert [s.line for s in low] == [s.line for s in doc.segments if s.chrf < 60.0] and 5 in [s.line for s in low]
    assert doc.corpus == scoring.corpus_scores([s.hypothesis for s in doc.segments],
                                               [s.reference for s in doc.segments])
    with pytest.raises(ValueError, match="3 non-empty lines but the reference has 2"):
        scoring.document_scores(DOC, "one\ntwo\n")


def test_fix_impact_without_and_with_a_reference():
    original = "Talks resumed in May Last May.\nThe minister spoke.\n"
    fixed = "Talks resumed in May.\nThe minister spoke.\n"
    assert scoring.fix_impact(original, original) == {"change": {"chrf": 100.0, "ter": 0.0}}
    impact = scoring.fix_impact(original, fixed)
    assert set(impact) == {"change"}
    assert impact["change"]["chrf"] < 100.0 and impact["change"]["ter"] > 0.0

    reference = "Talks resumed in May.\nThe minister spoke.\n"
    impact = scoring.fix_impact(original, fixed, reference)
    assert impact["after"] == {"bleu": 100.0, "chrf": 100.0, "ter": 0.0}
    assert impact["before"]["chrf"] < 100.0 and impact["before"]["ter"] > 0.0
    assert impact["delta"] == {m: round(impact["after"][m] - impact["before"][m], 1) for m in scoring.METRICS}
    assert impact["delta"]["chrf"] > 0 > impact["delta"]["ter"]
    # a fix that drops a line still measures the change (scored as one segment)
    assert scoring.fix_impact(original, "Talks resumed in May.\n")["change"]["ter"] > 0.0


def test_cli_import_does_not_load_sacrebleu():
    code = "import sys, tqcheck.cli; print('sacrebleu' in sys.modules, 'numpy' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.split() == ["False", "False"], proc.stderr
