"""``language``: passages left untranslated, in another script or another language.

Each rule picks one ``detect`` mode, both cheap first:

- ``script``: a run of letters outside the expected ``script`` (by default the script of the
  expected ``language``: Latin for English, Cyrillic for Russian; see LANGUAGE_SCRIPTS): Arabic,
  Persian, Hebrew, Cyrillic, Greek, Chinese, Japanese, Korean, Devanagari... Spaces, digits and
  punctuation may sit inside the run; a letter of the expected script ends it. A run is reported
  when it has at least ``min_words`` words and ``min_letters`` letters (for scripts written
  without spaces, such as Chinese or Thai, at least ``min_ideographs`` characters). A shorter
  fragment of at least ``fragment_words`` words and ``fragment_letters`` letters (characters
  without spaces) is reported too unless it is a gloss (see ``is_gloss``): a phrase an editor
  keeps on purpose. @handles and #hashtags are no words. The finding names the script; no
  language detector is needed.
- ``langdetect``: a sentence in the expected script but in another language. Names (capitalised
  words after the first, acronyms), @handles, #hashtags, URLs and e-mail addresses are set
  aside; a sentence with fewer than ``min_words`` other words or ``min_letters`` letters is
  skipped, and so is one in which at least ``stopword_share`` of the words are function words of
  the expected language (``stopwords``, a TSV file; ``{language}`` in its path stands for the
  expected language, so that ``--language fr`` takes the French list). Languages written without
  spaces (Chinese, Japanese, Korean, Thai...) need no list: their sentences are in another script,
  and every Latin sentence is weighed by langdetect. Only what is left goes to langdetect (seeded, so the
  result is the same on every run), and a sentence is reported when the most probable language
  is not ``language`` with a probability of at least ``threshold``. Consecutive sentences of one
  paragraph in the same language are one finding. Inside a sentence that passes, a run of at least
  ``fragment_words`` small words, none a function word of the expected language and at least
  ``fragment_function_words`` of them function words of one other language (the other lists of
  ``stopwords``), is a clause left untranslated when langdetect agrees and it is no gloss. A
  language without a list (Somali, Swahili, Welsh...) has no function words to go by: a run of
  ``fragment_words`` different words between commas is such a clause when its n-grams are, on
  average, ``fragment_margin`` (a log-likelihood ratio) likelier in that language's langdetect
  profile than in the expected language's, and langdetect agrees.

A paragraph that announces a language in brackets ("[in French]", as transcripts do) quotes that
language on purpose: no finding there in that language.

There is no fix: a translator has to translate the passage.
"""

from __future__ import annotations

import math
import os
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter, sub
from pathlib import Path

import regex

from ..document import Document
from ..model import Finding
from .base import Check, Param, RuleDataError

# URLs, e-mail addresses, @handles and #hashtags: what a sentence cites, not its wording.
LINKS = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#][\w_]+|\b\w+\.(?:com|org|net|gov|edu)(?:/\S*)?\b")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
# In a sentence where _NON_ASCII_LETTER finds nothing (every letter is ASCII and there is no
# mark), stdlib ``re`` finds the same words as _WORD several times faster.
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# The UTF-8 bytes that cannot separate two words within a run of non-space characters.
_WORD_OR_SPACE_BYTES = (string.ascii_letters + "'-" + string.whitespace).encode()
_NON_ASCII_LETTER = regex.compile(r"(?V1)[[\p{L}\p{M}]--\p{ASCII}]")
_FIRST_CHARS = itemgetter(0)
# What may part two words of one foreign clause.
_FRAGMENT_GAP = re.compile(r"[\s,\d]*")
_OPENERS = "\"“«‘([—–"  # what may open a chunk before the first word of a quotation
_CLOSERS = ",.;:!?\"”»’')]"  # what may close a chunk after a word
# What opens a quotation before a word: a quotation mark after a space, bracket, colon or dash.
_OPENS_QUOTATION = re.compile(r"(?:\A|[\s(\[:—–])[\"“«‘]\s*\Z")
# Scripts written without spaces between words: characters count instead of words.
_UNSPACED = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN"})
_SCRIPT_NAMES = {
    "CJK": "Chinese (Han)",
    "HIRAGANA": "Japanese (Hiragana)",
    "KATAKANA": "Japanese (Katakana)",
    "HANGUL": "Korean (Hangul)",
}
# Letters of the Arabic script that Arabic does not use, by the language that adds them, most
# telling first: Urdu, Sorani Kurdish and Pashto also write the Persian ones (pe, che, zhe, gaf,
# keheh, Farsi yeh), which Persian and Dari write with no others.
_ARABIC_SCRIPT_LANGUAGES = (
    ("Urdu", frozenset("\u0679\u0688\u0691\u06ba\u06c1\u06d2")),  # ٹ ڈ ڑ ں ہ ے
    ("Sorani Kurdish", frozenset("\u0695\u06b5\u06c6\u06ce\u06d5")),  # ڕ ڵ ۆ ێ ە
    ("Pashto", frozenset("\u067c\u0689\u0693\u0696\u069a\u06ab\u06bc\u06cd\u06d0")),  # ټ ډ ړ ږ ښ ګ ڼ ۍ ې
    ("Persian", frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")),  # پ چ ژ گ ک ی
)
# Languages langdetect knows, for messages.
LANGUAGE_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "so": "Somali", "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh-cn": "Chinese", "zh-tw": "Chinese",
}


