"""What the sixth blind evaluation taught, in examples written for these tests: a period said again as
"this" one, a name spelled another way only in quotation marks, short name parts as evidence of
one person, small words capitalised inside an office's name, titles after "edition of", and a
garbled body after "of the" in a longer run of capitals."""

from __future__ import annotations

import pytest

from tqcheck import check_text


def found(text: str, code: str) -> list[str]:
    return [f.match for f in check_text(text).findings if f.code == code]


@pytest.mark.parametrize(
    "text, echo",
    [
        ("Tourism grew during the year 2031 in the current year, the board said.", "year 2031 in the current year"),
        ("The ferries stop for the spring season this spring, he said.", "spring season this spring"),
        ("Fishing quotas for the quarter of this quarter were cut.", "quarter of this quarter"),
        ("Rents were due since the outset of the month at the start of this month.", "month at the start of this month"),
        ("Prices rose at the end of the year, at the close of this year.", "year, at the close of this year"),
        ("The pact was ratified on 9 April 2030 in April, the envoy said.", "April 2030 in April"),
    ],
)
def test_a_period_said_again_as_this_one_is_an_echo(text, echo):
    assert found(text, "TQ102") == [echo]


@pytest.mark.parametrize(
    "text",
    [
        "Hotels were full last summer and this summer, the agency said.",
        "As it does every year, this year the fair opens in May.",
        "Sales rose 5% year on year this year.",
        "Wages were paid in the middle of the month and at the end of this month.",
        "Wages were paid from the middle of the month at the end of this month.",
        "The first half of the year and the second half of this year differ.",
        "The season of this season's harvest was short.",
        "The plan runs from April 2025 in April 2026 terms.",
    ],
)
def test_two_periods_or_any_period_are_no_echo(text):
    assert found(text, "TQ102") == []


def test_a_spelling_shown_in_quotation_marks_is_no_variant():
    text = ('The old parish register spells the family "Ozturk", without its dots. Öztürk scored twice. '
            "Öztürk said the team played well, and Öztürk left early.")
    assert found(text, "TQ401") == []
    text_with_slip = "Öztürk scored twice. Öztürk said the team played well. Later Ozturk left early."
    assert found(text_with_slip, "TQ401") == ["Ozturk"]


def test_a_quoted_variant_does_not_hide_the_same_spelling_unquoted():
    text = ("The trader Karim Haddadi spoke first. Karim Hadadi said “Hadadi,” was how the old "
            "registers wrote it, and Haddadi left.")
    assert found(text, "TQ401") == ["Hadadi"]


def test_a_possessive_after_an_opening_quote_is_no_quoted_spelling():
    text = 'Karim Haddadi spoke first. Haddadi said so, and then "Hadadi\'s plan" was read aloud.'
    assert found(text, "TQ401") == ["Hadadi"]


def test_short_name_parts_show_one_person():
    text = ("Herders led by Mir Jan Qaderi met on Monday. Qaderi said prices fell. Later, "
            "Mir Jan Qadiri said the flocks were safe.")
    assert found(text, "TQ401") == ["Qadiri"]


def test_short_name_parts_that_differ_show_two_people():
    text = ("Herders led by Mir Jan Qaderi met on Monday. Qaderi said prices fell. Later, "
            "Qadiri Mir Ali said the flocks were safe.")
    assert found(text, "TQ401") == []


@pytest.mark.parametrize(
    "text, word",
    [
        ("Officials of the Ministry of Labour And Social Affairs met on Monday.", "And"),
        ("He wrote to the Ministry of Culture Of the Republic on Monday.", "Of"),
    ],
)
def test_a_small_word_capitalised_inside_an_office_name(text, word):
    assert found(text, "TQ201") == [word]


@pytest.mark.parametrize(
    "text",
    [
        "The third episode of The Quiet Harbour aired on Sunday.",
        "She wrote an episode of The Long Road Home for the channel.",
        "He met the Minister of Labour and Social Affairs on Monday.",
    ],
)
def test_titles_after_edition_of_and_names_written_right_are_left_alone(text):
    assert found(text, "TQ201") == []


def test_a_title_word_after_episode_of_before_a_lowercase_word_is_still_reported():
    assert found("The third episode of The series aired on Sunday.", "TQ201") == ["The"]


def test_of_the_after_any_other_noun_is_still_reported():
    assert found("A spokesman for the website of The Ministry of Health said so.", "TQ201") == ["The"]


def test_a_garbled_body_after_of_the_in_a_run_of_capitals():
    text = "Auditors of the Statistics Office of the European Bank for Investment met in March."
    assert found(text, "TQ403") == ["European Bank for Investment"]
    assert found("Auditors of the Statistics Office of the European Investment Bank met in March.", "TQ403") == []


@pytest.mark.parametrize(
    "text, garble",
    [
        ("He said the Africa Union summit would open on Monday.", "Africa Union"),
        ("The Europe Central Bank raised its rates on Thursday.", "Europe Central Bank"),
    ],
)
def test_a_region_named_for_its_adjective_garbles_a_name(text, garble):
    assert found(text, "TQ403") == [garble]


@pytest.mark.parametrize(
    "text",
    ["He addressed the Council of Europe in Strasbourg on Monday.", "India won the Asia Cup final on Sunday."],
)
def test_a_region_in_a_real_name_is_left_alone(text):
    assert found(text, "TQ403") == []
