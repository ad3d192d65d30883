"""The repetition rules (TQ101 doubled word, TQ102 echo, TQ103 doubled parenthetical) on words with
a possessive or contracted 's, hyphenated words and numbers, which the document's word split counts
differently from the doubled pattern, on curly apostrophes, on phrases of up to six words and texts
that repeat short words thousands of times, and on Windows line ends."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex
from conftest import generated_articles

from tqcheck.document import Document
from tqcheck.rulefile import load_rules

BY_CODE = {c.rule.code: c for c in load_rules()}
CODES = ("TQ101", "TQ102", "TQ103")
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))]

# (text, the double found, its suggestion, the fix's applicability) for TQ101.
DOUBLED = [
    ("he's it's she's he's it's she's", "he's it's she's he's it's she's", "he's it's she's", "safe"),
    ("He’s it’s she’s he’s it’s she’s", "He’s it’s she’s he’s it’s she’s", "He’s it’s she’s", "safe"),
    ("the country's army the country's army attacked", "the country's army the country's army",
     "the country's army", "safe"),
    ("after the party's leader the party's leader spoke", "the party's leader the party's leader",
     "the party's leader", "safe"),
    ("one's own one's own house", "one's own one's own", "one's own", "safe"),
    ("the ministry's ministry's budget", "ministry's ministry's", "ministry's", "safe"),
    ("the mayor mayor's office", "mayor mayor", "mayor", "safe"),
    ("a statement by al-Nusra al-Nusra fighters", "al-Nusra al-Nusra", "al-Nusra", "safe"),
    ("the so-called so-called truce", "so-called so-called", "so-called", "safe"),
    ("the well-known writer's the well-known writer's book",
     "the well-known writer's the well-known writer's", "the well-known writer's", "safe"),
    ("faster and faster and it's it's", "it's it's", "it's", "safe"),
    ("the country's new army the country's new army", "the country's new army the country's new army",
     "the country's new army", "safe"),  # four words, one with an 's
    # A number is a word of a doubled phrase.
    ("the talks on May 7 on May 7 ended", "on May 7 on May 7", "on May 7", "safe"),
    ("some 400 troops 400 troops arrived", "400 troops 400 troops", "400 troops", "safe"),
    ("it began in 2018 in 2018.", "in 2018 in 2018", "in 2018", "safe"),
    ("about 2,500 people 2,500 people fled", "2,500 people 2,500 people", "2,500 people", "safe"),
    ("a 4.5 percent 4.5 percent rise", "4.5 percent 4.5 percent", "4.5 percent", "safe"),
    ("two F-16 jets F-16 jets crashed", "F-16 jets F-16 jets", "F-16 jets", "unsafe"),  # may be a name
    ("the 1990s 1990s were hard", "1990s 1990s", "1990s", "safe"),
    # One word said three or four times is one finding, and one copy is kept.
    ("he said the the the the plan was good", "the the the the", "the", "safe"),
    ("The The minister spoke.", "The The", "The", "safe"),  # a capitalised double, then a lowercase word
    ("The Ministry ministry said so.", "Ministry ministry", "Ministry", "safe"),  # not a binomial: "the" before
    ("The the the ministry agreed", "The the the", "The", "safe"),
    ("a raid on on on Monday", "on on on", "on", "safe"),
    # The same words with two kinds of apostrophe: the first copy is kept as written.
    ("the province's army the province’s army attacked", "the province's army the province’s army",
     "the province's army", "safe"),
    ("the province’s army the province's army attacked", "the province’s army the province's army",
     "the province’s army", "safe"),
    ("a plan by O’Hara O'Hara failed", "O’Hara O'Hara", "O’Hara", "unsafe"),
    ("Dr O'Hara’s O’Hara’s plan", "O'Hara’s O’Hara’s", "O'Hara’s", "unsafe"),
    # Phrases of four to six words. One that ends in a function word may be two phrases that
    # meet, so an editor decides (an unsafe fix).
    ("the vote was held under the auspices of under the auspices of the United Nations",
     "under the auspices of under the auspices of", "under the auspices of", "unsafe"),
    ("cooperation in the framework of in the framework of the agreement",
     "in the framework of in the framework of", "in the framework of", "unsafe"),
    ("compare the file with the file with the same name",
     "the file with the file with", "the file with", "unsafe"),
    ("he was arrested in accordance with the law in accordance with the law, they said",
     "in accordance with the law in accordance with the law", "in accordance with the law", "safe"),
    ("prices rose at the end of last year at the end of last year.",
     "at the end of last year at the end of last year", "at the end of last year", "safe"),
    ("In the middle of the night in the middle of the night, shells fell",
     "In the middle of the night in the middle of the night", "In the middle of the night", "safe"),
    ("the rebels and the army the rebels and the army clashed",  # "the" also repeats within the phrase
     "the rebels and the army the rebels and the army", "the rebels and the army", "safe"),
    ("some 1,500 families in the camp some 1,500 families in the camp left",
     "some 1,500 families in the camp some 1,500 families in the camp", "some 1,500 families in the camp", "safe"),
    ("the province's new governor the province’s new governor spoke",
     "the province's new governor the province’s new governor", "the province's new governor", "safe"),
    ("a statement by the Joint Relief Mission Joint Relief Mission said",  # may be a name
     "Joint Relief Mission Joint Relief Mission", "Joint Relief Mission", "unsafe"),
    ("Joint Relief Mission Joint Relief Mission staff left.",  # a sentence's first word is capitalised anyway
     "Joint Relief Mission Joint Relief Mission", "Joint Relief Mission", "safe"),
    # "that that" is grammatical, but not before an article, a demonstrative or a possessive; the
    # fix is not safe ("It was that that the court rejected").
    ("the minister noted that that the reserves had fallen", "that that", "that", "unsafe"),
    ("she argued That that a deal was near", "That that", "That", "unsafe"),
    ("he warned that that that their savings were gone", "that that that", "that", "unsafe"),
    ("they said that that\u00a0these plans had failed", "that that", "that", "unsafe"),
    ("they said that that\nthese plans had failed", "that that", "that", "unsafe"),  # a wrapped line
]
NOT_DOUBLED = [
    # Grammatical doubles and reduplicated names stay exceptions, with or without an 's.
    "He knew that that was wrong; she had had enough. What it is is clear.",
    "He said that that decision stood, that that, in turn, mattered, and that that theory was thin.",
    "She had had the surgery; what it is is the problem; they do do the work.",
    "flights to Bora Bora and Walla Walla's airport",
    "Walla Walla's mayor met the Pago Pago delegation",
    "a trip to Baden-Baden and Bora-Bora",
    # Not repeated: a possessive and the bare word, a stray "s", a longer phrase than max_words.
    "the country's country remains divided",
    "the army's s army",
    "the country's new army and its allies the country's new army and its allies",
    "the al-Nusra al-Nusra-linked groups",
    # A number alone said twice, and numbers written with dashes, colons and slashes.
    "the score was 1 1 at half time; Chapter 5 5 shows it; 10 10 20",
    "call 555 555 1234 any time, 24/7 24/7",
    "a 2-2 draw, a 1:1 ratio, on 5/5 5/5, a 50-50 50-50 split, 1,000 1,000 and version 1.2.3 1.2.3",
    # Not the same number: parts of a decimal or of a date are no words of their own.
    "it rose 3.5 percent 5 percent",
    "from 12,5 percent 5 percent",
    "it fell to 2 percent 2.5 percent",
    "on 5/5 percent 5 percent",
    "in May 2019 May 2019/20",
    # One capitalised word said twice as written is a name or a title.
    "in the city Ishaq Ishaq's men held; the band The The and the duo Nova Nova sang \"Rumba Rumba\"",
    "The The's first album sold well.",
    # A species that repeats its genus: a scientific name.
    "the striped hyena (Hyaena hyaena) and the red fox (Vulpes vulpes) were seen",
    # A grammatical double said again and again is rhetoric.
    "it was very very very very good, and no no no no, she said",
    # A word and the start or the end of a longer word: "O'Brien" is one word.
    "a letter from O O'Brien, and they they're sure; rock'n'roll roll",
    # The "X and X" idiom: a word and a function word said again.
    "it grew faster and faster and louder; more and more and more people came",
    "they marched side by side by side, over and over and over again",
    # A phrase said again after a break, or with a word in between.
    "at the end of last year. At the end of last year, prices fell",
    "under the auspices of the UN and under the auspices of the AU",
    "in the framework of the plan, in the framework of the law",
]


@pytest.mark.parametrize(("text", "match", "suggestion", "applicability"), DOUBLED)
def test_doubled_words_and_phrases_are_found_and_fixed(text, match, suggestion, applicability):
    (finding,) = BY_CODE["TQ101"].run(Document(text))
    (edit,) = finding.fix.edits
    assert (finding.match, finding.suggestions[0]) == (match, suggestion)
    assert finding.fix.applicability.value == applicability
    assert text[finding.start : finding.end] == match
    assert (edit.start, edit.end, edit.text) == (finding.start, finding.end, suggestion)


@pytest.mark.parametrize("text", NOT_DOUBLED)
def test_exceptions_and_near_doubles_are_not_flagged(text):
    assert list(BY_CODE["TQ101"].run(Document(text))) == []


@pytest.mark.parametrize(("text", "message", "suggestion"), [
    ("The the ministry agreed.", "'The' is said twice; delete one", "The"),
    ("it was signed under the auspices of under the auspices of the UN",
     "'under the auspices of' is said twice; delete one", "under the auspices of"),
])
def test_the_message_says_to_delete_one_copy_and_the_suggestion_is_the_text_kept(text, message, suggestion):
    (finding,) = BY_CODE["TQ101"].run(Document(text))
    assert (finding.message, finding.suggestions) == (message, (suggestion,))


@pytest.mark.parametrize(("text", "expected"), [
    ("a b " * 2000, 334),  # 333 times six words said twice, then "a b a b"
    ("a b c d e f A B C D E G " * 500, 0),  # every word repeats, and each try fails at its last word
    (("x" * 5000 + " ") * 2, 1),
])
def test_texts_of_short_repeated_words_complete(text, expected):
    """The pattern is tried where the same words come twice, and here at every position too;
    each try must stay short (no backtracking across the text): milliseconds, not hours."""
    check, doc = BY_CODE["TQ101"], Document(text)
    assert len(list(check.run(doc))) == len(_reference_matches(check, doc)) == expected


def _reference_matches(check, doc: Document) -> list[tuple[int, int]]:
    """Where the rule's patterns match, tried at every position of the text it reads, the first
    that matches at a place (an echo rule tries a few small patterns, each at its own words)."""
    patterns = [pattern for _, pattern in check.searches] if check.detect == "echo" else [check.pattern]
    union = regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    return [m.span() for m in union.finditer(check.matched_text(doc))]


WORDS = ["the", "The", "country's", "country", "army", "he's", "He’s", "it's", "al-Nusra", "Al-Nusra",
         "so-called", "mayor", "mayor's", "O'Neill", "O'Neill's", "that", "had", "in", "March", "last", "this",
         "2020", "of", "O", "Neill", "they", "they're", "rock'n'roll", "roll"]
NUMBER_WORDS = ["the", "in", "May", "7", "400", "troops", "2,500", "2", "500", "4.5", "4", "5", "2018", "2-2",
                "1:1", "5/5", "F-16", "1990s", "country’s", "country's", "O’Hara", "O'Hara", "percent"]
SEPARATORS = [" ", " ", " ", "  ", ", ", ". ", "\n", "\n\n", "\t"]


def _random_texts(n: int, seed: int, vocabulary: list[str] = WORDS, separators: list[str] = SEPARATORS) -> list[str]:
    """Texts of the words given in which one word in four starts a repeat of the few before it
    (up to seven, one more than the longest double)."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        words: list[str] = []
        while len(words) < 30:
            words += words[-rng.randint(1, 7) :] if words and rng.random() < 0.25 else [rng.choice(vocabulary)]
        texts.append("".join(w + rng.choice(separators) for w in words))
    return texts


