"""--fix loses nothing: a crash or a kill at any point leaves every file either as it was or
fully fixed; a file that cannot be written is reported and left whole; the others are fixed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap

import pytest

MESSY = {
    "a.txt": "The talks resumed this month this month in in Cairo.\r\n",
    "b.txt": "\ufeffthe the end of the the talks.\n",
    "c.txt": "A clean sentence.\n",
    "d.txt": "He said، it was over over.\n",
}

# Runs the CLI with a fault injected: the process dies (os._exit: no cleanup, like a kill)
# when FAULT_POINT is reached for the (FAULT_AFTER + 1)th time. "between": before a file's
# write starts; "rename": after the temporary file is written and synced, before the rename.
DRIVER = textwrap.dedent("""
    import os, sys
    import tqcheck.fixer as fixer

    left = int(os.environ["FAULT_AFTER"])
    point = os.environ["FAULT_POINT"]
    real_write, real_replace = fixer.write_atomic, os.replace

    def tick():
        global left
        if left == 0:
            os._exit(70)
        left -= 1

    def write_atomic(*args, **kwargs):
        if point == "between":
            tick()
        return real_write(*args, **kwargs)

    def replace(*args, **kwargs):
        if point == "rename":
            tick()
        return real_replace(*args, **kwargs)

    fixer.write_atomic, os.replace = write_atomic, replace
    from tqcheck.cli import main
    main(sys.argv[1:])
""")


def _write_corpus(folder):
    folder.mkdir()
    for name, text in MESSY.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return {name: (folder / name).read_bytes() for name in MESSY}


def _fixed_versions(tmp_path):
    """Each file as a complete, undisturbed --fix run leaves it."""
    folder = tmp_path / "reference"
    _write_corpus(folder)
    proc = subprocess.run([sys.executable, "-m", "tqcheck", str(folder), "--fix", "--no-report"], capture_output=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return {name: (folder / name).read_bytes() for name in MESSY}


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    versions = _fixed_versions(tmp_path_factory.mktemp("fixed"))
    changed = [name for name in MESSY if versions[name] != MESSY[name].encode("utf-8")]
    assert changed == ["a.txt", "b.txt", "d.txt"]
    return versions


@pytest.mark.parametrize("point", ["between", "rename"])
@pytest.mark.parametrize("after", [0, 1, 2])
def test_a_kill_leaves_each_file_original_or_fully_fixed(tmp_path, fixed, point, after):
    folder = tmp_path / "in"
    original = _write_corpus(folder)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "FAULT_AFTER": str(after), "FAULT_POINT": point}
    proc = subprocess.run([sys.executable, str(driver), str(folder), "--fix", "--no-report"], env=env, capture_output=True, timeout=120)
    assert proc.returncode == 70, proc.stderr  # it did die mid-run
    states = {name: "fixed" if (folder / name).read_bytes() == fixed[name] else
              "original" if (folder / name).read_bytes() == original[name] else "corrupt" for name in MESSY}
    written = [name for name in ("a.txt", "b.txt", "d.txt") if states[name] == "fixed" and fixed[name] != original[name]]
    assert "corrupt" not in states.values()
    assert written == ["a.txt", "b.txt", "d.txt"][:after]  # files are fixed in order, one by one
    leftovers = sorted(p.name for p in folder.iterdir() if p.name not in MESSY)
    assert all(name.endswith(".tqcheck") and name.startswith(".") for name in leftovers)
    assert len(leftovers) == (1 if point == "rename" else 0)  # the temporary file of the interrupted write
    rerun = subprocess.run([sys.executable, "-m", "tqcheck", str(folder), "--fix", "--no-report"], capture_output=True, timeout=120)
    assert rerun.returncode in (0, 1) and b".tqcheck" not in rerun.stdout  # the leftover is not checked
    assert {name: (folder / name).read_bytes() for name in MESSY} == fixed


def test_an_unwritable_file_is_reported_whole_and_the_others_are_fixed(cli, tmp_path, fixed, monkeypatch):
    """As root a chmod 0444 file is still writable, so the refusal comes from os.replace."""
    folder = tmp_path / "in"
    original = _write_corpus(folder)
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith("b.txt"):
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = cli(folder, "--fix", "--no-report")
    assert result.exit_code == 1
    assert f"{folder / 'b.txt'}: error: fixes not written: Permission denied; the file is unchanged" in result.stdout.splitlines()
    assert (folder / "b.txt").read_bytes() == original["b.txt"]
    assert (folder / "a.txt").read_bytes() == fixed["a.txt"] and (folder / "d.txt").read_bytes() == fixed["d.txt"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(MESSY)  # no temporary file left


def test_fix_keeps_mode_owner_and_writes_through_links(cli, tmp_path, fixed):
    folder = tmp_path / "in"
    _write_corpus(folder)
    target = folder / "a.txt"
    os.chmod(target, 0o604)
    os.chown(target, 1234, 4321)  # tests run as root
    link = tmp_path / "link.txt"
    os.symlink(target, link)
    assert cli(link, "--fix", "--no-report").exit_code == 0
    assert link.is_symlink() and target.read_bytes() == fixed["a.txt"]
    info = target.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o604, 1234, 4321)


def test_a_file_edited_during_the_run_is_not_overwritten(cli, tmp_path, monkeypatch):
    import tqcheck.fixer as fixer

    path = tmp_path / "a.txt"
    path.write_text("the the end\n", encoding="utf-8")
    real_fix_text = fixer.fix_text

    def fix_text_while_someone_edits(*args, **kwargs):
        path.write_text("the the end, and a new paragraph\n", encoding="utf-8")
        return real_fix_text(*args, **kwargs)

    monkeypatch.setattr(fixer, "fix_text", fix_text_while_someone_edits)
    result = cli(path, "--fix", "--no-report")
    assert result.exit_code == 1
    assert f"{path}: error: fixes not written: the file changed while it was being checked; run again" in result.stdout
    assert path.read_text(encoding="utf-8") == "the the end, and a new paragraph\n"


def test_fix_to_keeps_encoding_and_mode_of_the_original(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\xff\xfe" + "the the end\r\n".encode("utf-16-le"))
    os.chmod(folder / "a.txt", 0o640)
    out = tmp_path / "out"
    cli(folder, "--fix-to", out, "--no-report")
    assert (out / "a.txt").read_bytes() == b"\xff\xfe" + "the end\r\n".encode("utf-16-le")
    assert stat.S_IMODE((out / "a.txt").stat().st_mode) == 0o640
    assert (folder / "a.txt").read_bytes() == b"\xff\xfe" + "the the end\r\n".encode("utf-16-le")
    shutil.rmtree(out)
