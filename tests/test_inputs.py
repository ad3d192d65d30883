"""Bad input files: each gets one line naming the file and the reason, the others are still
checked, and the exit code is 2 only when nothing could be checked."""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys

import pytest

from tqcheck.cli import DEFAULT_MAX_MB
from tqcheck.engine import DEFAULT_MAX_FILE_SIZE, MB, Settings, check_paths, discover

ARABIC_WINDOWS = "The minister said، the the talks resumed: قال الوزير إن المحادثات ستستأنف.\r\n"
UTF8_HINT = "save the file as UTF-8 or name its encoding with --encoding (cp1256 for Arabic Windows files)"


def _folder_of_bad_inputs(folder):
    folder.mkdir()
    (folder / "good.txt").write_text("the the end\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin.txt").write_bytes("café\nnaïve\n".encode("cp1252"))
    (folder / "wide.txt").write_bytes("\ufeffthe the end\r\n".encode("utf-16-le"))
    (folder / "wide-no-bom.txt").write_bytes("the end\n".encode("utf-16-le"))
    with open(folder / "huge.txt", "wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.truncate(100 * MB)
    os.mkfifo(folder / "pipe.txt")
    os.symlink("nowhere.txt", folder / "broken.txt")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("good.txt", folder / "alias.txt")
    (folder / "chapter.txt").mkdir()  # a folder named like a file is walked, not read
    (folder / "chapter.txt" / "inner.txt").write_text("A clean sentence.\n", encoding="utf-8")


EXPECTED_ERRORS = {
    "broken.txt": "broken symbolic link (to 'nowhere.txt')",
    "huge.txt": "too large: 100 MB, over the limit of 10 MB; skipped (raise it with --max-file-size 100)",
    "image.txt": "looks like a binary file (contains NUL bytes); skipped",
    "latin.txt": f"not valid UTF-8: byte 0xe9 at offset 3 (line 1); {UTF8_HINT}",
    "loop.txt": "symbolic link loop",
    "pipe.txt": "not a regular file (a pipe, socket or device); skipped",
    "wide-no-bom.txt": "looks like a binary file (contains NUL bytes); skipped",
    "missing.txt": "no such file or folder",
}


def test_every_bad_input_gets_one_line_and_the_others_are_checked(tmp_path):
    """Run as a subprocess with a timeout: reading the FIFO (or the 100 MB file) would hang or crawl."""
    _folder_of_bad_inputs(tmp_path / "in")
    proc = subprocess.run([sys.executable, "-m", "tqcheck", "in", "missing.txt", "--no-report", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    files = {os.path.basename(f["path"]): f for f in json.loads(proc.stdout)["files"]}
    assert {name: f["error"] for name, f in files.items() if f["error"]} == EXPECTED_ERRORS
    assert files["empty.txt"] == {"path": "in/empty.txt", "error": None, "findings": []}
    assert files["inner.txt"]["error"] is None and files["inner.txt"]["path"] == "in/chapter.txt/inner.txt"
    for name in ("good.txt", "alias.txt", "wide.txt"):  # the link is checked as its target; UTF-16 decoded
        assert [(f["code"], f["start"], f["match"]) for f in files[name]["findings"]] == [("TQ101", 0, "the the")]
    text = subprocess.run([sys.executable, "-m", "tqcheck", "in", "missing.txt", "--no-report"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout
    for name, message in EXPECTED_ERRORS.items():
        path = name if name == "missing.txt" else f"in/{name}"
        assert f"{path}: error: {message}" in text.splitlines()
    assert "Traceback" not in text


def test_size_is_checked_before_reading(cli, tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(100 * MB)
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    result = cli(huge, "--no-report")
    assert result.exit_code == 2  # nothing could be checked
    assert str(huge) not in opened
    assert "too large: 100 MB, over the limit of 10 MB" in result.stdout
    small = tmp_path / "small.txt"
    small.write_text("x" * 2000, encoding="utf-8")
    limited = cli(small, "--no-report", "--max-file-size", "0.001")
    assert f"{small}: error: too large: 2,000 bytes, over the limit of 1,000 bytes; skipped (raise it with --max-file-size 1)" in limited.stdout
    assert cli(small, "--no-report", "--max-file-size", "0.002").exit_code == 0
    assert DEFAULT_MAX_MB * MB == DEFAULT_MAX_FILE_SIZE


def test_unreadable_file_is_reported_and_the_others_checked(cli, tmp_path, monkeypatch):
    """Tests run as root, for whom chmod 000 changes nothing: the refusal is simulated."""
    (tmp_path / "locked.txt").write_text("the the end\n", encoding="utf-8")
    (tmp_path / "open.txt").write_text("the the end\n", encoding="utf-8")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    result = cli(tmp_path, "--no-report")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'locked.txt'}: error: permission denied" in lines
    assert any(line.startswith(f"{tmp_path / 'open.txt'}:1:1: TQ101") for line in lines)
    assert cli(tmp_path / "locked.txt", "--no-report").exit_code == 2


def test_only_empty_files_is_clean_and_only_bad_files_exits_2(cli, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli(tmp_path / "empty.txt", "--no-report")
    assert (result.exit_code, result.stdout) == (0, "Checked 1 file: no findings\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xff")
    assert cli(tmp_path / "bad.txt", tmp_path / "missing.txt", "--no-report").exit_code == 2
    assert cli(tmp_path / "bad.txt", tmp_path / "empty.txt", "--no-report").exit_code == 1


def test_encoding_option_reads_and_fixes_arabic_windows_files(cli, tmp_path):
    path = tmp_path / "ar.txt"
    original = ARABIC_WINDOWS.encode("cp1256")
    path.write_bytes(original)
    plain = cli(path, "--no-report")
    assert plain.exit_code == 2
    assert f"{path}: error: not valid UTF-8: byte 0xa1 at offset 17 (line 1); {UTF8_HINT}" in plain.stdout.splitlines()
    report = json.loads(cli(path, "--encoding", "cp1256", "--format", "json", "--no-report").stdout)
    matches = {f["code"]: f["match"] for f in report["files"][0]["findings"]}
    assert matches["TQ602"] == "،" and matches["TQ101"] == "the the" and "TQ801" in matches
    fixed = cli(path, "--encoding", "cp1256", "--fix", "--no-report")
    assert fixed.exit_code == 1  # the Arabic-script word has no safe fix
    assert path.read_bytes() == ARABIC_WINDOWS.replace("،", ",").replace("the the", "the").encode("cp1256")
    results = list(check_paths([str(path)], Settings(encoding="cp1256", select=("TQ6",))))
    assert results[0].error is None and results[0].findings == ()


def test_a_fix_the_encoding_cannot_hold_is_not_written(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "curly.yml").write_text("code: XX1\ncheck: substitution\nmessage: m\nswap:\n  dont: don’t\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes("Café: dont go.\n".encode("latin-1"))
    result = cli(path, "--encoding", "latin-1", "--rules", rules, "--no-default-rules", "--fix", "--no-report")
    assert result.exit_code == 1
    assert f"{path}: error: fixes not written: latin-1 cannot encode '’' (U+2019) of the fixed text; the file is unchanged" in result.stdout
    assert path.read_bytes() == "Café: dont go.\n".encode("latin-1")


@pytest.mark.parametrize("bom, codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8")])
def test_bom_files_are_decoded_and_fixed_in_their_own_encoding(cli, tmp_path, bom, codec):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + "Talks resumed.\r\nthe the end\r\n".encode(codec))
    finding = json.loads(cli(path, "--format", "json", "--no-report").stdout)["files"][0]["findings"][0]
    assert (finding["start"], finding["line"], finding["column"], finding["match"]) == (16, 2, 1, "the the")
    cli(path, "--fix", "--no-report")
    assert path.read_bytes() == bom + "Talks resumed.\r\nthe end\r\n".encode(codec)


def test_bad_options_are_usage_errors(cli, tmp_path):
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    for args, message in [
        (("--encoding", "klingon"), "--encoding klingon: unknown text encoding"),
        (("--encoding", "rot13"), "--encoding rot13: unknown text encoding"),
        (("--max-file-size", "0"), "--max-file-size must be a positive number"),
        (("--stdin-filename", "x.md"), "--stdin-filename needs `-`"),
        (("-",), "`-` (standard input) cannot be combined with other paths"),
    ]:
        result = cli(tmp_path / "a.txt", *args)
        assert result.exit_code == 2 and f"tqcheck: error: {message}" in result.stderr, args


def test_discover_does_not_follow_folder_links(tmp_path):
    (tmp_path / "desk" / "sub").mkdir(parents=True)
    (tmp_path / "desk" / "a.txt").write_text("x\n", encoding="utf-8")
    os.symlink("..", tmp_path / "desk" / "sub" / "up")  # a loop if followed
    os.symlink(tmp_path / "desk", tmp_path / "desk" / "again")
    assert discover([str(tmp_path)]) == [str(tmp_path / "desk" / "a.txt")]


def test_stdin_is_checked_under_the_given_name(cli, tmp_path):
    result = cli("-", "--stdin-filename", "news/a.md", input="Talks resumed.\n\n`the the` and the the end\n")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "news/a.md:3:15: TQ101 'the' is said twice; delete one -> the"  # code span skipped: Markdown
    assert not (tmp_path / "reports").exists()  # no default reports for standard input
    plain = cli("-", input="the the end\n")
    assert plain.stdout.startswith("-:1:1: TQ101 ")
    assert cli("-", "--report", input="the the end\n").exit_code == 1 and (tmp_path / "reports" / "tqcheck-report.html").exists()


def test_stdin_fix_writes_the_fixed_text_to_stdout(cli):
    data = b"\xef\xbb\xbfthe the end\r\nMore.\r\n"
    result = cli("-", "--fix", "--format", "json", input=data)
    assert result.exit_code == 0
    assert result.stdout_bytes == b"\xef\xbb\xbfthe end\r\nMore.\r\n"
    assert json.loads(result.stderr[result.stderr.index("{"):])["files"][0]["fixed"]["count"] == 1
    arabic = cli("-", "--fix", "--encoding", "cp1256", "--select", "TQ602", input=ARABIC_WINDOWS.encode("cp1256"))
    assert arabic.stdout_bytes == ARABIC_WINDOWS.replace("،", ",").encode("cp1256")


def test_stdin_that_cannot_be_checked_passes_through_unchanged(cli):
    data = b"caf\xe9 the the\n"
    result = cli("-", "--fix", input=data)
    assert result.exit_code == 2
    assert result.stdout_bytes == data  # a pipeline loses nothing
    assert "-: error: not valid UTF-8: byte 0xe9 at offset 3 (line 1)" in result.stderr
    big = cli("-", "--fix", "--max-file-size", "0.001", input=b"the the " * 500)
    assert big.exit_code == 2 and big.stdout_bytes == b"the the " * 500
    assert "-: error: standard input is over the limit of 1,000 bytes" in big.stderr
