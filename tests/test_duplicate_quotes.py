"""TQ710 does not report one speaker quoted twice on one topic with different statements.

A quote translated twice as a paraphrase scores chrF 22-37 (quoted words only: 35-40), under
the rule's threshold, and is not found. A second path for two quotes of one speaker at a lower
chrF was measured and rejected: different statements like those below share as many rare
words and score as high (34-46; quoted words only: 35-50), so any threshold low enough for the
paraphrases reports them too. These articles keep such a path, or a lower threshold, from
coming back unnoticed.
"""

from __future__ import annotations

import pytest
from test_duplicate_language import _check, _scored

from tqcheck.document import Document

SAME_SPEAKER_DIFFERENT_STATEMENTS = {
    "an outbreak under control, then not over": (
        "Health Minister Nour Eddine Barakat told a press conference that \"the cholera outbreak in the southern "
        "provinces is under control, and the number of new cases fell by half last week,\" adding that mobile "
        "clinics would stay in the affected districts.\n\n"
        "Doctors in the main hospital said the pressure on the emergency wards had eased.\n\n"
        "\"We cannot say that the cholera outbreak is over while new cases are still reported every day in the "
        "southern provinces,\" Barakat said, calling on citizens to boil drinking water.\n"
    ),
    "no evidence of fraud, then where to send it": (
        "\"The results of the municipal elections reflect the will of the voters, and the commission has received "
        "no evidence of fraud in any of the polling stations,\" Judge Walid Karam told reporters.\n\n"
        "Three parties said their observers were kept out of polling stations in the north.\n\n"
        "\"Any party that has evidence of fraud in the polling stations must submit it to the commission within "
        "three days, and we will examine it with complete transparency,\" Karam said.\n"
    ),
    "a position, then its reason": (
        "\"There will be no negotiations with the union as long as the trains are stopped and the citizens are "
        "paying the price of this strike,\" Transport Minister Rabie Mejri said on the radio.\n\n"
        "The union demands an increase of 15 percent in the salaries of its members.\n\n"
        "\"We are not against the union and we are not against the railway workers, we are against the strike "
        "that punishes the citizens,\" Mejri said later in a statement.\n"
    ),
}


@pytest.mark.parametrize("case", sorted(SAME_SPEAKER_DIFFERENT_STATEMENTS))
def test_two_different_statements_of_one_speaker_are_not_reported(case):
    text = SAME_SPEAKER_DIFFERENT_STATEMENTS[case]
    check = _check()
    assert list(check.run(Document(text))) == []
    # the two quotes share enough rare words to be scored: chrF alone keeps them apart
    assert _scored(check, text)


BODY = (
    "The city council approved a plan on Tuesday to rebuild the old covered market in the harbour district "
    "by the end of next year.\n\n"
    "Traders said the work would close their stalls for months.\n\n"
    "\"The market is the heart of this city, and we will not let it fall down around the people who work in "
    "it,\" the mayor said at the meeting.\n"
)


@pytest.mark.parametrize(("layout", "text"), [
    ("a deck restated by the body",
     "Council votes to rebuild the market\nA plan to rebuild the old covered market in the harbour district by "
     "the end of next year\nBy a staff writer\n\n" + BODY),
    ("a labelled pull quote",
     BODY + "\n[PULL QUOTE: \"The market is the heart of this city, and we will not let it fall down around the "
            "people who work in it.\"]\n"),
    ("numbered clauses",
     BODY + "\n1.2 The market road is closed to all vehicles from the junction with the harbour road for "
            "a distance of ninety metres.\n1.3 The market road is closed to all vehicles from the junction "
            "with the harbour road for a distance of sixty metres.\n"),
    ("a speaker's parallel sentences",
     BODY + "\n\"When I say the market, I mean the covered hall in the harbour district of this city. When I "
            "say the harbour, I mean the covered quay in the harbour district of this city,\" he said.\n"),
    ("a pull quote line",
     BODY + "\nPull quote: The market is the heart of this city, and we will not let it fall down around the "
            "people who work in it.\n"),
])
def test_layout_that_restates_the_body_is_not_reported(layout, text):
    assert list(_check().run(Document(text))) == []


def test_the_same_restatement_in_the_body_is_reported():
    text = BODY + "\nThe market is the heart of this city, and we will not let it fall down around the people who work in it.\n"
    assert [f.line for f in _check().run(Document(text))] == [7]
