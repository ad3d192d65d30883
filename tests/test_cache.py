"""The cache of parsed rule files (tqcheck.cache): a hit gives what parsing gives, a changed file
is parsed again, a broken or unwritable cache only costs time, and only the command line
writes one."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from tqcheck import cache, rulefile, yamlfile
from tqcheck.rulefile import DEFAULT_RULES_DIR, RuleLoadError, load_rules, read_yaml, rule_files

BAD_RULES = [
    "code: XX101\ncheck: existence\nmessage: m\ntokens: [a\n",
    "code: XX101\ncheck: existence\nmessage: m\ntokens: !!python/object:os.system [a]\n",
    "code: XX101\ncheck: substitution\nmessage: m\nswap:\n  a: b\ncode: XX102\n",
    "code: XX101\ncheck: existence\nmessage: m\ndescription: 2020-01-02\ntokens: [a]\n",  # a YAML date: not kept
    "- just\n- a list\n",
    "",
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty cache folder of this test's own, and no rule compiled yet in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("TQCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(rulefile, "_LOADED", {})
    return folder


def no_parsing(monkeypatch):
    def parse(text):
        raise AssertionError("parsed although the cache holds this file")

    monkeypatch.setattr(yamlfile, "parse", parse)


def describe(checks) -> list:
    """What a loaded rule set is made of, to compare two loads."""
    return [(c.rule, sorted(vars(c).keys())) for c in checks]


def test_a_hit_gives_the_rules_that_parsing_gives(cache_dir, monkeypatch):
    parsed = describe(load_rules(cache=True))
    assert (cache_dir / "rules.json").is_file()
    monkeypatch.setattr(rulefile, "_LOADED", {})
    no_parsing(monkeypatch)
    assert describe(load_rules(cache=True)) == parsed


def test_every_shipped_rule_and_every_error_reads_the_same_from_the_cache(cache_dir, tmp_path):
    paths = rule_files(DEFAULT_RULES_DIR)
    for i, text in enumerate(BAD_RULES):
        paths.append(tmp_path / f"bad{i}.yml")
        paths[-1].write_text(text, encoding="utf-8")
    store = rulefile._parsed_rules()
    first = [read_yaml(p, store) for p in paths]
    store.save()
    again = rulefile._parsed_rules()
    kept = [again.get(p.read_text(encoding="utf-8")) for p in paths]
    assert sum(k is None for k in kept) == 1  # only the file with a date, which JSON cannot give back
    assert [read_yaml(p, again) for p in paths] == first == [read_yaml(p) for p in paths]


def test_errors_of_a_bad_rule_are_the_same_from_the_cache(cache_dir, write_rule, monkeypatch):
    for i, text in enumerate(BAD_RULES[:3]):
        write_rule(f"bad{i}.yml", text)
    with pytest.raises(RuleLoadError) as parsed:
        load_rules((str(write_rule.folder),), defaults=False, cache=True)
    monkeypatch.setattr(rulefile, "_LOADED", {})
    no_parsing(monkeypatch)
    with pytest.raises(RuleLoadError) as cached:
        load_rules((str(write_rule.folder),), defaults=False, cache=True)
    assert cached.value.errors == parsed.value.errors and len(parsed.value.errors) == 3


def test_an_edited_rule_is_read_anew(cache_dir, write_rule, monkeypatch):
    path = write_rule("colour.yml", "code: XX101\ncheck: substitution\nmessage: first\nswap:\n  colour: color\n")
    (check,) = load_rules((str(write_rule.folder),), defaults=False, cache=True)
    assert check.rule.message == "first"
    path.write_text("code: XX101\ncheck: substitution\nmessage: second\nswap:\n  colour: color\n", encoding="utf-8")
    monkeypatch.setattr(rulefile, "_LOADED", {})
    (check,) = load_rules((str(write_rule.folder),), defaults=False, cache=True)
    assert check.rule.message == "second"


def test_a_cache_written_under_another_salt_is_ignored(cache_dir):
    load_rules(cache=True)
    text = (DEFAULT_RULES_DIR / "doubled-word.yml").read_text(encoding="utf-8")
    other = cache.TextCache("rules", "another yaml version", cache_dir)
    assert other.entries == {} and other.get(text) is None
    assert rulefile._parsed_rules().get(text) is not None


@pytest.mark.parametrize("damage", [b"", b"\x00\x01garbage", "cut short", b'["not", "a", "mapping"]', b'{"salt": 1}',
                                    b'{"salt": "x", "entries": {"a": 1}}', "\xff\xfe not UTF-8".encode("latin-1")])
def test_a_damaged_cache_file_is_replaced(cache_dir, monkeypatch, damage):
    checks = describe(load_rules(cache=True))
    stored = cache_dir / "rules.json"
    whole = stored.read_bytes()
    stored.write_bytes(whole[: len(whole) // 2] if damage == "cut short" else damage)
    monkeypatch.setattr(rulefile, "_LOADED", {})
    assert describe(load_rules(cache=True)) == checks
    assert stored.read_bytes() == whole


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder would go")
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(blocker / "tqcheck"))
    monkeypatch.setattr(rulefile, "_LOADED", {})
    assert len(load_rules(cache=True)) == len(rule_files(DEFAULT_RULES_DIR))
    assert blocker.read_text() == "a file where the folder would go"


def test_nothing_is_written_when_caching_is_off_or_by_the_library(cache_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("TQCHECK_NO_CACHE", "1")
    assert cache.folder() is None
    load_rules(cache=True)
    monkeypatch.setattr(rulefile, "_LOADED", {})
    monkeypatch.delenv("TQCHECK_NO_CACHE")
    load_rules()  # the library's default
    from tqcheck import check_text

    check_text("The the cat.\n", "a.txt")
    assert not cache_dir.exists()


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("TQCHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("TQCHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "tqcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.folder() == tmp_path / ".cache" / "tqcheck"
    monkeypatch.setenv("TQCHECK_NO_CACHE", "0")
    assert cache.folder() == tmp_path / ".cache" / "tqcheck"


def test_the_oldest_entries_go_first(tmp_path):
    store = cache.TextCache("t", "salt", tmp_path)
    for i in range(cache.MAX_ENTRIES + 5):
        store.put(f"file {i}", str(i))
    assert store.get("file 0") == "0"  # used: the newest now
    store.save()
    kept = cache.TextCache("t", "salt", tmp_path)
    assert len(kept.entries) == cache.MAX_ENTRIES
    assert kept.get("file 0") == "0" and kept.get("file 1") is None and kept.get(f"file {cache.MAX_ENTRIES + 4}") is not None


def test_values_json_cannot_give_back_are_not_kept():
    for data in [{1: "a"}, {"a": float("nan")}, {True: "x"}, {"when": __import__("datetime").date(2020, 1, 2)}]:
        assert rulefile._parse_as_json((data, {}, [])) is None
    result = ({"a": [1, 1.0, True, None, "ü\ud800"], "b": {"c": "d"}}, {("a", 0): 3, (): 1}, [(2, "e")])
    assert rulefile._parse_from_json(rulefile._parse_as_json(result)) == result


def test_a_command_line_run_with_a_warm_cache_does_not_import_yaml(tmp_path):
    """The point of the cache: PyYAML is not even imported when every rule file is in it."""
    env = dict(os.environ, TQCHECK_CACHE_DIR=str(tmp_path / "cache"))
    probe = ("import sys; from tqcheck.cli import main\ntry: main(['--isolated', 'seeds/', '--no-report'])\n"
             "except SystemExit as exc: print(exc.code, 'yaml' in sys.modules, file=sys.stderr)")
    runs = [subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True) for _ in range(2)]
    assert [r.stderr.split()[-2:] for r in runs] == [["1", "True"], ["1", "False"]], [r.stderr[-500:] for r in runs]
    assert runs[0].stdout == runs[1].stdout and "22 findings" in runs[0].stdout


def test_an_entry_that_is_not_a_parse_is_parsed_again(cache_dir, monkeypatch):
    checks = describe(load_rules(cache=True))
    stored = cache_dir / "rules.json"
    data = json.loads(stored.read_text(encoding="utf-8"))
    data["entries"] = {key: "[1, 2]" for key in data["entries"]}  # right salt, wrong layout
    stored.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(rulefile, "_LOADED", {})
    assert describe(load_rules(cache=True)) == checks


def test_a_cache_file_nested_absurdly_deep_is_ignored(cache_dir, monkeypatch):
    cache_dir.mkdir(mode=0o700)
    (cache_dir / "rules.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    monkeypatch.setattr(rulefile, "_LOADED", {})
    assert len(load_rules(cache=True)) == len(rule_files(DEFAULT_RULES_DIR))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder owners and modes are POSIX")
def test_a_folder_others_may_write_to_is_not_used(cache_dir):
    cache_dir.mkdir(mode=0o700)
    assert cache.folder() == cache_dir
    for mode in (0o770, 0o777, 0o722):
        os.chmod(cache_dir, mode)
        assert cache.folder() is None, oct(mode)
    os.chmod(cache_dir, 0o755)  # others may read, not write: fine
    assert cache.folder() == cache_dir


def test_the_salt_does_not_import_yaml():
    probe = "import sys\nfrom tqcheck.rulefile import _parsed_rules\n_parsed_rules()\nprint('yaml' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"