@pytest.mark.parametrize("code", ["TQ101", "TQ102"])
def test_the_candidate_shortcut_finds_what_the_pattern_finds(code):
    """Doubles and echoes are matched only at words that repeat: the shortcut must miss none of
    the pattern's matches, in particular those counted across an 's, a hyphen, a number's
    separators or a curly apostrophe, and those of four to six words."""
    check = BY_CODE[code]
    texts = ARTICLES + generated_articles(20, seed=11) + _random_texts(3000, seed=7)
    texts += _random_texts(3000, seed=8, vocabulary=NUMBER_WORDS)
    texts += _random_texts(2000, seed=9, separators=[" ", " ", "\t", "\u00a0 "])  # long doubles need no break
    found = long_doubles = 0
    for text in texts:
        doc = Document(text)
        matches = list(check._matches(doc))
        assert [m.span() for m in matches] == _reference_matches(check, doc), text
        found += bool(matches)
        long_doubles += sum(len(m.group("x").split()) >= 4 for m in matches)
    assert found > 150
    assert long_doubles > 50 or code == "TQ102"  # an echo repeats one word


# Words and the phrases they make up, so that dates and relative phrases meet often.
DATE_WORDS = ["in", "during", "in the year", "in the month of", "for", "on", "last", "this", "the past", "same",
              "2023", "1923", "20233", "March", "may", "May", "Monday", "Thursday", "Thursday's", "year", "month",
              "year's", "week", "yesterday", "today", "the day before yesterday", "tomorrow", "in March", "during 2023",
              "last year", "this month", "the past year", "next", "the coming", "current", "week", "the end of",
              "at the first ten days of", "early", "mid-June", "of", "30", "June", "2024", "evening", "Saturday evening",
              "yesterday evening", "last night", "on 30 June", "of this month", "the end of the month",
              "at the end of June", "early next month", "in early June", "of the year", "Thursday evening",
              "in the coming"]