# The scripts of the languages (langdetect codes) not written in Latin letters that a rule may
# expect: --language ru makes Cyrillic the expected script, so Russian text is no foreign passage.
LANGUAGE_SCRIPTS = {
    "bg": "Cyrillic", "ru": "Cyrillic", "uk": "Cyrillic", "mk": "Cyrillic", "el": "Greek",
    "zh-cn": "Han", "zh-tw": "Han", "ja": "Han+Hiragana+Katakana", "ko": "Hangul+Han", "th": "Thai",
}
# Languages written without spaces between words (langdetect codes): no function-word list.
UNSPACED_LANGUAGES = frozenset({"ja", "ko", "th", "zh-cn", "zh-tw"})
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2})?")


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


# A short foreign phrase an editor keeps: the whole content of brackets, after at most a short
# label ("the Baath Party (Arabic: حزب البعث)"), or followed, after the end of its quotation and
# its own punctuation ("هل أنت بخير؟ (are you well?)"), by its translation in brackets, after a
# dash or after "meaning".
_GLOSS_BRACKET_BEFORE = regex.compile(r"[(\[]\s*(?:[\p{L} .]{1,25}[:,]\s*)?[\"“«']?\s*\Z")
_GLOSS_BRACKET_AFTER = regex.compile(r"[\"”»']?\s*(?:[,;][^()\[\]\n]{0,60})?[)\]]")
# "the name is written <Arabic>": a spelling shown as one (not "the banner read <text>", which
# is the untranslated text itself).
_SPELLING_SHOWN_BEFORE = regex.compile(r"\b(?:is|are|was|were)\s+(?:written|spelt|spelled)(?:\s+as)?\s*\Z")
_QUOTED_LINE_AFTER = regex.compile(r"[ \t\r]*\n\s*[\"“«]")
_GLOSS_TRANSLATION_AFTER = regex.compile(
    r"(?:[^\n\"“”«»]{0,120}?[\"”»])?[\s,;:.?!،؛؟]*(?:[(\[]|[—–]|--|(?:meaning|literally|which means|translated as|i\.e\.)\b)")
# Arabic particles as MT transliterates them, and the article on a word ("al-", "el-", or
# assimilated: "ash-shams"): a run of small words dense with the first, next to the second, is
# Arabic in Latin letters ("wa kana fi al-bayt").
_ROMANIZED_ARABIC_PARTICLES = frozenset(
    "wa fa fi fil bi bil li lil ila ala min mina an anna inna ma la lam lan qad hatta mundhu "
    "ma'a inda bayna ba'd qabl hadha hadhihi dhalik alladhi allati huwa hiya kana laysa".split())
_ROMANIZED_ARABIC_ARTICLE = re.compile(r"(?:al|el|ash|adh|ath)-[a-z']")
# A paragraph of a transcript that announces the language of what follows: "MORENO [in Spanish]:".
_ANNOUNCED_LANGUAGE = regex.compile(r"[\[(]\s*in\s+(\p{Lu}\p{Ll}+)\s*[\])]", regex.IGNORECASE)


def is_gloss(text: str, start: int, end: int) -> bool:
    """Whether the foreign phrase ``text[start:end]`` is glossed as a news editor accepts it: a
    name or term in brackets after its English form, a quotation followed by its translation,
    or a spelling shown as one ("the name is written خالد", "spelt ...")."""
    before = text[max(0, start - 32) : start]
    if _GLOSS_BRACKET_BEFORE.search(before) and _GLOSS_BRACKET_AFTER.match(text, end):
        return True
    if (not start or text[start - 1] == "\n") and _QUOTED_LINE_AFTER.match(text, end):
        return True  # a line of its own, then its translation in quotes ("Bread, freedom ...")
    return bool(_GLOSS_TRANSLATION_AFTER.match(text, end) or _SPELLING_SHOWN_BEFORE.search(before))


def _phrase_pattern(phrases) -> regex.Pattern | None:
    """A pattern of the given phrases as whole words, any case, any space, either apostrophe."""
    alternatives = [
        r"\s+".join(regex.escape(w).replace("'", "['’]") for w in phrase.replace("’", "'").split())
        for phrase in sorted(phrases, key=len, reverse=True) if phrase.split()]
    return regex.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", regex.IGNORECASE) if alternatives else None


def announced_languages(paragraph: str) -> set[str]:
    """The languages a paragraph announces in brackets, casefolded ("[in French]" -> french)."""
    return {m.group(1).casefold() for m in _ANNOUNCED_LANGUAGE.finditer(paragraph)}


def _function_word_lists(template: Path) -> dict[str, Path]:
    """Language code -> path of each list that ``template`` (``{language}`` in its name) names."""
    prefix, _, suffix = template.name.partition("{language}")
    return {
        p.name[len(prefix) : len(p.name) - len(suffix)]: p
        for p in sorted(template.parent.glob(f"{prefix}*{suffix}"))}


def function_word_rows(rule_path: str, template: str | None, language: str) -> list[tuple]:
    """The rows of the function-word list of ``language``: ``template`` is a path relative to the
    rule file, where ``{language}`` (in the file name) stands for the code. Raises RuleDataError
    naming the languages that have a list when ``language`` has none (a language written without
    spaces needs none), so that ``--language`` never silently keeps another language's list."""
    from ..rulefile import read_tsv  # the loader's reader: the same errors, with file and line

    if not template:
        return []
    if "{language}" not in template:
        return read_tsv(Path(rule_path).parent / template)
    if not _LANGUAGE_CODE.fullmatch(language):
        raise RuleDataError(f"{language!r} is not a language code (a langdetect code such as fr or pt)", ("language",))
    path = Path(rule_path).parent / template.replace("{language}", language)
    if path.is_file():
        return read_tsv(path)
    if language in UNSPACED_LANGUAGES:
        return []
    known = sorted(_function_word_lists(Path(rule_path).parent / template))
    raise RuleDataError(
        f"no list of {language_name(language)} function words ({path.name}), so {language!r} cannot be told from "
        f"other languages; lists exist for {', '.join(known) or 'no language'}", ("stopwords",))


