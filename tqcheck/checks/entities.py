"""``entities``: organisation names garbled by word-by-word translation, found against a gazetteer.

Every capitalised multi-word span ("International Money Fund") that is not a
known name is compared, token by token, with the gazetteer forms that share a word with it.
Tokens match when equal or close in spelling (Money ~ Monetary: rapidfuzz ratio or a shared
stem). A span is reported as a garble of a form when:

- most tokens match (``min_score`` of the longer of the two, ignoring connectors like "of");
- at least one matched token is distinctive, i.e. not in ``generic`` ("International Contact
  Group" shares only generic words with "International Crisis Group": not reported), unless
  every word matches and the only differences are typos ("Bahrrain News Agency") or renderings;
- a word matches its ``renderings`` too, the words a word-for-word translation puts in its
  place (Fund -> Box, States -> Countries): "International Monetary Box", "League of Arab
  Countries";
- the first and the last word of the form are there: a different one is another body ("Iraqi
  Ministry of Electricity" is not the "Iraqi Ministry of Oil"), a missing one a generic
  reference ("Council of Ministers" is not a garbled "Iraqi Council of Ministers");
- partly matched tokens keep the order of the form (a reordered subset is another name); all
  the words of a form in another order are the name garbled ("Bank of Islamic Development"), and
  with other words besides only when none matches by a mere shared stem ("Public Funds
  Investment Office" is not the Public Investment Fund);
- no extra word of the span is a place or nationality in ``regions`` (the "Union of Arab
  Football Associations" is not a garbled European one), and a two-word name missing a word
  of the form is an ordinary phrase ("Iraqi Oil"), after other words too ("Exports of Iraqi Oil");
- British and American spellings (Organisation / Organization, Centre / Center) are one word.

A name may end before an " in " of the span: "the League of Arab Countries in Cairo" is reported
without "in Cairo", and a span running past an " in " garbles only a name with one ("UN Agency in
Cairo" is no garbled "UN Refugee Agency"; "United Nations Mission in Libya" is a garbled
"United Nations Support Mission in Libya").

A span the finder joined at "and" to a known name ("the World Bank and the Bank of Islamic
Development") is not that name garbled: the runs of words between the known names are checked
on their own.

A name followed by the acronym of one body of the gazetteer ("National Body for Disaster Relief
(NDMA)") is a garble of that body's name when it shares words with its names but is none of them
(see Entities._acronym_garble): the acronym says which body is meant, however far the words went.

A known name cut before its last " and " is a short form of it, not reported: the "Turkish
Ministry of Energy" is the Ministry of Energy and Natural Resources, not a garble of it.

A known name with one of the ``movable_heads`` moved between the two English shapes is known:
the "Iraqi Oil Ministry" is the "Iraqi Ministry of Oil" (see Entities._head_moves).

A place written as a possessive before the rest of a name is the name: "Iraq's Ministry of Oil"
is the "Iraqi Ministry of Oil", "Kuwait's Investment Authority" the "Kuwait Investment Authority"
(an "'s" is a connector).

A span holding a known name is that name in a longer phrase ("World Bank President"), unless
the only other word is one of the ``classifiers`` MT adds before or after a name ("World Food
Programme Organization", "Organization of the Islamic State").

The name, and so the finding and its fix, starts at the first word of the span that matches the
form: "Experts at the Small Weapons Survey" reports "Small Weapons Survey". A leading "the" or
"Al" is kept only where the form starts with it.

A span inside a known name (an exact gazetteer form, in any case) is never reported, even
where the span finder cuts the name differently.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property, lru_cache
from itertools import dropwhile, groupby
from typing import NamedTuple

import regex

from ..document import Document
from ..model import Finding
from ..names import fold
from .base import Check, LazyPattern, Param, RuleDataError

_ARTICLES = frozenset(["al", "el", "ad", "an", "ar", "as", "ash", "at", "az"])  # joined to a name: al-Qaeda
_CAP_WORD = r"\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*"
_CAP = rf"(?:(?:{'|'.join(sorted(_ARTICLES))})-)?{_CAP_WORD}"
_BEFORE_SPAN = r"[\p{L}\p{M}\d@#/.-]"  # a span does not start after one of these (inside a word, handle, path)
_NAME_CHAR = LazyPattern(_BEFORE_SPAN)  # compiled on first use, as _ALNUM, _AND, _NON_SPACE: few spans need them
_WORD = regex.compile(r"[\p{L}\p{M}\d]+")
# In ASCII text the _WORD runs are the runs of letters and digits: split() finds them faster.
_ASCII_SEPARATORS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})
_ALNUM = LazyPattern(r"[\p{L}\d]")  # the letter/digit boundary of a known name
_AND = LazyPattern(r"\s+(?:and|&)\s+(?:the\s+)?")
_NON_SPACE = LazyPattern(r"\S+")
_ACRONYM_AFTER = LazyPattern(r"[ \t]?\((\p{Lu}[\p{L}]{1,9})\)")  # " (NDMA)" after a name
_RENDERING = 0.9  # the similarity of a word and its rendering: as close as a typo (see _alignment_score)
_CACHE_SIZE = 8192  # entries in each per-check cache (words, spans; 2 MB at most); emptied when full
# British and American spellings of one word are the same word here (Centre ~ Center).
_SPELLING = (("isation", "ization"), ("isatio", "izatio"), ("centre", "center"), ("programme", "program"),
             ("defence", "defense"), ("labour", "labor"), ("theatre", "theater"), ("ae", "e"))


def _bits(mask: int) -> Iterator[int]:
    """The positions of the bits set in ``mask``, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _keeps_a_piece(word: str, other: str, edits: int) -> bool:
    """Whether one of ``edits`` + 1 pieces of ``word`` is in ``other``, moved by ``edits`` at most:
    true of two words ``edits`` or fewer edits apart (see Entities._near_words)."""
    pieces = edits + 1
    for i in range(pieces):
        place = i * len(word) // pieces
        piece = word[place : (i + 1) * len(word) // pieces]
        if other.find(piece, max(0, place - edits), place + edits + len(piece)) >= 0:
            return True
    return False


def _is_acronym(alias: str) -> bool:
    """NDMA, AfDB, SoDMA: letters, two capitals at least, one small letter at most."""
    return alias.isalpha() and sum(map(str.isupper, alias)) >= 2 and sum(map(str.islower, alias)) <= 1


def _spells(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` is the starts of some of ``words`` in order: "Union Générale Tunisienne
    du Travail" spells UGTT, "Agence Nationale de Promotion de l'Emploi et des Compétences" ANAPEC."""
    letters, words = _fold(acronym), [_fold(w) for w in words]

    @lru_cache(maxsize=None)  # each (i, j) once: a long title-case span stays cheap
    def spelt(i: int, j: int) -> bool:  # letters[i:] by the starts of words[j:]
        if i == len(letters):
            return True
        for k in range(j, len(words)):
            n = 0
            while n < len(words[k]) and i + n < len(letters) and words[k][n] == letters[i + n]:
                n += 1
                if spelt(i + n, k + 1):
                    return True
        return False

    return spelt(0, 0)


def _spelling(token: str) -> str:
    for uk, us in _SPELLING:
        if uk in token:
            token = token.replace(uk, us)
    return token


def _fold(word: str) -> str:
    """names.fold. For an ASCII word of letters and digits that is its lower case (a test pins
    it), and skipping fold's Unicode work for the gazetteer's 1,500 words saves 3 ms a start."""
    return word.lower() if word.isascii() and word.isalnum() else fold(word)


def _levenshtein_similarity(a: str, b: str) -> float:
    """1 - edit distance / length of the longer: rapidfuzz's normalized_similarity, same floats.
    The distance is counted with Hyyrö's bit-parallel algorithm, as rapidfuzz's Python code does."""
    longer = max(len(a), len(b))
    if not a:
        return 1.0 - len(b) / longer if longer else 1.0
    masks: dict[str, int] = {}
    for i, c in enumerate(a):
        masks[c] = masks.get(c, 0) | 1 << i
    vp, vn, top, distance = (1 << len(a)) - 1, 0, 1 << (len(a) - 1), len(a)
    for c in b:
        x = masks.get(c, 0)
        d0 = (((x & vp) + vp) ^ vp) | x | vn
        hp = vn | ~(d0 | vp)
        hn = d0 & vp
        distance += (hp & top) != 0
        distance -= (hn & top) != 0
        hp = (hp << 1) | 1
        vp = (hn << 1) | ~(d0 | hp)
        vn = hp & d0
    return 1.0 - distance / longer


@lru_cache(maxsize=65536)
def _token(word: str, connectors: frozenset[str]) -> str | None:
    """The folded, spelling-normalised token of a word; None for a connector. Cached: the
    gazetteer's 1,400 names share most of their words."""
    token = _fold(word)
    return None if token in connectors else _spelling(token)


def _span_pattern(connectors: frozenset[str], lead: str) -> regex.Pattern:
    """A would-be name: capitalised words joined by spaces and connectors ("Institute for Near
    East Policy"), the first one matched by ``lead``."""
    alternation = "|".join(regex.escape(c) for c in sorted(connectors, key=len, reverse=True))
    return regex.compile(rf"{lead}(?:[ \t]+(?:(?:{alternation})[ \t]+)*{_CAP})+(?![\p{{L}}\p{{M}}\d])")


class Form(NamedTuple):  # a tuple: 1,400 of them are built at every start
    text: str  # the form as written in the gazetteer (a name or an alias)
    canonical: str
    tokens: tuple[str, ...]  # folded content tokens


class Garble(NamedTuple):  # see Entities._find_garble
    start: int  # where the garbled name starts and ends in the span
    end: int
    form: Form
    score: float
    acronym: str = ""  # the body's acronym written after the name (see Entities._acronym_garble)


class Alignment(NamedTuple):  # see Entities._alignment_score
    score: float
    lead: int  # the words of the span before the name ("Experts at Middle Forum": 1)


class _NearIndex(NamedTuple):  # see Entities._near_index
    by_start: dict[str, list[str]]  # the words of the forms by their first four letters
    by_piece: dict[str, list[tuple[str, int, int]]]  # piece -> (word, where it starts in the word, _max_edits)
    piece_lengths: list[int]
    always: list[str]  # words too short to cut into pieces


class Entities(Check):
    kind = "entities"
    keys = {
        "gazetteer": Param("tsv", None, required=True, columns=3, help="TSV: name<TAB>aliases (| separated)<TAB>type"),
        "generic": Param("str_list", [], help="words too common in names to identify one"),
        "regions": Param("str_list", [], help="place and nationality words: a different one means another body"),
        "connectors": Param("str_list", ["of", "for", "and", "the", "on", "in", "a", "to", "at", "de", "du", "des", "la", "le", "al", "el", "&", "s"]),
        "min_score": Param("number", 0.6, help="share of tokens that must match"),
        "min_token_similarity": Param("number", 0.8, help="rapidfuzz ratio (0-1) for two tokens to match"),
        "renderings": Param("str_map", {}, help="gazetteer word: its word-for-word renderings, | separated (fund: box | chest)"),
        "classifiers": Param("str_list", [], help="words MT adds before or after a name (organization)"),
        "movable_heads": Param("str_list", [], help="head nouns written before or after the words they head (ministry)"),
    }

    def compile(self, options: dict) -> None:
        self._rapidfuzz = None  # imported once enough tokens were compared: see _similarity
        self._compared = 0
        self._alike_cache: dict[str, dict[str, float]] = {}  # see _alike_words
        self._near: _NearIndex | None = None  # built on first use: see _near_index
        self._garbles: dict[tuple[str, bool], tuple[int, Form, float] | None] = {}  # see _garble
        self.connectors = frozenset(c.casefold() for c in options["connectors"])
        self.generic = {_fold(g) for g in options["generic"]}
        self.regions = {_fold(r) for r in options["regions"]}
        self.min_score = options["min_score"]
        self.min_token_similarity = options["min_token_similarity"]
        self.classifiers = {self._word(c) for c in options["classifiers"]}
        self.movable_heads = {self._word(h) for h in options["movable_heads"]}
        self.renderings = {self._word(w): {self._word(r) for r in rs.split("|") if r.strip()} for w, rs in options["renderings"].items()}
        self.known: set[tuple[str, ...]] = set()
        # The names cut before their last "and" (_short_form): not in known, which _joins_a_known_name
        # looks up, as a garble may start with one ("Moroccan Justice and Developing Party").
        self.short_forms: set[tuple[str, ...]] = set()
        self.forms: list[Form] = []
        # Forms by the stems (first four letters) of their distinctive words and of all their
        # words (and of the renderings of these words: "work" leads to "Labour"), and by their
        # first and their last words, as bit masks: bit i is self.forms[i].
        self.index: dict[str, int] = defaultdict(int)
        self.by_stem: dict[str, int] = defaultdict(int)
        self.by_first: dict[str, int] = defaultdict(int)
        self.by_last: dict[str, int] = defaultdict(int)
        self.with_in = 0  # the forms with an " in " ("United Nations Support Mission in Libya")
        # An acronym among the aliases -> the names of its bodies and the tokens of their forms.
        self.acronyms: dict[str, list[tuple[str, tuple[tuple[str, ...], ...]]]] = defaultdict(list)
        for name, aliases, _type, _line in options["gazetteer"]:
            texts = [name, *(a.strip() for a in aliases.split("|") if a.strip())]
            entry = [self._tokens(text) for text in texts]
            self.known.update(self._moved_names(entry))
            for acronym in filter(_is_acronym, texts[1:]):
                self.acronyms[acronym].append((name, tuple(entry)))
            for text, tokens in zip(texts, entry):
                self.known.add(tokens)
                if short := self._short_form(text):
                    self.short_forms.add(short)
                if len(tokens) >= 2:
                    bit = 1 << len(self.forms)
                    for stem in self._stems(tokens):
                        self.by_stem[stem] |= bit
                    # A garble must share a distinctive word (or be a typo of an all-generic
                    # name), so only those words lead to a form: far fewer comparisons.
                    for stem in self._stems([t for t in tokens if t not in self.generic] or tokens):
                        self.index[stem] |= bit
                    self.by_first[tokens[0]] |= bit
                    self.by_last[tokens[-1]] |= bit
                    if " in " in text.casefold():
                        self.with_in |= bit
                    self.forms.append(Form(text, name, tokens))
        if not self.forms:
            raise RuleDataError("gazetteer: no multi-word names found", ("gazetteer",))
        vocabulary = {t for f in self.forms for t in f.tokens}
        self._rendered: dict[str, set[str]] = defaultdict(set)  # a rendering -> the gazetteer words it renders
        for word, renderings in self.renderings.items():
            if word in vocabulary:
                for rendering in renderings:
                    self._rendered[rendering].add(word)
        self._known_names = None  # compiled on first use, and only for text the scan cannot take
        # Spans start at a capital, even after a hyphen: _spans checks the article before it. The
        # first word is atomic: a space must follow it, so giving back letters cannot help.
        self.pattern = _span_pattern(self.connectors, rf"(?<![\p{{L}}\p{{M}}\d@#/.])(?>{_CAP_WORD})")

    @cached_property
    def _names(self) -> set[str]:
        """The forms casefolded: only _inside_known_name needs them, for a would-be finding."""
        return {f.text.casefold() for f in self.forms}

    @cached_property
    def _by_prefix(self) -> dict[str, list[int]] | None:
        """The lengths of the names by their first two characters, longest first, for the scan
        of _inside_known_name; None when the scan may differ from the regex. The scan equals the
        regex when every name char is Latin-1 and every window char casefolds to one char: then
        casefold() and the regex's case matching agree (tests/test_load_speed_entities.py checks
        it for every code point)."""
        if min(map(len, self._names)) < 2 or max("".join(self._names)) >= "\u0100":
            return None
        by_prefix = defaultdict(set)
        for n in self._names:
            by_prefix[n[:2]].add(len(n))
        return {k: sorted(v, reverse=True) for k, v in by_prefix.items()}

    def _stems(self, tokens: list[str] | tuple[str, ...]) -> set[str]:
        """The stems (first four letters) of the words and of their renderings."""
        return {w[:4] for t in tokens for w in (t, *self.renderings.get(t, ()))}

    @staticmethod
    def _word(word: str) -> str:
        """A word of the rule file as a token: folded, spelling-normalised."""
        return _spelling(_fold(word.strip()))

    def _short_form(self, name: str) -> tuple[str, ...]:
        """The tokens of ``name`` before its last " and " or " & " (none without one): writers drop
        the last part of a coordination ("Ministry of Energy and Natural Resources")."""
        cut = max(name.rfind(" and "), name.rfind(" & "))
        return self._tokens(name[:cut]) if cut > 0 else ()

    def _moved_names(self, entry: list[tuple[str, ...]]) -> set[tuple[str, ...]]:
        """The _head_moves of the names of a gazetteer entry, but for those that start another of
        its names after their first words: the "Saudi Foreign Ministry" is no "Saudi Ministry of
        Foreign", a cut "Saudi Ministry of Foreign Affairs" (nor an "Emirati" one a cut "UAE" one)."""
        moved = {m for tokens in entry for m in self._head_moves(tokens)}
        return {m for m in moved if not any(len(t) > len(m) and t[1 : len(m)] == m[1:] for t in entry)}

    def _head_moves(self, tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The same name with its head noun moved between the two English shapes: "Iraqi Ministry
        of Oil" is the "Iraqi Oil Ministry", "Gaza Health Ministry" the "Gaza Ministry of Health".
        The head goes after the first word at the earliest ("Gaza Ministry", not "Ministry of Gaza
        Health"), unless the name starts with it ("Ministry of Health", "Health Ministry")."""
        heads = [i for i, t in enumerate(tokens) if t in self.movable_heads]
        if len(heads) != 1:
            return []
        at, head = heads[0], tokens[heads[0]]
        rest = tokens[:at] + tokens[at + 1 :]
        if at < len(tokens) - 1:
            return [(*rest, head)]
        first = 0 if len(rest) == 1 else 1
        return [(*rest[:i], head, *rest[i:]) for i in range(first, len(rest))]

    def _tokens(self, text: str) -> tuple[str, ...]:
        connectors = self.connectors
        if not text.isascii():
            words = _WORD.findall(text)
        elif text.replace(" ", "").isalnum():
            words = text.split()
        else:
            words = text.translate(_ASCII_SEPARATORS).split()
        return tuple([t for w in words if (t := _token(w, connectors)) is not None])

    def _alike_words(self, token: str) -> dict[str, float]:
        """The gazetteer words alike ``token`` (equal, or _compare > 0), with their similarity.
        Kept per token: a span's words recur in many other spans, and most are alike no word or
        only themselves, so a span then meets its forms with set and dict look-ups."""
        found = self._alike_cache.get(token)
        if found is None:
            if len(self._alike_cache) >= _CACHE_SIZE:
                self._alike_cache.clear()  # an archive run meets new words without end
            found = {}
            for word in self._near_words(token):
                sim = 1.0 if word == token else self._compare(word, token)
                if sim > 0:
                    found[word] = sim
            self._alike_cache[token] = found
        return found

    def _near_words(self, token: str) -> set[str]:
        """The gazetteer words that may be alike ``token``: those sharing its first four letters
        (a stem is four letters at least, and the word itself is one of them), those it renders,
        and those within _max_edits of it. Two words d edits apart keep one of any d + 1 pieces of
        either intact, moved by d at most (the pigeonhole principle), so a piece found in the token
        near its place in a word, and a piece of the token in the word, make the word a candidate;
        _compare then decides."""
        near = self._near_index()
        found = {*near.by_start.get(token[:4], ()), *near.always, *self._rendered.get(token, ())}
        edits = self._max_edits(len(token))
        for length in near.piece_lengths:
            for at in range(len(token) - length + 1):
                for word, place, word_edits in near.by_piece.get(token[at : at + length], ()):
                    limit = min(edits, word_edits)
                    if abs(at - place) <= limit and abs(len(word) - len(token)) <= limit and _keeps_a_piece(token, word, limit):
                        found.add(word)
        return found

    def _near_index(self) -> _NearIndex:
        """The words of the forms by their first four letters and by the pieces _near_words looks
        for: each word cut into _max_edits + 1 pieces, or always compared when too short to cut.
        Built when a span first reaches a form."""
        if self._near is None:
            words = {t for f in self.forms for t in f.tokens}
            cuts = {}  # length -> (_max_edits, the (start, end) of each piece of a word that long)
            for n in {len(w) for w in words}:
                edits = self._max_edits(n)
                cuts[n] = (edits, [(i * n // (edits + 1), (i + 1) * n // (edits + 1)) for i in range(edits + 1)])
            by_start, by_piece, always = defaultdict(list), defaultdict(list), []
            for word in words:
                by_start[word[:4]].append(word)
                edits, pieces = cuts[len(word)]
                if edits >= len(word):
                    always.append(word)  # an empty piece: every token may be alike it
                    continue
                for start, end in pieces:
                    by_piece[word[start:end]].append((word, start, edits))
            self._near = _NearIndex(dict(by_start), dict(by_piece), sorted({len(p) for p in by_piece}), always)
        return self._near

    def _max_edits(self, length: int) -> int:
        """The most edits between a word of ``length`` letters and a word alike it by similarity:
        1 - d / longer >= s with longer <= shorter + d gives d <= shorter * (1 - s) / s (with a
        margin for rounding; a larger bound only lets more words be compared)."""
        s = self.min_token_similarity
        return length if s <= 0 else max(0, int(length * (1 - s) / s + 1e-6))

    def _compare(self, a: str, b: str) -> float:
        """How alike gazetteer word ``a`` and span word ``b`` are, 0 when not alike."""
        if b in self.renderings.get(a, ()):
            return _RENDERING
        shorter = min(len(a), len(b))
        stem = max(4, math.ceil(0.6 * shorter))  # the shortest shared start that is a stem
        if stem <= shorter and a[:stem] == b[:stem]:
            return 0.8  # a shared stem: Money ~ Monetary, Revolution ~ Revolutionary
        longer = max(len(a), len(b))
        if 1.0 - abs(len(a) - len(b)) / longer < self.min_token_similarity:
            return 0.0  # the length difference alone puts the similarity below the threshold
        sim = self._similarity(a, b)
        return sim if sim >= self.min_token_similarity else 0.0

    def _similarity(self, a: str, b: str) -> float:
        """Normalised Levenshtein similarity. Importing rapidfuzz costs more (12 ms) than the
        comparisons of a few articles in Python, so it is imported only once a run needs many."""
        if self._rapidfuzz is None:
            self._compared += 1
            if self._compared <= 500:
                return _levenshtein_similarity(a, b)
            from rapidfuzz.distance import Levenshtein

            self._rapidfuzz = Levenshtein.normalized_similarity
        return self._rapidfuzz(a, b)

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for start, end in self._spans(text):
            initial = doc.starts_sentence(start)
            found = self._garble(text[start:end], initial)
            if found is None and "(" in text[end : end + 2] and (m := _ACRONYM_AFTER.match(text, end)):
                found = self._acronym_garble(text[start:end], initial, m.group(1))
            if found and not self._inside_known_name(text, start + found.start, start + found.end):
                data = {"score": round(found.score, 3), "form": found.form.text}
                if found.acronym:
                    data["acronym"] = found.acronym
                yield self.replacement(doc, start + found.start, start + found.end, found.form.canonical, safe=False, data=data)

    def _garble(self, span: str, initial: bool) -> Garble | None:
        """Cached _find_garble: a name recurs in an article, and across the articles of a corpus."""
        key = (span, initial)
        if key not in self._garbles:
            if len(self._garbles) >= _CACHE_SIZE:
                self._garbles.clear()
            self._garbles[key] = self._find_garble(span, initial)
        return self._garbles[key]

    def _find_garble(self, span: str, initial: bool) -> Garble | None:
        """Where the garbled name is in the span, the form it garbles and the score, or None."""
        tokens = self._tokens(span)
        if not self._may_reach_a_form(tokens):
            return None
        if self._joins_a_known_name(span):
            return self._garble_beside_known_names(span, initial)
        best = None  # (offset, end, form, alignment)
        for offset in self._starts(span, initial):
            if offset:
                tokens = self._tokens(span[offset:])
            if tokens in self.known:
                return None  # "Officials at the <known name>": the name is written right
            if len(tokens) < 2:
                break
            ends = self._ends(span, offset)
            for end in ends:
                part = tokens if end == len(span) else self._tokens(span[offset:end])
                if part in self.known or part in self.short_forms:
                    return None  # "<known name> in <place>", or a short form of a name
                # A part holding " in " garbles a name holding one: "UN Agency in Cairo" is not the UN Refugee Agency.
                found = self._best_form(part, self.with_in if end > ends[-1] else -1)
                if found and (best is None or found[1].score > best[3].score or (found[1].score == best[3].score and offset > best[0])):
                    best = (offset, end, *found)  # a tie: the span without its first word, the longer part
        if best is None:
            return self._garble_after_of_the(span)
        offset, end, form, alignment = best
        if self._possessive_of(span[offset:end], form):
            return None
        return Garble(offset + self._name_start(span[offset:end], alignment.lead, form), end, form, alignment.score)

    def _garble_after_of_the(self, span: str) -> Garble | None:
        """A garbled name after "of the" in a span that garbles nothing from its start: a
        body's office followed by the body ("the Statistics Office of the European Bank for
        Investment"; the span is one run of capitalised words). The last such name."""
        at = span.rfind(" of the ")
        if at < 0:
            return None
        tail = span[at + 8 :]
        tokens = self._tokens(tail)
        if len(tokens) < 2 or tokens in self.known or not self._may_reach_a_form(tokens):
            return None
        found = self._find_garble(tail, False)
        return found._replace(start=found.start + at + 8, end=found.end + at + 8) if found else None

    def _acronym_garble(self, span: str, initial: bool, acronym: str) -> Garble | None:
        """"National Body for Disaster Relief (NDMA)": a name followed by the acronym of one body of
        the gazetteer, sharing words with its names but none of them, is a garble of its name,
        however far. Not a known name (of a body sharing the acronym, after a place: "Iranian
        Revolutionary Guards"), nor one whose words spell the acronym (another body's, or the name
        in its own language: "Algérie Presse Service (APS)"), nor one sharing no distinctive word
        and fewer than two words with the body. Of the names the span may end with, the one
        sharing the most words for its length."""
        bodies = self.acronyms.get(acronym)
        if not bodies:
            return None
        words = frozenset(t for _, forms in bodies for form in forms for t in form)
        best = None
        for start in self._acronym_name_starts(span, initial, words):
            name = span[start:]
            tokens = self._tokens(name)
            if tuple(dropwhile(self.regions.__contains__, tokens)) in self.known or _spells(acronym, _WORD.findall(name)):
                return None  # written right: the body's name, or another body's with that acronym
            sharing = [(body, forms, shared) for body, forms in bodies if (shared := self._shared_words(tokens, forms))]
            if len(tokens) >= 2 and len(sharing) == 1 and (best is None or sharing[0][2] / len(tokens) >= best.score):
                body, forms, shared = sharing[0]
                best = Garble(start, len(span), Form(body, body, forms[0]), shared / len(tokens), acronym)
        return best

    def _acronym_name_starts(self, span: str, initial: bool, words: frozenset[str]) -> list[int]:
        """Where the name before an acronym may start in the span, nearest the acronym first: after
        an "and" (the finder joins names at "and"), up to a known name; or at the start, after
        the first word of a sentence when it is alike no word of the bodies (``words``:
        "Officials at the"), and after a "The"."""
        bounds = [(0, 0), *((m.start(), m.end()) for m in _AND.finditer(span))]  # the ends and starts of the parts
        starts, part_end = [], len(span)
        for before, start in reversed(bounds):
            if starts and self._tokens(span[start:part_end]) in self.known:
                return starts  # a known name before an "and" ends the name before the acronym
            starts.append(start)
            part_end = before
        if initial and (opening := _WORD.match(span)):
            first = _token(opening.group(), self.connectors)
            if first is None or not self._alike_words(first).keys() & words:
                starts[-1] = self._starts(span, True)[-1]
        if span.startswith(("The ", "the "), starts[-1]):
            starts[-1] += 4
        return starts

    def _written_as_in(self, tokens: tuple[str, ...], forms: tuple[tuple[str, ...], ...]) -> bool:
        """Whether ``tokens`` are a run of words of a form, each the same or a variant spelling
        (no rendering): a short form ("Revolutionary Guards"), a variant ("People's" for
        "Peoples'"), or a longer name the finder cut ("Security Affairs" after an invisible character)."""
        n = len(tokens)
        alike = [self._alike_words(t) for t in tokens]
        return any(
            all(form[i + k] in alike[k] and tokens[k] not in self.renderings.get(form[i + k], ()) for k in range(n))
            for form in forms
            for i in range(len(form) - n + 1)
        )

    def _shared_words(self, tokens: tuple[str, ...], forms: tuple[tuple[str, ...], ...]) -> int:
        """How many of ``tokens`` are alike words of ``forms`` (the names of a body) when one of
        them is distinctive or two are, and the tokens are not _written_as_in a form; else 0."""
        if self._written_as_in(tokens, forms):
            return 0
        words = frozenset().union(*forms)
        alike = [self._alike_words(t).keys() & words for t in tokens]
        shared = sum(map(bool, alike))
        distinctive = any(w not in self.generic for found in alike for w in found)
        return shared if distinctive or shared >= 2 else 0

    def _possessive_of(self, part: str, form: Form) -> bool:
        """Whether ``part`` is a form that starts with a place written as a possessive: "Iraq's
        Ministry of Oil" is the Iraqi Ministry of Oil, in plain English."""
        first, _, rest = part.partition(" ")
        return (
            first.endswith(("'s", "’s")) and len(form.tokens) > 1 and form.tokens[0] in self.regions
            and self._tokens(rest) == form.tokens[1:]
        )

    def _name_start(self, part: str, lead: int, form: Form) -> int:
        """Where the name starts in ``part``: at the word of its token ``lead``, with the words
        the form has before its first token ("Al Jazeera ...") but not others ("Experts at",
        "the"), so that the fix replaces the name alone. A hyphenated word is kept whole."""
        words = list(_WORD.finditer(part))
        content = [i for i, w in enumerate(words) if _token(w.group(), self.connectors) is not None]
        first = content[lead]
        form_words = _WORD.findall(form.text)
        form_first = next(i for i, w in enumerate(form_words) if _token(w, self.connectors) is not None)
        before = [w.casefold() for w in form_words[:form_first]]
        while first and before and words[first - 1].group().casefold() == before[-1]:
            first -= 1
            before.pop()
        start = words[first].start()
        while start and not part[start - 1].isspace():
            start -= 1
        return start

    def _may_reach_a_form(self, tokens: tuple[str, ...]) -> bool:
        """Whether two words of the span have stems of the gazetteer: else no form shares two
        stems with it (see _sharing_stems), nor with the part of it a name may start (the part
        has fewer words), and the span garbles nothing. Most spans are answered so."""
        return len({t[:4] for t in tokens} & self.by_stem.keys()) >= 2

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        """The (start, end) of the matches of _span_pattern with a lead that takes an article
        before the first capital, where no _BEFORE_SPAN character precedes (as the tests check).
        Such a pattern tries its article at every "a" and "e" of the text, most of its time;
        self.pattern starts only at capitals, and the article before one after a hyphen is
        checked here."""
        pos = 0
        while m := self.pattern.search(text, pos):
            start = m.start()
            if not start or text[start - 1] != "-":
                pos = m.end()
                yield start, pos
                continue
            pos = start + 1  # a capital after a hyphen starts a span only with its article
            for q in (start - 4, start - 3):  # "ash-Sham", "al-Qaeda"
                if q >= 0 and text[q : start - 1] in _ARTICLES and not (q and _NAME_CHAR.match(text, q - 1)):
                    pos = m.end()
                    yield q, pos
                    break

    def _joins_a_known_name(self, span: str) -> bool:
        """"the World Bank and the Iraqi Ministry of Electricity": the finder joined two names
        at "and"; when one side is a known name, the whole is not a garble of anything."""
        if "and" not in span and "&" not in span:
            return False  # what _AND splits at
        parts = _AND.split(span)
        return len(parts) > 1 and any(self._tokens(p) in self.known for p in parts)

    def _garble_beside_known_names(self, span: str, initial: bool) -> Garble | None:
        """"the World Bank and the Bank of Islamic Development": the finder joined a known name and
        a garble at "and". The runs of parts between the known names are names
        of their own, a run keeping its own "and"s ("Justice and Developing Party")."""
        parts, pos = [], 0  # the (start, end) of the parts between the "and"s
        for m in _AND.finditer(span):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, len(span)))
        for known, run in groupby(parts, key=lambda p: self._tokens(span[p[0] : p[1]]) in self.known):
            if not known:
                run = list(run)
                start, end = run[0][0], run[-1][1]
                if found := self._garble(span[start:end], initial and start == 0):
                    return found._replace(start=found.start + start, end=found.end + start)
        return None

    def _inside_known_name(self, text: str, start: int, end: int) -> bool:
        """A span the finder cut out of a longer known name ("Hayat Tahrir" of "Hayat Tahrir
        al-Sham") is not a garble. Searched only around a would-be finding, which is rare."""
        lo, hi = max(0, start - 120), min(len(text), end + 120)
        folded = text[lo:hi].casefold()
        if self._by_prefix is None or len(folded) != hi - lo:
            return self._inside_known_name_regex(text, start, end, lo, hi)
        # What the regex below does, without its 80 ms compile: scan left to right for the
        # longest name at each word start, then go on after it (non-overlapping matches).
        p = lo
        while p < hi:
            e = None
            if p == 0 or not _ALNUM.match(text, p - 1):
                for length in self._by_prefix.get(folded[p - lo : p - lo + 2], ()):
                    q = p + length
                    if q <= hi and folded[p - lo : q - lo] in self._names and (q == hi or not _ALNUM.match(text, q)):
                        e = q
                        break
            if e is None:
                p += 1
            elif p <= start and end <= e:
                return True
            else:
                p = e
        return False

    def _inside_known_name_regex(self, text: str, start: int, end: int, lo: int, hi: int) -> bool:
        """The reference: a regex named list, matched case-insensitively (simple case folding)."""
        if self._known_names is None:
            self._known_names = regex.compile(r"(?<![\p{L}\d])\L<names>(?![\p{L}\d])", regex.IGNORECASE, names=self._names)
        return any(k.start() <= start and end <= k.end() for k in self._known_names.finditer(text, lo, hi))

    @staticmethod
    def _ends(span: str, start: int) -> list[int]:
        """Where the name may end in the span: at its end, or before an " in " that may join a
        place to it ("the League of Arab Countries in Cairo"), longest first."""
        ends = [len(span)]
        at = span.rfind(" in ", start)
        while at > start:
            ends.append(at)
            at = span.rfind(" in ", start, at)
        return ends

    @staticmethod
    def _starts(span: str, initial: bool) -> list[int]:
        """Where the name may start in the span: a sentence-initial word may be an ordinary word
        joined to the name ("Analysts at the Carnegie ..."), so the span without it is tried too."""
        starts = [0]
        if initial:
            words = list(_NON_SPACE.finditer(span))
            nxt = next((w for w in words[1:] if w.group()[:1].isupper()), None)
            if nxt is not None:
                starts.append(nxt.start())
        return starts

    def _best_form(self, tokens: tuple[str, ...], among: int = -1) -> tuple[Form, Alignment] | None:
        """The form ``tokens`` garble best, of the forms in the bit mask ``among`` (all by default)."""
        forms = self._sharing_stems(tokens) & among
        if not forms:
            return None
        alike = [self._alike_words(t) for t in tokens]
        reachable = set().union(*alike)  # the words of the forms alike a word of the span
        best = None
        for i in _bits(forms & self._ends_reachable(reachable)):
            form = self.forms[i]
            found = self._score(form.tokens, tokens, alike, reachable)
            if found is not None and (best is None or found.score > best[1].score):
                best = (form, found)
        return best

    def _sharing_stems(self, tokens: tuple[str, ...]) -> int:
        """The forms (a bit mask) that share a stem of a distinctive word with the span, and two
        stems at least: two words at least must match, and matching words share their start."""
        reached = once = twice = 0
        for stem in {t[:4] for t in tokens}:
            reached |= self.index.get(stem, 0)
            forms = self.by_stem.get(stem, 0)
            twice |= once & forms
            once |= forms
        return reached & twice

    def _ends_reachable(self, reachable: set[str]) -> int:
        """The forms (a bit mask) whose first and last words are both in ``reachable``: the
        alignment matches both or rejects the form, and most forms are rejected so."""
        firsts = lasts = 0
        for word in reachable:
            firsts |= self.by_first.get(word, 0)
            lasts |= self.by_last.get(word, 0)
        return firsts & lasts

    def _score(self, form: tuple[str, ...], span: tuple[str, ...], alike: list[dict[str, float]], reachable: set[str]) -> Alignment | None:
        """_alignment_score, unless a bound rules the form out: each form word alike no word
        of the span (not in ``reachable``) adds nothing to the score, the others at most 1, and
        each pairs with its own word of the span."""
        matchable = min(len(span), sum(t in reachable for t in form))
        if matchable < 2 or matchable / max(len(form), len(span)) < self.min_score:
            return None
        return self._alignment_score(form, span, alike)

    def _alignment_score(self, form: tuple[str, ...], span: tuple[str, ...], alike: list[dict[str, float]]) -> Alignment | None:
        """Token alignment score and where the name starts in the span, or None when the span is
        not a garble of ``form``. ``alike[i]`` is the _alike_words of ``span[i]``."""
        n = len(form)
        if any(span[i : i + n] == form for i in range(len(span) - n + 1)):
            return self._classified_score(form, span)
        used: set[int] = set()
        used_order: list[int] = []  # span positions of the matched form tokens, in form order
        matched: list[tuple[int, float]] = []  # (index in form, similarity)
        for fi, ft in enumerate(form):
            options = [(alike[si].get(ft, 0.0), si) for si in range(len(span)) if si not in used]
            sim, si = max(options, default=(0.0, -1))
            if sim > 0:
                used.add(si)
                used_order.append(si)
                matched.append((fi, sim))
        if len(matched) < 2:
            return None
        score = sum(s for _, s in matched) / max(len(form), len(span))
        if score < self.min_score:
            return None
        matched_idx = {fi for fi, _ in matched}
        close = all(s >= 0.85 for _, s in matched)  # each word equal, misspelt or rendered, not a mere shared stem
        if used_order != sorted(used_order) and (len(matched) < len(form) or (len(span) > len(form) and not close)):
            return None  # in another order, partly matched or with stems among other words: another name
        complete = len(matched) == len(form) == len(span)
        typo_only = complete and close
        if not typo_only and not any(form[fi] not in self.generic for fi in matched_idx):
            return None  # only generic words in common, and more than a typo apart
        if 0 not in matched_idx or len(form) - 1 not in matched_idx:
            return None  # a different or missing first or last word: another body, or a generic reference
        extra = [span[si] for si in range(len(span)) if si not in used]
        if any(t in self.regions for t in extra):
            return None  # "Union of Arab Football Associations" is not a garbled European one
        lead = min(used)  # the words before the name: "Exports of" in "Exports of Iraqi Oil"
        if len(matched) < len(form) and len(span) - lead < 3:
            return None  # "Iraqi Oil" is an ordinary phrase, not "Iraqi Ministry of Oil" garbled
        if len(matched) == len(form) == len(span) and all(s == 1.0 for _, s in matched) and used_order == sorted(used_order):
            return None  # the same name
        return Alignment(score, lead)

    def _classified_score(self, form: tuple[str, ...], span: tuple[str, ...]) -> Alignment | None:
        """The score of a span holding ``form``: a garble when its one other word is a classifier
        before or after the name, else None (the name in a longer phrase)."""
        if len(span) != len(form) + 1:
            return None
        if (span[:-1] == form and span[-1] in self.classifiers) or (span[1:] == form and span[0] in self.classifiers):
            return Alignment(len(form) / len(span), 0)
        return None
