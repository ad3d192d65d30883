"""False positives and a miss of a second blind evaluation: TQ508 in aligned plain-text tables,
TQ506 taking a year before "is" or "this" for a count ("for 2025 is" -> "2,025"), and numbers
grouped by spaces ("450 000 barrels") that TQ506 did not see."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.rulefile import load_rules

BY_CODE = {c.rule.code: c for c in load_rules()}


def found(code: str, text: str) -> list[tuple[str, list[str]]]:
    """(span, suggestions) of what rule ``code`` reports in ``text``."""
    return [(f.match, list(f.suggestions)) for f in BY_CODE[code].run(Document(text))]


# --- TQ508: aligned tables are layout ---------------------------------------------------------

TABLES = [
    # a header with wide gaps over rows whose gaps are two or three spaces
    "Results:\n\nTeam            Score   Team\nSevilla  1-1  Betis\n",
    # a ranking: the last row's gaps are narrow, its neighbour's wide
    "1. Real Madrid      27   68\n2. Girona           27   62\n4. Atlético Madrid  27   55\n",
    "Brent crude  $74.32      -0.8%\nGold         $2,715.40   +0.2%",
    # a tab between columns makes a row
    "Name\tRole  Since\nA. Person  Chair  2019",
    "Name        Role",
    # three rows or more whose first gaps start in one column
    "Top scorers\n\n17  Jonas Berg (Harbour United)\n15  Sami Haddad (Port Club)\n 9  Ali Nasser (Rovers)\n",
]
PROSE = [
    ("The talks resumed  on Monday in Geneva.", ["  "]),
    # a table does not excuse the prose after a blank line
    ("Team            Score\nSevilla  Betis\n\nThe talks resumed  on Monday.", ["  "]),
    # a line indented with a tab is no table row
    ("\tThe talks resumed.  They ended on Monday.", ["  "]),
    ("Two lines  of prose\nwith double  spaces, none wide.", ["  ", "  "]),
    ("Three lines  of prose\nwith double  spaces\nin other  columns.", ["  ", "  ", "  "]),
]


@pytest.mark.parametrize("text", TABLES)
def test_aligned_tables_are_not_double_spaces(text):
    assert found("TQ508", text) == []


@pytest.mark.parametrize(("text", "spans"), PROSE)
def test_double_spaces_in_prose_are_still_reported(text, spans):
    assert [span for span, _ in found("TQ508", text)] == spans


# --- TQ506: a year before a word in -s that is no plural noun ---------------------------------

YEARS = [
    "“The question for 2025 is how quickly that unwinds,” she said of 1,250 traders.",
    "Analysts expect 4,500 more, and 2024 was a record; so was 2023 across the board.",
    "Of 2,300 firms, those founded after 2019 thus paid less; 2025 marks the 80th anniversary.",
    "She counted 1,200 votes; 2023 has been hard, and 2023 remains the benchmark.",
    "The 2,100 delegates met, and 2008 crisis talk returned.",
    # A verb in -s and its object: the year is the subject ("offers" is no word list's verb).
    "Some 1,400 firms applied; 2026 offers a chance, and 2027 promises the rest.",
    "The 3,600 workers agree that 2030 requires new thinking and 2031 sees more trade.",
]
COUNTS = [
    ("about 3,500 marchers and 2050 soldiers", "2050", "2,050"),
    ("about 3,500 marchers and 2050 buses", "2050", "2,050"),
    ("about 3,500 marchers and 2050 businesses", "2050", "2,050"),
    ("about 3,500 marchers and 2050 soldiers were sent", "2050", "2,050"),
    ("about 3,500 marchers and 2050 offers of help", "2050", "2,050"),
]


@pytest.mark.parametrize("text", YEARS)
def test_a_year_before_a_verb_or_function_word_is_not_a_count(text):
    assert found("TQ506", text) == []


@pytest.mark.parametrize(("text", "span", "fix"), COUNTS)
def test_a_number_before_a_plural_noun_is_a_count(text, span, fix):
    assert found("TQ506", text) == [(span, [fix])]


# --- TQ506: digits grouped by spaces ----------------------------------------------------------

SPACE_GROUPED = [
    ("exports could reach 450\u00a0000 barrels per day", "450\u00a0000", "450,000"),
    ("exports could reach 450\u202f000 barrels per day", "450\u202f000", "450,000"),
    ("a budget of 1\u2009234\u2009567 dollars", "1\u2009234\u2009567", "1,234,567"),
    ("exports could reach 450 000 barrels per day", "450 000", "450,000"),
    ("some 1 500 000 people fled", "1 500 000", "1,500,000"),
    ("up to 2 000 soldiers", "2 000", "2,000"),
]
NOT_SPACE_GROUPED = [
    "scores of 100 250 were recorded",  # two figures
    "the list read 10 20 30",
    "call 555 123 4567 or 0770 000 000",  # phone numbers
    "dial +964 750 000 0000 today",
    "In 2019 000 was the code",
    "a ratio of 2 000.5 points",  # a decimal
    "Room 12 000 is closed",  # an identifier after a word of `before`
    "exports reached 450,000 barrels and 12,500 more",
]


@pytest.mark.parametrize(("text", "span", "fix"), SPACE_GROUPED)
def test_digits_grouped_by_spaces_take_commas(text, span, fix):
    assert found("TQ506", text) == [(span, [fix])]


@pytest.mark.parametrize("text", NOT_SPACE_GROUPED)
def test_figures_parted_by_spaces_are_not_one_number(text):
    assert found("TQ506", text) == []


def test_a_space_grouped_number_is_rewritten_in_the_documents_style():
    text = "some 4500 troops, 3200 police and 4\u00a0100 guards"
    assert found("TQ506", text) == [("4\u00a0100", ["4100"])]
