"""TQ403 on garbles beyond a word or two: a name with all its words reordered, a garble the span
finder joined to a known name at "and", a name followed by the acronym of a body it garbles, the
renderings MT gives head and qualifier words (Central -> Middle, Federation -> Union, Education ->
Upbringing, General -> Public, Management -> Control...), and the real bodies close to them that
must pass."""

from __future__ import annotations

import pytest
from test_entities_garbles import check, findings  # noqa: F401  (check is a fixture)

from tqcheck.checks.entities import _spells

RENDERED = [
    ("International Organization for Immigration", "International Organization for Migration"),
    ("Iraqi Ministry of Emigration and Displacement", "Iraqi Ministry of Migration and Displacement"),
    ("Turkish Football Union", "Turkish Football Federation"),
    ("Tunisian General Labour Federation", "Tunisian General Labour Union"),
    ("Middle Bank of Libya", "Central Bank of Libya"),
    ("Ministry of Teaching and Higher Education", "Ministry of Education and Higher Education"),
    ("Federal Court of Revocation", "Federal Court of Cassation"),
    ("Free Homeland Movement", "Free Patriotic Movement"),
    ("Public Authority for Investment and Free Zones", "General Authority for Investment and Free Zones"),
    ("Disaster and Emergency Control Presidency", "Disaster and Emergency Management Presidency"),
    ("Capital Market Institution", "Capital Market Authority"),
    ("Saudi News Agency", "Saudi Press Agency"),
    ("Maghreb Arab News Agency", "Maghreb Arabe Presse"),
]

REORDERED = [
    # every word of the name, in another order
    ("Bank of Islamic Development", "Islamic Development Bank"),
    ("Fund of Saudi for Development", "Saudi Fund for Development"),
    ("Authority of the Canal of Suez", "Suez Canal Authority"),
    ("Organization of Civil Aviation International", "International Civil Aviation Organization"),
    ("Organization of Food and Agriculture of the United Nations", "Food and Agriculture Organization"),
]


@pytest.mark.parametrize(("garble", "suggestion"), RENDERED + REORDERED, ids=[g[0] for g in RENDERED + REORDERED])
def test_rendered_and_reordered_names_are_found(check, garble, suggestion):
    assert findings(check, f"a statement by the {garble} said on Monday.") == [(garble, suggestion)]


JOINED = [
    ("the World Bank and the Bank of Islamic Development", "Bank of Islamic Development", "Islamic Development Bank"),
    ("the Bank of Islamic Development and the United Nations", "Bank of Islamic Development", "Islamic Development Bank"),
    ("the United Nations and the Middle Bank of Libya", "Middle Bank of Libya", "Central Bank of Libya"),
    # a run between known names keeps its own "and"
    ("the World Bank and the Moroccan Justice and Developing Party", "Moroccan Justice and Developing Party", "Moroccan Justice and Development Party"),
]


@pytest.mark.parametrize(("phrase", "garble", "suggestion"), JOINED, ids=[j[0] for j in JOINED])
def test_a_garble_joined_to_a_known_name_at_and_is_found(check, phrase, garble, suggestion):
    assert findings(check, f"Support from {phrase} was welcome.") == [(garble, suggestion)]


WITH_ACRONYM = [
    # the acronym names the body however far the words went
    ("the National Body for Disaster Relief (NDMA) said", "National Body for Disaster Relief", "National Disaster Management Authority"),
    ("the Provincial Agency for Disaster Response (PDMA) said", "Provincial Agency for Disaster Response", "Provincial Disaster Management Authority"),
    ("the Middle Bank of Mogadishu (CBS) said", "Middle Bank of Mogadishu", "Central Bank of Somalia"),
    ("a report by the Supreme National Council (SNSC) said", "Supreme National Council", "Supreme National Security Council"),
    # the name starts after the words of the sentence, after "The", after a known name and "and"
    ("The National Body for Disaster Relief (NDMA) said", "National Body for Disaster Relief", "National Disaster Management Authority"),
    ("Officials at the National Disaster Agency (NDMA) said", "National Disaster Agency", "National Disaster Management Authority"),
    ("the World Bank and the National Disaster Agency (NDMA) said", "National Disaster Agency", "National Disaster Management Authority"),
]


@pytest.mark.parametrize(("text", "garble", "suggestion"), WITH_ACRONYM, ids=[w[1] for w in WITH_ACRONYM])
def test_a_name_followed_by_the_acronym_of_a_body_it_garbles_is_found(check, text, garble, suggestion):
    assert findings(check, text) == [(garble, suggestion)]


CORRECT = [
    # real bodies close to an entry, some in the gazetteer for that reason
    "Public Authority for Civil Aviation", "Public Authority for Civil Information", "Public Security Directorate",
    "Central Bank of Somalia", "Qatar Development Fund", "General Company for Iraqi Ports", "University of Basra",
    "Algerian Press Service", "Maghreb Arab Press", "General Union of Tunisian Workers", "Kuwait News Agency",
    "Ministry of Education and Higher Education", "National Disaster Management Authority",
    # a reordered subset is another name; a reorder with words sharing a mere stem too
    "Red Cross Committee", "Public Funds Investment Office", "European Federation of Journalists",
    # acronyms: the name's own (any language), another body's, a short form, a place before a known name
    "Reporters Without Borders (RSF)", "Sudanese Professionals Association (SPA)", "International Chamber of Commerce (ICC)",
    "Union Générale Tunisienne du Travail (UGTT)", "Agence Nationale de Promotion de l'Emploi et des Compétences (ANAPEC)",
    "Central Bank of Kenya (CBK)", "Grand Old Party (GOP)", "Turkish Petroleum (TPAO)", "Revolutionary Guards (IRGC)",
    "Iranian Revolutionary Guards (IRGC)", "Iran's Revolutionary Guards (IRGC)", "Security Affairs (SWP)",
    "National Disaster Management Authority (NDMA)", "Suez Canal Authority (SCA)", "Supreme Council of Antiquities (SCA)",
    # words of two bodies sharing an acronym: which one is meant is unknown
    "Supreme Canal Council (SCA)",
]


@pytest.mark.parametrize("name", CORRECT)
@pytest.mark.parametrize("template", ["officials of the {} said on Monday.", "{} officials met."])
def test_close_but_correct_names_are_not_reported(check, name, template):
    assert findings(check, template.format(name)) == []


@pytest.mark.parametrize(
    ("acronym", "name", "spelt"),
    [
        ("UGTT", "Union Générale Tunisienne du Travail", True),
        ("ANAPEC", "Agence Nationale de Promotion de l Emploi et des Compétences", True),
        ("SoDMA", "Somali Disaster Management Agency", True),
        ("DoD", "Department of Defense", True),
        ("NDMA", "National Body for Disaster Relief", False),
        ("PUK", "Union of Kurdistan", False),
        ("AB", "", False),
    ],
)
def test_spells_takes_the_starts_of_words_in_order(acronym, name, spelt):
    assert _spells(acronym, name.split()) is spelt
