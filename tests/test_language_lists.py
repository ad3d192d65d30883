"""TQ802 in other languages: ``--language`` picks the function-word list of that language, a
language without a list is a clear error, and the shipped lists are clean and tell their language
from English."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from tqcheck import check_text
from tqcheck.checks.base import RuleDataError
from tqcheck.checks.language import LANGUAGE_SCRIPTS
from tqcheck.engine import Settings, resolve_checks
from tqcheck.rulefile import DEFAULT_RULES_DIR, read_tsv

from conftest import SEEDS

LISTS = DEFAULT_RULES_DIR / "data" / "function-words"
CODES = sorted(p.stem for p in LISTS.glob("*.tsv"))
ENGLISH_ARTICLES = sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))

ENGLISH = "The minister said that the talks would go on next week in the capital, despite the protests."

# Hand-written news sentences, long enough for TQ802 to weigh (five words, 25 letters).
SENTENCES = {
    "fr": [
        "Le ministre a dit que les négociations continueront la semaine prochaine.",
        "Le gouvernement a décidé de reporter les élections municipales jusqu'à nouvel ordre.",
        "Les manifestants se sont rassemblés devant le parlement pour protester contre la réforme.",
        "La police a arrêté trois personnes soupçonnées d'avoir participé à l'attaque.",
        "Selon le rapport, le chômage a augmenté dans toutes les régions du pays.",
        "Il a rappelé que la sécurité des citoyens restait la priorité du gouvernement.",
        "Les prix du pétrole ont baissé après l'annonce de l'accord entre les producteurs.",
        "Elle a affirmé qu'elle ne se présenterait pas aux prochaines élections.",
        "Une délégation de la Banque mondiale est arrivée hier dans la capitale.",
        "Les deux pays ont signé un accord de coopération dans le domaine de l'énergie.",
        "Nous avons besoin de plus de temps pour étudier cette proposition avec les syndicats.",
        "Le président a reçu les ambassadeurs des pays voisins au palais.",
    ],
    "de": [
        "Der Minister sagte, dass die Verhandlungen in der nächsten Woche weitergehen werden.",
        "Die Regierung hat am Montag eine neue Strategie für die Region vorgestellt.",
        "Die Polizei hat drei Verdächtige festgenommen, die an dem Anschlag beteiligt waren.",
        "Nach Angaben des Berichts ist die Arbeitslosigkeit in allen Regionen gestiegen.",
        "Er betonte, dass die Sicherheit der Bürger für die Regierung Vorrang habe.",
        "Die Ölpreise fielen, nachdem die Produzenten eine Einigung bekannt gegeben hatten.",
        "Sie sagte, sie werde bei den nächsten Wahlen nicht mehr antreten.",
        "Eine Delegation der Weltbank ist gestern in der Hauptstadt eingetroffen.",
        "Beide Länder haben ein Abkommen über die Zusammenarbeit im Energiebereich unterzeichnet.",
        "Wir brauchen mehr Zeit, um diesen Vorschlag mit den Gewerkschaften zu prüfen.",
        "Der Präsident empfing die Botschafter der Nachbarländer im Palast.",
        "Tausende Menschen gingen am Wochenende auf die Straße, um gegen die Reform zu protestieren.",
    ],
    "es": [
        "El ministro dijo que las negociaciones continuarán la próxima semana en la capital.",
        "El gobierno decidió aplazar las elecciones municipales hasta nuevo aviso.",
        "La policía detuvo a tres personas sospechosas de haber participado en el ataque.",
        "Según el informe, el desempleo aumentó en todas las regiones del país.",
        "Recordó que la seguridad de los ciudadanos sigue siendo la prioridad del gobierno.",
        "Los precios del petróleo bajaron después del anuncio del acuerdo entre los productores.",
        "Ella afirmó que no se presentará a las próximas elecciones.",
        "Una delegación del Banco Mundial llegó ayer a la capital.",
        "Los dos países firmaron un acuerdo de cooperación en el sector de la energía.",
        "Necesitamos más tiempo para estudiar esta propuesta con los sindicatos.",
        "El presidente recibió a los embajadores de los países vecinos en el palacio.",
        "Miles de personas salieron a la calle durante el fin de semana para protestar contra la reforma.",
    ],
    "tr": [
        "Bakan, müzakerelerin önümüzdeki hafta da devam edeceğini söyledi.",
        "Hükümet, belediye seçimlerini yeni bir karara kadar erteleme kararı aldı.",
        "Polis, saldırıya katıldığından şüphelenilen üç kişiyi gözaltına aldı.",
        "Rapora göre işsizlik ülkenin bütün bölgelerinde arttı ve gençler en çok etkilendi.",
        "Vatandaşların güvenliğinin hükümetin önceliği olmaya devam ettiğini hatırlattı.",
        "Üreticiler arasındaki anlaşmanın açıklanmasından sonra petrol fiyatları düştü.",
        "Bir sonraki seçimlerde aday olmayacağını ve siyaseti bırakacağını açıkladı.",
        "Dünya Bankası'ndan bir heyet dün başkente geldi ve bakanlarla görüştü.",
        "İki ülke enerji alanında bir işbirliği anlaşması imzaladı ve bunu kutladı.",
        "Bu teklifi sendikalarla birlikte incelemek için daha fazla zamana ihtiyacımız var.",
        "Cumhurbaşkanı komşu ülkelerin büyükelçilerini sarayda kabul etti ve onlarla görüştü.",
        "Binlerce kişi hafta sonu reformu protesto etmek için sokaklara döküldü.",
    ],
    "ru": [
        "Министр сказал, что переговоры продолжатся на следующей неделе в столице.",
        "Правительство решило отложить муниципальные выборы до особого распоряжения.",
        "Полиция задержала трех человек, подозреваемых в участии в нападении.",
        "Согласно докладу, безработица выросла во всех регионах страны.",
        "Он напомнил, что безопасность граждан остается приоритетом правительства.",
        "Цены на нефть снизились после объявления о соглашении между производителями.",
    ],
}
# A word of each list that is frequent content in its language (spot checks: none may be listed).
CONTENT_WORDS = {
    "de": ["zeit", "jahr", "menschen", "regierung", "gut"], "es": ["tiempo", "día", "gobierno", "trabajo"],
    "fr": ["état", "gens", "personne", "gouvernement", "mot"], "it": ["anni", "tempo", "vita", "città"],
    "nl": ["maken", "regering", "jaar"], "pt": ["dia", "pessoas", "tempo", "trabalho"],
    "ru": ["время", "человек", "россия", "деньги"], "sv": ["dag", "tack", "regeringen"], "tr": ["iyi", "iş", "milyon"],
    "id": ["tahun", "hari", "pemerintah"], "pl": ["roku", "lat", "rząd"], "vi": ["người", "năm", "nhà"],
}


def _words(code: str) -> list[str]:
    return [w for w, _c, _l in read_tsv(LISTS / f"{code}.tsv")]


def _untranslated(language: str):
    return [c for c in resolve_checks(Settings(language=language, select=("TQ802",)))]


def _language_rules(language: str):
    """TQ801 (another script) and TQ802 (another language), expecting ``language``."""
    return resolve_checks(Settings(language=language, select=("TQ801", "TQ802")))


def _english_passages(text: str, language: str) -> list[tuple[str, str, str]]:
    """(rule, passage, what it is) of the findings of TQ801 and TQ802 on ``text``."""
    findings = check_text(text, checks=_language_rules(language)).findings
    return [(f.code, f.match, f.data.get("language") or f.data.get("script")) for f in findings]


def _article(language: str) -> str:
    """The language's sentences in two paragraphs with an English sentence between them."""
    sentences = SENTENCES[language]
    half = len(sentences) // 2
    return " ".join(sentences[:half]) + "\n\n" + ENGLISH + "\n\n" + " ".join(sentences[half:]) + "\n"


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_an_english_sentence_is_reported_and_the_article_is_not(language):
    """In a Latin-script language, TQ802 names the language; in Russian, the expected script is
    Cyrillic and TQ801 reports the Latin passage."""
    expected = ("TQ801", ENGLISH.rstrip("."), "Latin") if language in LANGUAGE_SCRIPTS else ("TQ802", ENGLISH, "en")
    assert _english_passages(_article(language), language) == [expected]


