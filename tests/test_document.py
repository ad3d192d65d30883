import pytest

from tqcheck.document import Document


def test_position_is_one_based_in_code_points():
    doc = Document("ab\ncdé\n\nxyz")
    assert doc.position(0) == (1, 1)
    assert doc.position(3) == (2, 1)
    assert doc.position(5) == (2, 3)
    assert doc.position(len(doc.text)) == (4, 4)


def test_blocks_split_on_blank_lines_and_keep_offsets():
    text = "Title line\n\nFirst para, one.\nstill first.\n\n  \nSecond."
    doc = Document(text)
    assert [b.text for b in doc.blocks] == ["Title line", "First para, one.\nstill first.", "Second."]
    for block in doc.blocks:
        assert text[block.start : block.end] == block.text


def test_headings_are_short_unpunctuated_single_lines():
    doc = Document("New strategy\n\nThis is a sentence.\n\nTalks Resume After A Pause")
    assert [b.is_heading for b in doc.blocks] == [True, False, True]
    assert [b.is_title_case for b in doc.blocks] == [False, False, True]


def test_sentence_starts():
    doc = Document('He left. The end: The "The" (The x')
    starts = [i for i, _ in enumerate(doc.text) if doc.text.startswith("The", i)]
    assert all(doc.starts_sentence(i) for i in starts)
    assert not Document("party leaders or The components").starts_sentence(17)


@pytest.mark.parametrize("space", [" ", "\t", "\u00a0", "\u2009", "\u202f", "\u2003", "\u3000"])
def test_a_sentence_starts_after_any_space_and_not_within_one(space):
    doc = Document(f"He said:{space}The talks ended.{space}{space}The rest went on{space}The end")
    the = [i for i in range(len(doc.text)) if doc.text.startswith("The", i)]
    assert [doc.starts_sentence(i) for i in the] == [True, True, False]


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\u2028", "\u2029", "\x0c", "\x85"])
def test_a_line_break_of_any_kind_starts_a_sentence(brk):
    doc = Document(f"the talks ended{brk}The rest went on")
    assert doc.starts_sentence(doc.text.index("The"))
    bulleted = Document(f"Items:{brk}- The first item")
    assert bulleted.starts_sentence(bulleted.text.index("The"))


def test_sentences_respect_abbreviations_and_keep_offsets():
    text = 'Dr. Ahmed met U.S. officials. "It went well," he said! Then J. Smith left.\n\nHeading here\n\nA 3.5 rise. 2021 was bad.'
    doc = Document(text)
    got = [s.text for s in doc.sentences]
    assert got == [
        "Dr. Ahmed met U.S. officials.",
        '"It went well," he said!',
        "Then J. Smith left.",
        "Heading here",
        "A 3.5 rise.",
        "2021 was bad.",
    ]
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(("line", "opens"), [
    ("3.1 The effect of the order", True),  # a clause's number
    ("2.4.1. The notice", True),
    ("22:31 The manager spoke", True),  # a live blog's entry time
    ("10.05 The market opened", True),
    ("45' The ball went wide", True),  # a match minute
    ("90+2’ The whistle", True),
    ("He paid 300 The next day", False),  # a number inside a sentence
    ("In 2019 The government fell", False),
    ("the ministers’ The plan", False),
])
def test_a_clause_number_or_an_entry_time_at_a_line_start_opens_a_sentence(line, opens):
    doc = Document(f"Intro.\n{line}\n")
    assert doc.starts_sentence(doc.text.index(" The") + 1) is opens


@pytest.mark.parametrize(("text", "opens"), [
    ("Intro.\n[laughs] And was it hard?", True),  # a stage direction that opened the sentence
    ("He said [sic] And left.", False),
])
def test_a_bracket_that_opened_the_sentence_leaves_it_open(text, opens):
    doc = Document(text)
    assert doc.starts_sentence(doc.text.index("And")) is opens
