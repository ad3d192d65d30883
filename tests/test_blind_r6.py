"""What the sixth blind evaluation taught, with examples of our own: a period said again as
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
        ("Exports fell in the current year 2026 of this year, the agency said.", "year 2026 of this year"),
        ("Repairs must end before the coming winter season this winter, he said.", "winter season this winter"),
        ("Growers expect the date season of this season to be short.", "season of this season"),
        ("Wages were paid from the start of the month at the beginning of this month.", "month at the beginning of this month"),
        ("Prices rose at the end of the year, at the close of this year.", "year, at the close of this year"),
        ("The accord was signed on 9 April 2025 in April, the ministry said.", "April 2025 in April"),
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
    text = ('Supporters called him "Ozturk", as his shirt read. Öztürk scored twice. Öztürk said the '
            "team played well, and Öztürk left early.")
    assert found(text, "TQ401") == []
    text_with_slip = "Öztürk scored twice. Öztürk said the team played well. Later Ozturk left early."
    assert found(text_with_slip, "TQ401") == ["Ozturk"]


def test_a_quoted_variant_does_not_hide_the_same_spelling_unquoted():
    text = ("The trader Karim Haddadi spoke first. Karim Hadadi said “Hadadi,” was how the old "
            "registers wrote it, and Haddadi left.")
    assert found(text, "TQ401") == ["Hadadi"]


def test_short_name_parts_show_one_person():
    text = ("Traders led by Haji Gul Mir Sadeqi met on Monday. Sadeqi said prices fell. Later, "
            "Haji Gul Mir Sadiqi said exports rose.")
    assert found(text, "TQ401") == ["Sadiqi"]


def test_short_name_parts_that_differ_show_two_people():
    text = ("Traders led by Gul Mir Sadeqi met on Monday. Sadeqi said prices fell. Later, "
            "Sadiqi Mir Jan said exports rose.")
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
        "The 2023 edition of The World Atlas of Deserts was published in May.",
        "She wrote an episode of The Long Road Home for the channel.",
        "He met the Minister of Labour and Social Affairs on Monday.",
    ],
)
def test_titles_after_edition_of_and_names_written_right_are_left_alone(text):
    assert found(text, "TQ201") == []


def test_a_title_word_after_edition_of_before_a_lowercase_word_is_still_reported():
    assert found("The 2023 edition of The report was published in May.", "TQ201") == ["The"]


def test_a_garbled_body_after_of_the_in_a_run_of_capitals():
    text = "The Board of Governors of the African Bank for Development approved the loan."
    assert found(text, "TQ403") == ["African Bank for Development"]
    assert found("The Board of Governors of the African Development Bank approved the loan.", "TQ403") == []


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