@lru_cache(maxsize=8)
def other_function_words(rule_path: str, template: str | None, language: str) -> dict[str, tuple[str, ...]]:
    """Word -> the other languages whose function word it is, from the lists next to the list of
    ``language`` (``template`` as for ``function_word_rows``), leaving out the function words of
    ``language`` itself. Empty when ``template`` names one list only. Kept: some 30 lists take
    longer to read than the rest of the rule. Only their first column is read, in one pass per
    file (the checked reader took 15 ms a start over the 30 lists); the list of ``language`` is
    read, and checked, by function_word_rows."""
    if not template or "{language}" not in template:
        return {}
    own = {w.casefold() for w, _c, _l in function_word_rows(rule_path, template, language)}
    languages: dict[str, list[str]] = {}
    for code, list_path in _function_word_lists(Path(rule_path).parent / template).items():
        if code == language or not _LANGUAGE_CODE.fullmatch(code):
            continue
        try:
            text = list_path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleDataError(f"cannot read {list_path}: {exc}") from None
        words = [line.partition("\t")[0].strip() for line in text.casefold().splitlines()]
        for folded in dict.fromkeys(w for w in words if w and not w.startswith("#")):
            if folded not in own:
                languages.setdefault(folded, []).append(code)
    return {word: tuple(codes) for word, codes in languages.items()}


@lru_cache(maxsize=1)
def _detector():
    """langdetect, imported on first use and seeded so that every run gives the same answer."""
    from langdetect import DetectorFactory, detect_langs, detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    if detector_factory._factory is None and hasattr(detector_factory, "PROFILES_DIRECTORY"):
        detector_factory._factory = _lazy_factory(DetectorFactory, detector_factory.PROFILES_DIRECTORY)
    return detect_langs, LangDetectException


class _Probabilities(dict):
    """langdetect's table of n-gram -> probability in each language, filled for an n-gram when
    a detection first asks for it. langdetect fills it for all n-grams of its 55 profiles when it
    loads them (0.4 s, most of a short run); the values are computed as ``add_profile`` does."""

    def __init__(self, profiles: list[tuple[dict, list[int]]], size: int) -> None:
        super().__init__()
        self.profiles = profiles  # (n-gram counts, n-grams of each length) per language, in load order
        self.size = size

    def __contains__(self, gram) -> bool:
        return dict.__contains__(self, gram) or self._fill(gram) is not None

    def __missing__(self, gram):
        probabilities = self._fill(gram)
        if probabilities is None:
            raise KeyError(gram)
        return probabilities

    def _fill(self, gram) -> list[float] | None:
        if not any(gram in freq for freq, _n in self.profiles):
            return None
        probabilities = [0.0] * self.size
        if 1 <= len(gram) <= 3:
            for index, (freq, n_words) in enumerate(self.profiles):
                if gram in freq:
                    probabilities[index] = 1.0 * freq[gram] / n_words[len(gram) - 1]
        self[gram] = probabilities
        return probabilities


