"""TQ710 (translated twice) follows --language, leaves caption lines out of a paragraph's
wording, and finds the same copies whatever the line ends."""

from __future__ import annotations

import pytest
from conftest import ROOT

from tqcheck.checks.base import RuleDataError
from tqcheck.checks.duplicate import Duplicate
from tqcheck.document import Document
from tqcheck.engine import Settings, resolve_checks
from tqcheck.rulefile import read_tsv

LISTS = ROOT / "rules" / "data" / "function-words"


def _check(language: str | None = None) -> Duplicate:
    (check,) = resolve_checks(Settings(language=language, select=("TQ710",)))
    return check


def _found(check: Duplicate, text: str) -> list[tuple[int, int]]:
    """(line, earlier line) of each finding."""
    return [(f.line, f.data["earlier_line"]) for f in check.run(Document(text))]


# One quote rendered twice in different words, as MT renders a post and the paragraph quoting it.
TRANSLATED_TWICE = {
    "fr": (
        "Le ministre a annoncé lundi que le nouveau budget protégerait les salaires des fonctionnaires malgré "
        "la baisse des prix du pétrole.",
        "Il a ajouté que l'accord avait été conclu après de longues négociations avec les syndicats.",
        "« Le nouveau budget protégera les salaires des employés de l'État malgré le recul des prix du pétrole », "
        "a déclaré le ministre.",
    ),
    "de": (
        "Der Minister sagte am Montag, der neue Haushalt werde die Gehälter der Staatsbediensteten trotz des "
        "Rückgangs der Ölpreise schützen.",
        "Er fügte hinzu, die Einigung sei nach langen Verhandlungen mit den Gewerkschaften erzielt worden.",
        "„Der neue Haushalt wird die Gehälter der Staatsbediensteten trotz der gesunkenen Ölpreise schützen“, "
        "sagte der Minister.",
    ),
    "es": (
        "El ministro dijo el lunes que el nuevo presupuesto protegerá los salarios de los empleados públicos pese a "
        "la caída de los precios del petróleo.",
        "Añadió que el acuerdo se alcanzó tras largas negociaciones con los sindicatos.",
        "«El nuevo presupuesto protegerá los salarios de los funcionarios públicos a pesar del descenso de los "
        "precios del petróleo», afirmó el ministro.",
    ),
}

# Two French sentences that share function words only (les, sont, dans, avec, leurs, pour, cette,
# mais, tous, avaient), which English does not know as function words.
FUNCTION_WORDS_ONLY = (
    "Les ministres sont arrivés dans la capitale avec leurs conseillers pour cette réunion, mais tous avaient "
    "quitté la salle avant midi.\n\n"
    "Les enfants sont restés dans leurs maisons avec leurs parents pour cette fête, mais tous avaient oublié "
    "les cadeaux.\n"
)


@pytest.mark.parametrize("language", ["fr", "de", "es", "it"])
def test_the_language_picks_the_function_words(language):
    words = frozenset(w.casefold() for w, _c, _l in read_tsv(LISTS / f"{language}.tsv"))
    check = _check(language)
    assert check.language == language and check.stopwords == words
    assert _check().stopwords == frozenset(w.casefold() for w, _c, _l in read_tsv(LISTS / "en.tsv"))


@pytest.mark.parametrize("language", sorted(TRANSLATED_TWICE))
def test_a_passage_translated_twice_is_found_in_the_articles_language(language):
    text = "\n\n".join(TRANSLATED_TWICE[language]) + "\n"
    assert _found(_check(language), text) == [(5, 1)]


def _scored(check: Duplicate, text: str) -> list[tuple]:
    """The pairs of units that the prefilter lets through to chrF (the memo keeps their scores)."""
    memo: dict = {}
    sentences, paragraphs, words = check._units(Document(text))
    check._matches(paragraphs, words, memo)
    check._matches(sentences, words, memo)
    return [key for key in memo if key != "grams"]


def test_sentences_sharing_only_function_words_of_the_language_are_never_scored():
    assert _found(_check("fr"), FUNCTION_WORDS_ONLY) == []
    assert _scored(_check("fr"), FUNCTION_WORDS_ONLY) == []
    # with English function words the French ones are content words and let the pair through
    assert _scored(_check("en"), FUNCTION_WORDS_ONLY)


