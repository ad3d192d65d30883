"""TQ506 on numbers written the way of another language, as MT from it leaves them: thousands
grouped by dots ("2.400.000", "60.000"), digits grouped in lakhs and crores ("1,25,000"), decimal
commas ("6,5 metres"), and an amount after a two-letter currency code ("KD 31000"), which the
postal-code exclusion ("DC 20500") used to hide."""

from __future__ import annotations

import random

import pytest

from tqcheck.checks.numbers import _DECIMAL_COMMA, _DOT_GROUPED, _LAKH_GROUPED, _at_runs, _before_sign
from tqcheck.document import Document
from tqcheck.rulefile import load_rules

RULE = next(c for c in load_rules() if c.rule.code == "TQ506")


def found(text: str) -> list[tuple[str, str, str]]:
    """(span, suggestion, applicability) of each TQ506 finding in ``text``."""
    return [(f.match, f.suggestions[0], f.fix.applicability.value) for f in RULE.run(Document(text))]


# --- thousands grouped by dots ------------------------------------------------------------------

DOT_GROUPED = [
    # two groups or more: no English decimal looks so
    ("the transfer cost 3.200.000 dollars, against 710,000 last season", "3.200.000", "3,200,000", "safe"),
    ("a budget of €14.750.000 was approved", "14.750.000", "14,750,000", "safe"),
    ("the state spent 2.100.000.000 pounds", "2.100.000.000", "2,100,000,000", "safe"),
    # a decimal comma after the groups
    ("monthly wages of 12.340,75 lira and 18,000 more", "12.340,75", "12,340.75", "safe"),
    # one group of 000: English decimals drop trailing zeros
    ("the floods left 75.000 homeless and 3,400 injured", "75.000", "75,000", "safe"),
    ("nearly 9.000 people, 4,500 more, or 45,000 in all, were moved", "9.000", "9,000", "safe"),
    # four digits where the document's style is undecided (4500 or 4,500): not applied
    ("nearly 9.000 people, or 45,000 in all, were moved", "9.000", "9,000", "unsafe"),
    # one group ending in 00 before a plural noun: likely thousands, but 1.5 is possible
    ("about 2.600 volunteers and 14,000 soldiers", "2.600", "2,600", "unsafe"),
    ("the 5.300 metres race and 12,000 runners", "5.300", "5,300", "unsafe"),
    # in a document that writes numbers the continental way, one group is thousands too
    ("the city has 1.460.000 people and covers 3.142 square kilometres", "3.142", "3,142", "unsafe"),
]


@pytest.mark.parametrize(("text", "span", "fix", "applicability"), DOT_GROUPED)
def test_thousands_grouped_by_dots_take_commas(text, span, fix, applicability):
    assert (span, fix, applicability) in found(text)


def test_the_message_names_the_convention():
    (finding,) = RULE.run(Document("the bill reached 4.600.000 dinars"))
    assert "dots" in finding.message and "Turkish" in finding.message and "'4,600,000'" in finding.message


NOT_DOT_GROUPED = [
    "the probe flew 2.718 km and 1.414 km",  # three-place decimals
    # a three-place decimal elsewhere in the document makes 2.200 and 15.000 decimals too
    "the pole measured 1.125 inches and 2.200 inches",
    "the gymnast scored 15.000 on the floor and 14.866 on the beam",
    "the rate held at 3.750 riyals to the dollar",  # no 00: a decimal is as likely
    "a sandwich costs KD 1.500 and a meal KD 3.000",  # three-decimal currencies
    "the coupon is 4.500% and the fee 2.000 percent",
    "the address 172.200.100.150 was blocked",  # an IP address
    "Version 3.100 ships today; see Section 2.100",  # identifiers
    "the index rose 1.25 percent to 9,870.55 points; pi is 3.14159",
    "the 14.05.2023 deadline and the 10.30 meeting",
]


@pytest.mark.parametrize("text", NOT_DOT_GROUPED)
def test_three_place_decimals_and_codes_are_not_taken_for_thousands(text):
    assert found(text) == []


def test_a_dot_grouped_number_is_rewritten_in_the_documents_style():
    """A four-digit number keeps no separator in a document that writes 4500 but 25,000."""
    text = "some 4500 troops, 3200 police, 25,000 residents and 1.200.000 visitors; 1.700 guards"
    assert found(text) == [("1.200.000", "1,200,000", "safe"), ("1.700", "1700", "safe")]


# --- lakhs and crores ---------------------------------------------------------------------------

LAKH_GROUPED = [
    ("the barrage passed 1,40,000 cusecs, against 390,000 two days later", "1,40,000", "140,000", "safe"),
    ("a budget of 3,20,00,000 rupees was approved", "3,20,00,000", "32,000,000", "safe"),
    ("some 12,34,500 voters were registered", "12,34,500", "1,234,500", "safe"),
    # not a round number: a list of three numbers is possible, but a plural noun or a unit follows
    ("the candidate polled 4,56,789 votes", "4,56,789", "456,789", "unsafe"),
    ("a loan of 6,35,250 rupees", "6,35,250", "635,250", "unsafe"),
]


