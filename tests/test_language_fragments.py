"""Untranslated fragments inside English sentences (TQ801 short runs of another script, TQ802
clauses of another Latin-script language or of Arabic in Latin letters), and the glosses an
editor keeps. The matches themselves are data-driven in cases/language.yml; here: what a finding
says, the gloss test on its own, rule options, and odd input."""

from __future__ import annotations

import dataclasses
import random

import pytest

from tqcheck.checks.base import RuleDataError
from tqcheck.checks.language import _ngrams, announced_languages, is_gloss, likelihood_ratios
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
    ("in Arabic the envoy's name is written سالم حداد and printed so", "سالم حداد"),  # a spelling shown
    ("The crowd chanted:\n\nالشعب يريد\n\n\"The people want,\" it meant.", "الشعب يريد"),  # a line, then its translation
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


@pytest.mark.parametrize("key, value", [
    ("fragment_words", -1), ("fragment_letters", 0), ("fragment_function_words", 0), ("fragment_margin", -0.5)])
def test_bad_fragment_options_are_rule_errors(untranslated, key, value):
    with pytest.raises(RuleDataError):
        _with_options(untranslated, **{key: value})


@pytest.mark.parametrize("text, letters_of", [
    ("The banner read: حکومت نے سیلاب زدگان کے لیے نئے کیمپ قائم کیے ہیں", "Urdu"),
    ("The banner read: دولت برنامه تازه‌ای برای کشاورزان اعلام کرد", "Persian"),
    ("The banner read: حکومەت پلانێکی نوێی بۆ جووتیاران ڕاگەیاند", "Sorani Kurdish"),
    ("The banner read: حکومت د بزګرانو لپاره نوی پلان اعلان کړ", "Pashto"),
])
def test_an_arabic_script_passage_names_the_language_of_its_own_letters(foreign_script, text, letters_of):
    [finding] = foreign_script.run(Document(text))
    assert finding.data["script"] == "Arabic" and finding.data["letters_of"] == letters_of
    assert f"in Arabic script ({letters_of} letters): left untranslated?" in finding.message


def test_an_arabic_passage_names_the_script_alone(foreign_script):
    [finding] = foreign_script.run(Document("The banner read: أعلنت الحكومة خطة جديدة للمزارعين في الجنوب"))
    assert "letters_of" not in finding.data and finding.message.endswith("in Arabic script: left untranslated?")


# -- languages without a function-word list ------------------------------------------------------

SWAHILI = "Her father used to say \"Serikali itatoa msaada kwa familia zote zilizoathirika\" when the rains failed."


def test_a_clause_of_a_language_without_a_list_is_named_with_its_probability(untranslated):
    [finding] = untranslated.run(Document(SWAHILI))
    assert finding.data["language"] == "sw" and finding.data["probability"] >= 0.9
    assert finding.message.startswith("this passage reads as Swahili (probability ")


def test_a_zero_margin_turns_clauses_without_a_list_off(untranslated):
    assert not list(_with_options(untranslated, fragment_margin=0).run(Document(SWAHILI)))


# English words that langdetect reads as Afrikaans with probability 0.99 or more.
MISREAD_ENGLISH = [
    'The tags on the photo were "herders game winds songs desert" and nothing else.',
    'Her poem, which is only "riverbeds hillsides winds keep singing wardens", won the prize.',
    'The poster said "meetings kids strong elders windmill held" in big red letters.',
]


@pytest.mark.parametrize("text", MISREAD_ENGLISH)
def test_english_words_langdetect_misreads_stay_below_the_margin(untranslated, text):
    assert list(_with_options(untranslated, fragment_margin=0.001).run(Document(text)))
    assert not list(untranslated.run(Document(text)))


def test_the_likelihood_ratio_tells_english_look_alikes_from_a_clause():
    def ratio(text, language):
        return likelihood_ratios(text, "en", (language,))[language]

    assert ratio("federal funds target range", "da") < 0.3
    assert ratio("meetings kids strong elders windmill held", "af") < 0.3
    assert ratio("serikali itatoa msaada kwa familia zote", "sw") > 0.5
    assert ratio("mae'r llywodraeth wedi cyhoeddi cynllun newydd", "cy") > 0.5
    assert likelihood_ratios("serikali itatoa msaada", "en", ("xx",)) == {}
    assert likelihood_ratios("serikali itatoa msaada", "xx", ("sw",)) == {}
    assert likelihood_ratios("", "en", ("sw",)) == {}
    several = likelihood_ratios("serikali itatoa msaada kwa familia zote", "en", ("so", "sw", "cy", "en"))
    assert several["en"] == 0 and max(several, key=several.get) == "sw"


def test_the_ngrams_weighed_are_those_of_a_langdetect_detection():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    texts = ["Serikali itatoa  msaada", "l'eau économisée, goutte-à-goutte", "Việt Nam", "NATO and the EU said",
             "Ölçü 12,5 m²", "", "   ", "Dhammaan shirkadaha xawaaladda"]
    for text in texts:
        detector = factory.create()
        detector.append(text)
        assert [g for g in _ngrams(text) if g in factory.word_lang_prob_map] == detector._extract_ngrams(), text


def test_the_long_run_prefilter_passes_every_sentence_with_a_long_run(untranslated):
    pieces = ["serikali", "itatoa", "msaada", "kwa", "the", "and", "Serikali", '"', "«", ",", "1,200", "12",
              "familia", "zote", "said", "he", "Mr.", "Farah", "—", "(", ")", "yr", "ysgolion", "wa", "al-bayt"]
    rng = random.Random(8)
    for _ in range(2000):
        sentence = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        sentence = sentence.replace(" , ", ", ").replace(" ,", ",")
        runs = [run for run, _names in untranslated._small_word_runs(sentence) if len(run) >= untranslated.fragment_words]
        if runs:
            assert untranslated._may_hold_long_run(sentence.split()), sentence


def test_random_mixed_text_never_raises_and_is_deterministic(untranslated, foreign_script):
    pieces = ["selon", "un", "le", "de", "la", "wa", "fi", "al-bayt", "(", ")", '"', "«", "»", "—", ",", "[in French]",
              "حسب", "تعبيرها", "#غزة", "@x", "Le", "Monde", "the", "said", "3", "\n\n", "je ne sais quoi", "ministère",
              "Serikali", "itatoa", "msaada", "familia", "zilizoathirika"]
    rng = random.Random(5)
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for check in (untranslated, foreign_script):
            first = [f.to_dict() for f in check.run(Document(text))]
            assert first == [f.to_dict() for f in check.run(Document(text))]
            assert all(text[f["start"] : f["end"]] == f["match"] for f in first)
