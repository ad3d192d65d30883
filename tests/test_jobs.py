"""--jobs: parallel checking gives byte-identical output; the progress counter stays off pipes."""

from __future__ import annotations

import io
import json

import pytest

from tqcheck import engine
from tqcheck.cli import _progress

ARTIFACTS = [
    "The talks resumed in May Last May.",
    "reforms demanded by The protesters",
    "the the end of the talks",
    "ISIS terrorism (ISIS) grew",
    "A clean sentence with nothing to report.",
    "The king, peace be upon him, spoke.",
]


@pytest.fixture
def corpus(tmp_path):
    """30 generated articles in nested folders, some clean, one undecodable."""
    folder = tmp_path / "corpus"
    for i in range(30):
        path = folder / f"desk{i % 3}" / f"article{i:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"Article {i}.", ARTIFACTS[i % len(ARTIFACTS)], ARTIFACTS[(i * 7) % len(ARTIFACTS)]]
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "desk0" / "article00.txt").write_bytes(b"caf\xe9\n")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_parallel_output_is_byte_identical(cli, corpus, fmt):
    serial = cli(corpus, "--format", fmt, "--no-report", "--jobs", "1")
    parallel = cli(corpus, "--format", fmt, "--no-report", "--jobs", "3")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    if fmt == "json":
        files = json.loads(parallel.stdout)["files"]
        assert len(files) == 30 and files[0]["error"] and sum(len(f["findings"]) for f in files) > 30
    assert "\r" not in parallel.stderr


def test_jobs_zero_means_one_per_cpu(cli, corpus):
    assert cli(corpus, "--no-report", "--jobs", "0").stdout == cli(corpus, "--no-report").stdout


@pytest.mark.parametrize(("cpus", "files", "jobs"), [(8, 0, 1), (8, 15, 1), (8, 31, 1), (8, 32, 2), (8, 1000, 8), (2, 1000, 2), (1, 1000, 1)])
def test_default_jobs_are_one_per_cpu_each_with_enough_files(monkeypatch, cpus, files, jobs):
    monkeypatch.setattr(engine, "usable_cpus", lambda: cpus)
    assert engine.auto_jobs(files) == jobs


def test_default_starts_workers_for_many_files_and_prints_the_same(cli, corpus, monkeypatch):
    import concurrent.futures

    pools = []
    real = concurrent.futures.ProcessPoolExecutor

    def recorded(workers, **kwargs):
        pools.append(workers)
        return real(workers, **kwargs)

    monkeypatch.setattr(engine, "auto_jobs", lambda files: 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", recorded)
    default = cli(corpus, "--no-report", "--format", "json")
    assert pools == [2]
    assert default.stdout == cli(corpus, "--no-report", "--format", "json", "--jobs", "1").stdout
    assert pools == [2] and len(json.loads(default.stdout)["files"]) == 30


def _no_workers(*args, **kwargs):
    raise NotImplementedError("no semaphores on this system")


def test_default_checks_in_one_process_where_workers_cannot_start(cli, corpus, monkeypatch):
    import concurrent.futures

    monkeypatch.setattr(engine, "auto_jobs", lambda files: 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _no_workers)
    default = cli(corpus, "--no-report")
    assert default.exit_code == 1 and default.stdout == cli(corpus, "--no-report", "--jobs", "1").stdout
    chosen = cli(corpus, "--no-report", "--jobs", "2")  # asked for: say why it failed
    assert chosen.exit_code == 2 and "parallel checking failed: no semaphores" in chosen.stderr
    assert "Traceback" not in chosen.stderr


def test_negative_jobs_is_a_usage_error(cli, corpus):
    result = cli(corpus, "--jobs", "-1")
    assert result.exit_code == 2 and "tqcheck: error: --jobs" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counter_only_on_a_terminal_and_for_many_files():
    tty = _Terminal()
    assert list(_progress(iter(range(6)), 6, tty)) == list(range(6))
    shown = tty.getvalue()
    assert "\rChecking files: 1/6" in shown and "\rChecking files: 6/6" in shown
    assert shown.endswith("\r") and shown.rsplit("\r", 2)[-2].strip() == ""  # the line is cleared
    few = _Terminal()
    assert list(_progress(iter(range(5)), 5, few)) == list(range(5)) and few.getvalue() == ""
    pipe = io.StringIO()
    assert list(_progress(iter(range(30)), 30, pipe)) == list(range(30)) and pipe.getvalue() == ""
