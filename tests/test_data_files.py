"""Hygiene of the shipped data lists: sorted, unique, well-formed, and no fixer loops."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.rulefile import DEFAULT_RULES_DIR, read_tsv, shipped_rules_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rules" / "data"
COLUMNS = {"organizations.tsv": 3}
TSVS = sorted(DATA.glob("*.tsv"))


@pytest.mark.parametrize("path", TSVS, ids=lambda p: p.name)
def test_tsv_is_sorted_unique_and_clean(path):
    rows = read_tsv(path, COLUMNS.get(path.name, 2))
    keys = [row[0] for row in rows]
    assert keys == sorted(keys, key=str.casefold), f"{path.name} is not sorted (case-insensitively)"
    folded = [k.casefold() for k in keys]
    assert len(folded) == len(set(folded)), f"{path.name} has duplicate keys"
    for row in rows:
        for cell in row[:-1]:
            assert cell == cell.strip() and "  " not in cell, f"{path.name}:{row[-1]}: stray spaces"


def test_calque_replacements_are_never_calques():
    rows = read_tsv(DATA / "mt-calques.tsv")
    calques = {calque.casefold() for calque, _, _ in rows}
    for calque, correct, line in rows:
        assert len(calque.split()) >= 2, f"mt-calques.tsv:{line}: a one-word calque is too risky"
        assert not any(c in correct.casefold() for c in calques), f"mt-calques.tsv:{line}: {correct!r} contains a calque"


def test_variant_sets_do_not_overlap():
    seen: dict[str, int] = {}
    for preferred, variants, line in read_tsv(DATA / "name-variants.tsv"):
        for member in [preferred, *(v.strip() for v in variants.split("|"))]:
            assert member, f"name-variants.tsv:{line}: empty variant"
            assert member.casefold() not in seen, f"name-variants.tsv:{line}: {member!r} also on line {seen.get(member.casefold())}"
            seen[member.casefold()] = line


def test_gazetteer_size_types_and_aliases():
    rows = read_tsv(DATA / "organizations.tsv", 3)
    assert len(rows) >= 300
    types = {"intergovernmental", "un-agency", "ngo", "think-tank", "ministry", "government-body", "party",
             "armed-group", "news", "company", "university", "religious-body", "sports-body"}
    canonical = {name.casefold() for name, _, _, _ in rows}
    for name, aliases, kind, line in rows:
        assert kind in types, f"organizations.tsv:{line}: unknown type {kind!r}"
        for alias in filter(None, (a.strip() for a in aliases.split("|"))):
            assert alias.casefold() not in canonical - {name.casefold()}, f"organizations.tsv:{line}: alias {alias!r} is another entry"


def test_list_sizes_meet_the_promise():
    assert len(read_tsv(DATA / "mt-calques.tsv")) >= 50
    assert len(read_tsv(DATA / "name-variants.tsv")) >= 50


def test_an_installed_tqcheck_ships_every_rule_file():
    """pyproject.toml installs rules/ as tqcheck/rules: its package-data patterns must cover each
    file the rule loader reads, or a pip-installed tqcheck runs without it."""
    import fnmatch

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["tqcheck.rules"] == "rules" and "tqcheck.rules" in config["packages"]
    patterns = config["package-data"]["tqcheck.rules"]
    files = [p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.suffix in (".yml", ".tsv")]
    assert len(files) > 60
    assert [f for f in files if not any(fnmatch.fnmatchcase(f, pat) and f.count("/") == pat.count("/") for pat in patterns)] == []


def test_the_shipped_rules_are_found_installed_or_in_the_checkout(tmp_path):
    assert DEFAULT_RULES_DIR == ROOT / "rules"  # this checkout (or an editable install)
    (tmp_path / "site-packages" / "tqcheck" / "rules").mkdir(parents=True)
    assert shipped_rules_dir(tmp_path / "site-packages" / "tqcheck") == tmp_path / "site-packages" / "tqcheck" / "rules"
    assert shipped_rules_dir(tmp_path / "checkout" / "tqcheck") == tmp_path / "checkout" / "rules"


def test_every_tqcheck_package_is_installed():
    """pyproject.toml lists the packages by hand (rules/ is mapped in as tqcheck.rules): a new
    subpackage must be listed too, or an installed tqcheck lacks it."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "tqcheck").rglob("__init__.py")}
    assert found and found <= listed
