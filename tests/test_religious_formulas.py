"""TQ311 finds the religious formulas Arabic news copy adds after names, translated or left in
transliteration, in the spellings MT and reporters use; names built on the same words are not
formulas."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

CHECK = load_rule(DEFAULT_RULES_DIR / "religious-formulas.yml")

FORMULAS = [
    # may God protect him / her / them (rulers, "the wise leadership")
    "hafidhahu Allah", "hafizaha Allah", "hafithahu Allah", "hafidhahum Allah", "hafazahu Allah", "hafizahullah",
    "hafidhahu Allah wa ra'ah", "ayyadahu Allah",
    # may God have mercy on him (the dead)
    "rahimahu Allah", "rahimaha Allah", "rahimahullah", "rahimahullahu ta'ala", "Allah yarhamuh", "Allah yerhamo",
    # may God be pleased with him (the Prophet's companions)
    "radiya Allahu anhu", "radi Allahu anha", "radiallahu anhu", "radhiyallahu 'anhum",
    # God bless him and grant him peace; peace be upon him
    "sallallahu alayhi wa sallam", "salla Allahu 'alaihi wasallam", "sallallaahu alayhi wa sallam", "salallahu alayhi wasalam",
    "alayhi as-salam", "alayhis salam", "alaihi salaam",
    # glorified and exalted be He; mighty and majestic
    "subhanahu wa ta'ala", "Subhanahu Wa Taala", "azza wa jall",
    # God willing; thank God; God has willed it; glory be to God
    "inshallah", "insha'Allah", "Insha Allah", "in sha Allah", "inshaallah", "inshalla",
    "alhamdulillah", "al-hamdu lillah", "Alhamdulilah", "hamdulillah",
    "mashallah", "masha'Allah", "ma sha Allah", "subhanallah", "subhan Allah",
    # translated
    "may God protect it", "may Allah preserve him", "may God be pleased with him", "may God's peace and blessings be upon him",
]

NOT_FORMULAS = [
    "Hafizullah", "Rahmatullah", "Rahimullah", "Hamdallah", "Hamdullah", "Abdullah", "Hafiz Osman", "Nawaf Salam",
    "Allahu Akbar", "in shallow water", "Insha", "Masha Allen", "a salami", "radial tyres", "may God bless them",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_is_one_finding_for_the_whole_formula(formula):
    (finding,) = CHECK.run(Document(f"The late founder, {formula}, opened the school."))
    assert finding.match == formula and finding.suggestions == ("remove the formula",)


@pytest.mark.parametrize("words", NOT_FORMULAS)
def test_names_and_words_that_share_letters_are_not_formulas(words):
    assert list(CHECK.run(Document(f"The report named {words} on Monday."))) == []