@pytest.mark.parametrize(("text", "span", "fix", "applicability"), LAKH_GROUPED)
def test_lakh_grouped_numbers_take_thousands_separators(text, span, fix, applicability):
    assert found(text) == [(span, fix, applicability)]


def test_the_lakh_message_names_the_convention():
    (finding,) = RULE.run(Document("the flood displaced 2,75,000 people"))
    assert "lakhs and crores" in finding.message and "Urdu" in finding.message and "'275,000'" in finding.message


NOT_LAKH_GROUPED = [
    "the winning numbers were 5,10,150 in that order",  # a list, maybe: not round, no noun after it
    "see rows 1,25,30 and 4,50,60",  # groups of two at the end: a list
    "the sequence 3,45,678 was drawn",
    "the crowd of 1,250,000 and 2,400 more",  # thousands
]


@pytest.mark.parametrize("text", NOT_LAKH_GROUPED)
def test_lists_of_numbers_are_not_taken_for_lakhs(text):
    assert found(text) == []


# --- stock codes and years before the nouns a year qualifies -------------------------------------

@pytest.mark.parametrize("text", [
    "Aramco (2222.SR) rose while Toyota (7203.T) fell, on turnover of 1,250 lots",
    "the shares trade at 11 times our estimate of 2025 earnings; 1,500 jobs depend on it",
    "analysts expect 2026 results to beat 2025 revenues, said 3,200 traders",
])
def test_stock_codes_and_years_before_their_figures_are_not_counted(text):
    assert found(text) == []


# --- decimal commas -----------------------------------------------------------------------------

DECIMAL_COMMAS = [
    ("a wall 6,5 metres high and 2 metres wide", "6,5", "6.5"),
    ("growth slowed to 1,8% in the third quarter", "1,8", "1.8"),
    ("inflation reached 7,25 percent in June", "7,25", "7.25"),
    ("the deal is worth 3,4 billion dollars", "3,4", "3.4"),
    ("tickets cost €12,50 each", "12,50", "12.50"),
    ("the journey takes 2,5 hours by road", "2,5", "2.5"),
    ("output fell by 0,7 points", "0,7", "0.7"),
]


@pytest.mark.parametrize(("text", "span", "fix"), DECIMAL_COMMAS)
def test_a_decimal_comma_takes_a_point(text, span, fix):
    assert found(text) == [(span, fix, "safe")]


def test_the_decimal_comma_message_names_the_convention():
    (finding,) = RULE.run(Document("a beam 8,5 metres long"))
    assert "decimal comma" in finding.message and "French" in finding.message and "'8.5'" in finding.message


NOT_DECIMAL_COMMAS = [
    "read chapters 3,4 and 7 of the report",  # a list
    "options 1,2 or 3 remain open",
    "the verse in Luke 2,14 is sung",  # a reference
    "at point (41,9) the road forks",  # coordinates
    "the side won 2,1 on aggregate",
    "On April 4,60 percent of voters stayed home",  # a space missing after a date
    "pages 12,13 and 14,15 of 4,200",
    "the crowd of 4,500 people and 27,300 more",  # thousands
]


@pytest.mark.parametrize("text", NOT_DECIMAL_COMMAS)
def test_lists_references_and_dates_are_not_decimal_commas(text):
    assert found(text) == []


# --- an amount after a two-letter currency code ---------------------------------------------------

CURRENCY_CODES = [
    ("the firm was fined KD 12,500 and its director KD 31000", "31000", "31,000"),
    ("fees of QR 250,000 and QR 47500 were paid", "47500", "47,500"),
]


@pytest.mark.parametrize(("text", "span", "fix"), CURRENCY_CODES)
def test_an_amount_after_a_currency_code_is_counted(text, span, fix):
    assert found(text) == [(span, fix, "safe")]


def test_a_postal_code_after_a_state_code_is_still_not_counted():
    assert found("write to Austin, TX 78701, where 1,500 letters and 2,300 parcels arrived") == []


# --- the run prefilter finds what a full scan finds ---------------------------------------------


@pytest.mark.parametrize(("pattern", "sign"), [(_DOT_GROUPED, "."), (_DECIMAL_COMMA, ","), (_LAKH_GROUPED, ",")])
def test_dot_groups_and_decimal_commas_are_found_where_the_full_scan_finds_them(pattern, sign):
    rng = random.Random(11)
    pieces = ["0", "1", "7", "12", "123", "1234", ".", ".000", ".12", ",", ",5", ",50", ",500", " ", "\u00a0",
              "-", "/", ":", "+", "a", "é", "٣", "%", "$", "€"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in _at_runs(pattern, text, _before_sign(text, sign))] == expected, text
