"""The fast paths of the language, numbers, substitution and existence checks give exactly what
the plain computation gives.

Each test compares an optimised piece (stdlib ``re`` words for ASCII sentences, the plain-sentence
gate in front of the untranslated-passage words, the memo of language detections, digit runs in
front of the thousands pattern, document-level prefilters built from a rule's literal text) with
the straightforward version, kept here as the reference, on article text and random strings.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import regex
from conftest import ROOT

from tqcheck.checks import literals
from tqcheck.checks.language import _ascii_content_words, _content_words, detect_language
from tqcheck.checks.literals import LiteralGate, required_strings
from tqcheck.checks.numbers import _THOUSANDS, _thousands
from tqcheck.document import Document
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import long_article  # noqa: E402

ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))]
ARTICLES += [long_article(2, seed=seed, distinct=False) for seed in range(4)]

WORDS = ["the", "The", "of", "and", "a", "I", "US", "NATO", "U.S.", "al-Sudani", "Qur'an", "don’t", "it's", "’s",
         "-", "--", "'", "’", "x-ray", "'tis", "élection", "Éric", "İstanbul", "ıi", "Straße", "e\u0301t", "ǅemal",
         "ΣΑΣ", "Москва", "правительство", "حكومة", "北京", "gouvernement", "a décidé", "de", "reporter", "les",
         "élections", "municipales", "Regierung", "hat", "am", "Montag", "eine", "neue", "Strategie", "für",
         "www.site.com", "@handle", "#tag", "mail@x.org", "x.gov/path", "3", "1990s", "COVID-19", ",", ".", ";",
         "(", ")", "“", "”", "\n", "\n\n", "  ", "\t", "Minister", "said", "on", "Monday", "talks", "resumed"]


def random_sentences(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    gaps = ("", " ", " ", " ")
    return ["".join(rng.choice(WORDS) + rng.choice(gaps) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def all_sentences() -> list[str]:
    sentences = [s.text for text in ARTICLES for s in Document(text).sentences]
    return sentences + random_sentences(3000, seed=1) + [line for text in ARTICLES for line in text.splitlines()]


# -- language: untranslated passages -------------------------------------------------------------


def reference_candidate_words(check, sentence: str) -> list[str] | None:
    """candidate_words as first written: regex words for every sentence."""
    url_hints = ("://", "www.", "@", "#", ".com", ".org", ".net", ".gov", ".edu")
    foreign = check.foreign.search(sentence)
    if foreign:
        letters = regex.findall(r"\p{L}", sentence)
        n_foreign = sum(1 for ch in letters if not check.expected.match(ch))
        if not letters or n_foreign * 2 > len(letters):
            return None
    if any(hint in sentence for hint in url_hints):
        url = r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#][\w_]+|\b\w+\.(?:com|org|net|gov|edu)(?:/\S*)?\b"
        sentence = regex.sub(url, " ", sentence)
    tokens = regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", sentence)
    words = [t for t in tokens[1:] if not t[0].isupper() and not (len(t) > 1 and t.isupper())]
    if tokens and not (len(tokens[0]) > 1 and tokens[0].isupper()):
        words.insert(0, tokens[0])
    if foreign:
        words = [t for t in words if not check.foreign.search(t)]
    if len(words) < check.min_words or sum(map(len, words)) < check.min_letters:
        return None
    folded = [w.casefold().replace("’", "'") for w in words]
    if sum(w in check.stopwords for w in folded) >= check.stopword_share * len(words):
        return None
    return words


def reference_pieces(doc: Document) -> list[tuple[int, int, int, str]]:
    """Sentences split at line breaks, numbered by block, headings dropped: block by block."""
    out = []
    block_no, block_end = -1, -1
    for span in doc.sentences:
        if span.start >= block_end:
            block = doc.block_at(span.start)
            block_no += 1
            block_end = block.end if block else span.end
        offset = span.start
        for piece in span.text.split("\n"):
            stripped = piece.strip()
            if stripped:
                start = offset + len(piece) - len(piece.lstrip())
                if not doc.in_heading(start):
                    out.append((block_no, start, start + len(stripped), stripped))
            offset += len(piece) + 1
    return out


def language_rule(write_rule, **options) -> object:
    write_rule("words.tsv", "the\tdeterminer\nof\tpreposition\nand\tconjunction\nи\tconjunction\nв\tpreposition\n")
    body = "".join(f"{k}: {v}\n" for k, v in options.items())
    head = "code: XX801\ncheck: language\ndetect: langdetect\nmessage: m\nstopwords: words.tsv\n"
    path = write_rule("lang.yml", head + body)
    return load_rule(path)


def test_ascii_words_are_the_regex_words_wherever_all_letters_are_ascii():
    compared = 0
    for sentence in all_sentences():
        if not regex.search(r"(?V1)[[\p{L}\p{M}]--\p{ASCII}]", sentence):
            assert _ascii_content_words(sentence) == _content_words(sentence), sentence
            compared += 1
    assert compared > 1000


@pytest.mark.parametrize("options", [
    {},
    {"min_words": 1, "min_letters": 1, "stopword_share": 1.0},
    {"script": "Cyrillic", "language": "ru", "min_words": 1, "min_letters": 1, "stopword_share": 1.0},
])
def test_candidate_words_match_the_regex_computation(write_rule, options):
    check = language_rule(write_rule, **options)
    shipped = load_rule(DEFAULT_RULES_DIR / "untranslated.yml")
    returned = 0
    for sentence in all_sentences():
        for c in (check, shipped):
            got = c.candidate_words(sentence)
            assert got == reference_candidate_words(c, sentence), sentence
            returned += got is not None
    assert returned > 100


FOREIGN = [
    "Le ministre a déclaré que les pourparlers reprendraient après une courte pause.",
    "El ministro dijo que las conversaciones se reanudarían después de una breve pausa.",
    "Der Minister sagte, die Gespräche würden nach einer kurzen Pause fortgesetzt.",
    "Bakan, görüşmelerin kısa bir aradan sonra yeniden başlayacağını söyledi.",
    "Menteri mengatakan bahwa pembicaraan akan dilanjutkan setelah jeda singkat.",
    "Il governo ha annunciato nuove misure economiche per sostenere le famiglie.",
    "O governo anunciou novas medidas econômicas para apoiar as famílias.",
    "De regering kondigde nieuwe economische maatregelen aan om gezinnen te steunen.",
]
# Chunks where a function word touches something that makes it another word, or none.
GATE_CHUNKS = ["the", "of", "and", "a", "the,", "(the", "the)", "the-the", "'the", "the'", "don't", "don’t", "it's",
               "one's", "3rd", "3the", "the3", "a.b", "the.of", "x‘the", "the‘x", "e.g.", "a.m.", "www.the.com",
               "the@x.org", "#the", "@of", "http://the", "The", "THE", "tHe", "i̇", "İ", "ǅ", "ﬁ", "straße", "x-ray",
               "the\u0301", "и", "в", "Москва", "the\xa0of", "\x1cthe", "\u2028", "\ud800", "…", "—", "the—of", "1,000",
               "alpha.beta.gamma", "alpha,beta,gamma,delta", "x/y/z", "rock—paper—scissors", "un‘deux‘trois", "a1b2c3d"]
LANGUAGE_RULES = [
    {},
    {"min_words": 1, "min_letters": 1, "stopword_share": 1.0},
    {"min_words": 3, "min_letters": 5, "stopword_share": 0.1},
    {"script": "Cyrillic", "language": "ru", "min_words": 1, "min_letters": 1, "stopword_share": 0.5},
]


def gate_sentences() -> list[str]:
    """Article sentences, foreign ones, and random ones whose share of function words is around
    the threshold, with chunks that look like function words but are not one word."""
    rng = random.Random(5)
    content = [w for w in WORDS if w.casefold() not in {"the", "of", "and", "a"}] + FOREIGN[0].split()
    out = all_sentences() + FOREIGN
    for chunk in GATE_CHUNKS:
        out += [" ".join([chunk] * k + rng.sample(content, n)) for k in (1, 2, 3, 8) for n in (0, 1, 3, 6)]
    for _ in range(6000):
        share = rng.random() * 0.5
        pool = [GATE_CHUNKS if rng.random() < 0.3 else ["the", "of", "and", "a"], content]
        chunks = [rng.choice(pool[rng.random() >= share]) for _ in range(rng.randint(0, 25))]
        out.append("".join(c + rng.choice(("", " ", " ", " ", "  ", "\n", "\t", "\xa0")) for c in chunks))
    return out


@pytest.mark.parametrize("options", LANGUAGE_RULES)
def test_plainly_expected_sentences_are_those_the_words_reject(write_rule, options):
    write_rule("more.tsv", "".join(f"{w}\tx\n" for w in ["e.g.", "The", "don’t", "one's", "ǅ", "ﬁ", "straße", "x-ray",
                                                          "a.m.", "İ", "3rd", "ﬁ", "и", "в"]))
    tricky = load_rule(write_rule("tricky.yml", "code: XX802\ncheck: language\ndetect: langdetect\nmessage: m\n"
                                  "stopwords: more.tsv\nmin_words: 1\nmin_letters: 1\nstopword_share: 0.2\n"))
    checks = [language_rule(write_rule, **options), load_rule(DEFAULT_RULES_DIR / "untranslated.yml"), tricky]
    for check in checks:
        gated = kept = 0
        for sentence in gate_sentences():
            words = check._candidate_words(sentence)
            if check.plainly_expected(sentence):
                assert words is None, (sentence, words)
                gated += 1
            kept += words is not None
        assert gated > 300 and kept > 50


def test_most_article_sentences_are_plainly_english():
    check = load_rule(DEFAULT_RULES_DIR / "untranslated.yml")
    sentences = [s.text for text in ARTICLES for s in Document(text).sentences]
    assert sum(map(check.plainly_expected, sentences)) > 0.9 * len(sentences)
    assert not any(map(check.plainly_expected, FOREIGN))


def test_untranslated_passages_are_found_with_and_without_the_gate(monkeypatch):
    check = load_rule(DEFAULT_RULES_DIR / "untranslated.yml")
    rng = random.Random(6)
    texts = []
    for text in ARTICLES:
        paragraphs = text.split("\n\n")
        for _ in range(3):
            at = rng.randrange(len(paragraphs) + 1)
            paragraphs.insert(at, " ".join(rng.sample(FOREIGN, rng.randint(1, 3))))
        texts.append("\n\n".join(paragraphs))
    gated = [findings(check, text) for text in texts]
    assert sum(map(len, gated)) > 20
    monkeypatch.setattr(check, "plainly_expected", lambda sentence: False)
    assert [findings(check, text) for text in texts] == gated


def test_a_detection_depends_on_the_text_alone():
    texts = [" ".join(sentence.split()[:12]) for sentence in gate_sentences()[::150]] + FOREIGN
    fresh = [detect_language.__wrapped__(text) for text in texts]
    assert [detect_language.__wrapped__(text) for text in reversed(texts)][::-1] == fresh
    assert [detect_language(text) for text in texts + texts] == fresh + fresh
    assert sum(result is not None and result[0] != "en" for result in fresh) >= len(FOREIGN)


def test_pieces_are_the_sentences_outside_headings_split_at_line_breaks():
    check = load_rule(DEFAULT_RULES_DIR / "untranslated.yml")
    texts = ARTICLES + random_sentences(500, seed=2)
    texts.append("# Title\nText. More text\nand a line.\n\nShort head\n\nBody here.")
    for text in texts:
        doc = Document(text)
        assert list(check._pieces(doc)) == reference_pieces(doc), text


def test_the_foreign_letter_prefilter_finds_every_foreign_letter(write_rule):
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for script in ("Latin", "Cyrillic", "Greek"):
        rule = f"code: XX801\ncheck: language\ndetect: script\nscript: {script}\nmessage: m\n"
        path = write_rule(f"{script}.yml", rule)
        check = load_rule(path)
        foreign = check.foreign.findall(everything)
        assert len(foreign) > 1000
        assert set(foreign) <= set(check.maybe_foreign.findall(everything)), script


def test_script_runs_are_found_with_and_without_the_prefilter():
    check = load_rule(DEFAULT_RULES_DIR / "foreign-script.yml")
    rng = random.Random(4)
    pool = ["Москва", "правительство", "حكومة", "الوزير", "我们将继续投资", "λόγος", "µµµ", "ˆˆ", "end", "1990", ", ", "\n"]
    texts = ARTICLES + random_sentences(500, seed=4) + ["µµµµ µµµµ µµµµ µµµµ µµµµµµµµµµµµ ok", "ˆˆˆˆ " * 8]
    texts += [" ".join(rng.choice(pool) for _ in range(rng.randint(0, 15))) for _ in range(500)]
    fast = [[(f.start, f.end, f.message) for f in check.run(Document(t))] for t in texts]
    assert sum(map(bool, fast)) > 20
    check.maybe_foreign = regex.compile("(?s).")
    check.ascii_is_foreign = True
    assert [[(f.start, f.end, f.message) for f in check.run(Document(t))] for t in texts] == fast


# -- numbers: thousands separators ----------------------------------------------------------------


def test_thousands_are_found_where_the_full_scan_finds_them():
    rng = random.Random(7)
    pieces = ["0", "1", "7", "12", "123", "1234", "12345", "123456789", "1234567890", ",", ",000", ",12", ".", " ",
              "\u00a0", "-", "−", "–", "/", ":", "#", "+", "_", "a", "B", "é", "٣", "²", "\u0301", "\n", "(", ")", "%"]
    texts = ARTICLES + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert [m.span() for m in _thousands(text)] == [m.span() for m in _THOUSANDS.finditer(text)], text


# -- literal prefilters -----------------------------------------------------------------------------

ATOMS = ["a", "b", "A", "B", "i", "I", "s", "ı", "İ", "ſ", "K", "é", " ", "-", r"\.", r"\(", "[ab]", "[^a]", "[]a]", ".",
         r"\s", r"\w"]
ZERO_WIDTH = [r"\b", r"\B", "^", "$"]
QUANTIFIERS = ["", "", "", "?", "*", "+", "{0,2}", "{1,3}", "{2}", "{,2}", "??", "+?", "*+"]


def random_pattern(rng: random.Random, depth: int = 0) -> str:
    items = []
    for _ in range(rng.randint(0, 5)):
        roll = rng.random()
        if roll < 0.2 and depth < 2:
            inner = "|".join(random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3)))
            group = rng.choice(["(?:{})", "({})", "(?={})", "(?!{})"])
            items.append(group.format(inner) + (rng.choice(QUANTIFIERS) if group in ("(?:{})", "({})") else ""))
        elif roll < 0.3:
            items.append(rng.choice(ZERO_WIDTH))
        else:
            items.append(rng.choice(ATOMS) + rng.choice(QUANTIFIERS))
    return "".join(items)


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice("abAB isIS-.(ıİKſkéÉ") for _ in range(rng.randint(0, 25)))


def test_every_match_holds_one_of_the_required_strings():
    rng = random.Random(11)
    gated = checked = 0
    texts = [random_text(rng) for _ in range(150)]
    for _ in range(1500):
        source = "|".join(random_pattern(rng) for _ in range(rng.randint(1, 3)))
        for flags in (0, regex.IGNORECASE):
            try:
                pattern = regex.compile(source, flags)
            except regex.error:
                continue
            gate = LiteralGate.for_pattern(pattern)
            if gate is None:
                continue
            gated += 1
            for text in texts:
                for m in pattern.finditer(text, overlapped=True):
                    folded = literals._folded_text(Document(m.group())) if gate.ignorecase else m.group()
                    assert any(s in folded for s in gate.strings), (source, flags, text, m.group())
                if not gate.may_match(Document(text)):
                    assert pattern.search(text) is None, (source, flags, text)
                    checked += 1
    assert gated > 300 and checked > 10000


def test_case_insensitive_ascii_letters_are_found_in_the_folded_text():
    # Every character that regex matches with an ASCII character case-insensitively (K, the
    # Kelvin sign, for k; ſ for s; İ and ı for i) folds to that character.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for code in range(32, 127):
        ascii_char = chr(code)
        for c in regex.findall(regex.escape(ascii_char), everything, regex.IGNORECASE):
            for text in (c, c + "é"):  # the ASCII fast path and the casefold path
                assert ascii_char.casefold() in literals._folded_text(Document(text)), (ascii_char, c)


@pytest.mark.parametrize("source", [
    r"a{e<=1}", "(?i)abc", r"\p{L}abc", "[[:alpha:]]x", "a)b", "(?<name>ab)", "(?>ab)", r"(ab)\1", r"\Aabc",
    "[a-z]+", "a|", "(?:a|)", "x*", "[ab", r"abc\d{1,2}{e<=1}", "(?V1)abc",
])
def test_unknown_syntax_or_no_required_text_gives_no_prefilter(source):
    assert required_strings(source) is None


def test_required_strings_of_common_shapes():
    assert required_strings(r"[Tt]he organi[sz]ation(?: of)? [Tt]he Islamic State") == {"he Islamic State"}
    assert required_strings(r"\(?PBUH\)?|peace be upon him", ignorecase=True) == {"pbuh", "peace be upon him"}
    assert required_strings(r"(?<![\w-])(?:ab|cd)(?!\w|-\w)") == {"ab", "cd"}
    assert required_strings("ab?c") == {"a"}
    assert len(LiteralGate.for_pattern(regex.compile("|".join(f"word{i}" for i in range(10)))).strings) == 10
    assert LiteralGate.for_pattern(regex.compile("|".join(f"{i}word" for i in range(30)))) is None  # too many
    assert required_strings("(" * 5000 + "a" + ")" * 5000) is None  # too deep to read


SWAP_TEXTS = [
    "with the organization The Islamic State on the other; the Islamic State organisation, organization of ISIS",
    "the al-Qaeda organization; Al Qaida organization; the Hezbollah party; Hizbullah Party and ISIS organization",
    "the late king, may God have mercy on him, and the Prophet (PBUH); MAY ALLAH PROTECT HIM; peace be upon hİm",
    "God rest his soul. may god rest their souls. Peace Be Upon Him",
]


def literal_phrase_texts(check, rng: random.Random) -> list[str]:
    phrases = list(check.phrases.table)
    seps = [" ", "  ", "\n", ", ", " the ", ". ", "-", ""]
    out = []
    for _ in range(300):
        words = []
        for _ in range(rng.randint(1, 6)):
            phrase = rng.choice(phrases)
            phrase = rng.choice([phrase, phrase.upper(), phrase.title(), phrase.replace(" ", rng.choice(seps))])
            words.append(phrase)
        out.append(rng.choice(seps).join(words))
    return out


def findings(check, text: str) -> list:
    return [(f.start, f.end, f.message, f.suggestions, f.fix) for f in check.run(Document(text))]


@pytest.mark.parametrize("rule", ["organization-calque.yml", "name-calques.yml", "religious-formulas.yml"])
def test_prefilters_change_no_finding(rule, monkeypatch):
    check = load_rule(DEFAULT_RULES_DIR / rule)
    texts = ARTICLES + SWAP_TEXTS + [t.replace("e", "é") for t in SWAP_TEXTS] + random_sentences(300, seed=3)
    if getattr(check, "phrases", None) is not None:
        texts += literal_phrase_texts(check, random.Random(13))
    fast = [findings(check, text) for text in texts]
    assert sum(map(bool, fast)) >= 3
    monkeypatch.setattr(check, "gate", None)
    monkeypatch.setattr(type(check), "_phrases_may_match", lambda self, doc: True, raising=False)
    assert [findings(check, text) for text in texts] == fast


def test_prefilters_of_user_rules(write_rule):
    write_rule("a.yml", "code: XX311\ncheck: existence\nmessage: m\nignorecase: true\nexceptions: [Foo bar]\n"
               "tokens: ['foo\\s+bar', 'x{e<=1}', 'baz(?=qux)']\n")
    write_rule("b.yml", "code: XX301\ncheck: substitution\nmessage: m\nnonword: true\n"
               "swap:\n  'ab+c': X\n  '(?:de|fg)h': Y\n")
    write_rule("c.yml", "code: XX302\ncheck: substitution\nmessage: m\nregex: false\n"
               "swap:\n  'U.S. Army': US Army\n  'Big Red': red\n")
    rng = random.Random(17)
    pool = ["foo", "FOO", "bar", "Bar", " ", "\n", "x", "y", "baz", "qux", "ab", "bc", "c", "de", "fg", "h", "U.S.",
            "Army", "Big", "Red", "red", "big", ".", "İ", "Big Red", "BIG  RED", "big red", "U.S. Army", "U.S.\nArmy"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    for path in sorted(write_rule.folder.glob("*.yml")):
        check = load_rule(path)
        fast = [findings(check, text) for text in texts]
        assert any(fast), path.name
        check.gate = None
        if getattr(check, "phrases", None) is not None:
            check._phrases_may_match = lambda doc: True
        assert [findings(check, text) for text in texts] == fast, path.name


# -- langdetect's probability table, filled on demand ---------------------------------------------


def test_the_lazy_langdetect_table_gives_the_probabilities_of_the_full_one():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from tqcheck.checks.language import _lazy_factory

    DetectorFactory.seed = 0
    eager = DetectorFactory()
    eager.load_profile(PROFILES_DIRECTORY)
    lazy = _lazy_factory(DetectorFactory, PROFILES_DIRECTORY)
    assert lazy.langlist == eager.langlist
    texts = all_sentences()[:150] + [
        "El ministro dijo que las conversaciones se reanudarían después de una pausa.",
        "Le ministre a déclaré que les pourparlers reprendraient après une pause.",
        "Der Minister sagte, die Gespräche würden nach einer Pause fortgesetzt.",
        "قال الوزير إن المحادثات ستستأنف بعد توقف", "Министр сказал, что переговоры возобновятся.",
        "xqzj vvkk ppl", "", "123 456", "Cumhurbaşkanı Erdoğan açıklama yaptı ve görüşmeler sürecek dedi.",
    ]
    for text in texts:
        results = []
        for factory in (eager, lazy):
            detector = factory.create()
            detector.append(text)
            try:
                results.append([(r.lang, r.prob) for r in detector.get_probabilities()])
            except Exception as exc:  # langdetect's "no features in text"
                results.append(type(exc).__name__)
        assert results[0] == results[1], text
    table = lazy.word_lang_prob_map
    assert 1000 < len(table) < len(eager.word_lang_prob_map)  # only what the texts asked for
    assert all(eager.word_lang_prob_map[gram] == probabilities for gram, probabilities in table.items())
    for gram in ["zzzz", "\u4e00\u4e01\u4e02", " q", "the", "ث"]:
        assert (gram in table) == (gram in eager.word_lang_prob_map), gram
