"""TQ201 and the titles of films, books and songs, found by the second blind evaluation: title
case keeps capitals on small words (“Gone With the Wind”, “Frankenstein; or, The Modern
Prometheus”), while MT's capitals in plain prose ("hotels And resorts") are still reported."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.engine import check_text
from tqcheck.rulefile import load_rules

CAPITALS = next(c for c in load_rules() if c.rule.code == "TQ201")


def found(text: str) -> list[str]:
    return [f.match for f in CAPITALS.run(Document(text))]


# Titles, quoted, emphasised or in a run of capitals across a lowercase small word.
TITLES = [
    "The bookshop sells Mary Shelley's “Frankenstein; or, The Modern Prometheus” for £6.99.",
    "The bookshop sells Mary Shelley's \"Frankenstein; or, The Modern Prometheus\" for £6.99.",
    "The bookshop sells Mary Shelley's *Frankenstein; or, The Modern Prometheus* for £6.99.",
    "The bookshop sells Mary Shelley's **Frankenstein; or, The Modern Prometheus** for £6.99.",
    "The bookshop sells Mary Shelley's _Frankenstein; or, The Modern Prometheus_ for £6.99.",
    "Less successful is a series built around “Gone With the Wind”. The film is long.",
    "Less successful is a series built around Gone With the Wind, which is long.",
    "The festival screened Gone With the Wind on Monday.",
    "The hall heard Aretha Franklin's “I Say a Little Prayer” and “Bridge Over Troubled Water” again.",
    "Critics called “Return Of the Giant” a triumph.",
    "Critics called “The Man Who Sold the World” a triumph of 1970.",
    "A panel discussed “Tales From 1001 Nights” at length.",
]

# MT's capitals: plain prose, quotations, runs that are names joined by a small word.
ARTIFACTS = [
    ("During the meeting of The donors held in Geneva, the envoy spoke.", "The"),
    ("The projects include 12 new hotels And resorts, a marina and a centre.", "And"),
    ("He said that a large number Of depositors had died without their savings.", "Of"),
    ("Doha has hosted delegations From both sides since January.", "From"),
    ("Many families are living In tents that do not protect them.", "In"),
    ("The project That will be implemented by a consortium is late.", "That"),
    ("The talks were held With the support Of the Egyptian Ministry of Culture.", "Of"),
    # Title case keeps "and", "on" lowercase: no title runs on across them.
    ("The ministry wants to balance its relations with Washington And the UAE.", "And"),
    ("The envoy met officials in Geneva On the Syrian crisis.", "On"),
    # A capital that opens the sentence starts no run of capitals.
    ("Officials left. Residents With the Red Crescent said it was cold.", "With"),
    # A quotation is no title: its words are not capitalised, or there are too many of them.
    ("He said \"the talks In Geneva failed\" on Monday.", "In"),
    ("He said “talks With Iran” had failed.", "With"),
    ("He wrote “Envoys Of Both Sides Will Meet In the Capital For Talks Next Week” then left.", "In"),
]


@pytest.mark.parametrize("text", TITLES)
def test_tq201_leaves_the_small_words_of_titles_alone(text):
    assert found(text) == []


@pytest.mark.parametrize(("text", "word"), ARTIFACTS)
def test_tq201_still_finds_capitals_in_prose(text, word):
    assert word in found(text)


def test_a_quoted_title_is_read_on_its_own_line():
    """Straight quotes pair from the start of the line: a quote on the line before does not
    turn a title into a quotation, nor a quotation into a title."""
    text = 'He said "no".\nThe shop sells "Gone With the Wind" and "hotels And resorts" today.'
    assert found(text) == ["And"]


def test_the_review_from_the_evaluation_reports_nothing():
    review = (
        "LONDON - The season opens with a stage adaptation of “Of Mice and Men”, directed by a newcomer.\n\n"
        "Less successful is a screening series built around “Gone With the Wind”. The film's ambition is "
        "not in doubt.\n\n"
        "The bookshop stocks Mary Shelley's “Frankenstein; or, The Modern Prometheus”. Prices start at £6.99.\n"
    )
    assert [f for f in check_text(review, "review.txt").findings if f.code == "TQ201"] == []


@pytest.mark.parametrize("text", [
    "The spokesman told Reuters That the United States would not withdraw.",
    "Erdogan said on Monday That the Turkish army would stay.",
    "Officials in Cairo When the Sudanese delegation arrived said little.",
])
def test_a_title_run_is_never_carried_across_a_word_that_opens_a_clause(text):
    assert found(text), text


def test_quoted_stretches_are_found_once_per_document(monkeypatch):
    """A long line with many candidate words: each is looked up in the stretches found once,
    not by scanning its line again."""
    from tqcheck.checks import capitalization

    calls = []
    original = capitalization._quoted_stretches
    monkeypatch.setattr(capitalization, "_quoted_stretches", lambda doc: calls.append(1) or original(doc))
    text = "the men said And the women left, " * 300 + "“Gone With the Wind” was shown."
    assert len(found(text)) == 300 and calls == [1]
