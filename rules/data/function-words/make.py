"""Regenerate the function-word lists in this folder (not run by tests or CI; its output is committed).

Each list is the stopwords-iso list of its language (MIT), cut down to closed-class words:

1. single words of letters only, lowercased and NFC (elided forms such as ``l'`` never stand
   alone in a tokenised sentence);
2. frequent in the language: Zipf frequency at least MIN_ZIPF in wordfreq's tables (stopwords-iso
   mixes in rare words and content words; function words are the most frequent words of a
   language);
3. below a Zipf frequency of CONFIRM_ZIPF, confirmed by a second stop list (the stop-words or
   stopwords package) where one exists for the language;
4. not common in English: TQ802 skips a sentence in which a fifth of the words are function
   words of the expected language, so a word as common in English as in French ("a", "on",
   "me") would hide English sentences in a French article;
5. not one of the content words listed in EXCLUDE (read off the lists by hand);
6. the MAX_WORDS most frequent of what is left.

Usage (in a throwaway environment; none of these packages is a tqcheck dependency)::

    python -m venv /tmp/fw && /tmp/fw/bin/pip install stopwordsiso stop-words stopwords wordfreq
    /tmp/fw/bin/python rules/data/function-words/make.py

It rewrites ``<code>.tsv`` for every language in LANGUAGES and leaves ``en.tsv`` (hand-made,
with word classes) alone.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import regex
import stop_words
import stopwords
import stopwordsiso
import wordfreq

HERE = Path(__file__).resolve().parent
MIN_ZIPF = 4.3  # 2 occurrences in 100,000 words
CONFIRM_ZIPF = 5.0  # a rarer word needs a second stop list to agree, where there is one
MAX_WORDS = 200
ENGLISH_MARGIN = 1.5  # drop a word whose English frequency is within this many Zipf units of its own
ENGLISH_FLOOR = 4.5  # ... when it is at least this frequent in English

# langdetect code -> wordfreq code, for the languages with a list. Languages that stopwords-iso
# lacks (sq) or lists with fewer than ~50 words and no frequency table to check them against
# (af, et, so, sw) have none.
LANGUAGES = {
    "bg": "bg", "ca": "ca", "cs": "cs", "da": "da", "de": "de", "el": "el", "es": "es", "fi": "fi",
    "fr": "fr", "hr": "sh", "hu": "hu", "id": "id", "it": "it", "lt": "lt", "lv": "lv", "nl": "nl",
    "no": "nb", "pl": "pl", "pt": "pt", "ro": "ro", "ru": "ru", "sk": "sk", "sl": "sl", "sv": "sv",
    "tl": "fil", "tr": "tr", "uk": "uk", "vi": "vi",
}
# Content words that pass the filters (nouns, verbs, adjectives, interjections), by language.
EXCLUDE: dict[str, set[str]] = {code: set(words.split()) for code, words in {
    "bg": "време години година ден живот часа направи добро добър нова нови момента каза първи първата "
          "първо утре нов лесно месец добра син харесва хиляди взема годишен новина екип главен глас смях "
          "лош евтин бивш бивша главна главно лесен равен иска прави дни",
    "ca": "fer estat primer bé tenir poder anar saber veu ús llarg mal fi sap últim igual baix donat saps "
          "sabem saben sabeu",
    "cs": "den dobrý nový nové první večer prosím děkuji článek zprávy strana téma článku články ahoj chci "
          "chce chcete chceš chtějí chceme moc",
    "da": "godt stor ny nyt mand lille tage sige hej lav næste se",
    "de": "gut gibt geht zeit machen menschen macht jahr jahren jahre neue ersten mann kommen tag ende uhr "
          "gehen gemacht neuen gute recht sagt teil richtig erste grosse grossen große großen wissen gab "
          "morgen kleine gesagt sagte heisst besten beispiel kleinen lang dank tage zweiten kommt weg möglich "
          "besser",
    "el": "χθες εχω εχει",
    "es": "tiempo día parte mejor cosas trabajo lugar creo cuenta decir días momento bueno verdad nueva nuevo "
          "veces primera dijo mal acuerdo manera medio buena fin hizo quiere lado saber dar claro ejemplo "
          "estados horas grandes haciendo buenos tarde dicho posible sigue uso cierto sabe segundo último "
          "siguiente largo diferentes trata segunda sabes habla poner dado buenas peor trabajar última "
          "encuentra existe modo lleva nuevos nuevas hacer hace ver hecho gran estado parece dice dicen "
          "primer vez cosa tener tengo tiene tienen tenemos tenía tienes",
    "fi": "hyvä vuoden aika kiitos vuotta tänään uusi antaa hyvää menee haluaa uuden ensimmäinen pieni suuri "
          "parempi asioita asiaa asiat asiasta nopeasti mahdollista vaikea vuosi hei joo uutta uusia",
    "fr": "personne gens merci état personnes parler pense parle effet début façon bas haut retour sujet beau "
          "compris mot droite valeur voie pièce dos parole essai attendu rendre laisser suivre nouveau "
          "nouveaux nombreux nombreuses différents différentes dernier première deuxième troisième bon cher "
          "proche particulier hein importe semble permet sait passé plein vu dire dit fais fait faites "
          "faisant font premier possible",
    "hu": "jó nagy új első év köszönöm éves teljes második utolsó mondta mai nagyobb végre értem holnap "
          "harmadik tegnap évben évek évi éve évvel napot szépen úr",
    "id": "tahun hari baik besar waktu tempat membuat melakukan cara bagian benar kembali pertama terjadi mulai "
          "tahu lama masalah bulan melihat kecil tinggi datang ibu merasa rasa depan bekerja penting mengatakan "
          "digunakan memberikan dilakukan keluar minta jumlah panjang umum mendapat jelas pak naik menunjukkan "
          "mendapatkan menggunakan kasus jawab pertanyaan ingat akhir awal dekat siap",
    "it": "anni cosa vita tempo grazie persone giorno mondo grande primo città nuovo anno detto posto gente "
          "nome gruppo uomo ore paese generale forza mesi consiglio luogo milioni titolo futuro piedi "
          "momento giorni trovato favore esempio visto bene fatto fare dire fa fai faccio facendo fanno",
    "lt": "",
    "lv": "",
    "nl": "maken maakt weg klaar maak maakte nemen neem nam eerste tweede derde geleden vroeg precies "
          "afgelopen gewoon erg zei",
    "no": "bra folk tid bruke måte slutt navn lage arbeid riktig stille sant makt verdi punkt tilstand lang rett",
    "pl": "roku lat sposób pan pani nowe dobrze raz chce nr zł tys ul np tzw pl prof godz tel www",
    "pt": "dia pessoas fazer anos tempo bom ano grande coisa trabalho estado forma novo maior primeiro nome "
          "diz sabe boa segundo noite nova grupo tipo primeira dizer lado momento verdade lugar saber fim "
          "parece hora horas número sistema segunda área geral exemplo falta usar relação ponto povo pontos "
          "maioria último certeza apoio caminho novas nível questão trabalhar obrigado obrigada valor "
          "conselho tentar próximo baixo novos dá dar faz fez veja mal",
    "ro": "timp mare bine zi prima nou primul fel nevoie bună drept mod acord frumos fata doilea spate caut "
          "mulţumesc noroc treilea bucur citi ştiu zice rog departe",
    "ru": "время года году лет человек день год люди жизнь сказал место хорошо дело мира спасибо вопрос деньги "
          "новый часть россия дом друг правда большой мир москва город работа имя ночь женщина говорит "
          "сделать делать найти говорить работать жить сказать первый второй последний пять четыре три два "
          "тысяч конечно лучше хорошо г м е т ж",
    "sk": "",
    "sl": "leto primer stran pravi dobro prvi prvo prva velik velika veliki lepo težko zadnji dober dobra dobri "
          "prava pravo stvar mesec",
    "sv": "bra stor tack idag dag del säga bättre första rätt gott stora större tidigare dagen stort dagar "
          "viktigt lätt fin hög små beslut nummer sagt säger sa gör göra gjort gjorde ta tar",
    "tl": "panahon gusto sabi sabihin nakita ginawa gumawa makita ginagawa gagawin mahusay pumunta paggawa "
          "ibig",
    "tr": "iyi doğru iş yapılan lütfen milyon yaptığı yapmak yaptı yapıyor tamam kaynak milyar şey şeyler şeyi",
    "uk": "",
    "vi": "người năm ngày số nhà bộ con anh tháng cao cơ em lớn cuộc nhận chú bà bài thanh chuyện hỏi quả "
          "chiếc quyết bác cây nền căn bức sạch cơn dạ răng ngọt phỏng thuần ái ngọn bông vở toà nóc dì cuốn "
          "tấm tấn ngôi cha việc điều bản nói biết muốn",
}.items()}


def second_opinion(code: str) -> set[str]:
    """Words of the other stop lists for ``code`` (empty when none has the language)."""
    words: set[str] = set()
    try:
        words.update(stop_words.get_stop_words({"no": "nb"}.get(code, code)))
    except Exception:  # stop_words raises its own error for a language it lacks
        pass
    folder = Path(stopwords.__file__).parent / "languages"
    name = json.loads((folder / "languages.json").read_text(encoding="utf-8")).get(code)
    if name:
        words.update((folder / name / "default.txt").read_text(encoding="utf-8").split())
    return {normal(w) for w in words}


def normal(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip().lower())


def function_words(code: str) -> list[str]:
    """The list for ``code``, most frequent first."""
    freq_code = LANGUAGES[code]
    others = second_opinion(code)
    kept = []
    for word in {normal(w) for w in stopwordsiso.stopwords(code)}:
        zipf = wordfreq.zipf_frequency(word, freq_code)
        english = wordfreq.zipf_frequency(word, "en")
        if not regex.fullmatch(r"\p{Ll}+", word) or word[-1] == "σ" or zipf < MIN_ZIPF:
            continue  # (a final σ is a misspelt ς)
        if zipf < CONFIRM_ZIPF and others and word not in others:
            continue
        if english >= ENGLISH_FLOOR and english > zipf - ENGLISH_MARGIN:
            continue
        if word in EXCLUDE.get(code, ()):
            continue
        kept.append((-zipf, word))
    return [word for _z, word in sorted(kept)[:MAX_WORDS]]


def write(code: str, words: list[str]) -> None:
    header = (
        f"# Function words of {code} (langdetect code): word<TAB>class. Used by TQ802 to tell the\n"
        "# expected language from others. Made by make.py in this folder from stopwords-iso\n"
        "# (https://github.com/stopwords-iso, MIT licence), kept when frequent (wordfreq) and not\n"
        "# common in English; the class is not resolved further. Sorted, lowercase, unique.\n"
    )
    body = "".join(f"{w}\tfunction\n" for w in sorted(words, key=str.casefold))
    (HERE / f"{code}.tsv").write_text(header + body, encoding="utf-8")


def main(codes: list[str]) -> None:
    for code in codes or sorted(LANGUAGES):
        words = function_words(code)
        write(code, words)
        print(f"{code}\t{len(words)}")


if __name__ == "__main__":
    main(sys.argv[1:])