def _lazy_factory(factory_class, folder: str):
    """A langdetect DetectorFactory loaded as ``load_profile(folder)`` loads one (same files, same
    order, same language list), with a ``_Probabilities`` table."""
    import json

    names = os.listdir(folder)
    profiles, langlist = [], []
    for name in names:
        path = os.path.join(folder, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        langlist.append(data["name"])
        profiles.append((data["freq"], data["n_words"]))
    factory = factory_class()
    factory.langlist = langlist
    factory.word_lang_prob_map = _Probabilities(profiles, len(names))
    return factory


@lru_cache(maxsize=1024)
def detect_language(text: str) -> tuple[str, float] | None:
    """(language code, probability) of the most probable language, or None when undecidable.
    Kept for texts met again (boilerplate, or one source translated by several systems): each
    detection starts from the same seed, so the answer depends on the text alone."""
    detect_langs, error = _detector()
    try:
        ranked = detect_langs(text)
    except error:
        return None
    if not ranked:
        return None
    top = ranked[0]
    return top.lang, float(top.prob)


# langdetect's languages not written in Latin letters: no clause in Latin letters reads as one.
_NON_LATIN_LANGUAGES = frozenset(
    "ar bg bn el fa gu he hi ja kn ko mk ml mr ne pa ru ta te th uk ur zh-cn zh-tw".split())
_SMOOTHING = 0.5 / 10000  # langdetect's: ALPHA_DEFAULT / BASE_FREQ


@lru_cache(maxsize=1)
def _profile_languages() -> tuple[str, ...]:
    """The languages of langdetect's profiles, without loading them (none where langdetect does
    not say where they are)."""
    from langdetect import detector_factory

    folder = getattr(detector_factory, "PROFILES_DIRECTORY", None)
    return tuple(sorted(name for name in os.listdir(folder) if not name.startswith("."))) if folder else ()


@lru_cache(maxsize=None)
def _profile(language: str) -> tuple[dict[str, int], list[int]] | None:
    """langdetect's profile of one language: n-gram -> count, and the count of n-grams of each
    length; None when langdetect has none. Read alone: a detection reads all 55 (0.2 s)."""
    import json

    from langdetect.detector_factory import PROFILES_DIRECTORY

    if language not in _profile_languages():
        return None
    with open(os.path.join(PROFILES_DIRECTORY, language), encoding="utf-8") as handle:
        data = json.load(handle)
    return data["freq"], data["n_words"]


def _ngrams(text: str) -> list[str]:
    """The n-grams of ``text`` that a langdetect detection weighs, as Detector.append and
    Detector._extract_ngrams extract them (less the filter by the profiles)."""
    from langdetect.utils.ngram import NGram

    grams, ngram = [], NGram()
    for ch in NGram.normalize_vi(text):
        ngram.add_char(ch)
        if ngram.capitalword:
            continue
        for n in (1, 2, 3):
            if len(ngram.grams) < n:
                break
            gram = ngram.grams[-n:]
            if gram and gram != " ":
                grams.append(gram)
    return grams


@lru_cache(maxsize=1024)
def likelihood_ratios(text: str, other: str, languages: tuple[str, ...]) -> dict[str, float]:
    """The mean log-likelihood ratio, per n-gram of ``text``, of each of ``languages`` over
    ``other`` in langdetect's profiles (n-grams that none of them knows left out); empty when
    ``other`` is unknown to langdetect or no n-gram is known. langdetect's own probability, from a
    random sample of n-grams normalised over its 55 languages, is near 1 for four English words
    that merely look Danish ("federal funds target range"); this ratio weighs every n-gram and
    stays under 0.3 for them, against 0.5 and more for a clause really in another language. It
    reads the profiles of these languages alone, so an English article is checked without
    loading langdetect's 55."""
    profiles = {code: _profile(code) for code in dict.fromkeys((other, *languages))}
    profiles = {code: profile for code, profile in profiles.items() if profile}
    if other not in profiles:
        return {}
    grams = [g for g in _ngrams(text) if any(g in freq for freq, _n in profiles.values())]
    if not grams:
        return {}
    log = math.log

    def log_likelihood(code: str) -> float:
        freq, counts = profiles[code]
        return sum(log(_SMOOTHING + freq.get(g, 0) / counts[len(g) - 1]) for g in grams)

    base = log_likelihood(other)
    return {code: (log_likelihood(code) - base) / len(grams) for code in profiles if code in languages}


def _letters_of(letters: list[str]) -> str | None:
    """The language whose own letters an Arabic-script passage holds (Urdu, Persian...), if any:
    the finding tells an editor what MT left untranslated."""
    present = set(letters)
    return next((language for language, own in _ARABIC_SCRIPT_LANGUAGES if own & present), None)


def _script_of(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"


# ASCII, Latin-1, and the punctuation, super- and subscript and currency blocks (curly quotes,
# dashes, the euro): the characters of most English text.
_COMMON_BLOCKS = ((0x0000, 0x00FF), (0x2000, 0x20CF))


def _foreign_prefilter(foreign: regex.Pattern) -> regex.Pattern:
    """A plain class of every character but the common ones that ``foreign`` does not match: it
    finds every foreign letter, and ``regex`` scans for it several times faster than for a
    class of scripts, so a document without any is done in one quick scan."""
    ranges = []
    for low, high in _COMMON_BLOCKS:
        foreign_here = set(foreign.findall("".join(map(chr, range(low, high + 1)))))
        start = None
        for code in range(low, high + 2):
            if code <= high and chr(code) not in foreign_here:
                start = code if start is None else start
            elif start is not None:
                ranges.append(f"\\U{start:08x}-\\U{code - 1:08x}")
                start = None
    return regex.compile(f"[^{''.join(ranges)}]")


def may_hold_link(text: str) -> bool:
    """Whether ``text`` may hold a LINKS match: every match holds one of these strings, so the
    costly substitution runs only where one appears (a chain of ``in`` is the fastest test)."""
    return (
        "@" in text or "#" in text or "://" in text or "www." in text or ".com" in text
        or ".org" in text or ".net" in text or ".gov" in text or ".edu" in text
    )


def _content_words(sentence: str) -> list[str]:
    """The words of the sentence except acronyms and capitalised words after the first (names):
    they say nothing of the language."""
    tokens = _WORD.findall(sentence)
    words = [t for t in tokens[1:] if not t[0].isupper() and not (len(t) > 1 and t.isupper())]
    if tokens and not (len(tokens[0]) > 1 and tokens[0].isupper()):
        words.insert(0, tokens[0])
    return words


def _ascii_content_words(sentence: str) -> list[str]:
    """``_content_words`` for a sentence whose letters are all ASCII, where a word that does not
    start with a capital starts with a small letter, and so is neither a name nor an acronym."""
    tokens = _ASCII_WORD.findall(sentence)
    words = list(compress(tokens, map(str.islower, map(_FIRST_CHARS, tokens))))
    if tokens and tokens[0][0].isupper() and not (len(tokens[0]) > 1 and tokens[0].isupper()):
        words.insert(0, tokens[0])
    return words


class Language(Check):
    kind = "language"
    keys = {
        "detect": Param("str", required=True, choices=("script", "langdetect")),
        "language": Param("str", "en", help="the expected language (a langdetect code)"),
        "script": Param("str", None, help="the expected script: Unicode script names joined by '+' (default: the language's, Latin for most)"),
        "min_words": Param("int", 5, help="shorter spans are not reported"),
        "min_letters": Param("int", 25, help="spans with fewer letters are not reported"),
        "min_ideographs": Param("int", 10, help="script: fewest characters of a script written without spaces"),
        "threshold": Param("number", 0.9, help="langdetect: lowest probability of the other language"),
        "stopwords": Param("str", None, help="langdetect: TSV of function words of the expected language ({language} in the path stands for it)"),
        "stopword_share": Param("number", 0.2, help="langdetect: this share of function words means the expected language"),
        "fragment_words": Param("int", 0, help="fewest words of a fragment inside a sentence (0: no fragments)"),
        "fragment_letters": Param("int", 5, help="script: fewest letters of a fragment"),
        "fragment_function_words": Param("int", 2, help="langdetect: fewest function words of one other language in a fragment"),
        "fragment_margin": Param("number", 0, help="langdetect: for a fragment in a language without function words, lowest likelihood ratio per n-gram over the expected language (0: no such fragments)"),
    }

    def compile(self, options: dict) -> None:
        self.detect = options["detect"]
        self.language = options["language"].lower()
        self.min_words = options["min_words"]
        self.min_letters = options["min_letters"]
        self.min_ideographs = options["min_ideographs"]
        self.threshold = float(options["threshold"])
        self.stopword_share = float(options["stopword_share"])
        self.fragment_words = options["fragment_words"]
        self.fragment_letters = options["fragment_letters"]
        self.fragment_function_words = options["fragment_function_words"]
        self.fragment_margin = float(options["fragment_margin"])
        rows = function_word_rows(self.rule.path, options["stopwords"], self.language) if self.detect == "langdetect" else []
        self.stopwords = frozenset(w.casefold() for w, _c, _l in rows)
        if not 0 < self.threshold <= 1 or not 0 <= self.stopword_share <= 1:
            raise RuleDataError("threshold must be in (0, 1] and stopword_share in [0, 1]")
        if min(self.min_words, self.min_letters, self.min_ideographs, self.fragment_letters, self.fragment_function_words) < 1:
            raise RuleDataError("min_words, min_letters, min_ideographs, fragment_letters and fragment_function_words must be positive")
        if self.fragment_words < 0:
            raise RuleDataError("fragment_words must be 0 (no fragments) or more", ("fragment_words",))
        if self.fragment_margin < 0:
            raise RuleDataError("fragment_margin must be 0 (no such fragments) or more", ("fragment_margin",))
        # Fragments need the function words of the expected language (they end a fragment) and of others.
        wants_fragments = self.detect == "langdetect" and self.fragment_words and self.stopwords
        self.other_function_words = (
            other_function_words(self.rule.path, options["stopwords"], self.language) if wants_fragments else {})
        self.borrowed = _phrase_pattern(self.rule.exceptions) if wants_fragments else None
        self.fragment_markers = frozenset(self.other_function_words).union(_ROMANIZED_ARABIC_PARTICLES if wants_fragments else ())
        # The languages with a list: a fragment in one of them is known by its function words.
        self.listed_languages = frozenset(code for codes in self.other_function_words.values() for code in codes)
        self.unlisted_languages: tuple[str, ...] | None = None  # read off langdetect's profiles on first use
        script = options["script"] or LANGUAGE_SCRIPTS.get(self.language, "Latin")
        expected = "".join(rf"\p{{Script={name.strip()}}}" for name in script.split("+"))
        try:
            self.expected = regex.compile(f"[{expected}]")
            self.foreign = regex.compile(rf"(?V1)[\p{{L}}--[{expected}]]")
            letter = rf"[\p{{L}}--[{expected}]]"
            self.run_pattern = regex.compile(rf"(?V1){letter}(?:[^\n{expected}]*{letter})?\p{{M}}*")
            self.ascii_is_foreign = bool(self.foreign.search(string.ascii_letters))
            self.maybe_foreign = _foreign_prefilter(self.foreign)
        except regex.error:
            raise RuleDataError(f"unknown script {script!r} (a Unicode script name such as Latin or Cyrillic)", ("script",)) from None
        # The function words that, standing between spaces, are one word that candidate_words
        # keeps and counts as a function word (its folding turns ’ into ', and casefolding a
        # casefolded word changes nothing).
        self.lone_function_words = frozenset(
            w for w in self.stopwords
            if _WORD.fullmatch(w) and "’" not in w and not w[0].isupper()
            and not (len(w) > 1 and w.isupper()) and not self.foreign.search(w)
        )
        if self.detect == "langdetect" and not self.stopwords and self.language not in UNSPACED_LANGUAGES:
            raise RuleDataError("stopwords: a langdetect rule needs the function words of its language", ("stopwords",))

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.detect == "script":
            yield from self._scripts(doc)
        else:
            yield from self._languages(doc)

    # -- script ------------------------------------------------------------------------------

    def _scripts(self, doc: Document) -> Iterator[Finding]:
        if (doc.text.isascii() and not self.ascii_is_foreign) or not self.maybe_foreign.search(doc.text):
            return  # no letter of another script: the run pattern would scan for nothing
        for m in self.run_pattern.finditer(doc.text):
            letters = self.foreign.findall(m.group())
            scripts = Counter(_script_of(ch) for ch in letters)
            script, _n = min(scripts.items(), key=lambda kv: (-kv[1], kv[0]))
            words = self._run_words(doc.text, m.start(), m.end())
            if script in _UNSPACED:
                passage = len(letters) >= self.min_ideographs
                fragment = len(letters) >= self.fragment_letters
            else:
                passage = words >= self.min_words and len(letters) >= self.min_letters
                fragment = words >= self.fragment_words and len(letters) >= self.fragment_letters
            if not passage and not (self.fragment_words and fragment and not is_gloss(doc.text, m.start(), m.end())):
                continue
            block = doc.block_at(m.start())
            if block is not None and announced_languages(block.text):
                continue  # a transcript's "[in Arabic]": quoted on purpose
            size = f"{len(letters)} characters" if script in _UNSPACED else f"{words} words"
            name = _SCRIPT_NAMES.get(script, script.title())
            data = {"script": name, "letters": len(letters), "words": words}
            letters_of = _letters_of(letters) if script == "ARABIC" else None
            if letters_of:
                data["letters_of"] = letters_of
            yield self.finding(
                doc, m.start(), m.end(), data=data, script=name, letters=len(letters), words=words, size=size,
                letters_of=f" ({letters_of} letters)" if letters_of else "",
            )

    def _run_words(self, text: str, start: int, end: int) -> int:
        """The words of the run ``text[start:end]`` that hold a letter of another script; an
        @handle or a #hashtag is no word."""
        chunks = text[start:end].split()
        words = sum(1 for c in chunks if c[0] not in "#@" and self.foreign.search(c))
        if chunks and start and text[start - 1] in "#@" and self.foreign.search(chunks[0]):
            words -= 1  # the run starts inside a hashtag
        return words

    # -- langdetect --------------------------------------------------------------------------

    def _pieces(self, doc: Document) -> Iterator[tuple[int, int, int, str]]:
        """(block number, start, end, text) of each sentence outside headings, split at line
        breaks. A headline has few function words and misleads langdetect."""
        blocks = doc.blocks
        block_no = 0
        for span in doc.sentences:
            while blocks[block_no].end <= span.start:
                block_no += 1  # every block holds at least one sentence
            if blocks[block_no].is_heading:
                continue
            if "\n" not in span.text:  # sentences are stripped already
                yield block_no, span.start, span.end, span.text
                continue
            offset = span.start
            for piece in span.text.split("\n"):
                stripped = piece.strip()
                if stripped:
                    start = offset + len(piece) - len(piece.lstrip())
                    yield block_no, start, start + len(stripped), stripped
                offset += len(piece) + 1

    def candidate_words(self, sentence: str) -> list[str] | None:
        """The words langdetect should see, or None when the sentence cannot be foreign."""
        if self.plainly_expected(sentence):
            return None
        return self._candidate_words(sentence)

    def plainly_expected(self, sentence: str) -> bool:
        """True when ``_candidate_words`` surely rejects the sentence, decided from its chunks
        between spaces instead of its words: most sentences of an article are this plain.

        A word holds no space, and two words in one chunk are parted by a character that is not a
        letter, an apostrophe or a hyphen: chunks plus such characters (counted in UTF-8 bytes,
        one or more each) are at least the words (taking URLs out only shortens or drops words).
        A chunk that is a lone function word is one word that ``_candidate_words`` keeps and
        counts as a function word."""
        chunks = sentence.split()
        separators = sentence.encode("utf-8", "surrogatepass").translate(None, _WORD_OR_SPACE_BYTES)
        most = len(chunks) + len(separators)
        function = sum(map(self.lone_function_words.__contains__, chunks))
        return most < self.min_words or function >= self.stopword_share * most

    def _candidate_words(self, sentence: str) -> list[str] | None:
        """``candidate_words`` computed from the sentence's words."""
        ascii_letters = sentence.isascii() or not _NON_ASCII_LETTER.search(sentence)
        foreign = self.foreign.search(sentence) if self.ascii_is_foreign or not ascii_letters else None
        if foreign:  # rare: count letters only when another script appears
            letters = regex.findall(r"\p{L}", sentence)
            n_foreign = sum(1 for ch in letters if not self.expected.match(ch))
            if not letters or n_foreign * 2 > len(letters):
                return None  # another script: the script rule's business
        if may_hold_link(sentence):
            sentence = LINKS.sub(" ", sentence)
        words = _ascii_content_words(sentence) if ascii_letters else _content_words(sentence)
        if foreign:
            words = [t for t in words if not self.foreign.search(t)]
        if len(words) < self.min_words or sum(map(len, words)) < self.min_letters:
            return None
        # casefold maps character by character, so folding the joined words folds each one.
        folded = " ".join(words).casefold().replace("’", "'").split(" ")
        function = sum(map(self.stopwords.__contains__, folded))
        if function >= self.stopword_share * len(words):
            return None
        return words

    def _sentence_language(self, sentence: str) -> tuple[str, float] | None:
        """(language, probability) when the whole sentence is in another language."""
        words = self.candidate_words(sentence)
        result = detect_language(" ".join(words)) if words is not None else None
        if result is None or not self._foreign_verdict(*result):
            return None
        return result

    def _foreign_verdict(self, lang: str, prob: float) -> bool:
        return lang.split("-")[0] != self.language.split("-")[0] and prob >= self.threshold

    def _fragments(self, sentence: str) -> Iterator[tuple[int, int, str, float | None]]:
        """(start, end, language, probability) of each clause in another language inside a
        sentence of the expected language, a run of small words that is one of: dense with
        another language's function words, which langdetect reads as that language; dense with
        Arabic particles in Latin letters, next to a word with the article ("fi al-madina"),
        which langdetect cannot read (probability None); or long and in a language without a
        function-word list (Somali, Swahili, Welsh...), by ``likelihood_ratios`` and langdetect."""
        folded_chunks = sentence.casefold().split()
        markers_close = not self.fragment_markers.isdisjoint(folded_chunks) and self._markers_close(folded_chunks)
        if not markers_close and not (self.fragment_margin and self._may_hold_long_run(sentence.split())):
            return  # most sentences: too few foreign function words, and no long run of other words
        for run, names_run in self._small_word_runs(sentence):
            if len(run) < self.fragment_words:
                continue
            found = (
                self._listed_language_fragment(sentence, run, names_run)
                or self._romanized_arabic_fragment(run, names_run)
                or self._unlisted_language_fragment(sentence, run, names_run))
            if found:
                yield found

    def _markers_close(self, chunks: list[str]) -> bool:
        """Whether ``fragment_function_words`` words of the other languages' lists come within a
        run's length of each other, as in a clause ("dans le respect des droits"); English
        sentences hold a few such words ("per", "die", "den") far apart."""
        at = list(compress(count(), map(self.fragment_markers.__contains__, chunks)))
        need = self.fragment_function_words - 1
        return any(at[i + need] - at[i] < self.fragment_words * 2 for i in range(len(at) - need))

    def _listed_language_fragment(self, sentence: str, run: list, names_run: bool) -> tuple | None:
        """A run with ``fragment_function_words`` function words of one other language, which
        langdetect reads as that language."""
        index = self.other_function_words
        counts = Counter(lang for _s, _e, word, _comma in run for lang in index.get(word, ()))
        languages = {lang for lang, n in counts.items() if n >= self.fragment_function_words}
        if not languages:
            return None
        span = self._fragment_span(run, names_run, lambda word: languages.intersection(index.get(word, ())))
        result = detect_language(sentence[span[0] : span[1]]) if span else None
        if result is not None and result[0] in languages and self._foreign_verdict(*result):
            return *span, *result
        return None

    def _romanized_arabic_fragment(self, run: list, names_run: bool) -> tuple | None:
        """A run dense with Arabic particles in Latin letters, next to a word with the article."""
        if (sum(word in _ROMANIZED_ARABIC_PARTICLES for _s, _e, word, _c in run) < self.fragment_function_words
                or not any(_ROMANIZED_ARABIC_ARTICLE.match(word) for _s, _e, word, _c in run)):
            return None
        span = self._fragment_span(run, names_run, _ROMANIZED_ARABIC_PARTICLES.__contains__)
        return (*span, "ar", None) if span else None

    def _unlisted_language_fragment(self, sentence: str, run: list, names_run: bool) -> tuple | None:
        """A clause in a language that has no function-word list. With no function words to go by,
        it needs ``fragment_words`` different words between two commas (a list of words, "oud,
        qanun, nay, riq", is no clause), read by langdetect as that language and far likelier in
        it than in the expected language (see ``_reads_as_unlisted``). The whole run between
        commas is reported when it reads so too."""
        if not self.fragment_margin:
            return None
        stretches, first = [], 0
        for i in range(1, len(run) + 1):
            if i == len(run) or run[i][3]:  # a comma before word i
                stretches.append(run[first:i])
                first = i
        for stretch in stretches:
            glued = names_run and stretch is stretches[0]
            if len({word for _s, _e, word, _c in stretch}) < self.fragment_words:
                continue
            clause = self._reads_as_unlisted(sentence, stretch, glued)
            if clause:
                whole = self._reads_as_unlisted(sentence, run, names_run) if len(stretches) > 1 else None
                return whole if whole and whole[2] == clause[2] else clause
        return None

    def _reads_as_unlisted(self, sentence: str, run: list, names_run: bool) -> tuple | None:
        """(start, end, language, probability) when the run, glued to no name, reads as a language
        without a list: the likeliest of them by ``likelihood_ratios``, by ``fragment_margin`` per
        n-gram over the expected language (langdetect alone reads four English words as Danish
        or Tagalog with probability 1), and langdetect's verdict. Words at its ends likelier in
        the expected language ("the board said ...") are left out; ``fragment_words`` words and
        ``min_letters`` letters must remain."""
        if names_run or sum(end - start for start, end, _w, _c in run) < self.min_letters:
            return None
        ratios = likelihood_ratios(sentence[run[0][0] : run[-1][1]], self.language, self._unlisted_languages())
        if not ratios:
            return None
        language = max(ratios, key=ratios.__getitem__)

        def expected_word(word: tuple) -> bool:
            return likelihood_ratios(sentence[word[0] : word[1]], self.language, (language,)).get(language, 0) <= 0

        first, last = 0, len(run)
        while first < last and expected_word(run[first]):
            first += 1
        while last > first and expected_word(run[last - 1]):
            last -= 1
        words = run[first:last]
        if len(words) < self.fragment_words or sum(end - start for start, end, _w, _c in words) < self.min_letters:
            return None
        text = sentence[words[0][0] : words[-1][1]]
        if likelihood_ratios(text, self.language, (language,)).get(language, 0) < self.fragment_margin:
            return None
        result = detect_language(text)
        if result is None or result[0] != language or not self._foreign_verdict(*result):
            return None
        return (words[0][0], words[-1][1], *result)

    def _unlisted_languages(self) -> tuple[str, ...]:
        """The languages langdetect knows that have no function-word list, but the expected one
        and, when the expected script is Latin, those of other scripts."""
        if self.unlisted_languages is None:
            latin_expected = bool(self.expected.match("a"))
            other_script = _NON_LATIN_LANGUAGES if latin_expected else frozenset()
            self.unlisted_languages = tuple(
                code for code in _profile_languages()
                if code not in self.listed_languages and code != self.language and code not in other_script)
        return self.unlisted_languages

    def _may_hold_long_run(self, chunks: list[str]) -> bool:
        """Whether ``fragment_words`` words in a row may be small words of no function-word list:
        a quick bound on the chunks between spaces that most sentences fail at once, with a
        function word every few chunks. A lone function word or a capitalised word breaks a run,
        but for one after an opening quote or bracket; a chunk without letters
        (a figure, a dash) neither adds to it nor breaks it. Words glued by a comma count as one."""
        lone = self.lone_function_words
        breaks = [-1, *compress(count(), map(lone.__contains__, chunks)), len(chunks)]
        if max(map(sub, breaks[1:], breaks)) <= self.fragment_words:  # (the gaps between breaks, in C)
            return False
        streak, opens = 0, False  # opens: the next word may open a quotation
        for chunk in chunks:
            if chunk in lone or (not chunk[-1].isalpha() and chunk.rstrip(_CLOSERS) in lone):
                streak = 0
            elif chunk.islower():
                streak += 1
            elif chunk.lower() == chunk.upper():
                opens = opens or chunk[-1] in _OPENERS  # no letter of any case: a quotation mark, a figure
                continue
            elif chunk[:1].islower():
                streak += 1  # a small word glued to a capitalised one
            else:
                opening = opens or chunk[:1] in _OPENERS
                streak = 1 if opening and chunk.lstrip(_OPENERS).lower() not in lone else 0
            opens = False
            if streak >= self.fragment_words:
                return True
        return False

    def _fragment_span(self, run: list[tuple[int, int, str, bool]], names_run: bool, is_marker) -> tuple[int, int] | None:
        """The span of the fragment in ``run``: from the last comma before its first marker word
        to the first comma after its last one (beyond them may be English words), if it is long
        enough and goes on no name."""
        markers = [i for i, (_s, _e, word, _c) in enumerate(run) if is_marker(word)]
        after_comma = max((i for i in range(markers[0] + 1) if run[i][3]), default=0)
        before_comma = min((i for i in range(markers[-1] + 1, len(run)) if run[i][3]), default=len(run))
        run = run[after_comma:before_comma]
        if len(run) < self.fragment_words or (names_run and not after_comma):
            return None
        return run[0][0], run[-1][1]

    def _small_word_runs(self, sentence: str) -> Iterator[tuple[list[tuple[int, int, str, bool]], bool]]:
        """Runs of words in small letters, none a function word of the expected language, apart
        only by spaces, commas and digits: (start, end, casefolded word, comma before it) each,
        and whether the run goes on a name: glued by a space to a capitalised word that is no
        function word ("the Plan national de lutte contre la pauvreté": French capitalises a
        name's first word only). A capitalised word, any other punctuation, another script or a
        borrowed phrase (the rule's ``exceptions``: "je ne sais quoi") ends a run; but the first
        word of a quotation may start one, as no name (“Hizi ni habari...”)."""
        borrowed = [m.span() for m in self.borrowed.finditer(sentence)] if self.borrowed else []
        run: list[tuple[int, int, str, bool]] = []
        names_run = False
        previous, last_end = "", 0
        for m in _WORD.finditer(sentence):
            word = m.group()
            folded = word.casefold().replace("’", "'")
            gap = sentence[last_end : m.start()]
            opening = word[:1].isupper() and word[1:].islower() and _OPENS_QUOTATION.search(gap)
            in_run = (
                (word.islower() or opening) and folded not in self.stopwords and not self.foreign.search(word)
                and not any(start <= m.start() < end for start, end in borrowed))
            if run and not (in_run and _FRAGMENT_GAP.fullmatch(gap)):
                yield run, names_run
                run = []
            if in_run:
                if not run:
                    folded_previous = previous.casefold()
                    names_run = (
                        previous[:1].isupper() and gap == " " and folded_previous not in self.stopwords
                        and folded_previous not in self.other_function_words)
                run.append((m.start(), m.end(), folded, bool(run) and "," in gap))
            previous, last_end = word, m.end()
        if run:
            yield run, names_run

    def _languages(self, doc: Document) -> Iterator[Finding]:
        flagged: list[tuple[int, int, int, str, float | None]] = []
        for block_no, start, end, sentence in self._pieces(doc):
            result = self._sentence_language(sentence)
            if result is None:
                if self.other_function_words:
                    flagged.extend(
                        (block_no, start + f_start, start + f_end, lang, prob)
                        for f_start, f_end, lang, prob in self._fragments(sentence)
                        if not is_gloss(doc.text, start + f_start, start + f_end))
                continue
            lang, prob = result
            last = flagged[-1] if flagged else None
            if last and last[0] == block_no and last[3] == lang and last[4] is not None and not doc.text[last[2] : start].strip():
                flagged[-1] = (block_no, last[1], end, lang, min(last[4], prob))
            else:
                flagged.append((block_no, start, end, lang, prob))
        for block_no, start, end, lang, prob in flagged:
            name = language_name(lang)
            if name.casefold() in announced_languages(doc.blocks[block_no].text):
                continue  # a transcript's "[in French]": quoted on purpose
            if prob is None:  # Arabic in Latin letters, which langdetect cannot weigh
                name = f"{name} in Latin letters"
                data = {"language": lang, "language_name": name, "romanized": True, "expected": self.language}
                probability, evidence = "n/a", "transliterated particles"
            else:
                data = {"language": lang, "language_name": name, "probability": round(prob, 3), "expected": self.language}
                probability = f"{prob:.2f}"
                evidence = f"probability {probability}"
            yield self.finding(
                doc, start, end, data=data,
                language=name, probability=probability, evidence=evidence, expected=language_name(self.language),
            )
