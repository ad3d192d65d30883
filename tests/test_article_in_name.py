"""TQ303: the Arabic article kept before the nouns of an institution's name."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.engine import Settings, resolve_checks


def found(text: str) -> list[tuple[str, str]]:
    (check,) = resolve_checks(Settings(select=("TQ303",)))
    return [(f.match, f.suggestions[0]) for f in check.run(Document(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("the Ministry of the Tourism and the Heritage opened it", [("the Tourism", "Tourism"), ("the Heritage", "Heritage")]),
    ("a decision of the Supreme Council for the Elections on Monday", [("the Elections", "Elections")]),
    ("the Ministry of the Tourism, the Heritage and the Antiquities", [("the Tourism", "Tourism"), ("the Heritage", "Heritage"),
                                                                       ("the Antiquities", "Antiquities")]),
    ("the National Authority of Regulation of the Taxation said", [("the Taxation", "Taxation")]),
    ("officials of the General Bureau of the Statistics, in a statement", [("the Statistics", "Statistics")]),
])
def test_an_article_inside_a_name_is_reported_with_the_noun_alone(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "the Ministry of the Interior and the Department of the Environment",
    "the Board of the Health Trust met",  # the noun starts another name
    "the Ministry of the Interior and the Health department",  # an article before an unlisted noun
    "the ministry said the Health of the nation mattered",  # no head word before it
    "she spoke of the Culture that shaped the city",  # no head word
    "the Ministry of Tourism said the heritage site would reopen",
    "He praised the Council, and the Health minister agreed",  # a lowercase word ends the name
])
def test_english_phrases_and_other_names_are_not_reported(text):
    assert found(text) == []
