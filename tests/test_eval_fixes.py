"""False positives and misses found by a blind evaluation on MT of Arabic news: datelines with a
spaced hyphen ("Algiers - The ..."), function words TQ201 did not watch ("the project That will"),
years taken for counts by TQ506 ("from 2019 levels"), and TQ501's message on a tie."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.engine import check_text
from tqcheck.rulefile import load_rules

BY_CODE = {c.rule.code: c for c in load_rules()}


def found(code: str, text: str) -> list[str]:
    """The spans that rule ``code`` reports in ``text``."""
    return [f.match for f in BY_CODE[code].run(Document(text))]


# --- datelines: a hyphen typed for a dash opens a sentence as an en dash does -----------------

# (text, the word after the dash): a hyphen with a space or tab on both sides, or two hyphens.
DASH_OPENS = [
    ("Algiers - The Algerian company signed", "The"),
    ("Amman\t-\tThe Jordanian government", "The"),
    ("Mogadishu  -  The Somali government", "The"),
    ("the talks -- The envoy left", "The"),
    ("the talks--The envoy left", "The"),
    ("the talks -- \u00a0The envoy left", "The"),
]
# A hyphen that joins words or signs a number is no dash.
DASH_DOES_NOT_OPEN = [
    ("a pro-The Hague stance", "The"),
    ("the talks -The envoy left", "The"),
    ("the talks- The envoy left", "The"),
    ("the talks\u00a0- The envoy left", "The"),
]


@pytest.mark.parametrize(("text", "word"), DASH_OPENS)
def test_a_hyphen_typed_for_a_dash_starts_a_sentence(text, word):
    doc = Document(text)
    assert doc.starts_sentence(text.index(word))
    assert doc.after_hyphen_dash(text.index(word))


@pytest.mark.parametrize(("text", "word"), DASH_DOES_NOT_OPEN)
def test_a_hyphen_between_or_before_words_does_not(text, word):
    assert not Document(text).starts_sentence(text.index(word))


def test_a_bullet_hyphen_still_starts_a_line():
    text = "Points:\n- The envoy left\n  - Another point"
    doc = Document(text)
    assert doc.starts_sentence(text.index("The")) and doc.starts_sentence(text.index("Another"))


# Rules that read sentence starts, on text with a dateline: the same findings as with an en dash.
DATELINE_TEXTS = [
    "Algiers - The Algerian company Sonatrach signed a deal on Wednesday.",
    "Cairo - The The minister said that 3 people were hurt.",
    "Beirut - Of course the talks failed, the envoy of The ministers said.",
    "Rabat - 3 people were hurt when the bus overturned near the border.",
    "Tunis - Bora Bora hosted the talks, and Samir Hadad met Samer Haddad there.",
    "Amman -- The Council of Sovereignty Transitional met. The Council of Sovereignty Transitional spoke.",
]
READS_SENTENCE_STARTS = ("TQ101", "TQ201", "TQ401", "TQ403", "TQ507")


@pytest.mark.parametrize("text", DATELINE_TEXTS)
@pytest.mark.parametrize("code", READS_SENTENCE_STARTS)
def test_a_dateline_hyphen_reads_as_an_en_dash(code, text):
    with_dash = text.replace(" -- ", " –– ").replace(" - ", " – ")
    assert len(with_dash) == len(text)

    def described(t):
        return [(f.start, f.end, f.message, f.suggestions, f.fix and f.fix.applicability) for f in BY_CODE[code].run(Document(t))]

    assert described(text) == described(with_dash)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Algiers - The Algerian company signed a deal.", []),
        ("Amman - The Jordanian government met.", []),
        ("Mogadishu - The Somali government said.", []),
        ("Algiers - the envoy and The ministers met.", ["The"]),
        ("the meeting of The ministers - The envoy left", ["The"]),  # only the first is mid-sentence
    ],
)
def test_tq201_datelines(text, expected):
    assert found("TQ201", text) == expected


def test_tq507_capitalises_a_numeral_after_a_dateline():
    [finding] = BY_CODE["TQ507"].run(Document("Rabat - 3 people were hurt near the border."))
    assert finding.suggestions == ("Three",) or list(finding.suggestions) == ["Three"]


def test_tq101_a_capitalised_double_after_a_dateline_is_no_name():
    [finding] = BY_CODE["TQ101"].run(Document("Cairo - The The minister spoke."))
    assert finding.fix.applicability.value == "safe"


# --- TQ201: relative and subordinating words ---------------------------------------------------

TQ201_FOUND = [
    ("The project That will be built by a French firm is late.", "That"),
    ("the minister Who resigned on Monday spoke", "Who"),
    ("the official to Whom the letter was sent", "Whom"),
    ("the town Where the talks were held", "Where"),
    ("the day When the talks began", "When"),
    ("the vote will fail If the blocs do not agree", "If"),
    ("the report, Which was published on Monday, said", "Which"),
]
TQ201_NOT_FOUND = [
    "That is what the minister said.",
    "He said: That is not enough.",
    'He said, "That is not enough."',
    "Officials said - That was the plan.",
    "They watched That '70s Show and The Who played.",
    "the BBC series Doctor Who is popular",
    "a screening of For Whom The Bell Tolls",
    "the WHO said that the virus spread",
    "the film When Harry Met Sally was shown",
    "# Why The Plan That Failed Was Dropped\n\nThe plan failed.",
]


@pytest.mark.parametrize(("text", "word"), TQ201_FOUND)
def test_tq201_finds_relative_words_capitalised_mid_sentence(text, word):
    assert found("TQ201", text) == [word]


@pytest.mark.parametrize("text", TQ201_NOT_FOUND)
def test_tq201_leaves_them_where_a_capital_belongs(text):
    assert found("TQ201", text) == []


# --- TQ506: years are not counts written without separators -----------------------------------

TQ506_NOT_FOUND = [
    "about 2,000 demonstrators asked for a 43 percent cut from 2019 levels by 2030.",
    "a 25 percent cut from 1990 levels by the end of 2020, said 2,000 marchers.",
    "about 2,000 demonstrators compared them with 2019 levels and 2015 prices.",
    "about 2,000 demonstrators recalled the 2019 elections and Iraq's 2018 elections.",
    "some 3,400 troops left between 2014 and 2019; after 2020 elections, 1,200 stayed.",
]
TQ506_FOUND = [
    ("about 3,500 marchers and 2050 soldiers", "2050"),
    ("more than 1950 families and 3,100 children fled", "1950"),
    ("the camp holds 4,500 people and 2019 tents", "2019"),
]


@pytest.mark.parametrize("text", TQ506_NOT_FOUND)
def test_tq506_a_reference_year_does_not_vote(text):
    assert found("TQ506", text) == []


@pytest.mark.parametrize(("text", "number"), TQ506_FOUND)
def test_tq506_a_year_like_count_still_votes(text, number):
    assert found("TQ506", text) == [number]


# --- TQ501: a tie is said to be one -------------------------------------------------------------


def test_tq501_says_a_tie_is_a_tie_and_goes_to_curly():
    [finding] = [f for f in check_text("Jordan's plan and Amman’s water.").findings if f.code == "TQ501"]
    assert finding.match == "'" and finding.suggestions[0] == "’"
    assert "mostly" not in finding.message and "both equally" in finding.message
    assert finding.fix.applicability.value == "unsafe"


def test_tq501_says_mostly_for_a_majority():
    [finding] = [f for f in check_text("Jordan's plan, Irbid's well and Amman’s water.").findings if f.code == "TQ501"]
    assert finding.suggestions[0] == "'"
    assert "mostly uses straight ones (2 straight, 1 curly)" in finding.message
    assert finding.fix.applicability.value == "safe"
