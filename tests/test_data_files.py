"""Hygiene of the shipped data lists: sorted, unique, well-formed, and no fixer loops."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.rulefile import read_tsv

DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
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
