"""TQ506 on numbers that a name or label owns: a callsign ("Redwing 7305"), a permit after an
all-caps label ("KLR 60982"), a postal code ("TX 78701") are identifiers, not quantities, and
must not vote on the document's thousands separators; an amount after a currency code, or
before a plural noun, still counts ("SAR 2750000", "UN 3500 workers")."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.rulefile import load_rules

RULE = next(c for c in load_rules() if c.rule.code == "TQ506")
SMALL = next(c for c in load_rules() if c.rule.code == "TQ507")


def found(text: str) -> list[tuple[str, str]]:
    return [(f.match, f.suggestions[0]) for f in RULE.run(Document(text))]


IDENTIFIERS = [
    # a callsign: a name the document uses mid-sentence, here also opening a quotation
    'The ferry is run by Redwing Marine. Its radio name was "Redwing 7305". The master had 2,415 hours.',
    "the crew of Redwing 7305 had logged 2,415 and 5,208 hours",
    # a label in capitals, even where it opens a sentence
    "The plot sold for 1,900,000 riyals. Builder's permit KLR 60982.",
    "The generator ran 3,650 hours. QFE 1009 was set.",
    # a postal code after a state code
    "write to Austin, TX 78701, where 1,500 letters and 2,300 parcels arrived",
    # a time with its zone
    "the siren sounded at 1730 CET and 2,600 people left",
]


@pytest.mark.parametrize("text", IDENTIFIERS)
def test_a_number_a_name_or_label_owns_is_not_counted(text):
    assert found(text) == []


QUANTITIES = [
    # after a currency code or abbreviation
    ("the villa costs SAR 2750000 against 1,900,000 last year", "2750000", "2,750,000"),
    ("fees of QR 250,000 and QR 47500 were paid", "47500", "47,500"),
    ("salaries of Rs 45000 and 120,000 rupees", "45000", "45,000"),
    # a possessive, a month and a common word opening a sentence are no labels
    ("Orbis's 4500 staff and 3,100 contractors", "4500", "4,500"),
    # a capital inside a word is no capitalised word
    ("sold on eBay 4500 items and 3,100 more", "4500", "4,500"),
    ("in May 2500 troops arrived and 3,100 left", "2500", "2,500"),
    ("Nearly 4500 people fled, and 3,100 more.", "4500", "4,500"),
    ("It rained. Some 4500 people fled, and some 3,100 more.", "4500", "4,500"),
    # a plural noun after the number: an amount, whatever stands before it
    ("the donors gave Chad 45000 tonnes of grain and 3,100 tents", "45000", "45,000"),
    ("the UN 3500 workers and 1,200 contractors left", "3500", "3,500"),
    # a headline in title case
    ("Floods Hit 12000 Homes\n\nThe water reached 4,500 farms.", "12000", "12,000"),
]


@pytest.mark.parametrize(("text", "span", "fix"), QUANTITIES)
def test_a_quantity_after_a_capitalised_word_still_counts(text, span, fix):
    assert (span, fix) in found(text)


def test_small_numerals_still_skip_names():
    assert [f.match for f in SMALL.run(Document("Phase 3 of the plan began, and later on the 4 teams joined"))] == ["4"]
