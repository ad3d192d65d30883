"""``entities``: organisation names garbled by word-by-word translation, found against a gazetteer.

Every capitalised multi-word span ("International Money Fund") that is not a
known name is compared, token by token, with the gazetteer forms that share a word with it.
Tokens match when equal or close in spelling (Money ~ Monetary: rapidfuzz ratio or a shared
stem). A span is reported as a garble of a form when:

- most tokens match (``min_score`` of the longer of the two, ignoring connectors like "of");
- at least one matched token is distinctive, i.e. not in ``generic`` ("International Contact
  Group" shares only generic words with "International Crisis Group": not reported), unless
  every word matches and the only differences are typos ("Bahrrain News Agency");
- the first and the last word of the form are there: a different one is another body ("Iraqi
  Ministry of Electricity" is not the "Iraqi Ministry of Oil"), a missing one a generic
  reference ("Council of Ministers" is not a garbled "Iraqi Council of Ministers");
- partly matched tokens keep the order of the form (a reordered subset is another name);
- no extra word of the span is a place or nationality in ``regions`` (the "Union of Arab
  Football Associations" is not a garbled European one), and a two-word span missing a word
  of the form is an ordinary phrase ("Iraqi Oil");
- British and American spellings (Organisation / Organization, Centre / Center) are one word.

A span inside a known name (an exact gazetteer form, in any case) is never reported, even
where the span finder cuts the name differently.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import Document
from ..model import Finding
from ..names import fold
from .base import Check, Param, RuleDataError

_CAP = r"(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*"
_WORD = regex.compile(r"[\p{L}\p{M}\d]+")
# British and American spellings of one word are the same word here (Centre ~ Center).
_SPELLING = (("isation", "ization"), ("isatio", "izatio"), ("centre", "center"), ("programme", "program"),
             ("defence", "defense"), ("labour", "labor"), ("theatre", "theater"), ("ae", "e"))


def _spelling(token: str) -> str:
    for uk, us in _SPELLING:
        token = token.replace(uk, us)
    return token


@dataclass(frozen=True)
class Form:
    text: str  # the form as written in the gazetteer (a name or an alias)
    canonical: str
    tokens: tuple[str, ...]  # folded content tokens
    stems: frozenset[str] = frozenset()  # first four letters of each token, for a cheap pre-check


class Entities(Check):
    kind = "entities"
    keys = {
        "gazetteer": Param("tsv", None, required=True, columns=3, help="TSV: name<TAB>aliases (| separated)<TAB>type"),
        "generic": Param("str_list", [], help="words too common in names to identify one"),
        "regions": Param("str_list", [], help="place and nationality words: a different one means another body"),
        "connectors": Param("str_list", ["of", "for", "and", "the", "on", "in", "a", "to", "at", "de", "du", "des", "la", "le", "al", "el", "&"]),
        "min_score": Param("number", 0.6, help="share of tokens that must match"),
        "min_token_similarity": Param("number", 0.8, help="rapidfuzz ratio (0-1) for two tokens to match"),
    }

    def compile(self, options: dict) -> None:
        from rapidfuzz.distance import Levenshtein

        self._similarity = Levenshtein.normalized_similarity
        self._alike_cache: dict[tuple[str, str], float] = {}
        self.connectors = {c.casefold() for c in options["connectors"]}
        self.generic = {fold(g) for g in options["generic"]}
        self.regions = {fold(r) for r in options["regions"]}
        self.min_score = options["min_score"]
        self.min_token_similarity = options["min_token_similarity"]
        self.known: set[tuple[str, ...]] = set()
        self.forms: list[Form] = []
        self.index: dict[str, set[int]] = defaultdict(set)
        for name, aliases, _type, _line in options["gazetteer"]:
            for text in [name, *(a.strip() for a in aliases.split("|") if a.strip())]:
                tokens = self._tokens(text)
                self.known.add(tokens)
                if len(tokens) >= 2:
                    self.forms.append(Form(text, name, tokens, frozenset(t[:4] for t in tokens)))
                    # A garble must share a distinctive word (or be a typo of an all-generic
                    # name), so only those words lead to a form: far fewer comparisons.
                    keys = {t for t in tokens if t not in self.generic} or set(tokens)
                    for token in keys:
                        self.index[token[:4]].add(len(self.forms) - 1)
        if not self.forms:
            raise RuleDataError("gazetteer: no multi-word names found", ("gazetteer",))
        self._known_names = None  # compiled on first use: most articles never need it
        connectors = "|".join(regex.escape(c) for c in sorted(self.connectors, key=len, reverse=True))
        self.pattern = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}\d@#/.-]){_CAP}(?:[ \t]+(?:(?:{connectors})[ \t]+)*{_CAP})+(?![\p{{L}}\p{{M}}\d])"
        )

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(_spelling(t) for t in (fold(w) for w in _WORD.findall(text)) if t not in self.connectors)

    def _alike(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        cached = self._alike_cache.get((a, b))
        if cached is None:
            cached = self._alike_cache[(a, b)] = self._compare(a, b)
        return cached

    def _compare(self, a: str, b: str) -> float:
        stem = len(os.path.commonprefix((a, b)))
        if stem >= 4 and stem >= 0.6 * min(len(a), len(b)):
            return 0.8  # a shared stem: Money ~ Monetary, Revolution ~ Revolutionary
        sim = self._similarity(a, b)
        return sim if sim >= self.min_token_similarity else 0.0

    def run(self, doc: Document) -> Iterator[Finding]:
        for m in self.pattern.finditer(doc.text):
            if self._joins_a_known_name(m.group()):
                continue
            best = None
            for start in self._starts(doc, m):
                tokens = self._tokens(doc.text[start : m.end()])
                if len(tokens) < 2 or tokens in self.known:
                    break
                found = self._best_form(tokens)
                if found and (best is None or found[1] > best[2]):
                    best = (start, found[0], found[1])
            if best and not self._inside_known_name(doc.text, best[0], m.end()):
                start, form, score = best
                yield self.replacement(doc, start, m.end(), form.canonical, safe=False, data={"score": round(score, 3), "form": form.text})

    def _joins_a_known_name(self, span: str) -> bool:
        """"the World Bank and the Iraqi Ministry of Electricity": the finder joined two names
        at "and"; when one side is a known name, the whole is not a garble of anything."""
        parts = regex.split(r"\s+(?:and|&)\s+(?:the\s+)?", span)
        return len(parts) > 1 and any(self._tokens(p) in self.known for p in parts)

    def _inside_known_name(self, text: str, start: int, end: int) -> bool:
        """A span the finder cut out of a longer known name ("Hayat Tahrir" of "Hayat Tahrir
        al-Sham") is not a garble. Searched only around a would-be finding, which is rare."""
        if self._known_names is None:
            names = {f.text.casefold() for f in self.forms}
            self._known_names = regex.compile(r"(?<![\p{L}\d])\L<names>(?![\p{L}\d])", regex.IGNORECASE, names=names)
        window = 120
        for k in self._known_names.finditer(text, max(0, start - window), min(len(text), end + window)):
            if k.start() <= start and end <= k.end():
                return True
        return False

    @staticmethod
    def _starts(doc: Document, m: regex.Match) -> list[int]:
        """Where the name may start: a sentence-initial word may be an ordinary word joined to
        the name ("Analysts at the Carnegie ..."), so the span without it is tried too."""
        starts = [m.start()]
        if doc.starts_sentence(m.start()):
            words = list(regex.finditer(r"\S+", m.group()))
            nxt = next((w for w in words[1:] if w.group()[:1].isupper()), None)
            if nxt is not None:
                starts.append(m.start() + nxt.start())
        return starts

    def _best_form(self, tokens: tuple[str, ...]) -> tuple[Form, float] | None:
        candidates = sorted({i for t in tokens for i in self.index.get(t[:4], ())})
        stems = {t[:4] for t in tokens}
        best = None
        for i in candidates:
            form = self.forms[i]
            if len(form.stems & stems) < 2:
                continue  # two words at least must match, and matching words share their start
            score = self._score(form.tokens, tokens)
            if score is not None and (best is None or score > best[1]):
                best = (form, score)
        return best

    def _score(self, form: tuple[str, ...], span: tuple[str, ...]) -> float | None:
        """Token alignment score, or None when the span is not a garble of ``form``."""
        n = len(form)
        if any(span[i : i + n] == form for i in range(len(span) - n + 1)):
            return None  # the span holds the name itself ("World Bank President ...")
        used: set[int] = set()
        used_order: list[int] = []  # span positions of the matched form tokens, in form order
        matched: list[tuple[int, float]] = []  # (index in form, similarity)
        for fi, ft in enumerate(form):
            options = [(self._alike(ft, st), si) for si, st in enumerate(span) if si not in used]
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
        order = [si for si in used_order]
        if len(matched) < len(form) and order != sorted(order):
            return None  # partly matched and in another order: another name
        complete = len(matched) == len(form) == len(span)
        typo_only = complete and all(s == 1.0 or s >= 0.85 for _, s in matched)
        if not typo_only and not any(form[fi] not in self.generic for fi in matched_idx):
            return None  # only generic words in common, and more than a typo apart
        if 0 not in matched_idx or len(form) - 1 not in matched_idx:
            return None  # a different or missing first or last word: another body, or a generic reference
        extra = [span[si] for si in range(len(span)) if si not in used]
        if any(t in self.regions for t in extra):
            return None  # "Union of Arab Football Associations" is not a garbled European one
        if not extra and len(matched) < len(form) and len(span) < 3:
            return None  # "Iraqi Oil" is an ordinary phrase, not "Iraqi Ministry of Oil" garbled
        if len(matched) == len(form) == len(span) and all(s == 1.0 for _, s in matched) and used_order == sorted(used_order):
            return None  # the same name
        return score