@pytest.mark.parametrize("language", ["ja", "zh-cn", "th"])
def test_a_language_without_spaces_between_words_does_not_run_the_rule(language):
    sentence = "政府は月曜日に新しい経済対策を発表し、来年度の予算案に盛り込む方針を明らかにした。"
    english = "Rescue teams pulled four survivors from the rubble of the collapsed building on Sunday."
    check = _check(language)
    assert check.stopwords == frozenset()
    # (the English sentence, copied word for word, would be reported if the rule ran)
    assert _found(check, f"{sentence}\n\n{english}\n\n{sentence}\n\n{english}\n") == []


def test_a_language_without_a_list_is_an_error_as_for_the_untranslated_rule():
    with pytest.raises(RuleDataError, match="no list of Arabic function words"):
        _check("ar")


def test_korean_spaces_its_words_and_keeps_the_rule():
    first = "정부는 월요일에 새로운 경제 대책을 발표하고 내년도 예산안에 포함할 방침을 밝혔다."
    second = "정부는 월요일 새로운 경제 대책을 발표했으며 이를 내년도 예산안에 포함할 방침이라고 밝혔다."
    assert _found(_check("ko"), f"{first}\n\n장관은 화요일에 떠났다.\n\n{second}\n") == [(5, 1)]


# A paragraph and its second rendering hard-wrapped (most lines close no sentence, so the block
# is one paragraph), with a leaked photo caption line in the middle.
PARAGRAPH = ("Rescue teams pulled four survivors from the rubble of the collapsed building. "
             "The civil defence said the search would continue through the night.")
WRAPPED_WITH_CAPTION = ("Rescue teams pulled four survivors out of the rubble\n"
                        "of the collapsed building, and the civil defence said\n"
                        "Residents search for relatives in the rubble of a collapsed block on Sunday in the old quarter (AFP)\n"
                        "that the search would go on through the night.")


def test_a_caption_line_inside_a_paragraph_is_no_part_of_its_wording():
    text = f"{PARAGRAPH}\n\nThe mayor visited the site.\n\n{WRAPPED_WITH_CAPTION}\n"
    (finding,) = _check().run(Document(text))
    assert finding.data["unit"] == "paragraph" and finding.data["earlier_line"] == 1
    assert finding.match == WRAPPED_WITH_CAPTION  # the span still runs from its first line to its last
    doc = Document(text)
    (_first, later) = _check()._units(doc)[1]
    caption = WRAPPED_WITH_CAPTION.split("\n")[2]
    assert caption not in later.compared and len(later.compared) == len(later.text)


def test_a_caption_line_that_closes_its_line_stays_a_paragraph_of_its_own():
    """Lines that mostly close a sentence are one paragraph each: the caption is none of them."""
    lines = PARAGRAPH.replace(". ", ".\n") + "\nResidents search the rubble of a collapsed block on Sunday (AFP)\n"
    text = f"{PARAGRAPH}\n\nThe mayor visited the site.\n\n{lines}"
    assert [f.data["unit"] for f in _check().run(Document(text))] == ["sentence", "sentence"]


LAYOUTS = {
    "paragraphs": f"Talks resumed.\n\n{PARAGRAPH}\n\nThe mayor visited the site.\n\n{PARAGRAPH.replace('from', 'out of')}\n",
    "one per line": f"Talks resumed.\n{PARAGRAPH}\nThe mayor visited the site.\n{PARAGRAPH.replace('from', 'out of')}\n",
    "hard-wrapped": f"{PARAGRAPH}\n\nThe mayor visited the site.\n\n{WRAPPED_WITH_CAPTION}\n",
    "attribution": (f"{PARAGRAPH}\n— Omar Nasser (@OmarNasser) October 12, 2020\n\n"
                    f"The mayor visited the site.\n\n{PARAGRAPH.replace('from', 'out of')}\n"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_windows_line_ends_give_the_same_findings(layout):
    text = LAYOUTS[layout]
    check = _check()

    def found(text):
        return [(f.line, f.column, f.end_line, f.end_column, f.message, f.data["earlier_line"]) for f in check.run(Document(text))]

    unix = found(text)
    assert unix
    assert found(text.replace("\n", "\r\n")) == unix
