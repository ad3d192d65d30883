from __future__ import annotations

from tqcheck.document import Document
from tqcheck.rulefile import load_rules


def run(write_rule, body, text):
    write_rule("sub.yml", "code: XX101\ncheck: substitution\nmessage: m\n" + body)
    (check,) = load_rules((str(write_rule.folder),), defaults=False)
    return [(f.match, f.suggestions, f.fix.applicability.value if f.fix else None) for f in check.run(Document(text))]


def test_case_is_preserved(write_rule):
    body = "ignorecase: true\nswap:\n  popular crowd: popular mobilization forces\n"
    got = run(write_rule, body, "popular crowd, Popular Crowd, POPULAR CROWD")
    assert [s[0] for _, s, _ in got] == ["popular mobilization forces", "Popular mobilization forces", "POPULAR MOBILIZATION FORCES"]


def test_word_boundaries_and_exceptions(write_rule):
    body = "swap:\n  cat: dog\nexceptions: ['cat']\n"
    assert run(write_rule, body, "concatenate the cat") == []
    body = "swap:\n  cat: dog\n"
    assert [m for m, _, _ in run(write_rule, body, "concatenate cat-like cat.")] == ["cat"]


def test_regex_keys_and_group_references(write_rule):
    body = "swap:\n  '(\\w+) organisation of Daesh': '$1 Daesh'\n"
    assert run(write_rule, body, "the organisation of Daesh") == [("the organisation of Daesh", ("the Daesh",), "safe")]


def test_alternatives_make_the_fix_display_only(write_rule):
    body = "swap:\n  utilize: use|employ\n"
    assert run(write_rule, body, "we utilize it") == [("utilize", ("use", "employ"), "display")]


def test_literal_tsv_list_longest_first(write_rule):
    (write_rule.folder / "list.tsv").write_text("Party\tparty\nParty of God\tHezbollah\n", encoding="utf-8")
    body = "regex: false\nswap_file: list.tsv\n"
    got = run(write_rule, body, "members of Party of God (a.k.a.) said")
    assert got == [("Party of God", ("Hezbollah",), "safe")]


def test_literal_keys_tolerate_extra_whitespace(write_rule):
    body = "regex: false\nswap:\n  Popular Crowd: Popular Mobilization Forces\n"
    assert run(write_rule, body, "the Popular\n  Crowd said")[0][0] == "Popular\n  Crowd"
