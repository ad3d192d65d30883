"""Untranslated fragments inside English sentences (TQ801 short runs of another script, TQ802
clauses of another Latin-script language or of Arabic in Latin letters), and the glosses an
editor keeps. The matches themselves are data-driven in cases/language.yml; here: what a finding
says, the gloss test on its own, rule options, and odd input."""

from __future__ import annotations

import dataclasses
import random

import pytest

from tqcheck.checks.base import RuleDataError
from tqcheck.checks.language import announced_languages, is_gloss
from tqcheck.document import Document
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule


@pytest.fixture(scope="module")
def untranslated():
    return load_rule(DEFAULT_RULES_DIR / "untranslated.yml")


@pytest.fixture(scope="module")
def foreign_script():
    return load_rule(DEFAULT_RULES_DIR / "foreign-script.yml")


def _with_options(check, **options):
    """The check of the same rule with some options changed."""
    return type(check)(dataclasses.replace(check.rule, options={**check.rule.options, **options}))


def _gloss(text: str, phrase: str) -> bool:
    start = text.index(phrase)
    return is_gloss(text, start, start + len(phrase))


@pytest.mark.parametrize("text, phrase", [
    ("the Baath Party (حزب البعث) ruled", "حزب البعث"),
    ("the Baath Party (Arabic: حزب البعث) ruled", "حزب البعث"),
    ("the Baath Party (حزب البعث, Hizb al-Baath) ruled", "حزب البعث"),
    ('they chanted "الشعب يريد" ("the people want")', "الشعب يريد"),
    ('the words "la loi est claire" — the law is clear — opened it', "la loi est claire"),
    ('the sign read "ممنوع التصوير", meaning no photography', "ممنوع التصوير"),
])
def test_a_phrase_in_brackets_or_followed_by_its_translation_is_a_gloss(text, phrase):
    assert _gloss(text, phrase)


@pytest.mark.parametrize("text, phrase", [
    ('he said "the talks failed, لكن الحوار مستمر," and left', "لكن الحوار مستمر"),
    ('she said "all is calm" على حد قولها, and that aid would come', "على حد قولها"),
    ("the delay was justified بموجب القانون.", "بموجب القانون"),
    ("(the minister, who spoke at length about the budget, said وهذا ما قلناه)", "وهذا ما قلناه"),
])
def test_a_phrase_in_running_text_is_no_gloss(text, phrase):
    assert not _gloss(text, phrase)


def test_announced_languages_are_read_from_brackets():
    assert announced_languages("LEBRUN [in French]: Oui. (In Arabic) yes") == {"french", "arabic"}
    assert announced_languages("He spoke in French at the meeting.") == set()


def test_a_latin_clause_names_its_language_and_probability(untranslated):
    text = "The bridge, d'après une note diffusée lundi par la préfecture, will be closed for a month."
    [finding] = untranslated.run(Document(text))
    assert finding.data["language"] == "fr" and finding.data["probability"] >= 0.9
    assert finding.message.startswith("this passage reads as French (probability ")


def test_arabic_in_latin_letters_says_so_without_a_probability(untranslated):
    text = "The report ended with \"fa inna al-hukuma qad qarrarat ta'jil al-intikhabat\", the agency said."
    [finding] = untranslated.run(Document(text))
    assert finding.data["romanized"] is True and "probability" not in finding.data
    assert finding.message == (
        "this passage reads as Arabic in Latin letters (transliterated particles), not English: left untranslated?")


def test_a_short_run_of_another_script_is_counted_in_words(foreign_script):
    [finding] = foreign_script.run(Document("The delay was justified بموجب القانون الجديد."))
    assert finding.data["words"] == 3 and "3 words in Arabic" in finding.message


def test_fragments_need_a_fragment_size(untranslated, foreign_script):
    """fragment_words 0 turns fragments off: only whole passages are reported, as before."""
    arabic = "The delay was justified بموجب القانون الجديد."
    french = "The bridge, d'après une note diffusée lundi par la préfecture, will be closed for a month."
    for check, text in ((foreign_script, arabic), (untranslated, french)):
        quiet = _with_options(check, fragment_words=0)
        assert list(check.run(Document(text))) and not list(quiet.run(Document(text)))


@pytest.mark.parametrize("key, value", [("fragment_words", -1), ("fragment_letters", 0), ("fragment_function_words", 0)])
def test_bad_fragment_options_are_rule_errors(untranslated, key, value):
    with pytest.raises(RuleDataError):
        _with_options(untranslated, **{key: value})


def test_random_mixed_text_never_raises_and_is_deterministic(untranslated, foreign_script):
    pieces = ["selon", "un", "le", "de", "la", "wa", "fi", "al-bayt", "(", ")", '"', "«", "»", "—", ",", "[in French]",
              "حسب", "تعبيرها", "#غزة", "@x", "Le", "Monde", "the", "said", "3", "\n\n", "je ne sais quoi", "ministère"]
    rng = random.Random(5)
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for check in (untranslated, foreign_script):
            first = [f.to_dict() for f in check.run(Document(text))]
            assert first == [f.to_dict() for f in check.run(Document(text))]
            assert all(text[f["start"] : f["end"]] == f["match"] for f in first)