DATE_SEPARATORS = [" ", " ", " ", ", ", ", ", ". ", "\u00a0", "; ", "\n"]


def test_the_echo_shortcut_finds_the_dates_restated_by_relative_phrases():
    """Echoes of a date by a relative phrase ("in 2023 last year", "on Monday yesterday",
    "on 30 June of this month"), of a relative period by a synonym ("next week the coming
    week"), of a part of a month ("the end of the month, at the end of June") and after a comma
    ("last Thursday, Thursday,") start at no repeated word: the shortcut must still miss none of
    the pattern's matches."""
    check = BY_CODE["TQ102"]
    forms = set()
    for text in _random_texts(4000, seed=12, vocabulary=DATE_WORDS, separators=DATE_SEPARATORS):
        doc = Document(text)
        matches = list(check._matches(doc))
        assert [m.span() for m in matches] == _reference_matches(check, doc), text
        forms |= {_echo_form(m) for m in matches}
    assert forms == {"restated", "after a comma", "year", "month", "day", "synonym", "part", "weekday",
                     "after a part of the day", "after a relative word", "as the year"}


def _echo_form(m) -> str:
    """Which of the echo patterns' forms ``m`` is."""
    echo, x, groups = m.group("echo").casefold(), m.group("x"), m.groupdict()
    if groups.get("j"):
        return "restated"
    if groups.get("u"):
        return "synonym"
    if groups.get("p"):
        return "part"
    if "daypart" in groups:
        return "after a part of the day" if groups["daypart"] else "after a relative word"
    if " year " in echo:
        return "as the year"
    if echo.endswith(("year", "month")):
        return "day" if regex.search(r"\d\b.*\p{L}|\p{L}.* \d\d?\b", x) else echo.split()[-1]
    return "weekday" if x.split()[0].istitle() and "," not in echo else "after a comma"


