"""TQ403 on the bodies of the Arab states, Iran and Turkey added to the gazetteer by category
(statistics offices, audit bureaus, civil aviation, chambers of commerce, oil and gas companies,
antiquities, elections, telecom regulators, courts, exchanges, employment agencies), the
renderings MT gives their head words (Bureau -> Apparatus, Chamber -> Room, Supreme -> Higher),
and the real bodies a word away from them that must pass."""

from __future__ import annotations

import pytest
from test_entities_garbles import check, findings  # noqa: F401  (check is a fixture)


GARBLES = [
    # a head word rendered word for word
    ("Central Apparatus for Public Mobilization and Statistics", "Central Agency for Public Mobilization and Statistics"),
    ("Central Statistical Apparatus", "Central Statistical Organization"),
    ("State Audit Apparatus", "State Audit Bureau"),
    ("Telecommunications Regulatory Apparatus", "Telecommunications Regulatory Authority"),
    ("Jordan Room of Industry", "Jordan Chamber of Industry"),
    ("Higher Constitutional Court", "Supreme Constitutional Court"),
    ("Higher Election Council", "Supreme Election Council"),
    ("Grand Commission for Planning", "High Commission for Planning"),
    ("General Court of Accounting", "General Court of Audit"),
    ("Central Accounting Organization", "Central Auditing Organization"),
    ("Court of Discrimination", "Court of Cassation"),
    ("Independent High Commission for Elections", "Independent High Electoral Commission"),
    ("Abu Dhabi Circle of Culture and Tourism", "Abu Dhabi Department of Culture and Tourism"),
    ("National Agency for the Promotion of Employment and Competencies", "National Agency for the Promotion of Employment and Skills"),
    # reordered or with a word substituted
    ("Kuwait Petroleum National Company", "Kuwait National Petroleum Company"),
    ("Turkish Institute of Statistics", "Turkish Statistical Institute"),
    ("Stock Exchange of Tehran", "Tehran Stock Exchange"),
    ("Commission of Communications and Media", "Communications and Media Commission"),
    ("Organization of Civil Aviation", "Civil Aviation Organization"),
    ("Authority of Capital Market", "Capital Market Authority"),
    # round 5: Heritage -> Inheritance, Resources -> Wealth, Home -> Rear, Association -> Union
    ("Omani Ministry of Inheritance and Tourism", "Ministry of Heritage and Tourism"),
    ("KRG Ministry of Natural Wealth", "Kurdistan Region Ministry of Natural Resources"),
    ("Rear Front Command", "Home Front Command"),
    ("Qatar Union of Football", "Qatar Football Association"),
    ("Agricultural Credit of Maroc", "Crédit Agricole du Maroc"),
]


@pytest.mark.parametrize(("garble", "suggestion"), GARBLES, ids=[g[0] for g in GARBLES])
def test_garbled_bodies_are_found_with_the_real_name(check, garble, suggestion):
    assert findings(check, f"a statement by the {garble} said on Monday.") == [(garble, suggestion)]


CORRECT = [
    # official names, former names and the usual variants, in the gazetteer
    "Supreme Council for Antiquities", "General Authority for Civil Aviation", "General Directorate of Civil Aviation",
    "Cassation Court", "Higher Judicial Council", "High Judicial Council", "Telecom Regulatory Authority",
    "Independent Elections Commission", "Central Electoral Commission", "Muscat Securities Market", "Kuwait Stock Exchange",
    "National Oil Company", "Central Bank of Qatar", "South Oil Company", "Iraqi Stock Exchange",
    # real bodies a word away from an entry
    "Independent Electoral Commission", "Independent National Electoral Commission", "Special Criminal Court",
    "Federal High Court", "National Gas Company", "Arabian Oil Company", "Ajman Chamber of Commerce and Industry",
    "Central Statistics Office", "Central Bureau of Statistics", "Egyptian Ministry of Antiquities",
    "Iranian Central Oil Fields Company", "South Pars Gas Company", "Arab-Brazilian Chamber of Commerce",
    "National Heritage Board", "Civil Aviation Administration of China", "Civil Defence Authority",
    "Energy Regulatory Authority", "National Regulatory Authority", "National Telecommunications Authority",
    # phrases with a word a rendering reaches, or a generic word of an entry
    "Istanbul Trade Fair", "Damascus International Fair", "Special Military Court", "State Security Apparatus",
    "Situation Room", "Grand Mosque", "Higher Education Council", "Public Authority for Industry",
    # round 5: bodies near the new renderings and entries
    "Rugby Football Union", "International Union of Muslim Scholars", "Ministry of Natural Resources", "Rear Guard",
    "Home Office", "National Heritage Board", "Council of Economic and Development Affairs", "Agricultural Bank of Egypt",
    "Israeli Prison Service", "Sudanese Football Association",
]


@pytest.mark.parametrize("name", CORRECT)
@pytest.mark.parametrize("template", ["officials of the {} said on Monday.", "{} officials met."])
def test_close_but_correct_names_are_not_reported(check, name, template):
    assert findings(check, template.format(name)) == []
