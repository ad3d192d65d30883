"""A deterministic corpus of machine-translated-looking English news, for benchmarks.

    .venv/bin/python benchmarks/corpus.py N OUT_DIR [--seed S]

writes ``article_00000.txt`` ... into OUT_DIR (4-7 KB each, like wire stories: a headline line,
8-14 paragraphs of 3-5 sentences, sometimes a few short subheads) and ``manifest.json``, the
list of artifacts planted in each file (not a ``*.txt`` file, so tqcheck does not read it).

Sentences come from about a hundred templates whose slots are filled from lists of people
(Levantine, Gulf, Iraqi, Turkish and Persian names, with offices), places, organisations
sampled from ``rules/data/organizations.tsv``, topics, months and numbers. Each article then
gets a few MT artifacts at realistic rates: an echo ("in May Last May"), a doubled word, a
function word capitalised mid-sentence, a name spelled two ways, a garbled organisation name,
a leaked photo caption, a tweet attribution line, an Arabic comma or Arabic-Indic digits, a
right-to-left mark, a mixed apostrophe, a passage translated twice.

Only ``random.Random`` is used: the same N and seed give byte-identical files, and the first
K files of a corpus of N > K articles are the corpus of K articles (each article draws from its
own generator, seeded from one master generator), so corpora of different sizes nest.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORGANIZATIONS_TSV = ROOT / "rules" / "data" / "organizations.tsv"

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

REGIONS = {
    "levant": {
        "given": ["Bilal", "Khaled", "Samir", "Rami", "Ziad", "Walid", "Nabil", "Fadi", "Ghassan",
                  "Karim", "Omar", "Tarek", "Layla", "Rania", "Nadia", "Hala", "Jamil", "Marwan",
                  "Elias", "Youssef", "Nizar", "Bassam"],
        "surname": ["Haddad", "Khoury", "Nasrallah", "Salameh", "Hariri", "Jumblatt", "Frangieh",
                    "Mikati", "Kanaan", "Saadeh", "Hamadeh", "Shehadeh", "Barakat", "Mansour",
                    "Qassem", "Khalil", "Bou Saab", "Makdessi", "Dabbagh", "Hourani"],
        "places": [("Lebanon", "Lebanese", ["Beirut", "Tripoli", "Sidon", "Tyre", "Baalbek", "Zahle"]),
                   ("Syria", "Syrian", ["Damascus", "Aleppo", "Homs", "Idlib", "Deir ez-Zor", "Latakia"]),
                   ("Jordan", "Jordanian", ["Amman", "Zarqa", "Irbid", "Aqaba", "Mafraq"])],
    },
    "gulf": {
        "given": ["Abdullah", "Faisal", "Sultan", "Saud", "Nayef", "Turki", "Hamad", "Tamim",
                  "Khalifa", "Rashid", "Mubarak", "Fahd", "Noura", "Latifa", "Majid", "Salem",
                  "Thamer", "Badr"],
        "surname": ["Al-Thani", "Al-Nahyan", "Al-Maktoum", "Al-Sabah", "Al-Otaibi", "Al-Qahtani",
                    "Al-Ghamdi", "Al-Shamsi", "Al-Mazrouei", "Al-Dosari", "Al-Marri", "Al-Kaabi",
                    "Al-Hajri", "Al-Mutairi", "Al-Suwaidi", "Al-Khulaifi", "Al-Jaber"],
        "places": [("Saudi Arabia", "Saudi", ["Riyadh", "Jeddah", "Dammam", "Mecca", "Medina"]),
                   ("the UAE", "Emirati", ["Abu Dhabi", "Dubai", "Sharjah", "Fujairah"]),
                   ("Qatar", "Qatari", ["Doha", "Al Khor", "Lusail"]),
                   ("Kuwait", "Kuwaiti", ["Kuwait City", "Jahra", "Ahmadi"])],
    },
    "iraq": {
        "given": ["Mustafa", "Haider", "Ammar", "Muqtada", "Hadi", "Nouri", "Adel", "Fuad", "Qais",
                  "Falih", "Hamid", "Ali", "Mohammed", "Hussein", "Ahmed", "Zainab", "Raad",
                  "Saleh", "Khamis", "Osama"],
        "surname": ["al-Kadhimi", "al-Abadi", "al-Hakim", "al-Sadr", "al-Amiri", "al-Maliki",
                    "Abdul-Mahdi", "Allawi", "al-Fayyadh", "al-Khazali", "al-Halbousi", "Zebari",
                    "Barzani", "Talabani", "al-Jubouri", "al-Dulaimi", "al-Mashhadani",
                    "al-Sudani", "al-Araji", "al-Shammari", "al-Obeidi", "al-Rubaie"],
        "places": [("Iraq", "Iraqi", ["Baghdad", "Basra", "Mosul", "Erbil", "Najaf", "Karbala",
                                      "Kirkuk", "Ramadi", "Baqubah", "Sulaymaniyah", "Nasiriyah"])],
    },
    "turkey": {
        "given": ["Mevlut", "Hulusi", "Ibrahim", "Ahmet", "Kemal", "Hakan", "Suleyman", "Fatih",
                  "Omer", "Selahattin", "Devlet", "Ekrem", "Meral", "Ayse", "Mehmet", "Numan"],
        "surname": ["Cavusoglu", "Akar", "Kalin", "Davutoglu", "Kilicdaroglu", "Fidan", "Soylu",
                    "Bahceli", "Imamoglu", "Aksener", "Demirtas", "Yildirim", "Celik", "Ozturk",
                    "Kurtulmus", "Nebati"],
        "places": [("Turkey", "Turkish", ["Ankara", "Istanbul", "Gaziantep", "Izmir", "Diyarbakir",
                                          "Sanliurfa", "Hatay"])],
    },
    "iran": {
        "given": ["Javad", "Ebrahim", "Mohammad", "Hossein", "Abbas", "Kazem", "Mahmoud", "Saeed",
                  "Reza", "Ahmad", "Masoumeh", "Zahra", "Ali Akbar", "Nasser", "Esmaeil", "Mehdi"],
        "surname": ["Zarif", "Rouhani", "Raisi", "Larijani", "Ghalibaf", "Araghchi", "Khatibzadeh",
                    "Kanani", "Salehi", "Shamkhani", "Bagheri", "Jalili", "Velayati", "Rezaei",
                    "Mousavi", "Tehrani", "Vahidi", "Owji"],
        "places": [("Iran", "Iranian", ["Tehran", "Isfahan", "Mashhad", "Tabriz", "Ahvaz", "Shiraz",
                                        "Qom"])],
    },
}

OFFICES = ["Prime Minister", "Foreign Minister", "Finance Minister", "Defence Minister",
           "Interior Minister", "Oil Minister", "Planning Minister", "Electricity Minister",
           "Trade Minister", "Health Minister", "Speaker of Parliament", "Deputy Prime Minister",
           "National Security Adviser", "Central Bank Governor"]
EXPERTS = ["political analyst", "economist", "researcher", "professor of political science",
           "former diplomat", "security expert", "member of parliament", "legal expert"]
HONORIFICS = ["", "", "", "", "Dr. ", "Sheikh "]

TOPICS = [
    ("the electricity crisis", "electricity"), ("oil exports", "oil"), ("the early elections", "the elections"),
    ("the security agreement", "the agreement"), ("the water shortage", "water"),
    ("the reconstruction of liberated areas", "reconstruction"), ("the ceasefire", "the truce"),
    ("the prisoner exchange", "the exchange"), ("the border crossings", "the crossings"),
    ("the collapse of the local currency", "the currency"), ("fuel subsidies", "subsidies"),
    ("the offshore gas fields", "the gas fields"), ("the drought", "the drought"),
    ("the return of the displaced", "the displaced"), ("the general budget", "the budget"),
    ("public sector salaries", "salaries"), ("the withdrawal of foreign forces", "the withdrawal"),
    ("the fight against corruption", "corruption"), ("the nuclear talks", "the talks"),
    ("the grain corridor", "the corridor"), ("the port expansion", "the port"),
    ("the anti-narcotics campaign", "the campaign"), ("the refugee file", "the refugees"),
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SMALL = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]

SUBHEADS = ["New strategy", "Deep connotations", "Economic pressure", "Regional balance",
            "Security file", "Popular anger", "Mutual interests", "Difficult choices",
            "Electoral calculations", "Washington's position", "Tehran's message", "A narrow window",
            "Fears of escalation", "The price of delay", "Open questions", "Between two fires",
            "Divided opinions", "Cautious optimism", "Street pressure", "What comes next"]

# --------------------------------------------------------------------------------------------
# Templates. Slots: {S} a person as subject (first mention may carry an appositive), {P} a
# person anywhere, {P2} a second person, {org} {org2} organisations (with "the" when needed),
# {tank} a think tank, {city} {city2} {country} {country2} {nat}, {topic} {topic_s} (short),
# {month} {weekday} {year} {n} (a small number in words) {num} {big} {pct} {amount}.
# --------------------------------------------------------------------------------------------

HEADLINES = [
    "{nat} {office} {surname} warns of {topic_s} as talks stall",
    "Why {country} is betting on {topic}",
    "{org_short} urges {country} to act on {topic}",
    "Talks on {topic} resume in {city} amid deep divisions",
    "{surname} visit to {city2} opens door to speculation",
    "What does the new deal on {topic_s} mean for {country}?",
    "{nat} parliament postpones vote on {topic}",
    "Analysts: {topic} will test the new government",
    "Protests in {city} over {topic} enter their {ordinal} week",
    "{country} and {country2}: a new phase or old rivalry?",
    "Anger in {city} after {num} killed in clashes",
    "{office} {surname}: No solution to {topic_s} without dialogue",
]

SENTENCES = [
    "{S} said on {weekday} that the government would not allow {topic} to become a tool of political pressure.",
    "{S} told Al Jazeera Net that the coming weeks would be decisive for {topic}.",
    "{S} said in a statement that {org} had agreed to send a technical team to {city} within {n} weeks.",
    "In an interview by phone, {S} added that the talks had made progress but that differences remained over {topic_s}.",
    "{S} stressed that {country} was ready to cooperate with its neighbours on {topic}, provided that its sovereignty was respected.",
    "{S} accused unnamed parties of trying to obstruct {topic} for electoral gains.",
    "{S} said that {num} people had been arrested in {city} on charges of smuggling and forging documents.",
    "According to {P}, the talks focused on {topic} and on ways to strengthen trade between {country} and {country2}.",
    "The meeting, which lasted more than {n} hours, was attended by representatives of {org} and {org2}.",
    "The visit comes at a time when {country} is facing growing pressure over {topic}.",
    "Observers believe that the previous government did not deal with {topic} as a separate file, but rather as part of its conflict with {country2}.",
    "The ministry said that the cost of the project would exceed {amount}, to be paid over {n} years.",
    "Figures published by {org} show that unemployment among young people has reached {pct}.",
    "More than {big} people have been displaced from {city} and the surrounding villages since {month} {year}.",
    "Rocket attacks have been escalating for months in {city}, and it is widely believed that armed groups are behind them.",
    "Despite statements of condemnation issued by most political forces, no party has claimed responsibility for the attacks.",
    "The two sides agreed during the call on {n} basic points, including support for the economy and the return of dialogue.",
    "{P} had met {P2} in {city} in {month}, in the first such meeting in {n} years.",
    "A source in {org} who asked not to be named said that the decision had been taken at the highest level.",
    "The parliamentary finance committee is expected to discuss the draft law on {weekday}, according to {P}.",
    "Prices of basic goods in the markets of {city} have risen by {pct} since the beginning of the year.",
    "{org} warned in its latest report that {topic} could push millions of people into poverty.",
    "The government has promised to pay the salaries of public employees on time despite the drop in oil prices.",
    "Local residents in {city} complain of power cuts that last up to {n} hours a day in the summer heat.",
    "The opposition called for an urgent session of parliament to question the minister about {topic}.",
    "In {month} {year}, {country} signed a memorandum of understanding with {country2} to link the two countries' electricity grids.",
    "{S} considered that the new administration in Washington wants to leave the unilateral decisions of its predecessor and move towards cooperation with allies.",
    "The statement did not give further details about the timing of the next round of talks.",
    "Security sources said that a patrol had been targeted by an explosive device on the road between {city} and {city2}.",
    "The explosion killed {n} soldiers and wounded {num} others, according to a preliminary toll.",
    "{org} said that it had documented {num} violations in the past {n} months.",
    "Traders in {city} say the fall of the currency has doubled the price of imported medicine.",
    "The agreement still needs the approval of parliament, where the ruling coalition holds a narrow majority.",
    "For his part, {P} said that the ministry would open an investigation into the incident and hold those responsible to account.",
    "{S} pointed out that the negotiations were held under the auspices of {org} and lasted until late at night.",
    "The two countries have long disagreed over the sharing of water from the rivers that cross their border.",
    "The visit of {P} to {city2} was the first by a senior official since the crisis erupted in {month}.",
    "{S} stated that the final decision on {topic} rests with the Council of Ministers.",
    "{S} said that the reforms demanded by {org} would hit the poorest families first.",
    "The central bank said it had sold {amount} in foreign currency at its daily auction.",
    "The demonstrators raised banners demanding jobs and better services and chanted slogans against corruption.",
    "A number of the protesters were injured when security forces fired tear gas to disperse them.",
    "The governor of {city} announced a curfew in the city from {n} in the evening until six in the morning.",
    "It is not yet clear whether the government will be able to pass the budget before the end of {month}.",
    "The Kurdistan region and the federal government have been in dispute over oil revenues for years.",
    "Analysts expect the crisis to deepen if no agreement is reached before the next harvest season.",
    "The ministry's spokesman said the new crossing would handle up to {big} trucks a month.",
    "This is the {ordinal} time this year that the talks have been postponed.",
    "{S} revealed that his ministry had received offers from companies in {country2} to build {n} new power stations.",
    "The agreement provides for the release of {num} detainees held by both sides, according to {org}.",
    "The price of a barrel of oil fell to {money} on {weekday}, its lowest level in {n} months.",
    "According to the statement, {P} and {P2} discussed bilateral relations and the latest developments in the region.",
    "The two leaders affirmed their commitment to the unity and stability of {country}.",
    "Critics say the plan does little to address the roots of the crisis, including corruption and the weakness of state institutions.",
    "The delegation is expected to arrive in {city} on {weekday} to complete the technical arrangements.",
    "Officials at {org} did not respond to requests for comment.",
    "The {nat} government has repeatedly denied any involvement in the attacks.",
    "{S} believes that {topic} has become a card in the hands of the regional powers.",
    "The army said it had killed {n} gunmen and seized weapons and ammunition in an operation near {city}.",
    "The new law obliges the state to compensate the families of the victims within {n} months.",
    "The ministry added that the shipments would continue until the end of {month}, in coordination with {org}.",
    "Local media reported that the negotiations had stalled over the timetable for {topic_s}.",
    "{S} warned that the country's reserves of wheat would last for only {n} months.",
    "{S} said the talks in {city2} were positive, but added that the road ahead was long.",
    "The international community has a responsibility to support {country} in facing {topic}, said {P}.",
    "In recent years, {country} has tried to balance its relations with Washington and {country2}.",
    "The report estimated the losses caused by the floods at {amount}.",
    "The court sentenced {n} former officials to prison on corruption charges, according to the judiciary's website.",
    "The electoral commission said turnout in {city} reached {pct}, higher than in the previous elections.",
    "Hundreds of families have returned to their homes in {city} after years of displacement.",
    "Residents of the villages near {city} say they still lack clean water and health care.",
    "The ministry's statement said that the attack would not go unpunished.",
    "{S} confirmed that his country would take part in the conference to be held in {city2} next {month}.",
    "{S} called on {org} to play a greater role in supporting the return of refugees.",
    "A week ago, the same committee had rejected a similar proposal submitted by {org2}.",
    "{S} described the agreement as historic, saying it would open a new page in relations with {country2}.",
    "The deal, worth {amount}, includes the rehabilitation of the port and the construction of a railway line.",
    "\"We will not accept that {topic} be used to blackmail the government,\" {P} said.",
    "\"The situation in {city} is very difficult, and people have lost patience,\" {S} said.",
    "\"There is no alternative to dialogue,\" {P} told reporters in {city2}, adding that his country's door remained open.",
    "{S} said that the people of {city} \"will not accept half-solutions\" to {topic}.",
    "The party's leader described the vote as \"a turning point\" in the country's history.",
    "Washington's envoy is expected to visit {city} and {city2} later this month.",
    "{country2}'s foreign ministry said in a statement that it was following the situation with concern.",
    "Experts at {tank} estimate that the country needs at least {amount} to rebuild its infrastructure.",
]

# The same passage "translated twice": a sentence and a later rendering of it in other words.
PARAPHRASES = [
    ("{S} said the new budget would protect the salaries of public employees despite the drop in oil prices.",
     "\"The new budget will protect the salaries of state employees despite the decline in oil prices,\" {P} said."),
    ("Officials confirmed that {n} soldiers were wounded when a roadside bomb struck their patrol near {city}.",
     "{N} soldiers were wounded when a roadside bomb hit their patrol near {city}, officials confirmed."),
    ("{S} warned that the shortage of water in {city} would force thousands of farmers to abandon their land this year.",
     "\"The water shortage in {city} will force thousands of farmers to leave their land this year,\" {P} warned."),
    ("The ministry announced that the border crossing with {country2} would reopen to travellers and trade on {weekday}.",
     "On {weekday}, the border crossing with {country2} will reopen to trade and travellers, the ministry announced."),
    ("{S} said that his government would not accept any foreign interference in the formation of the next cabinet.",
     "\"We will not accept foreign interference of any kind in forming the next government,\" {P} said."),
    ("The report said that more than half of the children in the camps near {city} do not go to school.",
     "More than half of the children in the camps around {city} do not attend school, according to the report."),
    ("{S} stressed that the agreement with {org} would not include any increase in the price of fuel or bread.",
     "{P} stressed that any agreement with {org} will not include raising the prices of bread or fuel."),
    ("The protesters demanded the dismissal of the governor of {city} and the trial of those responsible for the killing of demonstrators.",
     "The demonstrators called for the governor of {city} to be dismissed and for those responsible for killing protesters to be tried."),
]

CAPTIONS = [
    "{nat} {office} {full} during a press conference in {city} on {weekday} ({credit})",
    "Demonstrators gather in front of the government building in {city} ({credit})",
    "Members of the security forces at a checkpoint on the road between {city} and {city2} ({credit})",
    "{full} speaks during the meeting in {city2} ({credit})",
    "A market in the centre of {city} where prices have doubled in recent months ({credit})",
    "Displaced families in a camp on the outskirts of {city} ({credit})",
    "The meeting between the two delegations in {city} was the first of its kind in years ({credit})",
]
CREDITS = ["Reuters", "AFP", "French", "Anatolia", "Getty Images", "Associated Press", "EPA",
           "Networking sites", "Al Jazeera", "European", "Archive"]

TWEETS = [
    "Today I discussed with my counterpart the developments in {country2} and the importance of dialogue #{hashtag}",
    "We will not abandon our people in {city}. Aid is on its way #{hashtag}",
    "A productive meeting in {city2} on {topic_s} and regional stability. pic.twitter.com/{pic}",
]

CALQUE_SWAPS = {  # a middle word of an organisation name, rendered another way
    "Institute": "Foundation", "Studies": "Research", "Policy": "Politics", "Council": "Assembly",
    "Organization": "Organisation Body", "Monetary": "Money", "Development": "Developing",
    "Strategic": "Strategy", "Relations": "Connections", "Affairs": "Matters", "Security": "Safety",
    "Program": "Programme Plan", "Programme": "Plan", "Forces": "Powers", "Agency": "Apparatus",
    "Commission": "Authority", "Human": "Humanitarian", "Rights": "Right", "Union": "Federation",
    "Revolutionary": "Revolution", "Mobilization": "Crowd", "Popular": "People",
    "Bank": "Banking", "Centre": "Center of", "Center": "Centre of", "Peace": "Reconciliation",
}

GENERIC_ORG_WORDS = {"Ministry", "Council", "Organization", "Organisation", "Bank", "Fund",
                     "Institute", "Union", "Agency", "Center", "Centre", "Commission", "Committee",
                     "Forces", "Brigades", "Party", "Movement", "Front", "Authority", "Company",
                     "Corporation", "Programme", "Program", "Group", "Foundation", "Office",
                     "Assembly", "Court", "League", "Network", "Service", "Services", "Army",
                     "Directorate", "Endowment", "Federation", "Institution", "Coalition",
                     "Alliance", "Association", "Society", "University", "Corps", "Mission",
                     "Parliament", "Board", "Secretariat", "Conference", "Initiative", "Observatory"}

FUNCTION_WORDS_TO_DOUBLE = ["the", "to", "of", "in", "for", "on", "with", "a", "and", "its"]

# --------------------------------------------------------------------------------------------
# Data from the repository
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str
    kind: str

    def ref(self) -> str:
        """The name as a sentence uses it: "the World Bank", "Hezbollah", "Al Jazeera"."""
        words = set(self.name.replace("-", " ").split())
        if self.name.startswith("The ") or self.name.lower().startswith("al"):
            return self.name
        return f"the {self.name}" if words & GENERIC_ORG_WORDS else self.name


def load_organizations(path: Path = ORGANIZATIONS_TSV) -> list[Org]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + ["", ""]
        name, aliases, kind = cols[0].strip(), cols[1], cols[2].strip()
        acronym = next((a.strip() for a in aliases.split("|") if re.fullmatch(r"[A-Z]{2,6}", a.strip())), "")
        out.append(Org(name, acronym, kind))
    return out


# --------------------------------------------------------------------------------------------
# One article
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    given: str
    surname: str
    nat: str
    intro: str  # the first mention, as subject (may carry an appositive)
    intro_plain: str  # the first mention anywhere (no appositive)
    mentions: int = 0

    @property
    def full(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass
class Cast:
    rng: random.Random
    people: list[Person]
    orgs: list[Org]
    tank: Org
    country: str
    nat: str
    cities: list[str]
    country2: str
    cities2: list[str]
    topics: list[tuple[str, str]]
    year: int
    orgs_seen: set = field(default_factory=set)
    turn: int = 0
    deck: list = field(default_factory=list)

    def draw(self) -> str:
        """The next sentence template: every template once before any repeats."""
        if not self.deck:
            self.deck = list(SENTENCES)
            self.rng.shuffle(self.deck)
        return self.deck.pop()


def _person(rng: random.Random, region: str, nat: str, tank: Org, used: set) -> Person:
    data = REGIONS[region]
    while True:
        given, surname = rng.choice(data["given"]), rng.choice(data["surname"])
        if surname not in used and given != surname:
            used.add(surname)
            break
    full = f"{given} {surname}"
    roll = rng.random()
    if roll < 0.55:
        office = rng.choice(OFFICES)
        intro = intro_plain = f"{nat} {office} {full}"
    elif roll < 0.8:
        expert = rng.choice(EXPERTS)
        where = f"at the {tank.name}" if expert == "researcher" else ""
        honor = rng.choice(HONORIFICS)
        intro = f"{honor}{full}, a {nat} {expert}{' ' + where if where else ''},"
        intro_plain = f"the {nat} {expert} {honor}{full}"
    else:
        intro = intro_plain = f"{nat} {rng.choice(['MP', 'lawmaker', 'activist', 'writer', 'journalist'])} {full}"
    return Person(given, surname, nat, intro, intro_plain)


def make_cast(rng: random.Random, orgs: list[Org]) -> Cast:
    home = rng.choice(sorted(REGIONS))
    country, nat, cities = rng.choice(REGIONS[home]["places"])
    other = rng.choice([r for r in sorted(REGIONS) if r != home])
    country2, nat2, cities2 = rng.choice(REGIONS[other]["places"])
    tanks = [o for o in orgs if o.kind == "think-tank"]
    tank = rng.choice(tanks)
    used: set = set()
    people = [_person(rng, home, nat, tank, used) for _ in range(rng.randint(2, 4))]
    people += [_person(rng, other, nat2, tank, used) for _ in range(rng.randint(1, 2))]
    chosen = rng.sample(orgs, 4)
    return Cast(rng, people, chosen, tank, country, nat, rng.sample(cities, min(3, len(cities))),
                country2, cities2, rng.sample(TOPICS, 3), rng.randint(2014, 2023))


def _mention(cast: Cast, person: Person, subject: bool) -> str:
    person.mentions += 1
    if person.mentions == 1:
        return person.intro if subject else person.intro_plain
    if cast.rng.random() < 0.15:
        return person.full
    return person.surname


def _org(cast: Cast, org: Org) -> str:
    if org.name in cast.orgs_seen:
        if org.acronym and cast.rng.random() < 0.5:
            return org.acronym
        return org.ref()
    cast.orgs_seen.add(org.name)
    if org.acronym and cast.rng.random() < 0.5:
        return f"{org.ref()} ({org.acronym})"
    return org.ref()


def _money(rng: random.Random) -> str:
    return f"${rng.randint(40, 120)}"


def _amount(rng: random.Random) -> str:
    return rng.choice([f"${rng.randint(2, 90)}.{rng.randint(1, 9)} billion", f"{rng.randint(100, 900)} million dollars",
                       f"${rng.randint(2, 40)} billion", f"{rng.randint(2, 900)},{rng.randint(100, 999)} dollars"])


def _ordinal(rng: random.Random) -> str:
    return rng.choice(["second", "third", "fourth", "fifth", "sixth"])


def fill(template: str, cast: Cast, people: tuple[Person, Person] | None = None, values: dict | None = None) -> str:
    """Fill every slot of ``template``; ``people`` pins {S}/{P} and {P2}; ``values`` (filled
    in place) gives slots already chosen, so that a second template can repeat them."""
    rng = cast.rng
    if people is None:
        first = cast.people[cast.turn % len(cast.people)]
        cast.turn += 1 + (rng.random() < 0.3)
        second = rng.choice([p for p in cast.people if p is not first])
    else:
        first, second = people
    topic, topic_s = rng.choice(cast.topics)
    n = rng.choice(SMALL)
    values = {} if values is None else values

    def slot(name: str) -> str:
        if name in values:
            return values[name]
        if name in ("S", "P"):
            value = _mention(cast, first, name == "S")
        elif name == "P2":
            value = _mention(cast, second, False)
        elif name == "org":
            values.setdefault("org_obj", cast.orgs[rng.randrange(2)])
            value = _org(cast, values["org_obj"])
        elif name == "org2":
            value = _org(cast, cast.orgs[2 + rng.randrange(2)])
        elif name == "org_short":
            value = cast.orgs[0].acronym or cast.orgs[0].name
        elif name == "tank":
            value = _org(cast, cast.tank)
        elif name == "city":
            value = rng.choice(cast.cities)
        elif name == "city2":
            value = rng.choice(cast.cities2)
        elif name == "country":
            value = cast.country
        elif name == "country2":
            value = cast.country2
        elif name == "nat":
            value = cast.nat
        elif name == "office":
            value = rng.choice(OFFICES)
        elif name == "surname":
            value = cast.people[0].surname
        elif name == "full":
            value = first.full
        elif name == "topic":
            value = topic
        elif name == "topic_s":
            value = topic_s
        elif name == "month":
            value = rng.choice(MONTHS)
        elif name == "weekday":
            value = rng.choice(WEEKDAYS)
        elif name == "year":
            value = str(cast.year - rng.randint(0, 3))
        elif name == "n":
            value = n
        elif name == "N":
            value = n.capitalize()
        elif name == "num":
            value = str(rng.randint(11, 480))
        elif name == "big":
            value = f"{rng.randint(2, 95)},{rng.randint(0, 999):03d}"
        elif name == "pct":
            value = f"{rng.randint(4, 60)} percent"
        elif name == "amount":
            value = _amount(rng)
        elif name == "money":
            value = _money(rng)
        elif name == "ordinal":
            value = _ordinal(rng)
        elif name == "credit":
            value = rng.choice(CREDITS)
        elif name == "hashtag":
            value = cast.country.replace("the ", "").replace(" ", "")
        elif name == "pic":
            value = "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10))
        else:
            raise KeyError(name)
        values[name] = value
        return value

    text = re.sub(r"\{(\w+)\}", lambda m: slot(m.group(1)), template)
    return text[0].upper() + text[1:]


@dataclass
class Article:
    headline: str
    blocks: list[str]  # paragraphs and subheads, in order
    artifacts: list[dict]

    def text(self) -> str:
        return self.headline + "\n\n" + "\n\n".join(self.blocks) + "\n"


def _paragraph(cast: Cast, rng: random.Random) -> str:
    return " ".join(fill(cast.draw(), cast) for _ in range(rng.randint(3, 5)))


def base_article(rng: random.Random, orgs: list[Org], paragraphs: int | None = None) -> tuple[Article, Cast]:
    cast = make_cast(rng, orgs)
    headline = fill(rng.choice(HEADLINES), cast)
    for person in cast.people:  # the headline does not count as a first mention
        person.mentions = 0
    blocks: list[str] = []
    count = paragraphs if paragraphs is not None else rng.randint(8, 14)
    subheads = rng.sample(SUBHEADS, rng.randint(2, 4)) if rng.random() < 0.45 else []
    every = max(3, count // (len(subheads) + 1)) if subheads else 0
    for i in range(count):
        if subheads and i and i % every == 0:
            blocks.append(subheads.pop())
        blocks.append(_paragraph(cast, rng))
    article = Article(headline, blocks, [])
    if paragraphs is None:  # keep wire-story size: 4-7 KB
        while len(article.text().encode()) > 7000 and sum(1 for b in blocks if b.endswith(".")) > 8:
            blocks.pop()
            while blocks and not blocks[-1].endswith("."):
                blocks.pop()  # never end on a subhead
        while len(article.text().encode()) < 4200:
            blocks.append(_paragraph(cast, rng))
    return article, cast


# --------------------------------------------------------------------------------------------
# Artifacts
# --------------------------------------------------------------------------------------------

MONTH_RE = re.compile(r"\b(in|since) (" + "|".join(MONTHS) + r")( \d{4})?\b")
TURKISH = str.maketrans({"c": "ç", "s": "ş", "g": "ğ"})


def name_variant(rng: random.Random, surname: str) -> str | None:
    """Another spelling of ``surname`` that transliteration gives (doubled letters, ou/u, kh/k,
    q/k, dh/z, final -eh/-a, -y/-i, Turkish diacritics), or None."""
    prefix, core = ("", surname)
    m = re.match(r"(?i)(al-|el-)(.+)", surname)
    if m:
        prefix, core = m.group(1), m.group(2)
    options = []
    doubled = re.search(r"([bcdfghjklmnpqrstvwxz])\1", core)
    if doubled:
        options.append(core[: doubled.start()] + core[doubled.start() + 1 :])
    single = re.search(r"[aeiou]([bdfhlmnrst])[aeiou]", core[1:])
    if single:
        i = single.start(1) + 1
        options.append(core[:i] + core[i] + core[i:])
    for a, b in (("ou", "u"), ("kh", "k"), ("dh", "z"), ("q", "k"), ("gh", "g")):
        if a in core[1:]:
            options.append(core[0] + core[1:].replace(a, b, 1))
    if core.endswith("eh"):
        options.append(core[:-2] + "a")
    if core.endswith("i") and len(core) > 4:
        options.append(core[:-1] + "y")
    if surname in REGIONS["turkey"]["surname"] and re.search(r"[cC]|[sg]", core):
        options.append(core[0].replace("C", "Ç") + core[1:].translate(TURKISH))
    options = [o for o in options if o != core]
    if not options:
        return None
    return prefix + rng.choice(options)


def _sentences_in(block: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]\"?", block)]


def _prose_indexes(article: Article) -> list[int]:
    return [i for i, b in enumerate(article.blocks) if b.endswith((".", '"')) and len(b) > 80]


def _replace_in_block(article: Article, index: int, start: int, end: int, new: str) -> None:
    block = article.blocks[index]
    article.blocks[index] = block[:start] + new + block[end:]


def _pick_match(rng: random.Random, article: Article, pattern: re.Pattern) -> tuple[int, re.Match] | None:
    hits = [(i, m) for i in _prose_indexes(article) for m in pattern.finditer(article.blocks[i])]
    return rng.choice(hits) if hits else None


def plant_echo(rng, article, cast):
    hit = _pick_match(rng, article, MONTH_RE)
    if hit is None:  # make a place for one
        i = rng.choice(_prose_indexes(article))
        article.blocks[i] += f" The talks had started in {rng.choice(MONTHS)}."
        hit = _pick_match(rng, article, MONTH_RE)
    i, m = hit
    month = m.group(2)
    word = rng.choice(["Last", "last", "This", "this", "Past"])
    new = m.group(0) + f" {word} {month}"
    _replace_in_block(article, i, m.start(), m.end(), new)
    return new


def plant_doubled_word(rng, article, cast):
    i, m = _pick_match(rng, article, re.compile(r"(?<= )(" + "|".join(FUNCTION_WORDS_TO_DOUBLE) + r") "))
    _replace_in_block(article, i, m.start(), m.end(), m.group(1) + " " + m.group(0))
    return f"{m.group(1)} {m.group(1)}"


def plant_capital(rng, article, cast):
    hit = _pick_match(rng, article, re.compile(r"\b(?:or|and|of|in|to|with) (the|a|an|for) "))
    if hit is None:
        return None
    i, m = hit
    _replace_in_block(article, i, m.start(1), m.end(1), m.group(1).capitalize())
    return m.group(0).strip().replace(m.group(1), m.group(1).capitalize())


def plant_name_variant(rng, article, cast):
    candidates = []
    for person in cast.people:
        pattern = re.compile(r"\b" + re.escape(person.surname) + r"\b")
        hits = [(i, m) for i in _prose_indexes(article) for m in pattern.finditer(article.blocks[i])]
        variant = name_variant(rng, person.surname)
        if len(hits) >= 3 and variant:
            candidates.append((hits, variant))
    if not candidates:
        return None
    hits, variant = rng.choice(candidates)
    i, m = rng.choice(hits[1:])
    _replace_in_block(article, i, m.start(), m.end(), variant)
    return variant


def plant_garbled_org(rng, article, cast):
    for org in rng.sample(cast.orgs + [cast.tank], len(cast.orgs) + 1):
        words = org.name.split()
        if len(words) < 3:
            continue
        hits = [(i, m) for i in _prose_indexes(article) for m in re.finditer(re.escape(org.name), article.blocks[i])]
        if not hits:
            continue
        middle = list(range(1, len(words) - 1))
        swaps = [k for k in middle if words[k] in CALQUE_SWAPS]
        if swaps and rng.random() < 0.6:
            k = rng.choice(swaps)
            words[k] = CALQUE_SWAPS[words[k]]
        else:
            content = [k for k in middle if words[k] not in ("of", "for", "and", "the", "on", "in")]
            if not content:
                continue
            del words[rng.choice(content)]
        garbled = " ".join(words)
        i, m = rng.choice(hits)
        _replace_in_block(article, i, m.start(), m.end(), garbled)
        return garbled
    return None


def plant_caption(rng, article, cast):
    caption = fill(rng.choice(CAPTIONS), cast, (rng.choice(cast.people), rng.choice(cast.people)))
    at = rng.randrange(1, len(article.blocks))
    article.blocks.insert(at, caption)
    return caption


def plant_tweet(rng, article, cast):
    person = rng.choice(cast.people)
    tweet = fill(rng.choice(TWEETS), cast, (person, person))
    handle = rng.choice([person.given + person.surname.replace("-", "").replace(" ", ""),
                         person.given[0] + person.surname.replace("-", "_").replace(" ", "") + rng.choice(["", "_" + cast.nat[:2].upper()])])
    date = rng.choice([f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {cast.year}", f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {cast.year}"])
    line = rng.choice([f"{person.full} (@{handle}) {date}", f"— {person.full} (@{handle}) {date}"])
    at = rng.randrange(1, len(article.blocks))
    article.blocks[at:at] = [tweet, line]
    return line


def plant_arabic(rng, article, cast):
    if rng.random() < 0.5:
        i, m = _pick_match(rng, article, re.compile(r", "))
        _replace_in_block(article, i, m.start(), m.end(), "\u060c ")
        return "\u060c"
    hit = _pick_match(rng, article, re.compile(r"\b\d+\b"))
    if hit is None:
        return None
    i, m = hit
    digits = m.group(0).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    _replace_in_block(article, i, m.start(), m.end(), digits)
    return digits


def plant_rlm(rng, article, cast):
    i, m = _pick_match(rng, article, re.compile(r"(?<=[a-z]) (?=[A-Z0-9])"))
    _replace_in_block(article, i, m.start(), m.end(), " \u200f")
    return "U+200F"


def plant_apostrophe(rng, article, cast):
    hit = _pick_match(rng, article, re.compile(r"(?<=\w)'(?=s\b)"))
    if hit is None:
        i = rng.choice(_prose_indexes(article))
        article.blocks[i] += f" The {cast.nat} ministry's statement was not published. The committee's report is due in {rng.choice(MONTHS)}."
        hit = _pick_match(rng, article, re.compile(r"(?<=\w)'(?=s\b)"))
    i, m = hit
    _replace_in_block(article, i, m.start(), m.end(), "\u2019")
    return "\u2019s"


def plant_paraphrase(rng, article, cast):
    prose = _prose_indexes(article)
    if len(prose) < 5:
        return None
    first, second = rng.choice(PARAPHRASES)
    person = rng.choice(cast.people)
    values: dict = {}
    a = fill(first, cast, (person, person), values)
    for key in ("S", "P", "org"):  # the same facts; the person and organisation named again
        values.pop(key, None)
    b = fill(second, cast, (person, person), values)
    early = rng.choice(prose[: len(prose) // 2])
    late = rng.choice([k for k in prose if k > early + 2] or prose[-1:])
    article.blocks[early] += " " + a
    article.blocks[late] += " " + b
    return b


ARTIFACTS = [  # (name, planter, how often an article has one)
    ("echo", plant_echo, 0.35),
    ("doubled-word", plant_doubled_word, 0.35),
    ("capitalised-function-word", plant_capital, 0.4),
    ("name-variant", plant_name_variant, 0.4),
    ("garbled-organization", plant_garbled_org, 0.3),
    ("leaked-caption", plant_caption, 0.3),
    ("tweet-attribution", plant_tweet, 0.15),
    ("arabic-punctuation-or-digits", plant_arabic, 0.15),
    ("rlm-mark", plant_rlm, 0.1),
    ("mixed-apostrophes", plant_apostrophe, 0.2),
    ("translated-twice", plant_paraphrase, 0.2),
]


def make_article(rng: random.Random, orgs: list[Org], paragraphs: int | None = None) -> Article:
    article, cast = base_article(rng, orgs, paragraphs)
    chosen = [a for a in ARTIFACTS if rng.random() < a[2]]
    if len(chosen) < 2:  # "a few per article"
        chosen = rng.sample(ARTIFACTS, 2)
    # Paraphrases and inserted lines first, edits inside sentences after.
    order = {"translated-twice": 0, "leaked-caption": 1, "tweet-attribution": 1}
    for name, planter, _ in sorted(chosen, key=lambda a: order.get(a[0], 2)):
        what = planter(rng, article, cast)
        if what is not None:
            article.artifacts.append({"kind": name, "text": what})
    return article


# --------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------


def article_rngs(n: int, seed: int):
    master = random.Random(seed)
    for _ in range(n):
        yield random.Random(master.getrandbits(64))


def generate(n: int, seed: int, out_dir: str | Path) -> list[Path]:
    """Write ``n`` articles (and manifest.json) into ``out_dir``; return the article paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    orgs = load_organizations()
    paths, manifest = [], []
    for i, rng in enumerate(article_rngs(n, seed)):
        article = make_article(rng, orgs)
        path = out / f"article_{i:05d}.txt"
        text = unicodedata.normalize("NFC", article.text())
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
        manifest.append({"file": path.name, "bytes": len(text.encode("utf-8")), "artifacts": article.artifacts})
    (out / "manifest.json").write_text(json.dumps({"seed": seed, "articles": manifest}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


SYLLABLES = "ba ka ta ri mo su de la ni ro pe zu fa ho gi te vo na mi sa lu ke do ra".split()
KEEP = frozenset("""the of and to in a an that for on with as by at from was were said is are has have
had will would its their this which after over but not also who been be it he she his her they
them than then there these those into about between during since until when while where what
more most other such only any each some all both more no nor or so up out new two three four five
six seven nine eight ten""".split())


def _pseudo_words(rng: random.Random, text: str) -> str:
    """``text`` with every lower-case word of four or more letters outside KEEP replaced by a
    pseudo-word (the same word always by the same pseudo-word): names, numbers, function words
    and sentence shapes stay, the shared template vocabulary goes."""
    mapping: dict[str, str] = {}

    def swap(m: re.Match) -> str:
        word = m.group(0)
        if word in KEEP:
            return word
        if word not in mapping:
            mapping[word] = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        return mapping[word]

    return re.sub(r"(?<![\w'-])[a-z]{4,}(?![\w'-])", swap, text)


def long_article(scale: int, seed: int = 0, distinct: bool = True) -> str:
    """One article ``scale`` times as long as a wire story (a long feature): the bodies of
    ``scale`` generated articles under one headline, so names, organisations, planted artifacts
    and repeated passages grow with the length.

    With ``distinct`` (the default), each part's common words are replaced by pseudo-words of
    its own (``_pseudo_words``): the generator has about ninety sentence templates, so sixteen
    articles glued together would repeat each template a dozen times with other names, which
    no real article does and which a near-duplicate detector rightly reports by the hundred.
    Passages repeated within one part stay repeated (a part keeps one word mapping).
    """
    orgs = load_organizations()
    parts = []
    for rng in article_rngs(scale, seed):
        article = make_article(rng, orgs)
        body = "\n\n".join(article.blocks)
        parts.append((article.headline, _pseudo_words(rng, body) if distinct else body))
    body = "\n\n".join(b for _, b in parts)
    return unicodedata.normalize("NFC", parts[0][0] + "\n\n" + body + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description="Write N deterministic MT-news articles with planted artifacts.")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out_dir", help="folder to write into (created if missing)")
    ap.add_argument("--seed", type=int, default=0, help="seed (default 0); the same seed gives the same files")
    args = ap.parse_args()
    paths = generate(args.n, args.seed, args.out_dir)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles, {total / 1e6:.2f} MB, to {args.out_dir}")


if __name__ == "__main__":
    main()