@pytest.mark.parametrize(("language", "least"), [("fr", 1.0), ("de", 1.0), ("es", 1.0), ("tr", 0.5)])
def test_the_sentences_of_the_language_pass_the_cheap_gate(language, least):
    """The list of the expected language recognises its own sentences, which then skip langdetect
    (Turkish, which suffixes what others say in separate words, has fewer function words)."""
    (check,) = _untranslated(language)
    plain = [s for s in SENTENCES[language] if check.candidate_words(s) is None]
    assert len(plain) >= least * len(SENTENCES[language])
    assert check.candidate_words(ENGLISH) is not None


def test_the_cli_and_the_config_take_the_list_of_the_language(cli, tmp_path):
    (tmp_path / "a.txt").write_text(_article("fr"), encoding="utf-8")
    result = cli("a.txt", "--language", "fr", "--select", "TQ802", "--format", "json", "--no-report")
    findings = json.loads(result.output)["files"][0]["findings"]
    assert result.exit_code == 1 and [f["match"] for f in findings] == [ENGLISH]
    (tmp_path / "tqcheck.toml").write_text('language = "de"\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(_article("de"), encoding="utf-8")
    result = cli("b.txt", "--select", "TQ802", "--format", "json", "--no-report")
    assert [f["match"] for f in json.loads(result.output)["files"][0]["findings"]] == [ENGLISH]


@pytest.mark.parametrize("args", [["--language", "ar"], ["--language", "xx"]])
def test_a_language_without_a_list_is_a_clear_error(cli, tmp_path, args):
    (tmp_path / "a.txt").write_text(_article("fr"), encoding="utf-8")
    result = cli("a.txt", *args, "--no-report")
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.startswith(f"tqcheck: error: language '{args[1]}': no list of ") and "Traceback" not in message
    assert "lists exist for " in message and ", fr, " in message and ", tr, " in message


def test_a_language_without_a_list_is_an_error_for_the_library_too():
    with pytest.raises(RuleDataError, match="no list of Arabic function words"):
        _untranslated("ar")
    with pytest.raises(RuleDataError, match="not a language code"):
        _untranslated("../../etc/passwd")


@pytest.mark.parametrize(("language", "native"), [
    ("zh-cn", "他说谈判将在下周继续进行，各方都表示乐观。"),
    ("ja", "政府は月曜日に新しい経済対策を発表し、来年度の予算案に盛り込む方針を明らかにした。"),
    ("ko", "정부는 월요일에 새로운 경제 대책을 발표하고 내년도 예산안에 포함할 방침을 밝혔다."),
    ("th", "รัฐบาลประกาศมาตรการเศรษฐกิจใหม่เมื่อวันจันทร์และจะรวมไว้ในงบประมาณปีหน้า"),
])
def test_a_language_written_without_spaces_needs_no_list_and_expects_its_own_script(language, native):
    assert _untranslated(language)[0].stopwords == frozenset()
    assert _english_passages(f"{native}\n\n{ENGLISH}\n", language) == [("TQ801", ENGLISH.rstrip("."), "Latin")]


def test_the_script_of_the_language_is_expected_unless_the_rule_names_one():
    russian = " ".join(SENTENCES["ru"][:3])
    assert _english_passages(f"{russian}\n", "ru") == []
    assert [code for code, *_ in _english_passages(f"{russian}\n", "en")] == ["TQ801"]
    (script_rule,) = resolve_checks(Settings(language="ru", select=("TQ801",)))
    named = type(script_rule)(dataclasses.replace(script_rule.rule, options={**script_rule.rule.options, "script": "Latin"}))
    assert [f.data["script"] for f in check_text(f"{russian}\n", checks=[named]).findings] == ["Cyrillic"]


def test_english_is_the_default_and_is_unchanged():
    (check,) = resolve_checks(Settings(select=("TQ802",)))
    assert check.language == "en" and check.stopwords == frozenset(w.casefold() for w in _words("en"))
    assert check.candidate_words(ENGLISH) is None


@pytest.mark.parametrize("code", CODES)
def test_each_list_is_well_formed(code):
    rows = read_tsv(LISTS / f"{code}.tsv")
    words = [w for w, _c, _l in rows]
    assert words == sorted(words, key=str.casefold), f"{code}.tsv is not sorted"
    assert len(words) == len(set(words)), f"{code}.tsv has a word twice (in one class or two)"
    assert all(w == w.lower() and w.strip() == w and " " not in w for w in words)
    assert 50 <= len(words) <= 400, f"{code}.tsv has {len(words)} words"
    assert (LISTS / f"{code}.tsv").read_text(encoding="utf-8").startswith("# "), "the header says where the list comes from"


@pytest.mark.parametrize("code", sorted(CONTENT_WORDS))
def test_lists_hold_no_frequent_content_words(code):
    assert set(CONTENT_WORDS[code]).isdisjoint(_words(code))


@pytest.fixture(scope="module")
def english_sentences() -> list[str]:
    """Sentences of real English articles that TQ802 weighs when no function word hides them."""
    (check,) = _untranslated("en")
    options = {**check.rule.options, "language": "zh-cn", "script": "Latin"}
    ungated = type(check)(dataclasses.replace(check.rule, options=options))  # no list: only length and names decide
    texts = [p.read_text(encoding="utf-8") for p in ENGLISH_ARTICLES + sorted(SEEDS.glob("*.txt"))]
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text)]
    return [s for s in sentences if ungated.candidate_words(s) is not None]


@pytest.mark.parametrize("code", [c for c in CODES if c not in LANGUAGE_SCRIPTS])
def test_english_prose_does_not_pass_for_another_language(code, english_sentences):
    """With another Latin-script language's list, the sentences of English articles still go to
    langdetect: a list word common in English would hide English passages in that language's
    articles. (In Cyrillic or Greek articles English is another script: TQ801's business.)"""
    (check,) = _untranslated(code)
    hidden = [s for s in english_sentences if check.candidate_words(s) is None]
    assert len(english_sentences) >= 40
    if code == "en":
        assert len(hidden) >= 0.9 * len(english_sentences)  # the measure works: English hides English
    else:
        assert len(hidden) <= 0.05 * len(english_sentences), hidden[:3]


@pytest.mark.parametrize("code", sorted(c for c in CODES if c in LANGUAGE_SCRIPTS))
def test_lists_of_other_scripts_are_written_in_them(code):
    (check,) = _untranslated(code)
    assert check.lone_function_words and all(check.expected.match(w) for w in check.lone_function_words)
    assert len(check.lone_function_words) >= 0.9 * len(_words(code))