def _findings(text: str) -> list[tuple]:
    """The findings of the repetition rules as a user sees them, offsets mapped back to the
    text without carriage returns."""
    def plain(offset: int) -> int:
        return offset - text.count("\r", 0, offset)

    out = []
    for code in CODES:
        for f in BY_CODE[code].run(Document(text)):
            edits = tuple((plain(e.start), plain(e.end), e.text) for e in f.fix.edits)
            out.append((f.code, f.line, f.column, f.end_line, f.end_column, f.message, f.match,
                        tuple(f.suggestions), f.fix.applicability, edits, plain(f.start), plain(f.end)))
    return out


LINE_END_CASES = (
    "Ishaq Ishaq was tried.\nThe talks resumed.\nIshaq Ishaq was tried\nthe the\nthe\n"
    "the ministry said. The the ministry\n(KRG)\n(KRG) (KRG)\nthe Regional Government (KRG) (KRG)\n"
    "in March Last March\nin March\nLast March\n- Ishaq Ishaq\n  Ishaq Ishaq said\n\"Ishaq Ishaq\"\n"
    "(Laughter) Ishaq Ishaq\n(Laughter)\nIshaq Ishaq\nheading\n \nIshaq Ishaq the country's army "
    "the country's army\nthe country's army the country's\narmy\n(a\nb) (a\nb)\nhe's it's he's it's\n"
)


def test_windows_line_ends_give_the_same_findings():
    texts = [LINE_END_CASES] + ARTICLES + generated_articles(20, seed=3)
    compared = 0
    for text in texts:
        expected = _findings(text)
        assert _findings(text.replace("\n", "\r\n")) == expected
        compared += len(expected)
    assert compared > 20


def test_a_parenthesis_never_spans_a_line_break():
    for text in ("the Office (of\nthe) (of\nthe) said", "the Office (of\r\nthe) (of\r\nthe) said",
                 "the Office (of\rthe) (of\rthe) said"):
        assert list(BY_CODE["TQ103"].run(Document(text))) == []
