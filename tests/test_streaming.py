"""Streamed output: formats written file by file give the bytes ``render`` gives, and the plain
CLI path (no fixes, reference, baseline or report files) keeps no results, so memory does not
grow with the number of files."""

from __future__ import annotations

import gc
import json
import weakref

import pytest
from conftest import SEEDS

import tqcheck.engine as engine
from tqcheck.engine import check_file, check_paths, check_text
from tqcheck.model import Applicability, Edit, FileResult, Finding, Fix, Severity
from tqcheck.reporters import REPORTERS, RenderOptions, reporter, streamer, summarize

OPTIONS = RenderOptions(version="9.9.9")
STREAMED = ("text", "json", "github", "statistics")
PER_FILE = ("text", "json", "github")  # formats that write something for every file with findings


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    broken = tmp_path_factory.mktemp("broken") / "broken.txt"
    broken.write_bytes(b"caf\xe9 au lait\n")
    hostile = check_text('He said "in May Last May" \u00e9t\u00e9, or The end.\n', 'news/"a\\b\u00e9.txt')
    clean = check_text("The talks resumed in May.\n", "news/clean.txt")
    return [*check_paths([str(SEEDS)]), hostile, clean, check_file(str(broken), [])]


def _finding(i: int) -> Finding:
    fix = Fix("Replace", (Edit(0, 1, "b"),), Applicability.SAFE)
    return Finding("TQ999", "rule", "cat", Severity.WARNING, f"message {i}", 0, 1, 1, 1, 1, 2, "a", ("b",), fix)


@pytest.mark.parametrize("name", STREAMED)
def test_stream_writes_what_render_returns(name, results):
    pieces: list[str] = []
    streamer(name)(iter(results), OPTIONS, pieces.append)
    assert "".join(pieces) == reporter(name)(results, OPTIONS)
    empty: list[str] = []
    streamer(name)(iter(()), OPTIONS, empty.append)
    assert "".join(empty) == reporter(name)([], OPTIONS)


@pytest.mark.parametrize("name", ["sarif", "junit", "html"])
def test_formats_that_need_every_result_do_not_stream(name):
    assert name in REPORTERS and streamer(name) is None


@pytest.mark.parametrize("subset", [slice(0, 0), slice(-1, None), slice(None)])
def test_streamed_json_is_the_bytes_of_json_dumps(subset, results):
    chosen = results[subset]
    document = {"tool": "tqcheck", "version": OPTIONS.version, "files": [r.to_dict() for r in chosen],
                "summary": summarize(chosen)}
    assert reporter("json")(chosen, OPTIONS) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", PER_FILE)
def test_each_file_is_written_before_the_next_result_is_asked_for(name):
    pieces: list[str] = []
    written_when_asked: list[int] = []

    def produce():
        for i in range(5):
            written_when_asked.append(len("".join(pieces)))
            yield FileResult(f"news/{i}.txt", (_finding(i),), text="a")

    streamer(name)(produce(), OPTIONS, pieces.append)
    assert all(a < b for a, b in zip(written_when_asked, written_when_asked[1:])), written_when_asked


@pytest.fixture
def fake_check(monkeypatch, tmp_path):
    """Replace the engine's check_files with a generator of made-up results for 40 real files;
    ``alive`` records, as each result is produced, how many earlier findings are still in memory."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i:02d}.txt").write_text("x\n", encoding="utf-8")
    state = {"alive": [], "fail_after": None, "text": "x\n"}

    def check_files(files, checks, settings, jobs=1):
        refs = []
        for i, path in enumerate(files):
            if i == state["fail_after"]:
                raise OSError("worker died")
            gc.collect()
            state["alive"].append(sum(ref() is not None for ref in refs))
            finding = _finding(i)
            refs.append(weakref.ref(finding))
            error = None if state["text"] is not None else "cannot decode"
            yield FileResult(path, (finding,) if error is None else (), error, text=state["text"])

    monkeypatch.setattr(engine, "check_files", check_files)
    state["folder"] = folder
    return state


@pytest.mark.parametrize("name", STREAMED)
def test_plain_path_keeps_no_results(cli, fake_check, name):
    result = cli(fake_check["folder"], "--format", name, "--no-report", "--isolated")
    assert result.exit_code == 1, result.output
    assert len(fake_check["alive"]) == 40 and max(fake_check["alive"]) <= 2, fake_check["alive"]


def test_the_default_reports_still_get_every_result(cli, fake_check, tmp_path):
    result = cli(fake_check["folder"], "--format", "json", "--isolated")
    assert result.exit_code == 1
    report = json.loads((tmp_path / "reports" / "tqcheck-report.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == report and len(report["files"]) == 40


def test_streamed_output_file_is_replaced_only_when_complete(cli, fake_check, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    fake_check["fail_after"] = 3
    result = cli(fake_check["folder"], "--format", "json", "--no-report", "--isolated", "-o", target)
    assert result.exit_code == 2 and "parallel checking failed: worker died (try --jobs 1)" in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.json"]
    fake_check["fail_after"] = None
    result = cli(fake_check["folder"], "--format", "json", "--no-report", "--isolated", "-o", target)
    assert result.exit_code == 1 and f"Wrote {target}" in result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["files"]) == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.json"]


@pytest.mark.parametrize(("args", "text", "code"), [
    ((), "x\n", 1),
    (("--fail-on", "error"), "x\n", 0),
    (("--fail-on", "never"), "x\n", 0),
    ((), None, 2),  # no file could be read
])
def test_streamed_exit_codes(cli, fake_check, args, text, code):
    fake_check["text"] = text
    result = cli(fake_check["folder"], "--no-report", "--isolated", *args)
    assert result.exit_code == code, result.output
    assert result.stdout.endswith("40 files could not be checked (see errors above)\n" if text is None else "by category: cat 40\n")
