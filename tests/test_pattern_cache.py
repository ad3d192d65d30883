"""The cache of compiled patterns (tqcheck.pattern_cache): a pattern rebuilt from its stored
program matches what a fresh compile matches, a damaged or foreign file only costs time, regex
is put back afterwards, and only the command line's check keeps one."""

from __future__ import annotations

import regex
from regex import _main

from tqcheck import check_text
from tqcheck.cli import main
from tqcheck.pattern_cache import FILE_NAME, PatternCache

TEXT = "Mr Abu Ali said on 3 March 2021 that the Ministry of Oil spent 12.5% more, Mr Abdallah said. Éric ÉTÉ"

PATTERNS = [
    (r"(?P<title>Mr|Ms)\s+(?P<name>\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)", 0),
    (r"(?<![\w-])(?:march|april)(?!\w)", regex.IGNORECASE),
    (r"(?r)\d+(?:[.,]\d+)?%", 0),  # searched backwards
    (r"(?:Abdullah){e<=1}", regex.BESTMATCH),  # fuzzy
    (r"""(?x) (\p{Lu}\p{Ll}+)  # a capitalised word
             \s+ of \s+ (\p{Lu}\w+)""", 0),
    (r"\b(\w)\w*\1\b", 0),  # a back reference
    (r"(?i)été", 0),  # full case folding
    (r"(?V1)[[:alpha:]--[aeiou]]{3}", 0),  # version 1 set difference
]


def compile_all(cache: PatternCache) -> list:
    cache.install()
    try:
        return [regex.compile(p, f) for p, f in PATTERNS]
    finally:
        cache.uninstall()


def describe(pattern) -> list:
    """What a pattern finds in TEXT, with its groups, and what it is."""
    found = [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(TEXT)]
    return [found, pattern.pattern, pattern.flags, pattern.groupindex, pattern.groups]


def test_a_rebuilt_pattern_finds_what_a_fresh_compile_finds(tmp_path):
    fresh = [regex.compile(p, f) for p, f in PATTERNS]
    first = PatternCache(tmp_path)
    compile_all(first)
    assert first.compiled_here == len(PATTERNS)
    first.save()
    assert (tmp_path / FILE_NAME).is_file()

    second = PatternCache(tmp_path)
    rebuilt = compile_all(second)
    assert second.compiled_here == 0  # every one came from the file
    assert not second.changed
    assert [describe(p) for p in rebuilt] == [describe(p) for p in fresh]
    assert any(describe(p)[0] for p in fresh)  # the sample text exercises them


def test_a_damaged_or_foreign_file_is_ignored_and_rewritten(tmp_path):
    first = PatternCache(tmp_path)
    compile_all(first)
    first.save()
    path = tmp_path / FILE_NAME
    good = path.read_bytes()
    for damaged in (good[: len(good) // 2], good[:3], b"", good[:100] + bytes([good[100] ^ 1]) + good[101:]):
        path.write_bytes(damaged)
        cache = PatternCache(tmp_path)
        patterns = compile_all(cache)
        assert cache.compiled_here == len(PATTERNS)
        assert [describe(p) for p in patterns] == [describe(regex.compile(p, f)) for p, f in PATTERNS]
        cache.save()
        assert path.read_bytes() == good  # rewritten whole


def test_a_program_that_will_not_load_is_compiled_afresh(tmp_path):
    cache = PatternCache(tmp_path)
    key = (PATTERNS[0][0], 0, int(regex.DEFAULT_VERSION))
    cache.programs[key] = ("not", "a", "program")
    patterns = compile_all(cache)
    assert describe(patterns[0]) == describe(regex.compile(*PATTERNS[0]))
    assert cache.programs[key] != ("not", "a", "program")


def test_named_lists_and_errors_go_to_regex_unchanged(tmp_path):
    cache = PatternCache(tmp_path)
    cache.install()
    try:
        words = regex.compile(r"\L<words>", words=["oil", "gas"])
        try:
            regex.compile(r"(unclosed")
        except regex.error as exc:
            error = str(exc)
        else:
            error = None
    finally:
        cache.uninstall()
    assert words.findall("oil and gas") == ["oil", "gas"]
    assert error is not None and "missing )" in error
    assert cache.programs == {}  # a named list's pattern is not kept


def test_uninstall_puts_regex_back(tmp_path):
    before = _main._compile
    cache = PatternCache(tmp_path)
    cache.install()
    assert _main._compile != before
    cache.uninstall()
    assert _main._compile == before


def test_the_command_line_keeps_programs_and_the_library_does_not(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("TQCHECK_NO_CACHE", raising=False)
    article = tmp_path / "a.txt"
    article.write_text("The minister said that that the talks Of the week would resume in March Last March.\n")
    check_text(article.read_text())
    assert not (folder / FILE_NAME).exists()

    outputs = []
    for _ in range(2):
        try:
            main([str(article), "--no-report", "--format", "json"])
        except SystemExit as exit:
            assert exit.code == 1
        outputs.append(capsys.readouterr().out)
        assert _main._compile.__module__ == "regex._main"  # put back on the way out
    assert (folder / FILE_NAME).is_file()
    assert outputs[0] == outputs[1] and '"code": "TQ101"' in outputs[0]

    (folder / FILE_NAME).unlink()
    monkeypatch.setenv("TQCHECK_NO_CACHE", "1")
    try:
        main([str(article), "--no-report"])
    except SystemExit:
        pass
    capsys.readouterr()
    assert not (folder / FILE_NAME).exists()


def test_rows_that_are_not_programs_are_skipped(tmp_path):
    import json
    import zlib

    first = PatternCache(tmp_path)
    compile_all(first)
    first.save()
    path = tmp_path / FILE_NAME
    stored = json.loads(path.read_bytes().partition(b"\n")[2])
    stored["programs"][0][3] = "8224"  # flags as a string
    stored["programs"][1] = stored["programs"][1][:5]  # cut short
    stored["programs"].append({"not": "a row"})
    body = json.dumps(stored).encode()
    path.write_bytes(b"%08x\n" % zlib.crc32(body) + body)
    cache = PatternCache(tmp_path)
    patterns = compile_all(cache)
    assert cache.compiled_here == 2  # the two damaged rows; the others were used
    assert [describe(p) for p in patterns] == [describe(regex.compile(p, f)) for p, f in PATTERNS]


def test_a_full_cache_drops_the_program_used_longest_ago(tmp_path, monkeypatch):
    import tqcheck.pattern_cache as module

    monkeypatch.setattr(module, "MAX_PROGRAMS", 3)
    cache = PatternCache(tmp_path)
    cache.install()
    try:
        regex.compile("(?:first)+")
        regex.compile("(?:second)+")
        regex.compile("(?:third)+")
        cache._built.clear()
        regex.compile("(?:first)+")  # used again: now the newest
        regex.compile("(?:fourth)+")
    finally:
        cache.uninstall()
    assert [key[0] for key in cache.programs] == ["(?:third)+", "(?:first)+", "(?:fourth)+"]
